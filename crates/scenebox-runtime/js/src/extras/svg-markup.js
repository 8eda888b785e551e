// Tiny SVG markup parser: turns an Iconify icon body (SVG fragment) into React elements with
// React-style prop names (stroke-width → strokeWidth, class → className, style string → object),
// so icon bodies become ordinary tree nodes instead of dangerouslySetInnerHTML.

import React from 'react';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return Object.prototype.hasOwnProperty.call(ENTITIES, body) ? ENTITIES[body] : whole;
  });
}

const SPECIAL_ATTRS = {
  class: 'className',
  for: 'htmlFor',
  'xlink:href': 'xlinkHref',
  'xlink:title': 'xlinkTitle',
  'xlink:role': 'xlinkRole',
  'xlink:show': 'xlinkShow',
  'xlink:actuate': 'xlinkActuate',
  'xlink:arcrole': 'xlinkArcrole',
  'xlink:type': 'xlinkType',
  'xml:space': 'xmlSpace',
  'xml:lang': 'xmlLang',
  'xml:base': 'xmlBase',
  'xmlns:xlink': 'xmlnsXlink',
};

function camel(name) {
  return name.replace(/[-:]([a-z])/g, (_, c) => c.toUpperCase());
}

export function attributeToProp(name) {
  if (SPECIAL_ATTRS[name]) return SPECIAL_ATTRS[name];
  if (name.startsWith('data-') || name.startsWith('aria-')) return name;
  return camel(name);
}

export function parseStyle(text) {
  const style = {};
  for (const decl of text.split(';')) {
    const colon = decl.indexOf(':');
    if (colon === -1) continue;
    const prop = decl.slice(0, colon).trim();
    const value = decl.slice(colon + 1).trim();
    if (!prop) continue;
    const key = prop.startsWith('--')
      ? prop
      : camel(prop.startsWith('-ms-') ? prop.slice(1) : prop).replace(/^-([a-z])/, (_, c) => c.toUpperCase());
    style[key] = value;
  }
  return style;
}

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/\s*([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|[^<]+|</g;
const ATTR = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/**
 * Parses markup into a forest of nodes {tag, props, children} / strings. Unbalanced closing
 * tags are ignored; unclosed elements are closed at the end.
 */
export function parseMarkup(markup) {
  const root = { tag: null, props: {}, children: [] };
  const stack = [root];
  TOKEN.lastIndex = 0;
  let m;
  while ((m = TOKEN.exec(markup)) !== null) {
    const top = stack[stack.length - 1];
    const whole = m[0];
    if (m[1] !== undefined) {
      top.children.push(m[1]);
    } else if (m[2] !== undefined) {
      const name = m[2];
      for (let i = stack.length - 1; i > 0; i--) {
        if (stack[i].tag === name) {
          stack.length = i;
          break;
        }
      }
    } else if (m[3] !== undefined) {
      const props = {};
      ATTR.lastIndex = 0;
      let a;
      while ((a = ATTR.exec(m[4] || '')) !== null) {
        const raw = a[2] ?? a[3] ?? a[4];
        const value = raw === undefined ? '' : decodeEntities(raw);
        const prop = attributeToProp(a[1]);
        props[prop] = prop === 'style' ? parseStyle(value) : value;
      }
      const node = { tag: m[3], props, children: [] };
      top.children.push(node);
      if (m[5] !== '/') stack.push(node);
    } else if (whole.startsWith('<!--') || whole.startsWith('<?') || whole.startsWith('<!')) {
      // comment, processing instruction or doctype: dropped
    } else {
      const text = decodeEntities(whole);
      if (text.trim() !== '' || top.tag === 'text' || top.tag === 'tspan') top.children.push(text);
    }
  }
  return root.children;
}

export function nodesToElements(nodes) {
  return nodes.map((node, index) => {
    if (typeof node === 'string') return node;
    const children = nodesToElements(node.children);
    return React.createElement(node.tag, { key: index, ...node.props }, ...children);
  });
}

/** SVG markup → array of React elements. */
export function markupToElements(markup) {
  return nodesToElements(parseMarkup(String(markup)));
}
