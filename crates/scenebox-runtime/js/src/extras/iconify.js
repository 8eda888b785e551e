// IconifyIcon: React component rendering an icon from Iconify JSON icon sets supplied by the host
// (hostConfig.iconSets: objects, JSON strings or a look-up function, see icon-sets.js). Sizing,
// flips and rotation follow @iconify/react's SVG output; the icon body is parsed into elements.
// A missing set or icon renders <svg data-missing-icon="prefix:name"> and records a missing_icon
// warning.

import React from 'react';
import { markupToElements } from './svg-markup.js';
import { warn } from '../records.js';
import { createIconSetSource } from './icon-sets.js';

const DEFAULT_SIZE = 16;

function parseIconName(icon) {
  if (typeof icon !== 'string') return null;
  let value = icon.trim();
  if (value.startsWith('@')) {
    const parts = value.split(':');
    if (parts.length < 3) return null;
    value = parts.slice(1).join(':');
  }
  const colon = value.indexOf(':');
  if (colon > 0) return { prefix: value.slice(0, colon), name: value.slice(colon + 1) };
  const dash = value.indexOf('--');
  if (dash > 0) return { prefix: value.slice(0, dash), name: value.slice(dash + 2) };
  return null;
}

function mergeTransforms(into, t) {
  if (t.hFlip) into.hFlip = !into.hFlip;
  if (t.vFlip) into.vFlip = !into.vFlip;
  if (t.rotate) into.rotate = ((into.rotate || 0) + t.rotate) % 4;
}

/** Resolves an icon (following aliases) to {body, left, top, width, height, rotate, hFlip, vFlip}. */
function resolveIcon(set, name) {
  if (!set || typeof set !== 'object' || !set.icons) return null;
  const transforms = { rotate: 0, hFlip: false, vFlip: false };
  const overrides = {};
  let current = name;
  for (let depth = 0; depth < 8; depth++) {
    const icon = set.icons[current];
    if (icon && typeof icon.body === 'string') {
      mergeTransforms(transforms, icon);
      const pick = (k, d) => overrides[k] ?? icon[k] ?? set[k] ?? d;
      return {
        body: icon.body,
        left: pick('left', 0),
        top: pick('top', 0),
        width: pick('width', DEFAULT_SIZE),
        height: pick('height', DEFAULT_SIZE),
        ...transforms,
      };
    }
    const alias = set.aliases && set.aliases[current];
    if (!alias || typeof alias.parent !== 'string') return null;
    mergeTransforms(transforms, alias);
    for (const k of ['left', 'top', 'width', 'height']) if (alias[k] !== undefined && overrides[k] === undefined) overrides[k] = alias[k];
    current = alias.parent;
  }
  return null;
}

const UNITS_SPLIT = /(-?[0-9.]*[0-9]+[0-9.]*)/g;
const UNITS_TEST = /^-?[0-9.]*[0-9]+[0-9.]*$/;

/** @iconify/utils calculateSize: scales a number or a CSS size string by ratio. */
function calculateSize(size, ratio, precision = 100) {
  if (ratio === 1) return size;
  if (typeof size === 'number') return Math.ceil(size * ratio * precision) / precision;
  if (typeof size !== 'string') return size;
  const parts = size.split(UNITS_SPLIT);
  if (parts === null || !parts.length) return size;
  const out = [];
  let code = parts.shift();
  let isNumber = UNITS_TEST.test(code);
  for (;;) {
    if (isNumber) {
      const num = parseFloat(code);
      if (isNaN(num)) out.push(code);
      else out.push(Math.ceil(num * ratio * precision) / precision);
    } else {
      out.push(code);
    }
    code = parts.shift();
    if (code === undefined) return out.join('');
    isNumber = !isNumber;
  }
}

function parseRotate(value) {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 0;
  const m = value.trim().match(/^(-?[0-9.]+)(deg|rad|turn|%)?$/);
  if (!m) return 0;
  const n = parseFloat(m[1]);
  switch (m[2]) {
    case 'deg':
      return Math.round(n / 90);
    case 'rad':
      return Math.round((n * 2) / Math.PI);
    case 'turn':
      return Math.round(n * 4);
    case '%':
      return Math.round(n / 25);
    default:
      return n;
  }
}

