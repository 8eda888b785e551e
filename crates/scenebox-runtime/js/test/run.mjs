// Test suite: runs the sample artifacts in test/artifacts through oracle.mjs (the same bundle the
// Rust runtime embeds) and asserts key facts; also checks the bundle in a bare vm context, the
// step() protocol and build reproducibility. `node test/run.mjs` (exit code ≠ 0 on failure).
// The window/icon-set/limits/oracle-CLI tests live in host-api.mjs, the icon pack equivalence test
// in icons-equivalence.mjs (both imported here).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { root, bundlePath, frames, fails, text, byType, byProp } from './helpers.mjs';
import './host-api.mjs';
import './icons-equivalence.mjs';

test('bundle evaluates in a bare context and installs only the documented globals', () => {
  const ctx = vm.createContext({});
  ctx.queueMicrotask = (fn) => queueMicrotask(fn);
  const script = new vm.Script(fs.readFileSync(bundlePath, 'utf8'));
  const t0 = performance.now();
  script.runInContext(ctx);
  const ms = performance.now() - t0;
  const g = (expr) => vm.runInContext(expr, ctx);
  assert.equal(g('typeof window'), 'undefined');
  assert.equal(g('typeof document'), 'undefined');
  for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate']) {
    assert.equal(g(`typeof ${name}`), 'function', name);
  }
  assert.equal(g('typeof console.log'), 'function');
  assert.equal(g('localStorage.setItem("a", 1), localStorage.getItem("a")'), '1');
  assert.equal(g('typeof performance.now'), 'function');
  assert.deepEqual(
    JSON.parse(g('JSON.stringify(Object.keys(SceneboxHost))')),
    ['installDeterminism', 'createExtras', 'Remotion', 'createWindow', 'mount', 'renderFrame', 'step', 'readFrame', 'limits', 'setLimits', 'unmount', 'takeConsoleMessages', 'virtualTime', 'versions'],
  );
  assert.equal(g('SceneboxHost.versions.react'), JSON.parse(fs.readFileSync(path.join(root, 'node_modules/react/package.json'))).version);
  assert.equal(g('SceneboxHost.versions.remotion'), '4.0.527');
  console.log(`# bundle: ${fs.statSync(bundlePath).size} bytes, evaluated in ${ms.toFixed(1)} ms`);
});

test("React's scheduler runs on the virtual setTimeout even if the embedder has MessageChannel/setImmediate", async () => {
  const ctx = vm.createContext({});
  ctx.queueMicrotask = (fn) => queueMicrotask(fn);
  const used = [];
  const fakeImmediate = () => used.push('setImmediate');
  ctx.setImmediate = fakeImmediate;
  ctx.MessageChannel = class {
    constructor() {
      used.push('MessageChannel');
      this.port1 = {};
      this.port2 = { postMessage: () => used.push('postMessage') };
    }
  };
  vm.runInContext(fs.readFileSync(bundlePath, 'utf8'), ctx);
  const host = ctx.SceneboxHost;
  host.installDeterminism('scheduler');
  const Scene = vm.runInContext(
    `(() => { const React = SceneboxHost.createExtras({}).React;
      return function Scene() { const [n, setN] = React.useState(0); React.useEffect(() => { if (n < 3) setN(n + 1); }, [n]);
        return React.createElement('p', null, 'n=' + n); }; })()`,
    ctx,
  );
  host.mount(Scene, { width: 10, height: 10, fps: 30, durationInFrames: 10 }, {});
  host.renderFrame(0);
  let r;
  let guard = 0;
  do {
    await new Promise((res) => setImmediate(res));
    r = host.step();
  } while (r.ranTimers > 0 && ++guard < 100);
  assert.equal(host.readFrame().tree.children[0].children[0].text, 'n=3');
  assert.deepEqual(used, []);
  assert.notEqual(vm.runInContext('setImmediate', ctx), fakeImmediate, 'setImmediate replaced by the virtual one');
  host.unmount();
});

