// First module of the bundle: installs on globalThis what React and Remotion expect from a
// browser-like host, without `window` or `document` (Remotion breaks on a partial window):
// recording console, virtual timers (setImmediate comes later, see scheduler-init.js),
// in-memory localStorage and a frozen `performance`.

import { recordingConsole } from './console.js';
import { virtualTimers } from './timers.js';
import { createMemoryStorage } from './storage.js';

function define(name, value) {
  try {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  } catch {
    globalThis[name] = value; // non-configurable but writable binding of the embedder
  }
}

define('console', recordingConsole);
// React's scheduler captures setTimeout when it initialises: give it the system variant,
// scheduler-init.js then installs the regular one for everybody else.
define('setTimeout', virtualTimers.setSystemTimeout);
define('clearTimeout', virtualTimers.clearTimeout);
define('setInterval', virtualTimers.setInterval);
define('clearInterval', virtualTimers.clearInterval);
define('localStorage', createMemoryStorage());

// React's scheduler picks its host callback at initialisation: setImmediate if defined, then
// MessageChannel, then setTimeout. Hide the first two until scheduler-init.js has run so the
// choice is always the virtual setTimeout, whatever the embedding context provides.
export const hiddenForScheduler = {};
for (const name of ['setImmediate', 'clearImmediate', 'MessageChannel']) {
  const desc = Object.getOwnPropertyDescriptor(globalThis, name);
  if (desc) {
    hiddenForScheduler[name] = desc;
    delete globalThis[name];
  }
}

// Frozen clock for the scheduler (it captures `performance` at initialisation);
// installDeterminism() re-freezes it before each scene.
if (typeof globalThis.performance !== 'object' || globalThis.performance === null) {
  define('performance', { now: () => 0, timeOrigin: Date.UTC(2024, 0, 1) });
} else {
  try {
    globalThis.performance.now = () => 0;
  } catch {
    define('performance', { now: () => 0, timeOrigin: Date.UTC(2024, 0, 1) });
  }
}
