// Host instances of the scenebox renderer: plain objects {type, props, children} plus the public
// instance handed to refs, a Proxy that records property assignments (`ref.current.src = …`,
// `setAttribute`, `style.x = …`) into the instance's props and stubs the DOM methods that
// component libraries call on refs.

const publicToInstance = new WeakMap();

export function createInstance(type, props) {
  return { kind: 'element', type, props, assigned: null, hidden: false, children: [], parent: null };
}

export function createTextInstance(text) {
  return { kind: 'text', text: String(text), hidden: false, parent: null };
}

export function createContainer() {
  return { kind: 'container', children: [] };
}

/** Resolves a ref value (public proxy) or an instance/container back to the underlying node. */
export function toNode(value) {
  if (value && typeof value === 'object') {
    const inst = publicToInstance.get(value);
    if (inst) return inst;
    if (value.kind === 'element' || value.kind === 'container') return value;
  }
  return null;
}

function assign(inst, key, value) {
  if (!inst.assigned) inst.assigned = Object.create(null);
  inst.assigned[key] = value;
}

function styleProxy(inst) {
  const base = () => {
    const s = inst.assigned && inst.assigned.style;
    if (s && typeof s === 'object') return s;
    const from = inst.props.style && typeof inst.props.style === 'object' ? inst.props.style : {};
    const copy = { ...from };
    assign(inst, 'style', copy);
    return copy;
  };
  return new Proxy(
    {},
    {
      get(_, key) {
        if (key === 'setProperty') return (name, value) => void (base()[cssNameToProp(name)] = value);
        if (key === 'removeProperty') return (name) => void delete base()[cssNameToProp(name)];
        if (key === 'getPropertyValue') return (name) => base()[cssNameToProp(name)] ?? '';
        const s = (inst.assigned && inst.assigned.style) || inst.props.style || {};
        return typeof key === 'string' ? s[key] ?? '' : undefined;
      },
      set(_, key, value) {
        if (typeof key === 'string') base()[key] = value;
        return true;
      },
    },
  );
}

function cssNameToProp(name) {
  return String(name).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}

const noop = () => {};
const zeroRect = { x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0 };

function readProp(inst, key) {
  if (inst.assigned && key in inst.assigned) return inst.assigned[key];
  return inst.props[key];
}

const handler = {
  get(inst, key) {
    switch (key) {
      case 'tagName':
      case 'nodeName':
        return String(inst.type).toUpperCase();
      case 'nodeType':
        return 1;
      case 'style':
        return (inst.styleProxy ||= styleProxy(inst));
      case 'setAttribute':
        return (name, value) => assign(inst, name === 'class' ? 'className' : name, String(value));
      case 'removeAttribute':
        return (name) => assign(inst, name === 'class' ? 'className' : name, undefined);
      case 'getAttribute':
        return (name) => {
          const v = readProp(inst, name === 'class' ? 'className' : name);
          return v === undefined || v === null ? null : String(v);
        };
      case 'hasAttribute':
        return (name) => readProp(inst, name) !== undefined;
      case 'addEventListener':
      case 'removeEventListener':
      case 'focus':
      case 'blur':
      case 'scrollTo':
      case 'scrollIntoView':
      case 'pause':
      case 'load':
        return noop;
      case 'dispatchEvent':
        return () => true;
      case 'play':
      case 'decode':
        return () => Promise.resolve();
      case 'getBoundingClientRect':
      case 'getBBox':
        return () => ({ ...zeroRect });
      case 'getClientRects':
        return () => [];
      case 'getTotalLength':
        return () => 0;
      case 'getPointAtLength':
        return () => ({ x: 0, y: 0 });
      case 'getContext':
        return () => null;
      case 'animate':
        return () => ({ cancel: noop, finish: noop, play: noop, pause: noop });
      case 'contains':
        return (other) => toNode(other) === inst;
      case 'children':
      case 'childNodes':
        return [];
      case 'parentNode':
      case 'parentElement':
      case 'ownerDocument':
        return null;
      case 'isConnected':
        return inst.parent !== null;
      case 'complete':
        return true;
      case 'naturalWidth':
      case 'naturalHeight':
      case 'clientWidth':
      case 'clientHeight':
      case 'offsetWidth':
      case 'offsetHeight':
      case 'scrollWidth':
      case 'scrollHeight':
      case 'currentTime':
      case 'duration':
        return typeof readProp(inst, key) === 'number' ? readProp(inst, key) : 0;
      case 'textContent':
        return '';
      default:
        if (typeof key === 'symbol') return undefined;
        return readProp(inst, key);
    }
  },
  set(inst, key, value) {
    if (typeof key === 'string') {
      if (key === 'style' && typeof value === 'string') return true;
      assign(inst, key === 'class' ? 'className' : key, value);
    }
    return true;
  },
  has(inst, key) {
    return typeof key === 'string' && (key in inst.props || Boolean(inst.assigned && key in inst.assigned));
  },
};

export function getPublicInstance(inst) {
  if (!inst.publicInstance) {
    inst.publicInstance = new Proxy(inst, handler);
    publicToInstance.set(inst.publicInstance, inst);
  }
  return inst.publicInstance;
}