test('API in-process: namespace, window, mount validation, step protocol', async () => {
  const ctx = vm.createContext({});
  ctx.queueMicrotask = (fn) => queueMicrotask(fn);
  vm.runInContext(fs.readFileSync(bundlePath, 'utf8'), ctx);
  const host = ctx.SceneboxHost;
  host.installDeterminism('api');
  const extras = host.createExtras({});
  assert.deepEqual([...Object.keys(extras)], [
    'React', 'IconifyIcon', 'HeroiconsSolid', 'HeroiconsOutline', 'LucideIcons', 'RemotionShapes', 'Rough', 'RemotionGoogleFonts', 'BazaarAvatars',
  ]);
  const win = host.createWindow(extras);
  assert.deepEqual([...Object.keys(win)], [
    'Remotion', 'React', 'ReactDOM', 'IconifyIcon', 'HeroiconsSolid', 'HeroiconsOutline', 'LucideIcons', 'RemotionShapes', 'Rough', 'RemotionGoogleFonts', 'BazaarAvatars',
  ]);
  assert.equal(win.window, win, 'window.window is the window itself (non-enumerable)');
  assert.equal('self' in win || 'globalThis' in win, false);
  assert.equal(typeof win.ReactDOM.createPortal, 'function');
  assert.equal(typeof win.ReactDOM.flushSync, 'function');
  assert.equal(vm.runInContext('typeof window', ctx), 'undefined');
  for (const name of ['Audio', 'Html5Audio', 'Video', 'Html5Video', 'OffthreadVideo', 'Img']) {
    assert.ok(host.Remotion[name], name);
  }
  assert.equal(typeof host.Remotion.interpolate, 'function');
  assert.equal(extras.LucideIcons.Rocket, extras.LucideIcons.RocketIcon, 'lucide aliases share one component');
  assert.equal(extras.HeroiconsSolid.Home, extras.HeroiconsSolid.HomeIcon);

  assert.throws(() => host.mount(42, { width: 10, height: 10, fps: 30, durationInFrames: 10 }), /must evaluate to a React component/);
  assert.throws(() => host.mount(() => null, { width: 10, height: 10, fps: 30 }), /durationInFrames/);

  // Scene with a delayRender cleared by a 100 ms timer: the first idle step does not advance time,
  // the next one jumps to the timer.
  const Scene = vm.runInContext(
    `(() => { const R = SceneboxHost.Remotion; const React = ${'SceneboxHost'}.createExtras({}).React;
      return function Scene() {
        const [done, setDone] = React.useState(false);
        React.useEffect(() => { const h = R.delayRender('t'); setTimeout(() => { setDone(true); R.continueRender(h); }, 100); }, []);
        return React.createElement('p', null, done ? 'done' : 'waiting');
      }; })()`,
    ctx,
  );
  host.mount(Scene, { width: 100, height: 100, fps: 30, durationInFrames: 30 }, {});
  host.renderFrame(0);
  assert.equal(host.readFrame().tree.children[0].children[0].text, 'waiting');
  let first;
  do {
    await new Promise((res) => setImmediate(res));
    first = host.step(); // React's own follow-up work runs at virtual time 0
  } while (first.ranTimers > 0);
  assert.equal(first.pendingDelayRenders, 1);
  assert.equal(host.virtualTime(), 0, 'an idle step after a busy one does not advance time');
  assert.ok(first.pendingTimers >= 2, 'user timer + delayRender timeout');
  const second = host.step();
  assert.equal(second.ranTimers, 1);
  assert.equal(host.virtualTime(), 100);
  let r;
  let guard = 0;
  do {
    await new Promise((res) => setImmediate(res));
    r = host.step();
  } while ((r.ranTimers > 0 || r.pendingDelayRenders > 0) && ++guard < 100);
  assert.equal(r.pendingDelayRenders, 0);
  assert.equal(host.readFrame().tree.children[0].children[0].text, 'done');
  host.unmount();
  assert.throws(() => host.readFrame(), /no scene is mounted/);
});

test('param model: interpolate over frames', async () => {
  const f = await frames('hello-param.js', { frames: '0,15,30,90' });
  assert.equal(f[0].tree.type, '#root');
  const div = (n) => f[n].tree.children[0];
  assert.equal(div(0).type, 'div');
  assert.equal(div(0).props.style.opacity, 0);
  assert.equal(div(15).props.style.opacity, 0.5);
  assert.equal(div(30).props.style.opacity, 1);
  assert.equal(div(90).props.style.opacity, 1);
  assert.deepEqual(Object.keys(div(0).props.style).slice(0, 4), ['position', 'top', 'left', 'right']);
  assert.deepEqual(div(0).children, [{ type: '#text', text: 'Hello' }]);
});

