// Host stand-ins for Remotion components that need browser networking or decoding:
// <IFrame> renders an <iframe> without waiting for a load event that can never come here, and
// <AnimatedImage> (fetch + ImageDecoder) renders an <img> with its src and a
// {kind: "degraded_component"} warning; <Solid> (which paints its colour on a canvas through a 2D
// context) is Remotion's own component with the colour written on the canvas as `data-color`.

import React from 'react';
import { Solid as RemotionSolid, useCurrentFrame, useVideoConfig } from 'remotion';
import { warn } from '../records.js';

export const HostIFrame = React.forwardRef(function IFrame(props, ref) {
  const { onLoad: _onLoad, onError: _onError, delayRenderRetries: _r, delayRenderTimeoutInMilliseconds: _t, ...rest } = props;
  return React.createElement('iframe', { referrerPolicy: 'strict-origin-when-cross-origin', ...rest, ref });
});
HostIFrame.displayName = 'IFrame';

export const HostAnimatedImage = React.forwardRef(function AnimatedImage(props, ref) {
  const {
    src,
    fit = 'fill',
    playbackRate = 1,
    loopBehavior = 'loop',
    onError: _onError,
    requestInit: _requestInit,
    effects: _effects,
    controls: _controls,
    name: _name,
    showInTimeline: _showInTimeline,
    ...rest
  } = props;
  if (!src) throw new Error('No "src" prop was passed to <AnimatedImage>.');
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  warn({ kind: 'degraded_component', component: 'AnimatedImage', detail: 'rendered as <img>; animation frames are not decoded' });
  return React.createElement('img', {
    ...rest,
    ref,
    src,
    'data-animated-image': true,
    'data-fit': fit,
    'data-loop-behavior': loopBehavior,
    'data-time-seconds': (frame / fps) * playbackRate,
  });
});
HostAnimatedImage.displayName = 'AnimatedImage';

export const HostSolid = React.forwardRef(function Solid(props, ref) {
  const canvas = React.useRef(null);
  const setRef = React.useCallback(
    (node) => {
      canvas.current = node;
      if (typeof ref === 'function') ref(node);
      else if (ref) ref.current = node;
    },
    [ref],
  );
  React.useLayoutEffect(() => {
    if (canvas.current && typeof canvas.current.setAttribute === 'function' && props.color !== undefined) {
      canvas.current.setAttribute('data-color', String(props.color));
    }
  }, [props.color]);
  return React.createElement(RemotionSolid, { ...props, ref: setRef });
});
HostSolid.displayName = 'Solid';
