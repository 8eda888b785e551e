// Stand-in for the `react-dom` package (aliased in build.mjs): Remotion and @remotion/shapes
// import createPortal/version from it, and Phase 1 scenes get it as window.ReactDOM.
// Backed by the scenebox reconciler; no DOM.

import React from 'react';
import { reconciler } from './reconciler/host-config.js';
import { createContainer, toNode } from './reconciler/instances.js';

const detached = createContainer();

export const version = React.version;

/** createPortal(children, target, key?): target may be a ref to a scenebox host element. */
export function createPortal(children, target, key) {
  const container = toNode(target) || detached;
  return reconciler.createPortal(children, container, null, key === undefined ? null : String(key));
}

export function flushSync(fn) {
  return reconciler.flushSyncFromReconciler(fn);
}

export function unstable_batchedUpdates(fn, a) {
  return reconciler.batchedUpdates(fn, a);
}

export function findDOMNode() {
  return null;
}

export const ReactDOM = { createPortal, flushSync, unstable_batchedUpdates, findDOMNode, version };
export default ReactDOM;