test('phase1 model: window.Remotion, free React, props, prop filtering', async () => {
  const f = await frames('hello-phase1.js', { model: 'phase1', frames: '0,45', extra: ['--props', '{"title":"Hi"}', '--width', '1280', '--height', '720'] });
  const h1 = byType(f[0].tree, 'h1')[0];
  assert.equal(h1.props.className, 'title');
  assert.deepEqual(h1.props.style, { fontSize: 80, color: 'white' });
  assert.equal(h1.children[0].text, 'Hi phase1', 'adjacent text merged');
  assert.equal(byType(f[45].tree, 'p')[0].props['data-config'], '1280x720@30/150');
  assert.equal(text(byType(f[45].tree, 'p')[0]), 'frame 45');
  const span = byType(f[0].tree, 'span')[0];
  assert.deepEqual(span.props, { hidden: false, tabIndex: 0, data: { a: 1 } }, 'onClick and undefined dropped');
  assert.equal(text(span), '19.3.1');
});

test('Sequence, Series and spring', async () => {
  const f = await frames('sequence-spring.js', { frames: '0,30,45' });
  assert.equal(byProp(f[0].tree, 'id', 'seq'), undefined);
  assert.equal(text(byProp(f[30].tree, 'id', 'seq')), 'seq:0');
  const seq = byProp(f[45].tree, 'id', 'seq');
  assert.equal(text(seq), 'seq:15');
  assert.match(seq.props.style.transform, /^scale\(0\.9\d+\)$/);
  assert.equal(seq.props.style.width, 100);
  assert.ok(text(f[0].tree).includes('first'));
  assert.ok(text(f[45].tree).includes('second') && !text(f[45].tree).includes('first'));
});

test('Img with staticFile keeps src; ref assignments are recorded', async () => {
  const f = await frames('img-static.js');
  const [img, plain] = byType(f[0].tree, 'img');
  assert.equal(img.props.src, '/logo.png');
  assert.equal(img.props.alt, 'logo');
  assert.deepEqual(img.props.style, { width: 200, height: 100, objectFit: 'cover' });
  assert.equal(plain.props.src, 'https://example.com/x.png');
  assert.equal(plain.props.title, 'assigned-by-ref');
});

test('Audio / Video placeholders and media assets', async () => {
  const f = await frames('audio.js', { frames: '0,45,90' });
  assert.deepEqual(f[0].media.map((m) => m.src), ['/music.mp3']);
  assert.equal(byType(f[0].tree, 'audio')[0].props.volume, 0.5);
  const voiceEl = byType(f[45].tree, 'audio')[1];
  assert.equal(voiceEl.props.src, 'https://cdn.example.com/voice.mp3');
  assert.equal(voiceEl.props.volume, 0.75, 'volume(f) evaluated at sequence frame 15');
  assert.equal(voiceEl.props.startFrom, 15);
  const voice = f[45].media.find((m) => m.src.includes('voice'));
  assert.equal(voice.kind, 'audio');
  assert.equal(voice.from, 30);
  assert.equal(voice.startFrom, 15);
  assert.equal(voice.durationInFrames, 90);
  const clip = f[45].media.find((m) => m.src === '/clip.mp4');
  assert.equal(clip.kind, 'video');
  assert.equal(clip.muted, true);
  assert.equal(clip.playbackRate, 2);
  assert.deepEqual(byType(f[45].tree, 'video')[0].props.style, { width: 640 });
  const broll = f[90].media.find((m) => m.src === '/b-roll.mp4');
  assert.equal(broll.component, 'OffthreadVideo');
  assert.equal(broll.from, 60);
  assert.equal(broll.trimBefore, 10);
  assert.equal(broll.trimAfter, 100);
  assert.deepEqual(Object.keys(f[90].media[1].volumeByFrame), ['45', '90']);
  assert.equal(f[90].media.length, 4, 'deduplicated');
});

