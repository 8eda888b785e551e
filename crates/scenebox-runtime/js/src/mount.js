// One mounted scene at a time: mount / renderFrame / step / readFrame / unmount over a
// reconciler root whose tree is the Remotion render-mode context tree around the scene.

import { ConcurrentRoot } from 'react-reconciler/constants.js';
import { reconciler } from './reconciler/host-config.js';
import { createContainer } from './reconciler/instances.js';
import { serializeContainer } from './reconciler/serialize.js';
import { createCompositionManagerValue, renderTree } from './remotion/root.js';
import { inputPropsRef } from './remotion/namespace.js';
import { pendingDelayRenderCount, resetDelayRenderScope, takeCancelledError } from './remotion/delay-render.js';
import { advanceToNextTimer, pendingTimerCount, resetTimers, runDueTimers, startTimerJob } from './env/timers.js';
import { warnings, media, fonts, warn } from './records.js';

const MEMO = Symbol.for('react.memo');
const FORWARD_REF = Symbol.for('react.forward_ref');
const LAZY = Symbol.for('react.lazy');

let state = null; // {root, container, scene, managerValue, frame}
let pendingError = null;
let lastStepIdle = false;

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object with keys [${Object.keys(value).slice(0, 8).join(', ')}]`;
  return `${typeof value} ${JSON.stringify(String(value)).slice(0, 60)}`;
}

function assertComponent(component) {
  if (typeof component === 'function') return;
  if (component && typeof component === 'object' && [MEMO, FORWARD_REF, LAZY].includes(component.$$typeof)) return;
  throw new TypeError(
    `SceneboxHost.mount: the scene must evaluate to a React component (a function, class, memo() or forwardRef()), but got ${describe(component)}`,
  );
}

function positiveNumber(config, key, { integer = false, fallback } = {}) {
  const value = config[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new TypeError(`SceneboxHost.mount: videoConfig.${key} must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function asError(error) {
  if (error instanceof Error) return error;
  if (error && typeof error === 'object' && typeof error.message === 'string') return error;
  const wrapped = new Error(typeof error === 'string' ? error : `Non-Error value thrown: ${describe(error)}`);
  wrapped.thrown = error;
  return wrapped;
}

function messageOf(error) {
  return error && typeof error === 'object' && 'message' in error ? String(error.message) : String(error);
}

function throwPending() {
  if (pendingError) {
    const e = pendingError;
    pendingError = null;
    takeCancelledError();
    throw e;
  }
  const cancelled = takeCancelledError();
  if (cancelled) throw asError(cancelled);
}

export function mount(component, videoConfig, props) {
  assertComponent(component);
  const config = videoConfig && typeof videoConfig === 'object' ? videoConfig : {};
  const scene = {
    component,
    id: config.id === undefined ? 'scene' : String(config.id),
    width: positiveNumber(config, 'width'),
    height: positiveNumber(config, 'height'),
    fps: positiveNumber(config, 'fps'),
    durationInFrames: positiveNumber(config, 'durationInFrames', { integer: true }),
    props: props && typeof props === 'object' ? props : {},
  };
  if (!/^([a-zA-Z0-9-\u4E00-\u9FFF])+$/.test(scene.id)) {
    throw new TypeError(`SceneboxHost.mount: videoConfig.id may only contain a-z, A-Z, 0-9, CJK characters and "-", got ${JSON.stringify(scene.id)}`);
  }
  if (state) unmount();
  resetTimers();
  resetDelayRenderScope();
  pendingError = null;
  inputPropsRef.current = scene.props;
  const container = createContainer();
  const root = reconciler.createContainer(
    container,
    ConcurrentRoot,
    null,
    false,
    null,
    'sbx-',
    (error) => {
      if (!pendingError) pendingError = asError(error);
    },
    (error) => warn({ kind: 'caught_error', message: messageOf(error) }),
    (error) => warn({ kind: 'recoverable_error', message: messageOf(error) }),
    () => {},
  );
  state = { root, container, scene, managerValue: createCompositionManagerValue(scene), frame: null };
}

function requireMounted(name) {
  if (!state) throw new Error(`SceneboxHost.${name}: no scene is mounted (call mount() first)`);
  return state;
}

export function renderFrame(frame) {
  const s = requireMounted('renderFrame');
  if (typeof frame !== 'number' || !Number.isInteger(frame) || frame < 0) {
    throw new TypeError(`SceneboxHost.renderFrame: frame must be a non-negative integer, got ${JSON.stringify(frame)}`);
  }
  s.frame = frame;
  startTimerJob();
  lastStepIdle = false;
  reconciler.updateContainerSync(renderTree(s.scene, s.managerValue, frame), s.root, null, null);
  reconciler.flushSyncWork();
  throwPending();
}

/**
 * Runs the virtual timers due now. If none was due, delayRender handles are pending and timers
 * exist, and the previous step() was idle as well (so the host has drained microtasks since),
 * virtual time jumps to the earliest timer and the timers due then run.
 */
export function step() {
  requireMounted('step');
  let ran = 0;
  try {
    ran = runDueTimers();
    if (ran === 0 && pendingDelayRenderCount() > 0 && pendingTimerCount() > 0) {
      if (lastStepIdle) ran = advanceToNextTimer();
    }
  } catch (error) {
    lastStepIdle = false;
    takeCancelledError(); // when set, it describes `error` itself (cancelRender throws)
    const first = pendingError || error;
    pendingError = null;
    throw asError(first);
  }
  lastStepIdle = ran === 0;
  throwPending();
  return { pendingTimers: pendingTimerCount(), pendingDelayRenders: pendingDelayRenderCount(), ranTimers: ran };
}

export function readFrame() {
  const s = requireMounted('readFrame');
  return {
    tree: serializeContainer(s.container),
    warnings: warnings.list(),
    media: media.list(),
    fonts: fonts.list(),
  };
}

export function unmount() {
  if (!state) return;
  const s = state;
  state = null;
  try {
    reconciler.updateContainerSync(null, s.root, null, null);
    reconciler.flushSyncWork();
  } finally {
    resetTimers();
    resetDelayRenderScope();
    pendingError = null;
    lastStepIdle = false;
  }
}

