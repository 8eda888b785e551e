// BazaarAvatars: the host's avatar map {name: url}; looking up a name that is not in it gives
// undefined and records a missing_avatar warning.

import { warn } from '../records.js';

const PROBES = new Set(['then', 'toJSON', 'constructor', '$$typeof', '__esModule', 'default', 'valueOf', 'toString']);

export function createAvatars(avatars) {
  const map = avatars && typeof avatars === 'object' ? { ...avatars } : {};
  return new Proxy(map, {
    get(target, key) {
      if (typeof key !== 'string') return undefined;
      if (Object.prototype.hasOwnProperty.call(target, key)) return target[key];
      if (!PROBES.has(key)) warn({ kind: 'missing_avatar', name: key });
      return undefined;
    },
  });
}
