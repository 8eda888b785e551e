// Builds dist/scenebox-host.js (esbuild, iife, es2022, minified, platform neutral) from src/entry.js.
// `node build.mjs` writes it; `node build.mjs --check` rebuilds in memory (and into a temp file)
// and exits 1 if the result differs from the committed bundle.
// Icon packs are virtual modules `scenebox:icons/<pack>` holding every icon's static SVG content
// as data, one string literal per pack (see build-icons.mjs; src/extras/icon-data.js builds an
// icon's component from it on first use).

import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { lucideModule, heroiconsModule } from './build-icons.mjs';
import { lazyModulesPlugin } from './lazy-modules.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const outFile = path.join(root, 'dist', 'scenebox-host.js');
const rel = (p) => './' + path.relative(root, p).split(path.sep).join('/');

const iconTexts = [];

const iconPlugin = {
  name: 'scenebox-icons',
  setup(build) {
    build.onResolve({ filter: /^scenebox:icons\// }, (args) => ({ path: args.path, namespace: 'scenebox-icons' }));
    build.onLoad({ filter: /.*/, namespace: 'scenebox-icons' }, (args) => {
      const pack = args.path.slice('scenebox:icons/'.length);
      let contents;
      if (pack === 'lucide') contents = lucideModule(root, rel);
      else if (pack === 'heroicons-24-solid') contents = heroiconsModule(root, rel, '24', 'solid');
      else if (pack === 'heroicons-24-outline') contents = heroiconsModule(root, rel, '24', 'outline');
      else throw new Error(`unknown icon pack ${pack}`);
      iconTexts.push(/export const text = \(\) => '([^']*)';/.exec(contents)[1]);
      return { contents, loader: 'js', resolveDir: root };
    });
  },
};

// React ships CommonJS. esbuild gives every ES module that imports it a conversion of its own
// (`__toESM(require_react())`: a getter closure, a context and an accessor per React export, per
// importing module), about 4,000 objects for the ~160 importing modules, deserialised by every
// isolate made from the start-up snapshot. Instead every ES `import` of `react` or
// `react/jsx-runtime` resolves to one ES module that converts once and re-exports each name as a
// constant; CommonJS `require` calls (react-reconciler) still get the module itself.
const reactModules = {
  react: { file: './node_modules/react/index.js', names: './node_modules/react/cjs/react.production.js' },
  'react/jsx-runtime': {
    file: './node_modules/react/jsx-runtime.js',
    names: './node_modules/react/cjs/react-jsx-runtime.production.js',
  },
};

const reactEsmPlugin = {
  name: 'scenebox-react-esm',
  setup(build) {
    build.onResolve({ filter: /^react(\/jsx-runtime)?$/ }, (args) =>
      args.kind === 'import-statement' ? { path: args.path, namespace: 'scenebox-react' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'scenebox-react' }, (args) => {
      const { file, names } = reactModules[args.path];
      const keys = Object.keys(createRequire(import.meta.url)(names)).sort();
      const bad = keys.find((key) => !/^[A-Za-z_$][\w$]*$/.test(key) || key === 'default');
      if (bad !== undefined) throw new Error(`${args.path} exports ${JSON.stringify(bad)}, not re-exportable as a constant`);
      const contents = `import cjs from '${file}';\nexport default cjs;\nexport const { ${keys.join(', ')} } = cjs;\n`;
      return { contents, loader: 'js', resolveDir: root };
    });
  },
};

// What the bundle and the lazily evaluated packages' own bundles (lazy-modules.mjs) share.
const resolveOptions = {
  absWorkingDir: root,
  target: 'es2022',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  conditions: ['module', 'import', 'default'],
  // ASCII output: the Rust host hands the bundle to V8 as a static one-byte external string
  // that the start-up snapshot refers to instead of copying (src/snapshot.rs); that needs ASCII,
  // checked again when the snapshot is made.
  charset: 'ascii',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

export async function bundle() {
  const result = await esbuild.build({
    ...resolveOptions,
    entryPoints: ['src/entry.js'],
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    legalComments: 'none',
    sourcemap: false,
    // No react-dom in the isolate: Remotion and @remotion/shapes get the reconciler-backed shim.
    // esbuild's own `alias` (resolved from absWorkingDir), not an onResolve plugin: a path returned
    // by a plugin carries no package.json "type", so the shim (also imported directly by
    // src/window.js) got node-mode ESM interop or not depending on which resolution esbuild saw
    // first, and about 1 build in 30 differed (`__toESM(require_react())` vs `…, 1)`).
    alias: { 'react-dom': './src/react-dom-shim.js' },
    plugins: [iconPlugin, reactEsmPlugin, lazyModulesPlugin(resolveOptions)],
  });
  const bytes = result.outputFiles[0].contents;
  checkIconTexts(Buffer.from(bytes).toString('latin1'));
  return bytes;
}

// src/extras/icon-data.js reads each pack's text from its function's source: the emitted literal
// must hold the text verbatim, with no escape sequence (the literal's source text is its value).
function checkIconTexts(output) {
  if (iconTexts.length !== 3) throw new Error(`expected 3 icon packs, built ${iconTexts.length}`);
  for (const text of iconTexts.splice(0)) {
    const at = output.indexOf(text);
    const quote = output[at - 1];
    if (at < 0 || !`'"\``.includes(quote) || output[at + text.length] !== quote || output.indexOf(text, at + 1) >= 0) {
      throw new Error('an icon pack text is not emitted verbatim as one string literal');
    }
  }
  if (/[^\x00-\x7f]/.test(output)) throw new Error('the bundle is not ASCII');
}

const bytes = await bundle();
if (process.argv.includes('--check')) {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scenebox-host-')), 'scenebox-host.js');
  fs.writeFileSync(tmp, bytes);
  const committed = fs.existsSync(outFile) ? fs.readFileSync(outFile) : null;
  const same = committed !== null && Buffer.compare(committed, Buffer.from(bytes)) === 0;
  fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  if (!same) {
    console.error(`dist/scenebox-host.js is out of date (rebuilt ${bytes.length} bytes, committed ${committed ? committed.length : 'none'}); run npm run build`);
    process.exit(1);
  }
  console.log(`dist/scenebox-host.js is up to date (${bytes.length} bytes)`);
} else {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, bytes);
  console.log(`wrote dist/scenebox-host.js (${bytes.length} bytes)`);
}
