#!/usr/bin/env node
// Baseline for `scenebox bench`: renders one scene TSX with Remotion's own pipeline
// (@remotion/bundler bundle() -> @remotion/renderer selectComposition() + renderMedia(), h264)
// in headless Chromium, and prints ONE JSON line to stdout:
//   {"scene", "frames", "width", "height", "bundle_seconds", "setup_seconds", "render_seconds",
//    "fps", "fps_with_bundle", "remotion", "chromium", "concurrency", "cpu_seconds_bundle",
//    "cpu_seconds_render", "load_average", "gl", "output"}
// fps = frames / render_seconds (renderMedia alone); fps_with_bundle = frames / wall time of
// bundle + browser launch + selectComposition + renderMedia. cpu_seconds_render is the CPU time
// (all processes: node, Chromium, compositor/ffmpeg) from after the bundle to the end, a number
// that holds up on a loaded machine; load_average is the 1-minute load at the end. Progress and
// logs go to stderr.
//
// Usage: node render.mjs <scene.tsx> [--frames 150] [--width 1920] [--height 1080] [--fps 30]
//          [--out out.mp4] [--concurrency N|N%] [--gl swangle|angle|egl|swiftshader|...]
//          [--browser /usr/bin/chromium] [--assets DIR] [--all-globals] [--keep-temp] [--log-level warn]
//
// The scene is imported by a generated Remotion entry (in a temp dir, never in the repo) after
// a module that sets the window globals the production app provided (window.Remotion, React,
// LucideIcons, HeroiconsSolid/Outline, RemotionShapes, Rough, plus stand-ins for IconifyIcon,
// RemotionGoogleFonts and BazaarAvatars).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const log = (...args) => process.stderr.write(`[remotion-baseline] ${args.join(' ')}\n`);

function fail(message) {
  process.stderr.write(`remotion-baseline: error: ${message}\n`);
  process.exit(1);
}

// An expected failure: reported by its message alone (other errors with their stack).
const clearError = (message) => Object.assign(new Error(message), { clear: true });

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const opts = {
    scene: null,
    frames: 150,
    width: 1920,
    height: 1080,
    fps: 30,
    out: null,
    concurrency: null,
    gl: undefined,
    browser: '/usr/bin/chromium',
    assets: null,
    keepTemp: false,
    allGlobals: false,
    logLevel: 'warn',
  };
  const valued = {
    '--frames': (v) => (opts.frames = positiveInt(v, '--frames')),
    '--width': (v) => (opts.width = positiveInt(v, '--width')),
    '--height': (v) => (opts.height = positiveInt(v, '--height')),
    '--fps': (v) => (opts.fps = positiveNumber(v, '--fps')),
    '--out': (v) => (opts.out = v),
    '--concurrency': (v) => (opts.concurrency = /%$/.test(v) ? v : positiveInt(v, '--concurrency')),
    '--gl': (v) => (opts.gl = v === 'null' ? null : v),
    '--browser': (v) => (opts.browser = v),
    '--assets': (v) => (opts.assets = v),
    '--log-level': (v) => (opts.logLevel = v),
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (arg === '-h' || arg === '--help') {
      process.stderr.write(
        'usage: node render.mjs <scene.tsx> [--frames 150] [--width 1920] [--height 1080] [--fps 30]\n' +
          '         [--out out.mp4] [--concurrency N|N%] [--gl swangle|angle|egl|swiftshader|vulkan|null]\n' +
          '         [--browser /usr/bin/chromium] [--assets DIR] [--all-globals] [--keep-temp] [--log-level warn]\n',
      );
      process.exit(0);
    } else if (arg === '--keep-temp') {
      opts.keepTemp = true;
    } else if (arg === '--all-globals') {
      opts.allGlobals = true;
    } else if (valued[arg]) {
      if (value === undefined) {
        if (i + 1 >= argv.length) fail(`${arg} needs a value`);
        value = argv[++i];
      }
      valued[arg](value);
    } else if (arg.startsWith('-')) {
      fail(`unknown option ${arg} (see --help)`);
    } else if (opts.scene === null) {
      opts.scene = arg;
    } else {
      fail(`unexpected argument ${arg}: one scene per run`);
    }
  }
  if (!opts.scene) fail('no scene given. usage: node render.mjs <scene.tsx> [--frames N] ... (see --help)');
  return opts;
}

