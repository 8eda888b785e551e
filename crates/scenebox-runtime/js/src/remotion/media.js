// Host replacements for Remotion's <Audio>/<Html5Audio>/<Video>/<Html5Video>/<OffthreadVideo>:
// they render an <audio>/<video> placeholder element carrying the media props (volume evaluated
// for the current frame) and record a media asset {kind, src, from, …} with the absolute frame
// at which the enclosing Sequence starts. No media is loaded and no delayRender is taken.

import React from 'react';
import { Internals, useCurrentFrame } from 'remotion';
import { media } from '../records.js';

// Props of Remotion media components that are not element attributes.
const NON_ELEMENT_PROPS = new Set([
  'src',
  'volume',
  'startFrom',
  'endAt',
  'trimBefore',
  'trimAfter',
  'playbackRate',
  'muted',
  'loop',
  'name',
  'showInTimeline',
  'pauseWhenBuffering',
  'toneFrequency',
  'acceptableTimeShiftInSeconds',
  'loopVolumeCurveBehavior',
  'delayRenderTimeoutInMilliseconds',
  'delayRenderRetries',
  'onError',
  'onVideoFrame',
  'onAutoPlayError',
  'transparent',
  'toneMapped',
  'allowAmplificationDuringRender',
  'useWebAudioApi',
  'audioStreamIndex',
  'imageFormat',
  'stack',
  'freeze',
  'children',
]);

function mediaTrackProps(props) {
  const out = {};
  for (const key of ['startFrom', 'endAt', 'trimBefore', 'trimAfter', 'playbackRate', 'muted', 'loop']) {
    if (props[key] !== undefined) out[key] = props[key];
  }
  return out;
}

function makeMediaComponent(kind, componentName) {
  const tag = kind;
  const Component = React.forwardRef(function SceneboxMedia(props, ref) {
    if (typeof props.src !== 'string' || props.src === '') {
      throw new TypeError(`The \`<${componentName}>\` tag requires a string for \`src\`, but got ${JSON.stringify(props.src)} instead.`);
    }
    Internals.validateMediaTrimProps({
      startFrom: props.startFrom,
      endAt: props.endAt,
      trimBefore: props.trimBefore,
      trimAfter: props.trimAfter,
    });
    const sequence = React.useContext(Internals.SequenceContext);
    useCurrentFrame(); // same hook-context check as Remotion's media components
    const volumeFrame = Internals.useFrameForVolumeProp(props.loopVolumeCurveBehavior ?? 'repeat');
    const absoluteFrame = Internals.useTimelinePosition();
    const from = sequence ? sequence.cumulatedFrom + sequence.relativeFrom : 0;
    const volume = Internals.evaluateVolume({ frame: volumeFrame, volume: props.volume, mediaVolume: 1 });
    const track = mediaTrackProps(props);

    const identity = {
      kind,
      component: componentName,
      src: props.src,
      from,
      ...(sequence ? { durationInFrames: sequence.durationInFrames } : {}),
      ...track,
    };
    const dynamicVolume = typeof props.volume === 'function';
    media.upsert(
      JSON.stringify(identity),
      () => ({
        __key: JSON.stringify(identity),
        ...identity,
        volume,
        ...(dynamicVolume ? { volumeByFrame: { [absoluteFrame]: volume } } : {}),
      }),
      (entry) => {
        if (dynamicVolume && entry.volumeByFrame) entry.volumeByFrame[absoluteFrame] = volume;
      },
    );

    const elementProps = { ref, src: props.src, volume, ...track };
    for (const key of Object.keys(props)) {
      if (!NON_ELEMENT_PROPS.has(key) && !key.startsWith('_remotionInternal')) elementProps[key] = props[key];
    }
    return React.createElement(tag, elementProps);
  });
  Component.displayName = componentName;
  return Component;
}

export const HostAudio = makeMediaComponent('audio', 'Audio');
export const HostHtml5Audio = makeMediaComponent('audio', 'Html5Audio');
export const HostVideo = makeMediaComponent('video', 'Video');
export const HostHtml5Video = makeMediaComponent('video', 'Html5Video');
export const HostOffthreadVideo = makeMediaComponent('video', 'OffthreadVideo');
