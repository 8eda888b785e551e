// Entry of the scenebox host bundle (dist/scenebox-host.js): installs the environment shims,
// then exposes globalThis.SceneboxHost. Import order matters: env/ first (globals, then the
// scheduler initialised against the virtual setTimeout), then React, Remotion and the host.

import './env/install-globals.js';
import './env/scheduler-init.js';
import React from 'react';
import { VERSION as REMOTION_VERSION } from 'remotion';
import { installDeterminism } from './determinism.js';
import { resetRecords } from './records.js';
import { takeConsoleMessages } from './env/console.js';
import { virtualNow } from './env/timers.js';
import { Remotion } from './remotion/namespace.js';
import { createExtras } from './extras/index.js';
import { createWindow } from './window.js';
import { mount, renderFrame, step, readFrame, unmount } from './mount.js';
import { getLimits, setLimits } from './limits.js';

/**
 * globalThis.SceneboxHost — runs one Remotion scene at a time in a bare V8 context and returns
 * a plain element tree per frame. The host (the Rust runtime, or oracle.mjs) drives it:
 *
 *   SceneboxHost.installDeterminism(seed)
 *   const extras = SceneboxHost.createExtras({avatars, iconSets})
 *   // param model:  Scene = compileFunction(code, params ['Remotion', 'Extras'])(SceneboxHost.Remotion, extras)
 *   // phase1 model: w = SceneboxHost.createWindow(extras)
 *   //               Scene = compileFunction(code, no params, context extension w)()   // ≈ with (w) { code }
 *   SceneboxHost.mount(Scene, {width, height, fps, durationInFrames, id?}, props)
 *   for each frame:
 *     SceneboxHost.renderFrame(frame)
 *     do { drain microtasks; r = SceneboxHost.step() } while (r.ranTimers > 0 || r.pendingDelayRenders > 0)  // bounded
 *     const {tree, warnings, media, fonts} = SceneboxHost.readFrame()
 *   SceneboxHost.unmount()
 *
 * @typedef {{type: string, props: Object<string, any>, children: TreeNode[]} | {type: '#text', text: string}} TreeNode
 * @typedef {{width: number, height: number, fps: number, durationInFrames: number, id?: string}} VideoConfig
 * @typedef {{prefix?: string, icons: Object<string, {body: string, width?: number, height?: number}>,
 *   aliases?: Object, width?: number, height?: number}} IconifyJSON
 * @typedef {{avatars?: Object<string, string>, iconSets?: Object<string, IconifyJSON | string>
 *   | ((prefix: string) => IconifyJSON | string | undefined)}} HostConfig
 *   iconSets values may be JSON strings; a string is parsed, and a function called, on the first
 *   look-up of its prefix (cached per Extras object).
 *
 * @property {(seed: string) => void} installDeterminism
 *   Freezes Date / Date.now() / new Date() at 2024-01-01T00:00:00Z and performance.now() at 0
 *   (defining `performance` if absent), seeds Math.random (mulberry32 over a hash of `seed`),
 *   and clears the warnings/media/fonts records. Call before each scene, before its code runs.
 * @property {(hostConfig?: HostConfig) => object} createExtras
 *   The Extras object {React, IconifyIcon, HeroiconsSolid, HeroiconsOutline, LucideIcons,
 *   RemotionShapes, Rough, RemotionGoogleFonts, BazaarAvatars}. Icon packs resolve icons lazily
 *   by name; unknown icons render <svg data-missing-icon="pack:Name"> and warn {kind:'missing_icon'}.
 *   RemotionGoogleFonts: loadFont(family, options), family(nameOrModule) and fonts[nameOrModule]
 *   → {fontFamily, loadFont(style?, options?), getInfo()}; every loadFont is recorded in `fonts`.
 *   BazaarAvatars: the avatars map; a missing name gives the placeholder URL
 *   "scenebox://avatar/<encodeURIComponent(name)>" and warns {kind:'missing_avatar', name};
 *   `in`, Object.keys and JSON.stringify see only the configured names.
 * @property {object} Remotion
 *   The remotion module as scenes see it, with Audio/Html5Audio/Video/Html5Video/OffthreadVideo
 *   rendering <audio>/<video> placeholders and recording media assets, Img forwarding `src`,
 *   IFrame without load wait, AnimatedImage as <img>, Solid with `data-color`, and
 *   delayRender/continueRender/cancelRender/getInputProps/getRemotionEnvironment bound to the host.
 * @property {(extras: object) => object} createWindow
 *   The Phase 1 `window` object {Remotion, React, ReactDOM, ...extras} with `w.window === w`
 *   (non-enumerable); meant as the context extension of the Phase 1 function; never a global.
 * @property {(component: any, videoConfig: VideoConfig, props?: object) => void} mount
 *   Mounts the scene under Remotion's render-mode contexts (composition id defaults to "scene").
 *   Throws a TypeError if `component` is not a component type or the config is invalid.
 * @property {(frame: number) => void} renderFrame
 *   Synchronously commits the tree for `frame`; an error thrown while rendering (or from an effect)
 *   is rethrown as the original Error.
 * @property {() => {pendingTimers: number, pendingDelayRenders: number, ranTimers: number}} step
 *   Runs the virtual timers due now; when none was due on this and the previous call while
 *   delayRender handles are pending, jumps virtual time to the earliest timer and runs it.
 *   A delayRender that is never cleared ends in an Error whose message contains "delayRender"
 *   (after 28 s of virtual time). Timer callback errors and cancelRender() errors are rethrown.
 * @property {() => {tree: TreeNode, warnings: object[], media: object[], fonts: object[]}} readFrame
 *   The committed tree ({type:'#root', props:{}, children}) and the records since
 *   installDeterminism (deduplicated, first-seen order). Throws an Error if the tree has more
 *   than limits.maxNodes nodes ("element tree has more than N nodes") or nests deeper than
 *   limits.maxDepth levels ("element tree nests deeper than N levels"; prop values likewise).
 * @property {{maxNodes: number, maxDepth: number}} limits
 *   Frozen snapshot of the limits in force (defaults 200000 and 2000).
 * @property {(limits: {maxNodes?: number, maxDepth?: number}) => {maxNodes: number, maxDepth: number}} setLimits
 *   Sets positive-integer limits (omitted keys unchanged); returns the new snapshot.
 * @property {() => void} unmount
 * @property {() => {level: string, message: string}[]} takeConsoleMessages
 *   Console output recorded since the previous call.
 */
const SceneboxHost = {
  installDeterminism(seed) {
    installDeterminism(seed);
    resetRecords();
  },
  createExtras,
  Remotion,
  createWindow,
  mount,
  renderFrame,
  step,
  readFrame,
  get limits() {
    return getLimits();
  },
  setLimits,
  unmount,
  takeConsoleMessages,
  virtualTime: () => virtualNow(),
  versions: Object.freeze({ react: React.version, remotion: REMOTION_VERSION, host: '0.1.0' }),
};

Object.defineProperty(globalThis, 'SceneboxHost', {
  value: Object.freeze(SceneboxHost),
  writable: false,
  configurable: true,
  enumerable: false,
});
