// createWindow(extras): the object Phase 1 scene code receives as its `window` parameter.
// It is a plain object, never installed as a global.

import ReactDOM from './react-dom-shim.js';
import { Remotion } from './remotion/namespace.js';

export function createWindow(extras) {
  if (!extras || typeof extras !== 'object' || !extras.React) {
    throw new TypeError('createWindow(extras) needs the object returned by createExtras()');
  }
  return {
    Remotion,
    React: extras.React,
    ReactDOM,
    IconifyIcon: extras.IconifyIcon,
    HeroiconsSolid: extras.HeroiconsSolid,
    HeroiconsOutline: extras.HeroiconsOutline,
    LucideIcons: extras.LucideIcons,
    RemotionShapes: extras.RemotionShapes,
    Rough: extras.Rough,
    RemotionGoogleFonts: extras.RemotionGoogleFonts,
    BazaarAvatars: extras.BazaarAvatars,
  };
}
