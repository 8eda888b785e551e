// Virtual timer queue: setTimeout/setInterval/setImmediate that never use real time.
// Timers wait in a list ordered by (due time, creation order); only the host advances them,
// through runDueTimers() / advanceToNextTimer() (see step() in mount.js).

let now = 0; // virtual milliseconds since the current frame job started
let nextId = 1;
let seq = 0;
/** @type {Map<number, {id:number, due:number, seq:number, fn:Function, args:any[], interval:number|null, system:boolean}>} */
const timers = new Map();

function toDelay(ms) {
  const n = Number(ms);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function add(fn, ms, args, repeat, system = false) {
  while (timers.has(nextId)) nextId++; // a kept system timer may hold a reset id
  const id = nextId++;
  if (typeof fn !== 'function') return id; // string callbacks (eval) are not supported
  const delay = toDelay(ms);
  timers.set(id, {
    id,
    due: now + delay,
    seq: seq++,
    fn,
    args,
    // An interval of 0 would spin forever at one instant; clamp it to 1 virtual ms.
    interval: repeat ? Math.max(1, delay) : null,
    system,
  });
  return id;
}

function clear(id) {
  if (typeof id === 'number') timers.delete(id);
}

export const virtualTimers = {
  setTimeout: (fn, ms, ...args) => add(fn, ms, args, false),
  // React's scheduler runs its work loop on this one: its timers survive resetTimers(),
  // since the scheduler never re-arms a loop it believes is running.
  setSystemTimeout: (fn, ms, ...args) => add(fn, ms, args, false, true),
  clearTimeout: clear,
  setInterval: (fn, ms, ...args) => add(fn, ms, args, true),
  clearInterval: clear,
  setImmediate: (fn, ...args) => add(fn, 0, args, false),
  clearImmediate: clear,
};

function byDue(a, b) {
  return a.due - b.due || a.seq - b.seq;
}

function runOne(t) {
  if (!timers.has(t.id)) return false; // cleared by an earlier callback of this batch
  if (t.interval === null) {
    timers.delete(t.id);
  } else {
    t.due = t.due + t.interval;
    t.seq = seq++;
  }
  t.fn(...t.args);
  return true;
}

/**
 * Runs the timers that are due at the current virtual time, in order. Timers created by
 * these callbacks wait for the next call (so the host can drain microtasks in between).
 * Returns how many ran. An exception thrown by a callback propagates; the timers after it
 * stay queued.
 */
export function runDueTimers() {
  const due = [...timers.values()].filter((t) => t.due <= now).sort(byDue);
  let ran = 0;
  for (const t of due) {
    if (runOne(t)) ran++;
  }
  return ran;
}

/** Moves virtual time to the earliest pending timer (if any) and runs the timers due then. */
export function advanceToNextTimer() {
  if (timers.size === 0) return 0;
  let earliest = Infinity;
  for (const t of timers.values()) earliest = Math.min(earliest, t.due);
  if (earliest > now) now = earliest;
  return runDueTimers();
}

export function pendingTimerCount() {
  return timers.size;
}

export function virtualNow() {
  return now;
}

/** Starts a new frame job: virtual time restarts at 0, pending timers keep their remaining delay. */
export function startTimerJob() {
  for (const t of timers.values()) t.due = Math.max(0, t.due - now);
  now = 0;
}

/**
 * Drops every scene timer and resets ids (used on mount/unmount so runs are reproducible).
 * React's scheduler timer stays, due at once.
 */
export function resetTimers() {
  for (const t of [...timers.values()]) {
    if (t.system) t.due = 0;
    else timers.delete(t.id);
  }
  now = 0;
  nextId = 1;
  seq = 0;
}
