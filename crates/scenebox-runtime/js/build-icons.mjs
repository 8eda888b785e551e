// Icon packs as data (used by build.mjs). Every icon of lucide-react and of @heroicons/react
// 24/solid and 24/outline is reduced at build time to its static SVG content, and each pack becomes
// a virtual module `scenebox:icons/<pack>` exporting
//
//   text       () => '<names>#<pack JSON>#<record 0>|<record 1>|…'   one string literal per pack
//   textLength the length of that string
//   loaders    {index: () => require(module)} for the icons whose module has an unexpected shape
//              (normally empty; such an icon is bundled as its lazily initialised module)
//
// plus, for lucide, its real createLucideIcon/Icon/LucideProvider/useLucideContext. The string
// literal sits in a function that is never called: V8 compiles it lazily, so no heap string is made
// for it when the bundle is evaluated into the start-up snapshot (only the script source holds it),
// and at run time src/extras/icon-data.js takes the text as a slice of the function's source
// (Function.prototype.toString), with no copy. The literal is therefore written with no escape
// sequence (checked here and, for the emitted bundle, by checkIconText in build.mjs), so that its
// source text and its value are the same characters.
//
// <names>: one group per icon, `|`-separated, of space-separated export names.
//   lucide: a group is written as its base names (`Rocket`): each base stands for the three exports
//   `Rocket`, `RocketIcon`, `LucideRocket`, and the group is the sorted list of them (that is the
//   order of lucide-react's index). A group that does not follow that rule is written literally,
//   prefixed with `=`.
// <pack JSON>: lucide `{"schemas":[…]}`, heroicons `{"svg":{…static <svg> attributes…},"schemas":[…]}`.
//   A schema is `[tag, attribute names…]`; a child element is written flat as the schema index
//   followed by its attribute values, in the order of the schema, so `["path",{"d":"…","key":"…"}]`
//   becomes `0,"…","…"`.
// <record>: JSON per icon, or empty for an icon served by `loaders`.
//   lucide: `["rocket",[flat children]]` or `["alarm-clock-check",[flat children],["alarm-check"]]`
//   for the module's `{name, size: 24, node, aliases?}`; another shape of icon data is written as
//   that object itself (node as nested arrays).
//   heroicons: `[flat children]` for an icon whose <svg> attributes are the pack's; otherwise
//   `{"svg":{…},"children":[[tag,{…}],…]}`. The forwardRef render function's name is the export name
//   (checked), as in the real modules.

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

// Characters a record may contain: printable ASCII without the record separator `|`, the
// backslash (an escape), and the quote characters of JS string and template literals.
const VERBATIM = /^[\x20-\x7e]*$/;
const FORBIDDEN = /[|\\'`]/;
const verbatim = (s) => VERBATIM.test(s) && !FORBIDDEN.test(s) && !s.includes('${');
const IDENT = /^[A-Za-z_$][\w$]*$/;

// One context for evaluating the icon modules' code (a fresh context per module is slow).
const sandbox = vm.createContext(Object.create(null));
const evaluate = (code) => vm.runInContext(code, sandbox);

/** Deep equality that also compares the key order of objects (JSON round trips keep it). */
function sameJson(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => sameJson(a[k], b[k]));
}

/** JSON text of `value` if it round-trips exactly (types, -0, key order) and is verbatim-safe. */
function exactJson(value) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch {
    return undefined;
  }
  if (text === undefined || !sameJson(JSON.parse(text), plain(value)) || !verbatim(text)) return undefined;
  return text;
}

/** Copy of a JSON-like value made of this realm's objects; NaN (equal to nothing) for anything else. */
function plain(value) {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : NaN;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) return NaN; // not a plain object
    const out = {};
    for (const k of Object.keys(value)) {
      if (k === '__proto__') return NaN;
      out[k] = plain(value[k]);
    }
    return out;
  }
  return NaN; // undefined, functions, symbols, bigint: never equal to anything parsed
}

