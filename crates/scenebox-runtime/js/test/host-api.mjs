// Tests of the host contract the Rust runtime is written against: the Phase 1 window as a context
// extension, artifacts as `scenebox compile --out` writes them (model and seed from the file
// name, --frames all), icon sets as JSON strings or a look-up function, the readFrame() limits,
// and evaluating the bundle twice. Imported by run.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { artifacts, iconSets, bundlePath, run, frames, text, byType, byProp, loadBundle, settle } from './helpers.mjs';

const cli = (name) => path.join(artifacts, 'cli', name);

async function lines(args) {
  const r = await run(args);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim().split('\n');
}

/** Evaluates `(React) => Scene` source inside the context and returns the component. */
function sceneIn(ctx, host, source) {
  return vm.runInContext(`(${source})`, ctx)(host.createExtras({}).React);
}

test('phase1: window as context extension, own `const React = window.React`, w.window === w', async () => {
  const f = await frames('window-const.phase1.js', { model: 'phase1', frames: '7' });
  const div = byProp(f[7].tree, 'id', 'w');
  assert.equal(div.children[0].text, 'frame 7 same=true self=undefined gt=undefined host=function');
  assert.equal(byType(div, 'svg')[0].props.className, 'lucide lucide-rocket');
  // The old `new Function('window', 'React', code)` shape rejects this artifact.
  const code = fs.readFileSync(path.join(artifacts, 'window-const.phase1.js'), 'utf8');
  assert.throws(() => new Function('window', 'React', code), /Identifier 'React' has already been declared/);
});

test('CLI artifacts: model and seed from the file name, both models agree, --frames all', async () => {
  const args = ['--frames', 'all', '--duration', '45', '--width', '1280', '--height', '720'];
  const phase1 = await lines(['--artifact', cli('title-card-spring.phase1.js'), ...args, '--json-lines']);
  const param = await lines(['--artifact', cli('title-card-spring.param.js'), ...args]);
  assert.equal(phase1.length, 45);
  assert.deepEqual(phase1.map((l) => JSON.parse(l).frame), [...Array(45).keys()]);
  assert.deepEqual(phase1, param, 'phase1 and param artifacts render identical trees');
  assert.equal(text(JSON.parse(phase1[44]).tree), 'Launch Faster|Ship your product in days, not months');

  const byDefault = await frames('determinism.js');
  const stem = await frames('determinism.js', { extra: ['--seed', 'determinism'] });
  const withExt = await frames('determinism.js', { extra: ['--seed', 'determinism.js'] });
  assert.equal(text(byProp(byDefault[0].tree, 'id', 'load')), text(byProp(stem[0].tree, 'id', 'load')), 'default seed = file stem');
  assert.notEqual(text(byProp(byDefault[0].tree, 'id', 'load')), text(byProp(withExt[0].tree, 'id', 'load')));
});

test('icon sets as JSON strings and as a look-up function, resolved lazily and cached', async () => {
  const json = fs.readFileSync(path.join(iconSets, 'test.json'), 'utf8');
  const { ctx, host } = loadBundle();
  host.installDeterminism('icon-sets');
  const calls = [];
  const configs = [
    { test: json, broken: '{not json' },
    (prefix) => (calls.push(prefix), prefix === 'test' ? json : undefined),
  ];
  const Scene = vm.runInContext(
    `(Icon) => function Scene() {
      const React = SceneboxHost.createExtras({}).React;
      return React.createElement('div', null,
        React.createElement(Icon, { icon: 'test:star', width: 64 }),
        React.createElement(Icon, { icon: 'test:star-flipped' }),
        React.createElement(Icon, { icon: 'other:x' }));
    }`,
    ctx,
  );
  for (const iconSetsConfig of configs) {
    const extras = host.createExtras({ iconSets: iconSetsConfig });
    host.mount(Scene(extras.IconifyIcon), { width: 10, height: 10, fps: 30, durationInFrames: 10 }, {});
    await settle(host, 0);
    await settle(host, 1);
    const svgs = byType(host.readFrame().tree, 'svg');
    assert.equal(svgs[0].props.viewBox, '0 0 24 24');
    assert.equal(svgs[0].props.width, 64);
    assert.equal(byType(svgs[1], 'g')[0].props.transform, 'translate(24 0) scale(-1 1)');
    assert.equal(svgs[2].props['data-missing-icon'], 'other:x');
    host.unmount();
  }
  assert.deepEqual(calls, ['test', 'other'], 'the function is called once per prefix');

  const bad = host.createExtras({ iconSets: { broken: '{not json' } });
  host.mount(Scene(bad.IconifyIcon), { width: 10, height: 10, fps: 30, durationInFrames: 10 }, {});
  await settle(host, 0); // the broken set is never asked for
  host.unmount();
  const BadScene = vm.runInContext(
    `(Icon) => () => SceneboxHost.createExtras({}).React.createElement(Icon, { icon: 'broken:x' })`,
    ctx,
  );
  host.mount(BadScene(bad.IconifyIcon), { width: 10, height: 10, fps: 30, durationInFrames: 10 }, {});
  assert.throws(() => host.renderFrame(0), /icon set "broken" is not valid JSON/);
  host.unmount();
});

