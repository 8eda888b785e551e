// Forces React's scheduler to initialise while only the virtual setTimeout is visible (so its
// work loop always runs on the virtual timer queue), then installs setImmediate/clearImmediate
// as virtual timers and puts back a MessageChannel the embedder may have provided.

import './install-globals.js';
import * as Scheduler from 'scheduler';
import { hiddenForScheduler } from './install-globals.js';
import { virtualTimers } from './timers.js';

export const schedulerNow = Scheduler.unstable_now;

Object.defineProperty(globalThis, 'setTimeout', {
  value: virtualTimers.setTimeout,
  writable: true,
  configurable: true,
});
Object.defineProperty(globalThis, 'setImmediate', {
  value: virtualTimers.setImmediate,
  writable: true,
  configurable: true,
});
Object.defineProperty(globalThis, 'clearImmediate', {
  value: virtualTimers.clearImmediate,
  writable: true,
  configurable: true,
});
if (hiddenForScheduler.MessageChannel) {
  Object.defineProperty(globalThis, 'MessageChannel', hiddenForScheduler.MessageChannel);
}