test('icon packs, shapes and IconifyIcon', async () => {
  const f = await frames('icons.js');
  const svgs = byType(f[0].tree, 'svg');
  assert.equal(svgs[0].props.className, 'lucide lucide-rocket');
  assert.equal(svgs[0].props.width, 48);
  assert.equal(svgs[0].props.stroke, 'red');
  assert.equal(byType(svgs[0], 'path').length, 4);
  assert.equal(svgs[1].props.className, 'h-6 w-6');
  assert.equal(svgs[1].props.fill, 'currentColor');
  assert.match(byType(svgs[1], 'path')[0].props.d, /^M11\.47 3\.841/);
  assert.equal(svgs[2].props.strokeWidth, 1.5, 'outline heroicon via bare name');
  assert.equal(byType(svgs[3], 'path')[0].props.d, 'M 50 0 a 50 50 0 1 1 0 100 a 50 50 0 1 1 0 -100 Z');
  assert.equal(byType(svgs[3], 'path')[0].props.fill, 'blue');
  const star = svgs[4];
  assert.equal(star.props.viewBox, '0 0 24 24');
  assert.equal(star.props.width, 64);
  assert.equal(star.props.height, 64);
  assert.deepEqual(star.props.style, { color: 'gold' });
  assert.equal(byType(star, 'path')[0].props.fillRule, 'evenodd');
  const wide = svgs[5];
  assert.equal(wide.props.width, '2em');
  assert.equal(wide.props.height, '1em');
  assert.equal(byType(wide, 'g')[0].props.strokeWidth, '2');
  assert.deepEqual(byType(wide, 'g')[0].props.style, { opacity: '.5', strokeLinecap: 'round' });
  assert.equal(byType(wide, 'rect')[0].props.className, 'frame');
  assert.equal(text(wide), 'A & B');
  assert.equal(byType(svgs[6], 'g')[0].props.transform, 'translate(24 0) scale(-1 1)');
  assert.equal(svgs[7].props['data-missing-icon'], 'test:nope');
  assert.equal(svgs[8].props['data-missing-icon'], 'lucide:NotARealIconName');
  assert.deepEqual(f[0].warnings, [
    { kind: 'missing_icon', icon: 'lucide:NotARealIconName' },
    { kind: 'missing_icon', icon: 'test:nope' },
  ]);
  assert.ok(text(f[0].tree).endsWith('truetrue'));
});

test('useState + useEffect: the read frame shows the updated state', async () => {
  const f = await frames('state-effect.js', { frames: '0,45' });
  assert.equal(text(f[0].tree), 'mounted=yes seen=0 layout=after');
  assert.equal(text(f[45].tree), 'mounted=yes seen=45 layout=after');
});

test('delayRender/continueRender from effects via setTimeout and promises', async () => {
  const f = await frames('delay-render.js', { frames: '0,45' });
  assert.equal(text(f[0].tree), 'a,b,c | resolved 0');
  assert.equal(text(f[45].tree), 'a,b,c | resolved 45');
});

test('useDelayRender, Loop, Freeze, getInputProps, getRemotionEnvironment', async () => {
  const f = await frames('hooks-misc.js', { frames: '0,45', extra: ['--props', '{"who":"x"}'] });
  assert.equal(text(byProp(f[45].tree, 'data-tag', 'loop')), '5');
  assert.equal(text(byProp(f[45].tree, 'data-tag', 'freeze')), '5');
  assert.equal(text(byType(f[0].tree, 'b')[0]), 'hook-done');
  assert.equal(text(byType(f[0].tree, 'i')[0]).replace(/\|/g, ''), '{"who":"x"} rendering=true');
});

test('other Remotion APIs: Solid colour, IFrame, AnimatedImage, scale, colours, easing', async () => {
  const f = await frames('remotion-apis.js', { frames: '15' });
  const tree = f[15].tree;
  assert.equal(byType(tree, 'canvas')[0].props['data-color'], 'rgba(128, 0, 128, 1)');
  assert.equal(byType(tree, 'iframe')[0].props.src, 'https://example.com');
  const anim = byType(tree, 'img')[0];
  assert.equal(anim.props.src, '/anim.gif');
  assert.equal(anim.props['data-time-seconds'], 0.5);
  assert.deepEqual(f[15].warnings.map((w) => w.kind), ['degraded_component']);
  assert.equal(text(byType(tree, 'p')[0]), '1 1 rgba(128, 0, 128, 1) 0.745 28');
});