function positiveInt(v, name) {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) fail(`${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

function positiveNumber(v, name) {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) fail(`${name} must be a positive number, got ${JSON.stringify(v)}`);
  return n;
}

// ---------------------------------------------------------------- the generated entry

// Icon/shape packs put on window as whole namespaces (webpack then keeps every icon). A pack is
// bundled only when the scene's text names it (e.g. `window.LucideIcons`), unless --all-globals:
// a Remotion project would import just what it uses, so bundle_seconds stays representative.
const PACKS = [
  { global: 'LucideIcons', code: "import * as LucideIcons from 'lucide-react';" },
  { global: 'HeroiconsSolid', code: "import * as HeroiconsSolid from '@heroicons/react/24/solid';" },
  { global: 'HeroiconsOutline', code: "import * as HeroiconsOutline from '@heroicons/react/24/outline';" },
  { global: 'RemotionShapes', code: "import * as RemotionShapes from '@remotion/shapes';" },
  { global: 'Rough', code: "import Rough from 'roughjs';" },
];

// window globals, set before the scene module is evaluated.
const globalsJs = (packs) => `
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as Remotion from 'remotion';
${packs.map((p) => p.code).join('\n')}

// IconifyIcon stand-in: an <svg> placeholder of the icon's size (1em by default, like @iconify/react).
function IconifyIcon(props) {
  const { icon, width, height, style, className, color } = props || {};
  const w = width != null ? width : height != null ? height : '1em';
  const h = height != null ? height : w;
  return React.createElement(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', viewBox: '0 0 24 24', width: w, height: h, style, className, 'data-icon': String(icon) },
    React.createElement('rect', { x: 3, y: 3, width: 18, height: 18, rx: 4, fill: color || 'currentColor', opacity: 0.8 }),
  );
}

// RemotionGoogleFonts stand-in: nothing is fetched; loadFont returns what @remotion/google-fonts does.
function moduleNameToFamily(name) {
  const s = String(name).trim();
  if (s.includes(' ')) return s;
  return s.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}
function fontResult(family) {
  return { fontFamily: family, fonts: {}, unicodeRanges: {}, waitUntilDone: () => Promise.resolve() };
}
function fontModule(nameOrModule) {
  const family = moduleNameToFamily(nameOrModule);
  return {
    fontFamily: family,
    loadFont: () => fontResult(family),
    getInfo: () => ({ fontFamily: family, importName: String(nameOrModule), fonts: {}, subsets: [] }),
  };
}
const RemotionGoogleFonts = {
  loadFont: (family) => fontResult(moduleNameToFamily(family)),
  family: fontModule,
  fonts: new Proxy({}, { get: (_t, k) => (typeof k === 'string' ? fontModule(k) : undefined) }),
};

// BazaarAvatars stand-in: every name maps to an inline SVG placeholder (so <Img src> always loads).
const PROBES = new Set(['then', 'toJSON', 'constructor', '$$typeof', '__esModule', 'default', 'valueOf', 'toString']);
const AVATAR =
  'data:image/svg+xml;charset=utf-8,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">' +
      '<rect width="128" height="128" fill="#CBD5E1"/><circle cx="64" cy="50" r="24" fill="#64748B"/>' +
      '<ellipse cx="64" cy="118" rx="44" ry="34" fill="#64748B"/></svg>',
  );
const BazaarAvatars = new Proxy({}, {
  get: (_t, k) => (typeof k === 'string' && !PROBES.has(k) ? AVATAR : undefined),
});

Object.assign(window, {
  React,
  ReactDOM,
  Remotion,
  ${packs.map((p) => p.global + ',').join(' ')}
  IconifyIcon,
  RemotionGoogleFonts,
  BazaarAvatars,
});
`;

// A stand-in for `@remotion/google-fonts/<Module>` imports.
const googleFontModuleJs = (moduleName) => `
const family = ${JSON.stringify(moduleName)}.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
export const fontFamily = family;
export const loadFont = () => ({ fontFamily: family, fonts: {}, unicodeRanges: {}, waitUntilDone: () => Promise.resolve() });
export const getInfo = () => ({ fontFamily: family, importName: ${JSON.stringify(moduleName)}, fonts: {}, subsets: [] });
`;

const entryJs = ({ sceneImport, width, height, fps, frames }) => `
import './globals.js';
import React from 'react';
import { Composition, registerRoot } from 'remotion';
import Scene from ${JSON.stringify(sceneImport)};

