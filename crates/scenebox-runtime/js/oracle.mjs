#!/usr/bin/env node
// Node driver / test oracle: runs a compiled scene artifact through dist/scenebox-host.js in a fresh
// vm context that has only ECMAScript builtins + queueMicrotask (no Node globals), exactly as the
// Rust runtime drives the same bundle, and prints one JSON line per frame (--json-lines, the only
// output format):
//   {"frame":N,"tree":{...},"warnings":[...],"media":[...],"fonts":[...]}
//
// node oracle.mjs --artifact FILE.js [--model param|phase1] [--frames 0,30,90|all]
//   [--width 1920 --height 1080 --fps 30 --duration 150] [--id scene] [--props JSON]
//   [--icon-sets DIR] [--avatars JSON] [--seed STRING] [--sucrase] [--console] [--json-lines]
//   [--max-steps 10000] [--bundle dist/scenebox-host.js]
//
// Artifacts are the files `scenebox compile scene.tsx --out DIR` writes:
//   DIR/<name>.phase1.js: function body without parameters, compiled with the window object of
//     SceneboxHost.createWindow(extras) as a context extension (≈ `with (window) { … }`, so free
//     `React`, `window`, … resolve through it) and called with no arguments;
//   DIR/<name>.param.js: body of `function (Remotion, Extras)`, called with
//     (SceneboxHost.Remotion, extras).
// --model defaults from the file name (*.phase1.js → phase1, otherwise param).
// --seed defaults to the file's base name without `.phase1.js`/`.param.js` (or its last
//   extension), i.e. the scene file stem the Rust host passes to installDeterminism().
// --frames all: every frame 0 … duration-1.
// --icon-sets DIR: every *.json in DIR is an Iconify icon set, keyed by its "prefix" (or file name).
// --sucrase: transform JSX/TypeScript in the artifact with sucrase first (React.createElement).
// --console: print what the scene logged to the recording console on stderr.
// Exit code 1 with the error on stderr on any failure.

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

process.env.TZ = 'UTC'; // Date's local-time methods must agree with the Rust runtime (UTC)

const here = path.dirname(fileURLToPath(import.meta.url));

const ARTIFACT_SUFFIX = /\.(phase1|param)\.js$/;

/** Scene stem of an artifact path: `DIR/title-card-spring.phase1.js` → `title-card-spring`. */
function artifactStem(file) {
  const base = path.basename(file);
  if (ARTIFACT_SUFFIX.test(base)) return base.replace(ARTIFACT_SUFFIX, '');
  return base.replace(/\.[^.]*$/, '') || base;
}

function parseArgs(argv) {
  const opts = {
    model: undefined,
    frames: '0',
    width: 1920,
    height: 1080,
    fps: 30,
    duration: 150,
    id: 'scene',
    props: '{}',
    maxSteps: 10000,
    bundle: path.join(here, 'dist', 'scenebox-host.js'),
    sucrase: false,
    console: false,
    jsonLines: true,
  };
  const numeric = new Set(['width', 'height', 'fps', 'duration', 'maxSteps']);
  const flags = new Set(['sucrase', 'console', 'jsonLines']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const key = arg.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (flags.has(key)) {
      opts[key] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    if (!(key in opts) && !['artifact', 'iconSets', 'avatars', 'seed'].includes(key)) throw new Error(`unknown option ${arg}`);
    opts[key] = numeric.has(key) ? Number(value) : value;
  }
  if (!opts.artifact) throw new Error('--artifact FILE is required');
  if (opts.model === undefined) opts.model = /\.phase1\.js$/.test(opts.artifact) ? 'phase1' : 'param';
  if (opts.model !== 'param' && opts.model !== 'phase1') throw new Error('--model must be param or phase1');
  if (!Number.isInteger(opts.duration) || opts.duration <= 0) throw new Error('--duration must be a positive integer');
  if (String(opts.frames).trim() === 'all') {
    opts.frameList = Array.from({ length: opts.duration }, (_, i) => i);
  } else {
    opts.frameList = String(opts.frames)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const n = Number(s);
        if (!Number.isInteger(n) || n < 0) throw new Error(`bad frame ${s}`);
        return n;
      });
  }
  opts.seed ??= artifactStem(opts.artifact);
  return opts;
}

function loadIconSets(dir) {
  const sets = {};
  if (!dir) return sets;
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    const set = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    sets[set.prefix || file.replace(/\.json$/, '')] = set;
  }
  return sets;
}

async function transformWithSucrase(code) {
  const { transform } = await import('sucrase');
  return transform(code, {
    transforms: ['jsx', 'typescript'],
    jsxRuntime: 'classic',
    jsxPragma: 'React.createElement',
    jsxFragmentPragma: 'React.Fragment',
    production: true,
  }).code;
}

/** A macrotask boundary: every microtask queued so far (in any vm context) has run. */
const macrotask = () => new Promise((resolve) => setImmediate(resolve));

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let code = fs.readFileSync(opts.artifact, 'utf8');
  if (opts.sucrase) code = await transformWithSucrase(code);

  const context = vm.createContext({});
  const hostQueueMicrotask = queueMicrotask;
  Object.defineProperty(context, 'queueMicrotask', {
    value: (fn) => hostQueueMicrotask(fn),
    writable: true,
    configurable: true,
  });
  vm.runInContext(fs.readFileSync(opts.bundle, 'utf8'), context, { filename: path.basename(opts.bundle) });
  const host = context.SceneboxHost;
  if (!host) throw new Error(`${opts.bundle} did not define SceneboxHost`);

  // Values the scene sees are created inside the context, as the Rust host does.
  const parseInContext = vm.runInContext('JSON.parse', context);
  const props = parseInContext(opts.props);
  const hostConfig = parseInContext(
    JSON.stringify({
      avatars: opts.avatars ? JSON.parse(opts.avatars) : {},
      iconSets: loadIconSets(opts.iconSets),
    }),
  );

  host.installDeterminism(opts.seed);
  const extras = host.createExtras(hostConfig);
  const filename = path.resolve(opts.artifact);
  let component;
  if (opts.model === 'param') {
    const fn = vm.compileFunction(code, ['Remotion', 'Extras'], { parsingContext: context, filename });
    component = fn(host.Remotion, extras);
  } else {
    // As the Rust host: no parameters, the window object as a context extension.
    const win = host.createWindow(extras);
    const fn = vm.compileFunction(code, [], { parsingContext: context, contextExtensions: [win], filename });
    component = fn();
  }

  host.mount(component, { width: opts.width, height: opts.height, fps: opts.fps, durationInFrames: opts.duration, id: opts.id }, props);
  try {
    for (const frame of opts.frameList) {
      host.renderFrame(frame);
      let steps = 0;
      for (;;) {
        await macrotask();
        const r = host.step();
        if (r.ranTimers === 0 && r.pendingDelayRenders === 0) break;
        if (++steps >= opts.maxSteps) {
          throw new Error(`frame ${frame} did not settle after ${opts.maxSteps} steps (${JSON.stringify(r)})`);
        }
      }
      const { tree, warnings, media, fonts } = host.readFrame();
      process.stdout.write(JSON.stringify({ frame, tree, warnings, media, fonts }) + '\n');
      if (opts.console) for (const m of host.takeConsoleMessages()) process.stderr.write(`[console.${m.level}] ${m.message}\n`);
    }
  } finally {
    host.unmount();
  }
}

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`warning: unhandled promise rejection in scene: ${reason && reason.stack ? reason.stack : reason}\n`);
});

main().catch((error) => {
  process.stderr.write(`error: ${error && error.stack ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
