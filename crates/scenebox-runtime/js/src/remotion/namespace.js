// The Remotion namespace as scenes see it: a copy of the `remotion` module with media components,
// Img, IFrame, AnimatedImage and Solid replaced by host components, and the window-bound globals (delayRender, continueRender,
// cancelRender, getInputProps, getRemotionEnvironment) re-bound to the host's render state.

import * as remotion from 'remotion';
import { HostAudio, HostHtml5Audio, HostVideo, HostHtml5Video, HostOffthreadVideo } from './media.js';
import { HostImg } from './img.js';
import { HostIFrame, HostAnimatedImage, HostSolid } from './placeholders.js';
import { delayRender, continueRender, cancelRender } from './delay-render.js';

export const RENDER_ENVIRONMENT = Object.freeze({
  isStudio: false,
  isRendering: true,
  isPlayer: false,
  isReadOnlyStudio: false,
  isClientSideRendering: false,
});

export const inputPropsRef = { current: {} };

export const Remotion = {
  ...remotion,
  Audio: HostAudio,
  Html5Audio: HostHtml5Audio,
  Video: HostVideo,
  Html5Video: HostHtml5Video,
  OffthreadVideo: HostOffthreadVideo,
  Img: HostImg,
  IFrame: HostIFrame,
  AnimatedImage: HostAnimatedImage,
  Solid: HostSolid,
  delayRender,
  continueRender,
  cancelRender,
  getInputProps: () => inputPropsRef.current,
  getRemotionEnvironment: () => ({ ...RENDER_ENVIRONMENT }),
};