/** Flat encoding of children [[tag, attrs], …] with a shared schema table; undefined if not applicable. */
function flatten(children, schemas, schemaIndex) {
  const flat = [];
  for (const child of children) {
    if (!Array.isArray(child) || child.length !== 2) return undefined;
    const [tag, attrs] = child;
    if (typeof tag !== 'string' || attrs === null || typeof attrs !== 'object' || Array.isArray(attrs)) return undefined;
    const keys = Object.keys(attrs);
    if (keys.includes('__proto__')) return undefined;
    const schema = JSON.stringify([tag, ...keys]);
    if (!schemaIndex.has(schema)) {
      schemaIndex.set(schema, schemas.length);
      schemas.push([tag, ...keys]);
    }
    flat.push(schemaIndex.get(schema), ...keys.map((k) => attrs[k]));
  }
  return flat;
}

/** The inverse of flatten (the same code runs in the bundle, src/extras/icon-data.js). */
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

// A group of names as icon-data.js searches it: identifiers separated by single spaces (`=` first
// for a literal lucide group).
const GROUP = /^=?[A-Za-z_$][\w$]*(?: [A-Za-z_$][\w$]*)*$/;

function packText(names, meta, records) {
  for (const n of names) if (!GROUP.test(n)) throw new Error(`icon names not encodable: ${n}`);
  const metaText = exactJson(meta);
  if (metaText === undefined || metaText.includes('#')) throw new Error('icon pack metadata not encodable');
  const text = `${names.join('|')}#${metaText}#${records.join('|')}`;
  if (!verbatim(text.replace(/\|/g, ''))) throw new Error('icon pack text not verbatim-safe'); // (each part was checked)
  return text;
}

