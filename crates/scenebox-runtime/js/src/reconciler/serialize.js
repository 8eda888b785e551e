// Turns the host instance tree into the JSON-compatible frame tree:
// {type, props, children} for elements, {type: "#text", text} for text (adjacent text merged).

const DROPPED_KEYS = new Set(['children', 'key', 'ref']);

function jsonCopy(value, seen) {
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
  if (typeof value.toJSON === 'function') {
    try {
      return jsonCopy(value.toJSON(), seen);
    } catch {
      return undefined;
    }
  }
  seen.add(value);
  let out;
  if (Array.isArray(value)) {
    out = value.map((v) => {
      const c = jsonCopy(v, seen);
      return c === undefined ? null : c;
    });
  } else if (value.$$typeof) {
    out = undefined; // React elements or other React objects: not data
  } else {
    out = {};
    for (const key of Object.keys(value)) {
      const c = jsonCopy(value[key], seen);
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
    const c = v !== null && typeof v === 'object' ? jsonCopy(v, new Set()) : typeof v === 'number' && !Number.isFinite(v) ? null : v;
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

function serializeChildren(children) {
  const out = [];
  for (const child of children) {
    if (child.kind === 'text') {
      if (child.hidden || child.text === '') continue;
      const last = out[out.length - 1];
      if (last && last.type === '#text') last.text += child.text;
      else out.push({ type: '#text', text: child.text });
    } else {
      out.push({ type: String(child.type), props: serializeProps(child), children: serializeChildren(child.children) });
    }
  }
  return out;
}

export function serializeContainer(container) {
  return { type: '#root', props: {}, children: serializeChildren(container.children) };
}