/** @iconify/utils iconToSVG transform step: returns the wrapped body and the final viewBox. */
function applyTransforms(icon, custom) {
  const box = { left: icon.left, top: icon.top, width: icon.width, height: icon.height };
  let body = icon.body;
  for (const props of [icon, custom]) {
    const transformations = [];
    const hFlip = props.hFlip;
    const vFlip = props.vFlip;
    let rotation = props.rotate || 0;
    if (hFlip) {
      if (vFlip) {
        rotation += 2;
      } else {
        transformations.push(`translate(${box.width + box.left} ${0 - box.top})`);
        transformations.push('scale(-1 1)');
        box.top = box.left = 0;
      }
    } else if (vFlip) {
      transformations.push(`translate(${0 - box.left} ${box.height + box.top})`);
      transformations.push('scale(1 -1)');
      box.top = box.left = 0;
    }
    if (rotation < 0) rotation -= Math.floor(rotation / 4) * 4;
    rotation %= 4;
    let temp;
    switch (rotation) {
      case 1:
        temp = box.height / 2 + box.top;
        transformations.unshift(`rotate(90 ${temp} ${temp})`);
        break;
      case 2:
        transformations.unshift(`rotate(180 ${box.width / 2 + box.left} ${box.height / 2 + box.top})`);
        break;
      case 3:
        temp = box.width / 2 + box.left;
        transformations.unshift(`rotate(-90 ${temp} ${temp})`);
        break;
      default:
        break;
    }
    if (rotation % 2 === 1) {
      if (box.left !== box.top) [box.left, box.top] = [box.top, box.left];
      if (box.width !== box.height) [box.width, box.height] = [box.height, box.width];
    }
    if (transformations.length) body = `<g transform="${transformations.join(' ')}">${body}</g>`;
  }
  return { body, box };
}

function sizeFor(box, width, height) {
  const ratio = box.width / box.height;
  let w;
  let hgt;
  if (width === undefined || width === null) {
    hgt = height === undefined || height === null ? '1em' : height === 'auto' ? box.height : height;
    w = calculateSize(hgt, ratio);
  } else {
    w = width === 'auto' ? box.width : width;
    hgt = height === undefined || height === null ? calculateSize(w, 1 / ratio) : height === 'auto' ? box.height : height;
  }
  return { width: w, height: hgt };
}

function flipFlags(flip) {
  const out = { hFlip: false, vFlip: false };
  if (typeof flip === 'string') {
    for (const part of flip.split(/[\s,]+/)) {
      if (part === 'horizontal') out.hFlip = true;
      if (part === 'vertical') out.vFlip = true;
    }
  }
  return out;
}

export function createIconifyIcon(iconSets) {
  const getIconSet = createIconSetSource(iconSets);
  const cache = new Map();

  function lookup(iconName) {
    if (cache.has(iconName)) return cache.get(iconName);
    const parsed = parseIconName(iconName);
    const resolved = parsed ? resolveIcon(getIconSet(parsed.prefix), parsed.name) : null;
    const entry = resolved ? { prefix: parsed.prefix, icon: resolved } : null;
    cache.set(iconName, entry);
    return entry;
  }

  const IconifyIcon = React.forwardRef(function IconifyIcon(props, ref) {
    const {
      icon,
      width,
      height,
      color,
      style,
      className,
      rotate,
      flip,
      hFlip,
      vFlip,
      inline,
      mode: _mode,
      ssr: _ssr,
      onLoad: _onLoad,
      fallback: _fallback,
      ...rest
    } = props;
    const iconName = typeof icon === 'string' ? icon : String(icon && icon.name ? icon.name : icon);
    const found = typeof icon === 'object' && icon !== null && typeof icon.body === 'string'
      ? { prefix: 'inline', icon: { left: 0, top: 0, width: DEFAULT_SIZE, height: DEFAULT_SIZE, rotate: 0, ...icon } }
      : lookup(iconName);
    const merged = { ...(color ? { color } : {}), ...(inline ? { verticalAlign: '-0.125em' } : {}), ...(style || {}) };
    const styleOut = Object.keys(merged).length > 0 ? merged : undefined;
    if (!found) {
      warn({ kind: 'missing_icon', icon: iconName });
      const size = sizeFor({ width: 1, height: 1 }, width, height);
      return React.createElement('svg', {
        ref,
        xmlns: 'http://www.w3.org/2000/svg',
        'aria-hidden': true,
        role: 'img',
        className,
        width: size.width,
        height: size.height,
        viewBox: '0 0 16 16',
        style: styleOut,
        'data-missing-icon': iconName,
        ...rest,
      });
    }
    const flips = flipFlags(flip);
    const custom = {
      rotate: parseRotate(rotate),
      hFlip: Boolean(hFlip) !== flips.hFlip,
      vFlip: Boolean(vFlip) !== flips.vFlip,
    };
    const { body, box } = applyTransforms(found.icon, custom);
    const size = sizeFor(box, width, height);
    const classes = ['iconify', `iconify--${found.prefix}`, className].filter(Boolean).join(' ');
    return React.createElement(
      'svg',
      {
        ref,
        xmlns: 'http://www.w3.org/2000/svg',
        xmlnsXlink: 'http://www.w3.org/1999/xlink',
        'aria-hidden': true,
        role: 'img',
        className: classes,
        width: size.width,
        height: size.height,
        viewBox: `${box.left} ${box.top} ${box.width} ${box.height}`,
        style: styleOut,
        ...rest,
      },
      ...markupToElements(body),
    );
  });
  IconifyIcon.displayName = 'IconifyIcon';
  return IconifyIcon;
}
