// BazaarAvatars: the host's avatar map {name: url}. Looking up a name that is not in it gives the
// deterministic placeholder URL `scenebox://avatar/<encodeURIComponent(name)>` (so
// `<Img src={BazaarAvatars.x} />` never lacks a `src`) and records a missing_avatar warning
// (deduplicated by the records). The map itself only holds the configured names: `in`,
// Object.keys, spreading and JSON.stringify see those alone.

import { warn } from '../records.js';

// Keys that libraries and runtimes probe on arbitrary objects (thenables, JSON, React, module
// interop, coercion): no placeholder and no warning for them.
const PROBES = new Set(['then', 'toJSON', 'constructor', '$$typeof', '__esModule', 'default', 'valueOf', 'toString']);

export const AVATAR_PLACEHOLDER_PREFIX = 'scenebox://avatar/';

export function createAvatars(avatars) {
  const map = avatars && typeof avatars === 'object' ? { ...avatars } : {};
  return new Proxy(map, {
    get(target, key) {
      if (typeof key !== 'string') return undefined;
      if (Object.prototype.hasOwnProperty.call(target, key)) return target[key];
      if (PROBES.has(key)) return undefined;
      warn({ kind: 'missing_avatar', name: key });
      return AVATAR_PLACEHOLDER_PREFIX + encodeURIComponent(key);
    },
  });
}