test('readFrame limits: maxNodes, maxDepth, prop depth, setLimits validation', async () => {
  let { ctx, host } = loadBundle();
  host.installDeterminism('limits');
  assert.deepEqual(JSON.parse(JSON.stringify(host.limits)), { maxNodes: 200000, maxDepth: 2000 });
  assert.throws(() => host.setLimits({ maxNodes: 0 }), /positive integer/);
  assert.throws(() => host.setLimits({ maxNode: 5 }), /unknown limit/);
  assert.throws(() => { host.limits.maxNodes = 1; }, TypeError, 'the snapshot is frozen');
  const config = { width: 10, height: 10, fps: 30, durationInFrames: 10 };

  const Wide = sceneIn(ctx, host, `(React) => ({ n }) =>
    React.createElement('ul', null, Array.from({ length: n }, (_, i) => React.createElement('li', { key: i }, 'item ' + i)))`);
  host.mount(Wide, config, { n: 50 });
  await settle(host, 0);
  assert.equal(byType(host.readFrame().tree, 'li').length, 50); // 1 + 50 + 50 = 101 nodes
  assert.deepEqual(JSON.parse(JSON.stringify(host.setLimits({ maxNodes: 101 }))), { maxNodes: 101, maxDepth: 2000 });
  host.readFrame();
  host.setLimits({ maxNodes: 100 });
  assert.throws(() => host.readFrame(), /element tree has more than 100 nodes/);
  host.setLimits({ maxNodes: 200000 });
  host.unmount();

  const Deep = sceneIn(ctx, host, `(React) => ({ depth }) => {
    let el = 'leaf';
    for (let i = 0; i < depth; i++) el = React.createElement('div', null, el);
    return el;
  }`);
  host.mount(Deep, config, { depth: 1999 });
  await settle(host, 0);
  assert.equal(byType(host.readFrame().tree, 'div').length, 1999, '1999 divs + the text leaf = depth 2000');
  host.mount(Deep, config, { depth: 2000 });
  await settle(host, 0);
  assert.throws(() => host.readFrame(), /element tree nests deeper than 2000 levels/);
  host.mount(Deep, config, { depth: 6000 });
  await settle(host, 0);
  assert.throws(() => host.readFrame(), (e) => e instanceof vm.runInContext('Error', ctx) && /nests deeper than 2000/.test(e.message));
  host.setLimits({ maxDepth: 10000 });
  assert.equal(byType(host.readFrame().tree, 'div').length, 6000, 'the walk is iterative');
  // React's commit-phase deletion is recursive: unmounting a 6000-deep tree overflows Node's
  // default stack while React's code is not yet optimised (which varies from run to run), so this
  // context is dropped with the tree still mounted and the rest runs in a fresh one.
  ({ ctx, host } = loadBundle());
  host.installDeterminism('limits');
  const Deep2 = sceneIn(ctx, host, `(React) => ({ depth }) => {
    let el = 'leaf';
    for (let i = 0; i < depth; i++) el = React.createElement('div', null, el);
    return el;
  }`);
  host.setLimits({ maxDepth: 5 });
  host.mount(Deep2, config, { depth: 4 });
  await settle(host, 0);
  host.readFrame();
  host.unmount();

  const DeepProp = sceneIn(ctx, host, `(React) => ({ depth }) => {
    let data = { end: true };
    for (let i = 0; i < depth; i++) data = { next: data };
    return React.createElement('div', { data });
  }`);
  host.mount(DeepProp, config, { depth: 4 }); // 5 levels of objects
  await settle(host, 0);
  assert.deepEqual(JSON.parse(JSON.stringify(host.readFrame().tree.children[0].props.data)), { next: { next: { next: { next: { end: true } } } } });
  host.mount(DeepProp, config, { depth: 5 });
  await settle(host, 0);
  assert.throws(() => host.readFrame(), /prop value nests deeper than 5 levels \(prop "data" of <div>\)/);
  host.setLimits({ maxDepth: 2000 });
  host.unmount();
});

