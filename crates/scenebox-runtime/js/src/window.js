// createWindow(extras): the Phase 1 `window` object. The host compiles Phase 1 scene code as a
// function body with this object as a context extension (like `with (window) { … }`), so free
// identifiers (`React`, `Remotion`, `LucideIcons`, `window`) resolve as in the browser app and a
// scene's own `const React = window.React;` is an ordinary local. `w.window === w` (own,
// non-enumerable, read-only); there is no `self` or `globalThis` on it, and it is never installed
// as a global.

import ReactDOM from './react-dom-shim.js';
import { Remotion } from './remotion/namespace.js';
import { defineLazyProperty } from './extras/lazy-property.js';

export function createWindow(extras) {
  if (!extras || typeof extras !== 'object' || !extras.React) {
    throw new TypeError('createWindow(extras) needs the object returned by createExtras()');
  }
  const w = {
    Remotion,
    React: extras.React,
    ReactDOM,
    IconifyIcon: extras.IconifyIcon,
    HeroiconsSolid: extras.HeroiconsSolid,
    HeroiconsOutline: extras.HeroiconsOutline,
    LucideIcons: extras.LucideIcons,
    RemotionShapes: undefined, // placeholders keep the key order; made lazy below
    Rough: undefined,
    RemotionGoogleFonts: extras.RemotionGoogleFonts,
    BazaarAvatars: extras.BazaarAvatars,
  };
  // Read through on first use: reading them here would evaluate @remotion/shapes and roughjs in
  // every Phase 1 job.
  defineLazyProperty(w, 'RemotionShapes', () => extras.RemotionShapes);
  defineLazyProperty(w, 'Rough', () => extras.Rough);
  Object.defineProperty(w, 'window', { value: w, writable: false, enumerable: false, configurable: false });
  return w;
}