test('fonts and avatars are recorded', async () => {
  const f = await frames('fonts-avatars.js', { extra: ['--avatars', '{"alice":"https://a/alice.png"}'] });
  assert.deepEqual(f[0].fonts, [
    { family: 'Inter', style: 'normal', weights: ['400', '700'], subsets: ['latin'] },
    { family: 'Playfair Display', module: 'PlayfairDisplay', style: 'normal', weights: null, subsets: null },
    { family: 'Roboto Mono', style: 'normal', weights: ['500'], subsets: null },
  ]);
  assert.deepEqual(f[0].warnings, [{ kind: 'missing_avatar', name: 'bob' }]);
  assert.deepEqual(byType(f[0].tree, 'img').map((i) => i.props.src), ['https://a/alice.png', 'scenebox://avatar/bob'], 'missing name → placeholder URL');
  assert.equal(f[0].tree.children[0].props.style.fontFamily, 'Inter');
  assert.ok(text(f[0].tree).includes('IBM Plex Sans'));
});

test('determinism: frozen clock, seeded random, same output for the same seed', async () => {
  const a = await frames('determinism.js', { frames: '0,10' });
  const b = await frames('determinism.js', { frames: '0,10' });
  assert.deepEqual(a, b);
  assert.equal(text(byProp(a[0].tree, 'id', 'date')).replace(/\|/g, ''), '2024-01-01T00:00:00.000Z 1704067200000 0');
  assert.equal(text(byProp(a[0].tree, 'id', 'local')), '0:0');
  const c = await frames('determinism.js', { extra: ['--seed', 'another'] });
  assert.notEqual(text(byProp(c[0].tree, 'id', 'load')), text(byProp(a[0].tree, 'id', 'load')));
  assert.equal(text(byProp(c[0].tree, 'id', 'remotion-random')), text(byProp(a[0].tree, 'id', 'remotion-random')));
});

test('JSX/TypeScript artifact through --sucrase (phase1), Rough and shapes', async () => {
  const f = await frames('jsx-phase1.jsx', { model: 'phase1', frames: '30', extra: ['--sucrase'] });
  const root = f[30].tree.children[0];
  assert.equal(root.props.style.transform, 'translateX(150px)');
  const svgs = byType(f[30].tree, 'svg');
  assert.equal(svgs[0].props.className, 'lucide lucide-star');
  assert.match(byType(svgs[1], 'path')[0].props.d, /^M 50 0 L 0 86\.6/);
  assert.ok(byType(svgs[2], 'path').length >= 1);
  assert.match(byType(svgs[2], 'path')[0].props.d, /^M[\d.]+ [\d.]+ C/);
});

test('errors: delayRender timeout, render error, non-component, effect, timer, cancelRender, Img without src', async () => {
  const timeout = await fails('delay-timeout.js');
  assert.match(timeout.stderr, /delayRender\(\) "never cleared" was called but not cleared after 28000ms/);
  const thrown = await fails('throws.js');
  assert.match(thrown.stderr, /Error: scene exploded at frame 20/);
  assert.match(thrown.stderr, /throws\.js:5/);
  assert.equal(thrown.stdout.trim().split('\n').length, 1, 'frame 0 printed before the failure');
  const notComponent = await fails('not-component.js');
  assert.match(notComponent.stderr, /must evaluate to a React component/);
  for (const [mode, pattern] of [
    ['effect', /effect failed/],
    ['timer', /timer callback failed/],
    ['cancel', /cancelled by scene/],
    ['img-no-src', /No "src" prop was passed to <Img>/],
  ]) {
    const r = await fails('errors.js', ['--props', JSON.stringify({ mode })]);
    assert.match(r.stderr, pattern, mode);
  }
  const ok = await frames('errors.js', { extra: ['--props', '{"mode":"promise"}'] });
  assert.equal(text(ok[0].tree).replace(/\|/g, ''), 'mode promise');
});

test('build is byte-reproducible (npm run check)', async () => {
  const r = await new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'build.mjs'), '--check'], { cwd: root }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code ?? 1 : 0, stdout, stderr }),
    );
  });
  assert.equal(r.code, 0, r.stderr);
});