test('RemotionShapes and Rough: evaluated on first read, then ordinary properties, in Extras and the window', () => {
  const { host } = loadBundle();
  const extras = host.createExtras({});
  assert.deepEqual(Object.keys(extras), [
    'React', 'IconifyIcon', 'HeroiconsSolid', 'HeroiconsOutline', 'LucideIcons', 'RemotionShapes', 'Rough',
    'RemotionGoogleFonts', 'BazaarAvatars',
  ]);
  const w = host.createWindow(extras);
  for (const object of [extras, w]) {
    for (const name of ['RemotionShapes', 'Rough']) {
      const unread = Object.getOwnPropertyDescriptor(object, name);
      assert.equal(typeof unread.get, 'function', `${name} not evaluated before it is read`);
      assert.equal(unread.enumerable, true);
    }
  }
  const shapes = w.RemotionShapes; // the window reads through to Extras
  // What @remotion/shapes 4.0.527 exports (not imported here: the real package would load
  // Node's own React and react-dom into this process, under the icon tests that probe React).
  const kinds = ['Arrow', 'Callout', 'Circle', 'Ellipse', 'Heart', 'Pie', 'Polygon', 'Rect', 'Spark', 'Star', 'Triangle'];
  assert.deepEqual(Object.keys(shapes).sort(), [...kinds, ...kinds.map((kind) => `make${kind}`)].sort());
  for (const kind of kinds) {
    assert.equal(typeof shapes[kind].render, 'function', `${kind} is a forwardRef component`);
    assert.equal(typeof shapes[`make${kind}`], 'function', `make${kind}`);
  }
  assert.equal(extras.RemotionShapes, shapes);
  assert.equal(host.createExtras({}).RemotionShapes, shapes, 'evaluated once per isolate');
  assert.deepEqual(Object.getOwnPropertyDescriptor(extras, 'RemotionShapes'), {
    value: shapes, writable: true, enumerable: true, configurable: true,
  });
  assert.equal(typeof extras.Rough.generator, 'function');
  assert.equal(typeof extras.Rough.svg, 'function');
  // Written before it is read: the value written, and the package is not needed.
  const other = host.createExtras({});
  other.Rough = 'mine';
  assert.deepEqual(Object.getOwnPropertyDescriptor(other, 'Rough'), {
    value: 'mine', writable: true, enumerable: true, configurable: true,
  });
  assert.equal(w.Rough, extras.Rough);
});

test('evaluating the bundle twice in one context is harmless', async () => {
  const { ctx } = loadBundle();
  vm.runInContext(fs.readFileSync(bundlePath, 'utf8'), ctx);
  const host = ctx.SceneboxHost;
  host.installDeterminism('twice');
  const Scene = sceneIn(ctx, host, `(React) => function Scene() {
    const R = SceneboxHost.Remotion;
    const [n, setN] = React.useState(0);
    React.useEffect(() => {
      const h = R.delayRender('twice');
      setTimeout(() => { setN(Date.now()); R.continueRender(h); }, 10);
    }, []);
    return React.createElement('p', null, 'n=' + n);
  }`);
  host.mount(Scene, { width: 10, height: 10, fps: 30, durationInFrames: 10 }, {});
  const r = await settle(host, 0);
  assert.equal(r.pendingDelayRenders, 0);
  assert.equal(host.readFrame().tree.children[0].children[0].text, 'n=1704067200000');
  host.unmount();
});

