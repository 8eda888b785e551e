// Icon packs stored as data: build-icons.mjs reduces every lucide and heroicons icon to its static
// SVG content and emits one string literal per pack (format in build-icons.mjs). Here a pack's
// text is read on first use, an icon's record is parsed on the first access of one of its names,
// and its React component is built then: lucide's own createLucideIcon(iconData), or for heroicons
// a forwardRef component rendering exactly what the heroicons module renders.

import React from 'react';

// Taken when the bundle is evaluated, before any scene code could replace it.
const functionToString = Function.prototype.toString;

/**
 * The text of a pack: `container` is `() => '<text>'`, never called by the bundle, so V8 keeps the
 * text only as part of the script source (no heap string in the start-up snapshot). It is taken as
 * a slice of the function's source text, which V8 makes without copying. build.mjs checks that the
 * literal has no escape sequence, i.e. that its source text is its value; should that not hold
 * (or the source not be available), the function's value is used.
 * @param {() => string} container
 * @param {number} length
 */
export function packText(container, length) {
  const source = Reflect.apply(functionToString, container, []);
  const arrow = source.indexOf('=>');
  if (arrow >= 0) {
    let start = arrow + 2;
    while (source[start] === ' ') start++;
    const quote = source[start];
    const end = start + 1 + length;
    if ((quote === "'" || quote === '"' || quote === '`') && source[end] === quote && source.indexOf('\\', start) < 0) {
      return source.slice(start + 1, end);
    }
  }
  return container();
}

/** children [[tag, attrs], …] from the flat form `schema, value…, schema, value…` (see build-icons.mjs). */
function unflatten(flat, schemas) {
  const out = [];
  for (let i = 0; i < flat.length; ) {
    const schema = schemas[flat[i++]];
    const attrs = {};
    for (let k = 1; k < schema.length; k++) attrs[schema[k]] = flat[i++];
    out.push([schema[0], attrs]);
  }
  return out;
}

const moduleDefault = (mod) => (mod && mod.default !== undefined ? mod.default : mod);

/**
 * `text` = `<names>#<pack JSON>#<record>|<record>|…`, `<names>` = groups of names (`|` between
 * groups, ` ` between names, `=` before a literal lucide group). All lazy; nothing is split or put
 * in a map: a name is found by searching <names> for it as a whole token.
 */
function dataPack(container, length) {
  let names;
  let meta;
  let records;
  let bars; // positions of the `|` in <names>
  let offsets; // offsets[i]: start of record i in <records>; offsets[n] = records.length + 1
  function init() {
    if (records !== undefined) return;
    const text = packText(container, length);
    const a = text.indexOf('#');
    const b = text.indexOf('#', a + 1);
    names = text.slice(0, a);
    meta = JSON.parse(text.slice(a + 1, b));
    records = text.slice(b + 1);
    const list = [];
    for (let p = names.indexOf('|'); p >= 0; p = names.indexOf('|', p + 1)) list.push(p);
    bars = Int32Array.from(list);
  }
  const groupStart = (g) => (g === 0 ? 0 : bars[g - 1] + 1);
  return {
    /** The groups' texts, in order. */
    groups() {
      init();
      return names.split('|');
    },
    /** Index of the group holding the token `name`, or undefined. */
    find(name) {
      init();
      if (name === '') return undefined;
      for (let p = names.indexOf(name); p >= 0; p = names.indexOf(name, p + 1)) {
        const before = p === 0 ? '|' : names[p - 1];
        const end = p + name.length;
        const after = end === names.length ? '|' : names[end];
        if ((before === '|' || before === ' ' || before === '=') && (after === '|' || after === ' ')) {
          let lo = 0;
          let hi = bars.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (bars[mid] < p) lo = mid + 1;
            else hi = mid;
          }
          return lo;
        }
      }
      return undefined;
    },
    /** Whether group g is written literally (`=`…). */
    literal(g) {
      init();
      return names[groupStart(g)] === '=';
    },
    meta() {
      init();
      return meta;
    },
    /** The parsed record of icon i, or undefined for an icon served by a loader. */
    record(i) {
      init();
      if (offsets === undefined) {
        const list = [0];
        for (let p = records.indexOf('|'); p >= 0; p = records.indexOf('|', p + 1)) list.push(p + 1);
        list.push(records.length + 1);
        offsets = Int32Array.from(list);
      }
      const start = offsets[i];
      const end = offsets[i + 1] - 1;
      return end > start ? JSON.parse(records.slice(start, end)) : undefined;
    },
  };
}

/** lucide group: base names (each → X, XIcon, LucideX; sorted), or `=` + the literal names. */
function lucideGroup(group) {
  if (group[0] === '=') return group.slice(1).split(' ');
  const names = [];
  for (const base of group.split(' ')) names.push(base, base + 'Icon', 'Lucide' + base);
  return names.sort();
}

/**
 * The lucide source of createLazyIconPack: icon i is `createLucideIcon({name, size: 24, node, aliases?})`,
 * as in its lucide-react module.
 * @param {{text: () => string, textLength: number, loaders: Record<number, () => any>, createLucideIcon: Function}} mod
 */
export function lucideSource(mod) {
  const data = dataPack(mod.text, mod.textLength);
  // A derived group's tokens are its base names (never ending in `Icon` nor starting with
  // `Lucide`); its other names are found through their base.
  const derived = (base) => {
    const g = data.find(base);
    return g !== undefined && !data.literal(g) ? g : undefined;
  };
  return {
    find(name) {
      const g = data.find(name);
      if (g !== undefined) return g;
      const bySuffix = name.endsWith('Icon') ? derived(name.slice(0, -4)) : undefined;
      if (bySuffix !== undefined) return bySuffix;
      return name.startsWith('Lucide') ? derived(name.slice(6)) : undefined;
    },
    groups: () => data.groups().map(lucideGroup),
    load(i) {
      const rec = data.record(i);
      if (rec === undefined) return moduleDefault(mod.loaders[i]());
      if (!Array.isArray(rec)) return mod.createLucideIcon(rec);
      const iconData = { name: rec[0], size: 24, node: unflatten(rec[1], data.meta().schemas) };
      if (rec.length > 2) iconData.aliases = rec[2];
      return mod.createLucideIcon(iconData);
    },
  };
}

/** What a heroicons module exports: `React.forwardRef(function <name>({title, titleId, ...props}, svgRef) {…})`. */
function heroicon(name, svg, children) {
  const render = function ({ title, titleId, ...props }, svgRef) {
    return React.createElement(
      'svg',
      Object.assign({}, svg, { ref: svgRef, 'aria-labelledby': titleId }, props),
      title ? React.createElement('title', { id: titleId }, title) : null,
      ...children.map(([tag, attrs]) => React.createElement(tag, attrs)),
    );
  };
  Object.defineProperty(render, 'name', { value: name });
  return React.forwardRef(render);
}

/**
 * The source of createLazyIconPack for a heroicons pack (one export name per icon).
 * @param {{text: () => string, textLength: number, loaders: Record<number, () => any>}} mod
 */
export function heroiconsSource(mod) {
  const data = dataPack(mod.text, mod.textLength);
  let names;
  return {
    find: (name) => data.find(name),
    groups: () => data.groups().map((name) => [name]),
    load(i) {
      const rec = data.record(i);
      if (rec === undefined) return moduleDefault(mod.loaders[i]());
      if (names === undefined) names = data.groups();
      const meta = data.meta();
      return Array.isArray(rec)
        ? heroicon(names[i], meta.svg, unflatten(rec, meta.schemas))
        : heroicon(names[i], rec.svg, rec.children);
    },
  };
}
