// react-reconciler 0.34 host config (mutation mode) building the plain element tree,
// and the renderer instance created from it.

import React from 'react';
import Reconciler from 'react-reconciler';
import { DefaultEventPriority, NoEventPriority } from 'react-reconciler/constants.js';
import { createInstance, createTextInstance, getPublicInstance } from './instances.js';

let currentUpdatePriority = NoEventPriority;
const rootHostContext = {};

// Invariant: `child.parent === parent` exactly while `child` is in `parent.children` (set here,
// cleared by removeFrom/clearContainer). A child that is not yet under this parent therefore
// needs no search, so appending N children is O(N) overall; only moves within the same parent
// and inserts before a sibling search the list (O(n) each).
function insertChild(parent, child, before) {
  const list = parent.children;
  if (child.parent === parent) {
    if (!before && list[list.length - 1] === child) return; // already the last child
    const existing = list.indexOf(child);
    if (existing !== -1) list.splice(existing, 1);
  }
  child.parent = parent;
  if (before) {
    const index = list.indexOf(before);
    if (index !== -1) {
      list.splice(index, 0, child);
      return;
    }
  }
  list.push(child);
}

function removeFrom(parent, child) {
  if (!parent.children) return;
  const index = parent.children.indexOf(child);
  if (index !== -1) parent.children.splice(index, 1);
  child.parent = null;
}

function ensureChildren(container) {
  if (!Array.isArray(container.children)) container.children = [];
  return container;
}

export const hostConfig = {
  rendererPackageName: 'scenebox',
  rendererVersion: '0.1.0',
  extraDevToolsConfig: null,
  supportsMutation: true,
  supportsPersistence: false,
  supportsHydration: false,
  supportsMicrotasks: false, // React's own scheduling stays on the virtual timer queue
  supportsTestSelectors: false,
  supportsResources: false,
  supportsSingletons: false,
  isPrimaryRenderer: true,
  warnsIfNotActing: false,
  noTimeout: -1,
  scheduleTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  cancelTimeout: (id) => globalThis.clearTimeout(id),
  scheduleMicrotask: (fn) => queueMicrotask(fn),

  getRootHostContext: () => rootHostContext,
  getChildHostContext: (parentContext) => parentContext,
  getPublicInstance: (inst) => (inst && inst.kind === 'element' ? getPublicInstance(inst) : inst),
  prepareForCommit: () => null,
  resetAfterCommit: () => {},
  preparePortalMount: () => {},

  createInstance: (type, props) => createInstance(type, props),
  createTextInstance: (text) => createTextInstance(text),
  appendInitialChild: (parent, child) => insertChild(parent, child, null),
  finalizeInitialChildren: () => false,
  shouldSetTextContent: () => false,

  appendChild: (parent, child) => insertChild(parent, child, null),
  appendChildToContainer: (container, child) => insertChild(ensureChildren(container), child, null),
  insertBefore: (parent, child, before) => insertChild(parent, child, before),
  insertInContainerBefore: (container, child, before) => insertChild(ensureChildren(container), child, before),
  removeChild: (parent, child) => removeFrom(parent, child),
  removeChildFromContainer: (container, child) => removeFrom(container, child),
  clearContainer: (container) => {
    if (Array.isArray(container.children)) {
      for (const c of container.children) c.parent = null;
      container.children.length = 0;
    }
  },
  commitTextUpdate: (textInstance, _oldText, newText) => {
    textInstance.text = String(newText);
  },
  commitMount: () => {},
  commitUpdate: (inst, _type, oldProps, newProps) => {
    // Imperative assignments (ref.current.x = …) survive re-renders, like DOM properties,
    // unless React itself changes that prop.
    if (inst.assigned) {
      for (const key of Object.keys(inst.assigned)) {
        if (oldProps[key] !== newProps[key]) delete inst.assigned[key];
      }
    }
    inst.props = newProps;
  },
  resetTextContent: () => {},
  hideInstance: (inst) => {
    inst.hidden = true;
  },
  unhideInstance: (inst) => {
    inst.hidden = false;
  },
  hideTextInstance: (t) => {
    t.hidden = true;
  },
  unhideTextInstance: (t) => {
    t.hidden = false;
  },
  detachDeletedInstance: () => {},

  getInstanceFromNode: () => null,
  beforeActiveInstanceBlur: () => {},
  afterActiveInstanceBlur: () => {},
  prepareScopeUpdate: () => {},
  getInstanceFromScope: () => null,

  setCurrentUpdatePriority: (p) => {
    currentUpdatePriority = p;
  },
  getCurrentUpdatePriority: () => currentUpdatePriority,
  resolveUpdatePriority: () => currentUpdatePriority || DefaultEventPriority,
  trackSchedulerEvent: () => {},
  resolveEventType: () => null,
  resolveEventTimeStamp: () => -1.1,
  shouldAttemptEagerTransition: () => false,
  requestPostPaintCallback: () => {},

  maySuspendCommit: () => false,
  maySuspendCommitOnUpdate: () => false,
  maySuspendCommitInSyncRender: () => false,
  preloadInstance: () => true,
  startSuspendingCommit: () => {},
  suspendInstance: () => {},
  suspendOnActiveViewTransition: () => {},
  waitForCommitToBeReady: () => null,
  getSuspendedCommitReason: () => null,

  NotPendingTransition: null,
  HostTransitionContext: React.createContext(null),
  resetFormInstance: () => {},
  bindToConsole: (methodName, args) => Function.prototype.bind.apply(console[methodName], [console, ...args]),

  // View transitions / fragment refs are behind flags that are off in this build; harmless stubs.
  applyViewTransitionName: () => {},
  restoreViewTransitionName: () => {},
  cancelViewTransitionName: () => {},
  cancelRootViewTransitionName: () => {},
  restoreRootViewTransitionName: () => {},
  cloneRootViewTransitionContainer: () => null,
  removeRootViewTransitionClone: () => {},
  measureInstance: () => null,
  measureClonedInstance: () => null,
  wasInstanceInViewport: () => true,
  hasInstanceChanged: () => false,
  hasInstanceAffectedParent: () => false,
  startViewTransition: () => null,
  startGestureTransition: () => null,
  stopViewTransition: () => {},
  addViewTransitionFinishedListener: () => {},
  getCurrentGestureOffset: () => 0,
  createViewTransitionInstance: () => null,
  createFragmentInstance: () => null,
  updateFragmentInstanceFiber: () => {},
  commitNewChildToFragmentInstance: () => {},
  deleteChildFromFragmentInstance: () => {},
};

export const reconciler = Reconciler(hostConfig);