test('BazaarAvatars: a missing name gives a placeholder URL and one warning; the map shows only configured names', async () => {
  const { ctx, host } = loadBundle();
  host.installDeterminism('avatars');
  const a = host.createExtras({ avatars: { alice: 'https://a/alice.png' } }).BazaarAvatars;
  assert.equal(a.alice, 'https://a/alice.png');
  assert.equal(a['asian-woman'], 'scenebox://avatar/asian-woman');
  assert.equal(a['a b/ü?#'], 'scenebox://avatar/a%20b%2F%C3%BC%3F%23', 'the name is URL-encoded');
  assert.equal(a['asian-woman'], a['asian-woman'], 'deterministic');
  assert.deepEqual([...Object.keys(a)], ['alice']);
  assert.equal('alice' in a, true);
  assert.equal('asian-woman' in a, false);
  assert.equal(Object.prototype.hasOwnProperty.call(a, 'asian-woman'), false);
  assert.equal(JSON.stringify(a), '{"alice":"https://a/alice.png"}');
  assert.equal(vm.runInContext('(a) => JSON.stringify({ ...a })', ctx)(a), '{"alice":"https://a/alice.png"}');
  for (const probe of ['then', 'toJSON', '$$typeof', '__esModule', 'default']) assert.equal(a[probe], undefined, probe);
  assert.equal(a[Symbol.iterator], undefined);
  assert.deepEqual([...Object.keys(host.createExtras({}).BazaarAvatars)], []);

  host.installDeterminism('avatars'); // clears the warnings of the look-ups above
  // The crash this prevents: <Img src={BazaarAvatars[name]} /> with no avatars map configured,
  // in both models (param: Extras.BazaarAvatars; phase1: window.BazaarAvatars).
  const extras = host.createExtras({});
  const config = { width: 10, height: 10, fps: 30, durationInFrames: 10 };
  const param = vm.runInContext(
    `(Remotion, Extras) => function Scene() {
      const { React, BazaarAvatars } = Extras;
      return React.createElement('div', null,
        React.createElement(Remotion.Img, { src: BazaarAvatars['asian-woman'] }),
        React.createElement(Remotion.Img, { src: BazaarAvatars['asian-woman'] }),
        React.createElement(Remotion.Img, { src: BazaarAvatars.bob }));
    }`,
    ctx,
  )(host.Remotion, extras);
  host.mount(param, config, {});
  await settle(host, 0);
  await settle(host, 1);
  const frame = host.readFrame();
  assert.deepEqual(byType(frame.tree, 'img').map((i) => i.props.src), [
    'scenebox://avatar/asian-woman', 'scenebox://avatar/asian-woman', 'scenebox://avatar/bob',
  ]);
  assert.deepEqual(JSON.parse(JSON.stringify(frame.warnings)), [
    { kind: 'missing_avatar', name: 'asian-woman' },
    { kind: 'missing_avatar', name: 'bob' },
  ], 'one warning per name over several look-ups and frames');
  host.unmount();

  const w = host.createWindow(host.createExtras({}));
  const phase1 = vm.compileFunction(
    `const React = window.React;
     return () => React.createElement(window.Remotion.Img, { src: window.BazaarAvatars['asian-woman'] });`,
    [],
    { parsingContext: ctx, contextExtensions: [w] },
  )();
  host.mount(phase1, config, {});
  await settle(host, 0);
  assert.equal(byType(host.readFrame().tree, 'img')[0].props.src, 'scenebox://avatar/asian-woman');
  host.unmount();
});

test('wide sibling lists: 100,000 children under one parent render in under 1 s; moves keep the order', async () => {
  const { ctx, host } = loadBundle();
  host.installDeterminism('wide');
  const config = { width: 10, height: 10, fps: 30, durationInFrames: 10 };
  const Wide = sceneIn(ctx, host, `(React) => ({ n }) =>
    React.createElement('div', null, Array.from({ length: n }, (_, i) => React.createElement('i', { key: i })))`);
  const t0 = performance.now();
  host.mount(Wide, config, { n: 100000 });
  host.renderFrame(0);
  const tree = host.readFrame().tree;
  const ms = performance.now() - t0;
  assert.equal(tree.children[0].children.length, 100000);
  assert.ok(ms < 1000, `100,000 siblings took ${ms.toFixed(0)} ms (quadratic appends?)`);
  console.log(`# 100,000 siblings: mount + renderFrame + readFrame in ${ms.toFixed(0)} ms`);
  host.unmount();

  // Keyed children reordered, inserted, removed and re-appended across frames (appendChild of a
  // child already in the parent, insertBefore, removeChild) keep exactly React's order.
  const Keyed = sceneIn(ctx, host, `(React) => function Keyed() {
    const frame = SceneboxHost.Remotion.useCurrentFrame();
    const orders = [
      ['a', 'b', 'c', 'd', 'e'],
      ['e', 'd', 'c', 'b', 'a'],
      ['b', 'x', 'e', 'a', 'y'],
      ['y', 'b', 'x', 'e', 'a', 'c'],
      ['c', 'a'],
      [],
      ['d', 'a', 'c'],
    ];
    const order = orders[frame % orders.length];
    return React.createElement('ul', null, order.map((k) => React.createElement('li', { key: k, id: k }, k)),
      frame % 2 ? React.createElement('b', { key: 'tail' }, 'tail') : null);
  }`);
  host.mount(Keyed, config, {});
  const expected = [
    'a|b|c|d|e', 'e|d|c|b|a|tail', 'b|x|e|a|y', 'y|b|x|e|a|c|tail', 'c|a', 'tail', 'd|a|c',
    'a|b|c|d|e|tail', 'e|d|c|b|a',
  ];
  for (let f = 0; f < expected.length; f++) {
    host.renderFrame(f);
    assert.equal(text(host.readFrame().tree), expected[f], `frame ${f}`);
  }
  host.unmount();
});