function moduleSource(text, loaders, head = []) {
  return [
    ...head,
    `export const text = () => '${text}';`,
    `export const textLength = ${text.length};`,
    `export const loaders = {${loaders.map(([i, file]) => `${i}: () => require(${JSON.stringify(file)})`).join(',\n')}};`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// lucide-react

// Lucide icon modules all have the shape
//   import createLucideIcon from '../createLucideIcon.mjs';
//   const __iconData = {...};  __iconData.node;  const X = createLucideIcon(__iconData);
//   export { __iconData, X as default };
// so the icon is `createLucideIcon(<the data literal>)`. The literal is evaluated here; a module
// of any other shape is bundled as a lazily initialised module instead (`loaders`).
const LUCIDE_ICON_MODULE =
  /^\s*(?:\/\*\*[\s\S]*?\*\/\s*)?import createLucideIcon from '\.\.\/createLucideIcon\.mjs';\s*const __iconData = (\{[\s\S]*?\});\s*__iconData\.node;\s*const (\w+) = createLucideIcon\(__iconData\);\s*export \{ __iconData, \2 as default \};\s*(?:\/\/# sourceMappingURL=\S+\s*)?$/;

/** lucide group encoding: bases (each → X, XIcon, LucideX; sorted) or `=` + the literal list. */
function encodeLucideGroup(names) {
  const bases = names.filter((n) => !n.endsWith('Icon') && !n.startsWith('Lucide'));
  const expanded = bases.flatMap((b) => [b, `${b}Icon`, `Lucide${b}`]).sort();
  const derived = bases.length > 0 && expanded.length === names.length && expanded.every((n, i) => n === names[i]);
  return derived ? bases.join(' ') : `=${names.join(' ')}`;
}

function lucideRecord(data, schemas, schemaIndex) {
  const keys = Object.keys(data);
  const standard =
    (keys.join() === 'name,size,node' || keys.join() === 'name,size,node,aliases') &&
    typeof data.name === 'string' &&
    data.size === 24 &&
    Array.isArray(data.node);
  if (standard) {
    const flat = flatten(data.node, schemas, schemaIndex);
    if (flat !== undefined) {
      const rec = data.aliases === undefined ? [data.name, flat] : [data.name, flat, data.aliases];
      const text = exactJson(rec);
      if (text !== undefined && sameJson(unflatten(flat, schemas), plain(data.node))) return text;
    }
  }
  const text = exactJson(data);
  // A record starting with `{` is the icon data itself.
  return text;
}

export function lucideModule(root, rel) {
  const dir = path.join(root, 'node_modules', 'lucide-react', 'dist', 'esm');
  const index = fs.readFileSync(path.join(dir, 'lucide-react.mjs'), 'utf8');
  const re = /export \{([^}]*)\} from '\.\/icons\/([a-z0-9-]+)\.mjs';/g;
  const groups = [];
  const records = [];
  const loaders = [];
  const schemas = [];
  const schemaIndex = new Map();
  let m;
  while ((m = re.exec(index)) !== null) {
    const names = m[1]
      .split(',')
      .map((s) => s.trim())
      .map((s) => s.replace(/^default as /, ''))
      .filter(Boolean);
    if (!names.every((n) => IDENT.test(n))) throw new Error(`lucide: unexpected export list ${m[1]}`);
    groups.push(encodeLucideGroup(names));
    const file = path.join(dir, 'icons', `${m[2]}.mjs`);
    const shape = LUCIDE_ICON_MODULE.exec(fs.readFileSync(file, 'utf8'));
    const record = shape ? lucideRecord(evaluate(`(${shape[1]})`), schemas, schemaIndex) : undefined;
    if (record === undefined) {
      loaders.push([records.length, rel(file)]);
      records.push('');
    } else records.push(record);
  }
  if (groups.length < 1000) throw new Error(`lucide-react index not understood (${groups.length} icons)`);
  if (loaders.length > 0) console.warn(`lucide: ${loaders.length} icon module(s) of unexpected shape, bundled as lazy modules`);
  const text = packText(groups, { schemas }, records);
  return moduleSource(text, loaders, [
    `import createLucideIcon from ${JSON.stringify(rel(path.join(dir, 'createLucideIcon.mjs')))};`,
    `export { createLucideIcon };`,
    `export { default as Icon } from ${JSON.stringify(rel(path.join(dir, 'Icon.mjs')))};`,
    `export { LucideProvider, useLucideContext } from ${JSON.stringify(rel(path.join(dir, 'context.mjs')))};`,
  ]);
}

// ---------------------------------------------------------------------------------------------
// @heroicons/react

// A heroicons module is `import * as React from "react"; function XIcon({title, titleId, ...props},
// svgRef) { return React.createElement("svg", Object.assign({…, ref: svgRef, "aria-labelledby":
// titleId}, props), title ? React.createElement("title", {id: titleId}, title) : null, <paths>) }
// const ForwardRef = React.forwardRef(XIcon); export default ForwardRef;`. Its body is evaluated
// with a recording React and its render function probed with marker values, which checks that
// shape and yields the static <svg> attributes and children.
const HERO_ESM = /^import \* as React from "react";\n([\s\S]*)\nexport default ForwardRef;\s*$/;

const recordingReact = Object.freeze({
  createElement: (type, config, ...children) => ({ type, config, children }),
  forwardRef: (render) => ({ forwardRef: render }),
});

/** → {name, svg, children} or undefined if the module does not behave like a heroicon. */
function probeHeroicon(source) {
  const m = HERO_ESM.exec(source);
  if (!m) return undefined;
  let component;
  try {
    component = evaluate(`(function (React) {\n${m[1]}\nreturn ForwardRef;\n})`)(recordingReact);
  } catch {
    return undefined;
  }
  if (!component || typeof component.forwardRef !== 'function') return undefined;
  const render = component.forwardRef;
  const TITLE = Symbol('title');
  const TITLE_ID = Symbol('titleId');
  const REF = Symbol('ref');
  const PROP = Symbol('prop');
  const call = (props, ref) => {
    try {
      return render(props, ref);
    } catch {
      return undefined;
    }
  };
  const isMarker = (v) => typeof v === 'symbol';
  const staticElement = (el) =>
    el && typeof el.type === 'string' && el.children.length === 0 && !Object.values(el.config ?? {}).some(isMarker);

  const full = call({ title: TITLE, titleId: TITLE_ID, zzProbe: PROP }, REF);
  if (!full || full.type !== 'svg' || full.children.length < 2) return undefined;
  const keys = Object.keys(full.config);
  const nStatic = keys.length - 3;
  if (nStatic < 0 || keys.slice(nStatic).join() !== 'ref,aria-labelledby,zzProbe') return undefined;
  if (full.config.ref !== REF || full.config['aria-labelledby'] !== TITLE_ID || full.config.zzProbe !== PROP) return undefined;
  const svg = {};
  for (const k of keys.slice(0, nStatic)) svg[k] = full.config[k];
  if (Object.values(svg).some(isMarker) || 'title' in svg || 'titleId' in svg) return undefined;
  const [title, ...children] = full.children;
  if (!title || title.type !== 'title' || Object.keys(title.config).join() !== 'id' || title.config.id !== TITLE_ID) return undefined;
  if (title.children.length !== 1 || title.children[0] !== TITLE) return undefined;
  if (!children.every(staticElement)) return undefined;
  const statics = children.map((c) => [c.type, c.config ?? {}]);

  // No title (undefined, '', 0): null first child; the rest unchanged. Props are assigned over the
  // static attributes (Object.assign), keeping their positions.
  for (const [props, ref] of [
    [{}, null],
    [{ title: '', titleId: 'i' }, null],
    [{ title: 0, fill: PROP, zzProbe: PROP }, REF],
  ]) {
    const out = call(props, ref);
    if (!out || out.type !== 'svg' || out.children.length !== full.children.length || out.children[0] !== null) return undefined;
    const { title: _t, titleId, ...rest } = props;
    const expected = Object.assign({ ...svg, ref, 'aria-labelledby': titleId }, rest);
    const got = out.config;
    if (Object.keys(got).join() !== Object.keys(expected).join() || Object.keys(got).some((k) => got[k] !== expected[k])) return undefined;
    const others = out.children.slice(1);
    if (!others.every(staticElement) || !sameJson(plain(others.map((c) => [c.type, c.config ?? {}])), plain(statics))) return undefined;
  }
  return { name: render.name, svg, children: statics };
}

export function heroiconsModule(root, rel, size, style) {
  const dir = path.join(root, 'node_modules', '@heroicons', 'react', size, style, 'esm');
  const index = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
  const re = /export \{ default as (\w+) \} from '\.\/(\w+)\.js'/g;
  const names = [];
  const icons = [];
  let m;
  while ((m = re.exec(index)) !== null) {
    names.push(m[1]);
    const file = path.join(dir, `${m[2]}.js`);
    icons.push({ file, probe: probeHeroicon(fs.readFileSync(file, 'utf8')) });
  }
  if (names.length < 100) throw new Error(`heroicons ${size}/${style} index not understood`);

  // The pack's <svg> attributes: those of the first icon that has any (all of them, in fact).
  const first = icons.find((i) => i.probe);
  const svg = first ? first.probe.svg : {};
  const svgText = exactJson(svg);
  const schemas = [];
  const schemaIndex = new Map();
  const records = [];
  const loaders = [];
  icons.forEach(({ file, probe }, i) => {
    let record;
    if (probe && probe.name === names[i] && exactJson(probe.svg) !== undefined) {
      const flat = flatten(probe.children, schemas, schemaIndex);
      if (exactJson(probe.svg) === svgText && flat !== undefined && sameJson(unflatten(flat, schemas), plain(probe.children))) {
        record = exactJson(flat);
      }
      if (record === undefined) {
        record = exactJson({ svg: probe.svg, children: probe.children });
      }
    }
    if (record === undefined) {
      loaders.push([i, rel(file)]);
      records.push('');
    } else records.push(record);
  });
  if (loaders.length > 0) console.warn(`heroicons ${size}/${style}: ${loaders.length} icon module(s) of unexpected shape, bundled as lazy modules`);
  const text = packText(names, { svg, schemas }, records);
  return moduleSource(text, loaders);
}