if (typeof Scene !== 'function' && !(Scene && typeof Scene === 'object' && Scene.$$typeof)) {
  throw new Error('the scene\\'s default export is not a React component (got ' + typeof Scene + ')');
}

const Root = () =>
  React.createElement(Composition, {
    id: 'Scene',
    component: Scene,
    width: ${width},
    height: ${height},
    fps: ${fps},
    durationInFrames: ${frames},
  });

registerRoot(Root);
`;

const hasDefaultExport = (src) =>
  /^\s*export\s+default\b/m.test(src) || /^\s*export\s*\{[^}]*\bas\s+default\b[^}]*\}/m.test(src);

// The component of a scene without a default export: its single top-level capitalised function
// (declaration, arrow or function expression), as the production app's loader picked it.
function findComponentName(src) {
  const names = new Set();
  for (const m of src.matchAll(/^(?:async\s+)?function\s*\*?\s*([A-Z][A-Za-z0-9_$]*)\s*\(/gm)) names.add(m[1]);
  for (const m of src.matchAll(
    /^(?:const|let|var)\s+([A-Z][A-Za-z0-9_$]*)\s*(?::[^=]+)?=\s*(?:React\.memo\(|memo\()?\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=]+)?=>|[A-Za-z_$][\w$]*\s*=>)/gm,
  ))
    names.add(m[1]);
  return [...names];
}

// Local assets the scene asks for with staticFile("..."): copied from --assets DIR when there,
// otherwise small placeholders (a PNG for images, silence for audio/video made with ffmpeg).
const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
function preparePublicDir(src, publicDir, assetsDir) {
  fs.mkdirSync(publicDir, { recursive: true });
  if (assetsDir) {
    if (!fs.existsSync(assetsDir)) throw clearError(`--assets ${assetsDir} does not exist`);
    fs.cpSync(assetsDir, publicDir, { recursive: true });
  }
  const wanted = new Set();
  for (const m of src.matchAll(/staticFile\(\s*(["'`])([^"'`$]+)\1\s*\)/g)) wanted.add(m[2].replace(/^\/+/, ''));
  for (const rel of wanted) {
    const target = path.join(publicDir, rel);
    if (!target.startsWith(publicDir + path.sep) || fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const ext = path.extname(rel).toLowerCase();
    if (['.mp3', '.wav', '.m4a', '.aac', '.ogg', '.opus', '.flac', '.mp4', '.webm', '.mov', '.mkv'].includes(ext)) {
      const video = ['.mp4', '.webm', '.mov', '.mkv'].includes(ext);
      try {
        const args = ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo'];
        if (video) args.push('-f', 'lavfi', '-i', 'color=c=gray:s=320x180:r=30', '-pix_fmt', 'yuv420p', '-shortest');
        args.push('-t', '20', target);
        execFileSync('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
        log(`staticFile("${rel}"): not in --assets, using a silent placeholder`);
      } catch (e) {
        throw clearError(`staticFile("${rel}") needs a media file and ffmpeg could not make a placeholder: ${e.message}. Pass --assets DIR.`);
      }
    } else {
      fs.writeFileSync(target, PNG_1x1);
      log(`staticFile("${rel}"): not in --assets, using a 1x1 PNG placeholder`);
    }
  }
}

// CPU accounting from /proc (Linux): the CPU seconds of this process, of its reaped children,
// and of its live descendants (Chromium's browser, renderer and GPU processes, the compositor),
// so a run on a busy machine can still be compared. Chromium is killed by process group at the
// end, so its renderers are never reaped by us: they are read while alive.
const TICK = 100;
function readStat(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after "pid (comm) ": f[0]=state f[1]=ppid ... f[11]=utime f[12]=stime f[13]=cutime f[14]=cstime
    return { ppid: Number(f[1]), self: (Number(f[11]) + Number(f[12])) / TICK, children: (Number(f[13]) + Number(f[14])) / TICK };
  } catch {
    return null;
  }
}
function cpuSnapshot() {
  const me = readStat(process.pid);
  if (!me) return null;
  const kids = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(name);
    if (!st) continue;
    if (!kids.has(st.ppid)) kids.set(st.ppid, []);
    kids.get(st.ppid).push({ pid: Number(name), ...st });
  }
  let live = 0;
  const stack = [process.pid];
  while (stack.length) {
    for (const k of kids.get(stack.pop()) ?? []) {
      live += k.self + k.children;
      stack.push(k.pid);
    }
  }
  return { self: me.self, reaped: me.children, live, total: me.self + me.children + live };
}

function chromiumVersion(executable) {
  try {
    const out = execFileSync(executable, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 30000 });
    return out.toString().trim();
  } catch (e) {
    return null;
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const scenePath = path.resolve(opts.scene);
  if (!fs.existsSync(scenePath)) fail(`scene ${opts.scene} does not exist`);
  if (!fs.existsSync(opts.browser)) fail(`browser ${opts.browser} does not exist (install Debian's chromium, or pass --browser)`);
  if (!fs.existsSync(path.join(here, 'node_modules', '@remotion', 'renderer'))) {
    fail(`${path.join(here, 'node_modules')} is missing: run scripts/setup-remotion-baseline.sh first`);
  }
  const { bundle } = await import('@remotion/bundler');
  const { openBrowser, selectComposition, renderMedia } = await import('@remotion/renderer');
  const remotionVersion = require('remotion/package.json').version;
  const chromium = chromiumVersion(opts.browser);
  if (!chromium) fail(`${opts.browser} --version failed: is it a working Chromium?`);

  const src = fs.readFileSync(scenePath, 'utf8');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scenebox-remotion-'));
  const cleanup = () => {
    if (opts.keepTemp) log(`kept temp dir ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  };
  const sceneName = path.basename(scenePath);
  const out = path.resolve(opts.out ?? path.join(tmp, 'out.mp4'));

  let browser = null;
  try {
    // The scene module: the file itself, or a copy that default-exports its single component.
    let sceneImport = scenePath;
    if (!hasDefaultExport(src)) {
      const names = findComponentName(src);
      if (names.length !== 1) {
        throw clearError(
          `${sceneName} has no default export and ${names.length === 0 ? 'no' : `${names.length} (${names.join(', ')})`} ` +
            'top-level capitalised functions; cannot tell which component to render',
        );
      }
      sceneImport = path.join(tmp, 'scene' + (path.extname(scenePath) || '.tsx'));
      fs.writeFileSync(sceneImport, `${src}\nexport default ${names[0]};\n`);
      log(`${sceneName}: no default export, rendering its component ${names[0]}`);
    }

    const aliases = {};
    for (const m of src.matchAll(/from\s+["']@remotion\/google-fonts\/([A-Za-z0-9_]+)["']/g)) {
      const file = path.join(tmp, `google-font-${m[1]}.js`);
      fs.writeFileSync(file, googleFontModuleJs(m[1]));
      aliases[`@remotion/google-fonts/${m[1]}$`] = file;
    }
    const packs = opts.allGlobals ? PACKS : PACKS.filter((p) => new RegExp(`\\b${p.global}\\b`).test(src));
    fs.writeFileSync(path.join(tmp, 'globals.js'), globalsJs(packs));
    const entry = path.join(tmp, 'index.js');
    fs.writeFileSync(
      entry,
      entryJs({ sceneImport, width: opts.width, height: opts.height, fps: opts.fps, frames: opts.frames }),
    );
    const publicDir = path.join(tmp, 'public');
    preparePublicDir(src, publicDir, opts.assets);

    // 1. bundle (webpack, as `npx remotion render` does). The scene lives outside this package,
    //    so its bare imports (lucide-react, @remotion/shapes, ...) resolve from our node_modules.
    log(`bundling ${sceneName} ...`);
    let lastBundlePct = -1;
    const cpuStart = cpuSnapshot();
    const t0 = performance.now();
    const serveUrl = await bundle({
      entryPoint: entry,
      outDir: path.join(tmp, 'bundle'),
      publicDir,
      rootDir: here,
      enableCaching: false,
      onProgress: (p) => {
        const pct = Math.floor(p / 25) * 25;
        if (pct !== lastBundlePct) {
          lastBundlePct = pct;
          log(`  bundle ${Math.round(p)}%`);
        }
      },
      webpackOverride: (config) => ({
        ...config,
        resolve: {
          ...config.resolve,
          alias: { ...(config.resolve?.alias ?? {}), ...aliases },
          modules: [path.join(here, 'node_modules'), 'node_modules'],
        },
      }),
    });
    const bundleSeconds = (performance.now() - t0) / 1000;
    const cpuAfterBundle = cpuSnapshot();
    log(`bundled in ${bundleSeconds.toFixed(2)} s`);

    // 2. browser + composition. Debian's Chromium has no old headless mode, so chromeMode
    //    'chrome-for-testing' (=> --headless=new). Remotion always passes --no-sandbox.
    const chromiumOptions = opts.gl === undefined ? {} : { gl: opts.gl };
    const common = {
      browserExecutable: opts.browser,
      chromiumOptions,
      chromeMode: 'chrome-for-testing',
      logLevel: opts.logLevel,
    };
    const onBrowserLog = (l) => {
      if (l.type === 'error') log(`browser console error: ${l.text}`);
    };
    const t1 = performance.now();
    browser = await openBrowser('chrome', common);
    const composition = await selectComposition({
      ...common,
      serveUrl,
      id: 'Scene',
      inputProps: {},
      puppeteerInstance: browser,
      onBrowserLog,
    });
    const setupSeconds = (performance.now() - t1) / 1000;
    log(`browser + selectComposition in ${setupSeconds.toFixed(2)} s (${chromium})`);

    // 3. render
    let concurrency = null;
    let lastPct = -1;
    const t2 = performance.now();
    await renderMedia({
      ...common,
      serveUrl,
      composition,
      inputProps: {},
      codec: 'h264',
      outputLocation: out,
      overwrite: true,
      concurrency: opts.concurrency,
      puppeteerInstance: browser,
      onBrowserLog,
      onStart: (d) => {
        concurrency = d.resolvedConcurrency;
        log(`rendering ${d.frameCount} frames, concurrency ${d.resolvedConcurrency}, parallel encoding ${d.parallelEncoding}`);
      },
      onProgress: (p) => {
        const pct = Math.floor(p.progress * 10) * 10;
        if (pct !== lastPct) {
          lastPct = pct;
          log(`  ${pct}% rendered ${p.renderedFrames} encoded ${p.encodedFrames}`);
        }
      },
    });
    const renderSeconds = (performance.now() - t2) / 1000;
    const total = bundleSeconds + setupSeconds + renderSeconds;
    log(`rendered in ${renderSeconds.toFixed(2)} s -> ${out}`);
    const cpuEnd = cpuSnapshot();
    const cpu =
      cpuStart && cpuAfterBundle && cpuEnd
        ? { bundle: cpuAfterBundle.total - cpuStart.total, render: cpuEnd.total - cpuAfterBundle.total }
        : null;

    const result = {
      scene: sceneName,
      frames: composition.durationInFrames,
      width: composition.width,
      height: composition.height,
      bundle_seconds: round(bundleSeconds),
      setup_seconds: round(setupSeconds),
      render_seconds: round(renderSeconds),
      fps: round(composition.durationInFrames / renderSeconds),
      fps_with_bundle: round(composition.durationInFrames / total),
      remotion: remotionVersion,
      chromium,
      concurrency,
      cpu_seconds_bundle: cpu ? round(cpu.bundle) : null,
      cpu_seconds_render: cpu ? round(cpu.render) : null,
      load_average: round(os.loadavg()[0]),
      gl: opts.gl === undefined ? 'default' : opts.gl,
      output: opts.out ? out : null,
    };
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    if (browser) await browser.close({ silent: true }).catch(() => {});
    cleanup();
  }
}

const round = (x) => Math.round(x * 1000) / 1000;

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`remotion-baseline: error: ${e && !e.clear && e.stack ? e.stack : e && e.message ? e.message : e}\n`);
    process.exit(1);
  },
);
