// The icon packs of the bundle (built from data, see build-icons.mjs) against the real npm packages
// in node_modules: for every export name of lucide-react and of @heroicons/react 24/solid and
// 24/outline, the element tree the bundle's component renders equals the one the package's own
// component renders, for several prop sets (with a ref). Trees are expanded without a renderer:
// function and forwardRef components are called (forwardRef as React 19 does: props without `ref`,
// the ref as second argument) under a minimal hook dispatcher (useContext → the context's default
// value), on each side with its own React: the bundle's, and node_modules/react in production mode
// (what the bundle contains). Keys, prop order, prop values, the ref, children arrays/nulls and the
// components' displayName and render function names are compared.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, loadBundle } from './helpers.mjs';

const ELEMENT = Symbol.for('react.transitional.element');
const FORWARD_REF = Symbol.for('react.forward_ref');
const LUCIDE_EXTRAS = ['createLucideIcon', 'Icon', 'LucideProvider', 'useLucideContext', 'icons'];

/** Production React from node_modules (the bundle is built with NODE_ENV=production). */
async function importProductionReact() {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const React = (await import('react')).default;
    assert.equal(typeof React.__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE, 'object');
    // (the development build names a forwardRef's render function after its displayName)
    const probe = React.forwardRef(() => null);
    probe.displayName = 'Probe';
    assert.equal(probe.render.name, '', 'react was loaded in development mode before this test');
    return React;
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/** Element tree → JSON text (key order kept). `REF` is shown as "<ref>". */
function expander(React, REF) {
  const internals = React.__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;
  const dispatcher = { useContext: (context) => context._currentValue };
  function value(v) {
    if (v === REF) return '<ref>';
    if (typeof v === 'function') return `<function ${v.name}>`;
    if (typeof v === 'symbol') return `<symbol ${v.description}>`;
    if (v === undefined) return '<undefined>';
    if (Array.isArray(v)) return v.map(node);
    if (v !== null && typeof v === 'object') {
      if (v.$$typeof === ELEMENT) return node(v);
      const out = {};
      for (const k of Object.keys(v)) out[k] = value(v[k]);
      return out;
    }
    return v;
  }
  function node(n) {
    if (n === null || typeof n !== 'object' || n.$$typeof !== ELEMENT) return value(n);
    const { type, key, props } = n;
    if (typeof type === 'string') {
      const out = {};
      for (const k of Object.keys(props)) out[k] = value(props[k]);
      return { type, key, props: out };
    }
    if (type && type.$$typeof === FORWARD_REF) {
      let rest = props;
      if ('ref' in props) {
        rest = {};
        for (const k in props) if (k !== 'ref') rest[k] = props[k];
      }
      return {
        forwardRef: [type.displayName ?? null, type.render.name],
        key,
        rendered: node(type.render(rest, props.ref ?? null)),
      };
    }
    if (typeof type === 'function') return { function: type.name, key, rendered: node(type(props)) };
    throw new Error(`unexpected element type ${String(type)}`);
  }
  return (element) => {
    const previous = internals.H;
    internals.H = dispatcher;
    try {
      return JSON.stringify(node(element));
    } finally {
      internals.H = previous;
    }
  };
}

// Prop sets per pack (a function of the side's React, for element-valued props).
const LUCIDE_PROPS = [
  () => ({}),
  () => ({ size: 48, color: 'red', strokeWidth: 3, className: 'x', title: 'T' }),
  (React) => ({
    width: 10,
    height: '2em',
    strokeWidth: 1,
    absoluteStrokeWidth: true,
    nonScalingStroke: true,
    className: ' a  b ',
    'aria-label': 'label',
    style: { opacity: 0.5 },
    children: React.createElement('desc', null, 'd'),
  }),
];
const HERO_PROPS = [
  () => ({}),
  () => ({ width: 48, color: 'red', strokeWidth: 3, className: 'x', title: 'T' }),
  () => ({ title: 'T2', titleId: 'tid', 'aria-hidden': 'false', fill: 'red', viewBox: '0 0 1 1', style: { color: 'blue' } }),
  () => ({ title: '', titleId: 'empty', size: 10 }),
];

/** `in` is true for exactly the package's names (checked on the names and on near misses). */
function checkNames(label, names, pack) {
  const set = new Set(names);
  for (const name of names) assert.ok(name in pack, `${label}: ${name} in pack`);
  let misses = 0;
  for (const name of names) {
    for (const other of [name + 'Icon', 'Lucide' + name, 'Lucide' + name + 'Icon', name.slice(0, -1), name.slice(1), name + 's', name.toLowerCase()]) {
      if (set.has(other) || LUCIDE_EXTRAS.includes(other) || (label.startsWith('Heroicons') && set.has(other + 'Icon'))) continue;
      assert.equal(other in pack, false, `${label}: ${other} not in pack`);
      misses++;
    }
  }
  return misses;
}

/** Every name renders the same tree on both sides, and names share a component exactly when they do in the package. */
function comparePack(label, names, real, mine, propSets, realReact, myReact) {
  const REF = { current: null };
  const expandReal = expander(realReact, REF);
  const expandMine = expander(myReact, REF);
  const realClass = new Map();
  const myClass = new Map();
  for (const name of names) {
    const a = real[name];
    const b = mine[name];
    assert.equal(typeof b, 'object', `${label}.${name} missing`);
    if (!realClass.has(a)) realClass.set(a, name);
    if (!myClass.has(b)) myClass.set(b, name);
    assert.equal(myClass.get(b), realClass.get(a), `${label}.${name}: shares its component with ${realClass.get(a)} in the package`);
    for (const props of propSets) {
      const want = expandReal(realReact.createElement(a, { ...props(realReact), ref: REF }));
      const got = expandMine(myReact.createElement(b, { ...props(myReact), ref: REF }));
      if (got !== want) assert.equal(got, want, `${label}.${name} with ${JSON.stringify(props(realReact))}`);
    }
  }
  return realClass.size;
}

test('icon packs render exactly what lucide-react and @heroicons/react render, for every name', async () => {
  const realReact = await importProductionReact();
  const modules = path.join(root, 'node_modules');
  const realLucide = await import(pathToFileURL(path.join(modules, 'lucide-react/dist/esm/lucide-react.mjs')));
  const realSolid = await import(pathToFileURL(path.join(modules, '@heroicons/react/24/solid/esm/index.js')));
  const realOutline = await import(pathToFileURL(path.join(modules, '@heroicons/react/24/outline/esm/index.js')));

  const { host } = loadBundle();
  const extras = host.createExtras({});
  const myReact = extras.React;

  // Names are looked up in the pack's text until the first Object.keys() (then in a map): both ways.
  const lucideNames = Object.keys(realLucide).filter((k) => !LUCIDE_EXTRAS.includes(k));
  assert.ok(lucideNames.length > 7000, `lucide-react exports ${lucideNames.length} icon names`);
  const packs = [
    ['LucideIcons', lucideNames, extras.LucideIcons],
    ['HeroiconsSolid', Object.keys(realSolid), extras.HeroiconsSolid],
    ['HeroiconsOutline', Object.keys(realOutline), extras.HeroiconsOutline],
  ];
  for (const [label, names, pack] of packs) checkNames(label, names, pack);
  // lucide: the same export names (the pack also has the non-icon exports).
  assert.deepEqual([...Object.keys(extras.LucideIcons)].filter((k) => !LUCIDE_EXTRAS.includes(k)).sort(), [...lucideNames].sort());
  for (const k of ['createLucideIcon', 'useLucideContext']) assert.equal(typeof extras.LucideIcons[k], 'function', k);
  assert.equal(extras.LucideIcons.Icon.$$typeof, FORWARD_REF);
  assert.equal(extras.LucideIcons.icons, extras.LucideIcons);
  const lucideIcons = comparePack('LucideIcons', lucideNames, realLucide, extras.LucideIcons, LUCIDE_PROPS, realReact, myReact);

  let heroIcons = 0;
  for (const [label, real, mine] of [
    ['HeroiconsSolid', realSolid, extras.HeroiconsSolid],
    ['HeroiconsOutline', realOutline, extras.HeroiconsOutline],
  ]) {
    const names = Object.keys(real);
    assert.ok(names.length >= 300 && names.every((n) => n.endsWith('Icon')), label);
    assert.deepEqual([...Object.keys(mine)].sort(), [...names].sort());
    heroIcons += comparePack(label, names, real, mine, HERO_PROPS, realReact, myReact);
    for (const name of names) {
      const bare = name.slice(0, -'Icon'.length);
      assert.ok(bare in mine, `${label}.${bare}`);
      assert.equal(mine[bare], mine[name], `${label}.${bare} is ${name}`);
    }
  }
  let misses = 0;
  for (const [label, names, pack] of packs) misses += checkNames(label, names, pack);
  console.log(`# icons: ${lucideNames.length} lucide names (${lucideIcons} icons), ${heroIcons} heroicons, ${LUCIDE_PROPS.length}/${HERO_PROPS.length} prop sets, ${misses} near-miss names absent`);
});

test('icon data decoding: literal name groups, object records, icons bundled as modules, escaped literals', async () => {
  const React = await importProductionReact();
  const { packText, lucideSource, heroiconsSource } = await import('../src/extras/icon-data.js');
  const container = (text) => (0, eval)(`() => '${text}'`);

  // The text is the literal's source (no copy) or, if the literal has an escape, its value.
  assert.equal(packText(container('a|b#{}#[1]'), 10), 'a|b#{}#[1]');
  assert.equal(packText(container("it\\'s"), 4), "it's");
  assert.equal(packText(() => `x${'y'}`, 2), 'xy');

  // lucide: group 0 derived from its bases, group 1 literal with an object record, group 2 a module.
  const lucideText =
    'Foo Bar|=Baz QuxIcon|Zed#{"schemas":[["path","d","key"]]}#["foo",[0,"M0","k0",0,"M1","k1"],["bar"]]|{"name":"baz","size":20,"node":[["circle",{"r":"1"}]]}|';
  const lucide = lucideSource({
    text: container(lucideText),
    textLength: lucideText.length,
    loaders: { 2: () => ({ default: 'Zed component' }) },
    createLucideIcon: (iconData) => ({ iconData }),
  });
  const found = (source, names) => names.map((n) => source.find(n));
  assert.deepEqual(found(lucide, ['Foo', 'FooIcon', 'LucideFoo', 'Bar', 'BarIcon', 'LucideBar']), [0, 0, 0, 0, 0, 0]);
  assert.deepEqual(found(lucide, ['Baz', 'QuxIcon', 'Zed', 'ZedIcon', 'LucideZed']), [1, 1, 2, 2, 2]);
  for (const name of ['Qux', 'BazIcon', 'LucideBaz', 'LucideQuxIcon', 'LucideFooIcon', 'FooIconIcon', 'Fo', 'oo', 'Ba', 'Icon', 'Lucide', '']) {
    assert.equal(lucide.find(name), undefined, name);
  }
  assert.deepEqual(lucide.groups(), [
    ['Bar', 'BarIcon', 'Foo', 'FooIcon', 'LucideBar', 'LucideFoo'],
    ['Baz', 'QuxIcon'],
    ['LucideZed', 'Zed', 'ZedIcon'],
  ]);
  assert.equal(
    JSON.stringify(lucide.load(0).iconData),
    '{"name":"foo","size":24,"node":[["path",{"d":"M0","key":"k0"}],["path",{"d":"M1","key":"k1"}]],"aliases":["bar"]}',
  );
  assert.equal(JSON.stringify(lucide.load(1).iconData), '{"name":"baz","size":20,"node":[["circle",{"r":"1"}]]}');
  assert.equal(lucide.load(2), 'Zed component');

  // heroicons: the pack's <svg> attributes, an icon with its own, an icon bundled as a module.
  const heroText =
    'AIcon|BIcon|CIcon#{"svg":{"fill":"none","strokeWidth":1.5},"schemas":[["path","d"]]}#[0,"M0",0,"M1"]|{"svg":{"viewBox":"0 0 1 1"},"children":[["rect",{"width":"1"}]]}|';
  const hero = heroiconsSource({ text: container(heroText), textLength: heroText.length, loaders: { 2: () => ({ default: 'C component' }) } });
  assert.deepEqual(found(hero, ['AIcon', 'BIcon', 'CIcon', 'A', 'Icon', 'AIco']), [0, 1, 2, undefined, undefined, undefined]);
  assert.deepEqual(hero.groups(), [['AIcon'], ['BIcon'], ['CIcon']]);
  const REF = { current: null };
  const expand = expander(React, REF);
  const A = hero.load(0);
  assert.equal(A.$$typeof, FORWARD_REF);
  assert.equal(A.render.name, 'AIcon');
  const path = (d) => ({ type: 'path', key: null, props: { d } });
  assert.equal(
    expand(React.createElement(A, { title: 'T', titleId: 't', className: 'x', fill: 'red', ref: REF })),
    JSON.stringify({
      forwardRef: [null, 'AIcon'],
      key: null,
      rendered: {
        type: 'svg',
        key: null,
        props: {
          fill: 'red',
          strokeWidth: 1.5,
          ref: '<ref>',
          'aria-labelledby': 't',
          className: 'x',
          children: [{ type: 'title', key: null, props: { id: 't', children: 'T' } }, path('M0'), path('M1')],
        },
      },
    }),
  );
  assert.equal(
    expand(React.createElement(hero.load(1), {})),
    JSON.stringify({
      forwardRef: [null, 'BIcon'],
      key: null,
      rendered: {
        type: 'svg',
        key: null,
        props: { viewBox: '0 0 1 1', ref: null, 'aria-labelledby': '<undefined>', children: [null, { type: 'rect', key: null, props: { width: '1' } }] },
      },
    }),
  );
  assert.equal(hero.load(2), 'C component');
});
