// Lazy icon packs: a Proxy that resolves an icon component by name on first access, building only
// that icon's component (from its data, see icon-data.js).
// Unknown names resolve to a placeholder <svg data-missing-icon="pack:Name"> plus a warning.

import React from 'react';
import { warn } from '../records.js';

// Names that tooling, Promise resolution or module interop probe on objects: never icons.
const NON_ICON_KEYS = new Set([
  'then',
  'catch',
  'finally',
  'toJSON',
  'constructor',
  'prototype',
  'default',
  '__esModule',
  '$$typeof',
  'displayName',
  'valueOf',
  'toString',
  'inspect',
  'nodeType',
  'asymmetricMatch',
]);

function missingIcon(pack, name) {
  const Missing = React.forwardRef(function MissingIcon(props, ref) {
    warn({ kind: 'missing_icon', icon: `${pack}:${name}` });
    const { size, width, height, color: _c, strokeWidth: _s, absoluteStrokeWidth: _a, title: _t, titleId: _ti, ...rest } = props;
    return React.createElement('svg', {
      ref,
      xmlns: 'http://www.w3.org/2000/svg',
      width: width ?? size ?? 24,
      height: height ?? size ?? 24,
      viewBox: '0 0 24 24',
      'data-missing-icon': `${pack}:${name}`,
      ...rest,
    });
  });
  Missing.displayName = `Missing(${name})`;
  return Missing;
}

/**
 * @param {string} pack           pack label used in warnings ("lucide", "heroicons-solid", …)
 * @param {{find: (name: string) => number|undefined, groups: () => string[][], load: (index: number) => any}} source
 *   find(name): index of the icon exported as `name`; groups(): per icon, its export names, in
 *   the package's order (for ownKeys); load(i): icon i's component
 * @param {(name: string, find: (name: string) => number|undefined) => number|undefined} [fallbackLookup]
 * @param {Record<string, any>} [extra] eagerly available non-icon exports
 */
export function createLazyIconPack(pack, source, fallbackLookup, extra = {}) {
  let keys = null;
  let nameToIndex = null; // made with `keys` (Object.keys, spreading), then looks names up faster
  const cache = new Map();

  const lookup = (name) => (nameToIndex ? nameToIndex.get(name) : source.find(name));

  function find(name) {
    let i = lookup(name);
    if (i === undefined && fallbackLookup) i = fallbackLookup(name, lookup);
    return i;
  }

  const byIndex = new Map(); // one component per icon, whichever alias asked first

  function resolve(name) {
    if (cache.has(name)) return cache.get(name);
    const i = find(name);
    let value;
    if (i !== undefined) {
      if (!byIndex.has(i)) byIndex.set(i, source.load(i));
      value = byIndex.get(i);
    } else {
      warn({ kind: 'missing_icon', icon: `${pack}:${name}` });
      value = missingIcon(pack, name);
    }
    cache.set(name, value);
    return value;
  }

  function isIconName(key) {
    return typeof key === 'string' && !NON_ICON_KEYS.has(key) && /^[A-Z]/.test(key);
  }

  const target = Object.create(null);
  return new Proxy(target, {
    get(_, key) {
      if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(extra, key)) return extra[key];
      if (!isIconName(key)) return undefined;
      return resolve(key);
    },
    has(_, key) {
      if (typeof key !== 'string') return false;
      return Object.prototype.hasOwnProperty.call(extra, key) || find(key) !== undefined;
    },
    ownKeys() {
      if (!keys) {
        keys = [];
        nameToIndex = new Map();
        source.groups().forEach((names, i) => {
          for (const name of names) {
            keys.push(name);
            nameToIndex.set(name, i);
          }
        });
      }
      return [...Object.keys(extra), ...keys];
    },
    getOwnPropertyDescriptor(_, key) {
      if (typeof key !== 'string') return undefined;
      if (Object.prototype.hasOwnProperty.call(extra, key)) {
        return { value: extra[key], writable: false, enumerable: true, configurable: true };
      }
      if (find(key) === undefined) return undefined;
      return { value: resolve(key), writable: false, enumerable: true, configurable: true };
    },
    set() {
      return false;
    },
    defineProperty() {
      return false;
    },
    deleteProperty() {
      return false;
    },
  });
}
