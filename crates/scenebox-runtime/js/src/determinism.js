// installDeterminism(seed): frozen wall clock (Date, performance.now) and a seeded Math.random,
// so that the same scene renders the same tree in every isolate and in the Node oracle.

export const FROZEN_TIME_MS = Date.UTC(2024, 0, 1, 0, 0, 0, 0); // 2024-01-01T00:00:00Z

const OriginalDate = Date;

function makeFrozenDate() {
  function FrozenDate(...args) {
    if (!new.target) return new OriginalDate(FROZEN_TIME_MS).toString();
    return Reflect.construct(OriginalDate, args.length === 0 ? [FROZEN_TIME_MS] : args, new.target);
  }
  FrozenDate.prototype = OriginalDate.prototype;
  FrozenDate.now = () => FROZEN_TIME_MS;
  FrozenDate.parse = OriginalDate.parse;
  FrozenDate.UTC = OriginalDate.UTC;
  Object.defineProperty(FrozenDate, 'name', { value: 'Date' });
  FrozenDate.toString = () => 'function Date() { [native code] }';
  return FrozenDate;
}

const FrozenDate = makeFrozenDate();

/** cyrb53-style string hash → 32-bit seed. */
export function hashSeed(str) {
  let h1 = 0xdeadbeef ^ 0;
  let h2 = 0x41c6ce57 ^ 0;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/** mulberry32 PRNG returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function random() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function installDeterminism(seed) {
  const seedString = seed === undefined || seed === null ? '' : String(seed);
  Object.defineProperty(globalThis, 'Date', { value: FrozenDate, writable: true, configurable: true });
  try {
    OriginalDate.prototype.constructor = FrozenDate;
  } catch {
    // frozen intrinsics: leave the constructor link alone
  }
  const perf = globalThis.performance;
  if (perf && typeof perf === 'object') {
    try {
      perf.now = () => 0;
    } catch {
      Object.defineProperty(globalThis, 'performance', {
        value: { now: () => 0, timeOrigin: FROZEN_TIME_MS },
        writable: true,
        configurable: true,
      });
    }
  } else {
    Object.defineProperty(globalThis, 'performance', {
      value: { now: () => 0, timeOrigin: FROZEN_TIME_MS },
      writable: true,
      configurable: true,
    });
  }
  Math.random = mulberry32(hashSeed(seedString));
}
