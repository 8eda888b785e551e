// Output limits of readFrame(): at most `maxNodes` serialised nodes (elements and text nodes,
// the #root excluded) and at most `maxDepth` levels of nesting below the #root (also applied to
// nested objects inside prop values). Exceeding one is an Error, never a stack overflow or a
// runaway allocation. setLimits() changes them for every later readFrame().

export const DEFAULT_LIMITS = Object.freeze({ maxNodes: 200000, maxDepth: 2000 });

const current = { ...DEFAULT_LIMITS };

/** Snapshot of the limits in force. */
export function getLimits() {
  return Object.freeze({ ...current });
}

/** setLimits({maxNodes?, maxDepth?}): positive integers; omitted keys keep their value. */
export function setLimits(limits) {
  if (!limits || typeof limits !== 'object') throw new TypeError('SceneboxHost.setLimits(limits) needs an object {maxNodes?, maxDepth?}');
  const next = { ...current };
  for (const key of Object.keys(limits)) {
    if (!(key in DEFAULT_LIMITS)) throw new TypeError(`SceneboxHost.setLimits: unknown limit "${key}" (known: ${Object.keys(DEFAULT_LIMITS).join(', ')})`);
    const value = limits[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new TypeError(`SceneboxHost.setLimits: ${key} must be a positive integer, got ${String(value)}`);
    }
    next[key] = value;
  }
  Object.assign(current, next);
  return getLimits();
}

/** The live limits object (read-only use inside the bundle). */
export const limits = current;
