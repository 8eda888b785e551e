// Turns the host instance tree into the JSON-compatible frame tree:
// {type, props, children} for elements, {type: "#text", text} for text (adjacent text merged).
// The walk is iterative and bounded by limits.js: more than maxNodes nodes, or nodes (or prop
// values) nested deeper than maxDepth levels, end in an Error instead of a stack overflow.

import { limits } from '../limits.js';

const DROPPED_KEYS = new Set(['children', 'key', 'ref']);

/** The prop being copied, named in the depth-limit error. */
let propWhere = '';
function tooDeep() {
  return new Error(`SceneboxHost.readFrame: a prop value nests deeper than ${limits.maxDepth} levels (${propWhere})`);
}

function jsonCopy(value, seen, depth = 1) {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  if (seen.has(value)) return undefined; // cycle
  if (depth > limits.maxDepth) throw tooDeep();
  if (typeof value.toJSON === 'function') {
    let json;
    try {
      json = value.toJSON();
    } catch {
      return undefined;
    }
    return jsonCopy(json, seen, depth);
  }
  seen.add(value);
  let out;
  if (Array.isArray(value)) {
    out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const c = jsonCopy(value[i], seen, depth + 1);
      out[i] = c === undefined ? null : c;
    }
  } else if (value.$$typeof) {
    out = undefined; // React elements or other React objects: not data
  } else {
    out = {};
    for (const key of Object.keys(value)) {
      const c = jsonCopy(value[key], seen, depth + 1);
      if (c !== undefined) out[key] = c;
    }
  }
  seen.delete(value);
  return out;
}

function copyStyle(style) {
  if (style === null || typeof style !== 'object') return jsonCopy(style, new Set());
  const out = {};
  for (const key of Object.keys(style)) {
    const v = style[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const c = v !== null && typeof v === 'object' ? jsonCopy(v, new Set(), 2) : typeof v === 'number' && !Number.isFinite(v) ? null : v;
    if (c !== undefined) out[key] = c;
  }
  return out;
}

function serializeProps(inst) {
  const source = inst.assigned ? { ...inst.props, ...inst.assigned } : inst.props;
  const out = {};
  for (const key of Object.keys(source)) {
    if (DROPPED_KEYS.has(key)) continue;
    const value = source[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    propWhere = `prop "${key}" of <${String(inst.type)}>`;
    if (key === 'style') {
      out.style = copyStyle(value);
      continue;
    }
    const c = value !== null && typeof value === 'object' ? jsonCopy(value, new Set()) : jsonCopy(value, null);
    if (c !== undefined) out[key] = c;
  }
  // Remotion's <Img> keeps `src` out of the <img> props (it assigns it on the DOM node in a
  // browser-only effect); the host Img wrapper forwards it under this private name.
  if (inst.type === 'img' && 'data-scenebox-src' in out) {
    const src = out['data-scenebox-src'];
    delete out['data-scenebox-src'];
    if (!('src' in out)) out.src = src;
  }
  if (inst.hidden) out.style = { ...(out.style && typeof out.style === 'object' ? out.style : {}), display: 'none' };
  return out;
}

function tooMany() {
  return new Error(`SceneboxHost.readFrame: the element tree has more than ${limits.maxNodes} nodes (limits.maxNodes)`);
}

function tooDeepTree() {
  return new Error(`SceneboxHost.readFrame: the element tree nests deeper than ${limits.maxDepth} levels (limits.maxDepth)`);
}

export function serializeContainer(container) {
  const { maxNodes, maxDepth } = limits;
  const root = { type: '#root', props: {}, children: [] };
  let count = 0;
  // One frame per open element: its host children, the next index, its output children array.
  // The depth of a node is the number of frames open when it is reached (root children: 1).
  const stack = [{ list: container.children, index: 0, out: root.children }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.index >= top.list.length) {
      stack.pop();
      continue;
    }
    const child = top.list[top.index++];
    if (child.kind === 'text') {
      if (child.hidden || child.text === '') continue;
      const last = top.out[top.out.length - 1];
      if (last && last.type === '#text') {
        last.text += child.text;
        continue;
      }
      if (stack.length > maxDepth) throw tooDeepTree();
      if (++count > maxNodes) throw tooMany();
      top.out.push({ type: '#text', text: child.text });
    } else {
      if (stack.length > maxDepth) throw tooDeepTree();
      if (++count > maxNodes) throw tooMany();
      const node = { type: String(child.type), props: serializeProps(child), children: [] };
      top.out.push(node);
      if (child.children.length > 0) stack.push({ list: child.children, index: 0, out: node.children });
    }
  }
  return root;
}
