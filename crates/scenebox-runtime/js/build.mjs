// Builds dist/scenebox-host.js (esbuild, iife, es2022, minified, platform neutral) from src/entry.js.
// `node build.mjs` writes it; `node build.mjs --check` rebuilds in memory (and into a temp file)
// and exits 1 if the result differs from the committed bundle.
// Icon packs are turned into virtual modules `scenebox:icons/<pack>` that list export names and
// one lazy `require()` per icon module: esbuild wraps each required ES module in a lazily
// initialised closure, so an icon's code only runs when a scene first asks for it by name.

import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const outFile = path.join(root, 'dist', 'scenebox-host.js');
const rel = (p) => './' + path.relative(root, p).split(path.sep).join('/');

// Lucide icon modules all have the shape
//   import createLucideIcon from '../createLucideIcon.mjs';
//   const __iconData = {...};  __iconData.node;  const X = createLucideIcon(__iconData);
//   export { __iconData, X as default };
// For those, the loader is `() => createLucideIcon({...})` with the module's own data literal: no
// per-module wrapper or export object is evaluated at bundle load. A module of any other shape
// falls back to a lazy require() of the file itself.
const LUCIDE_ICON_MODULE =
  /^\s*(?:\/\*\*[\s\S]*?\*\/\s*)?import createLucideIcon from '\.\.\/createLucideIcon\.mjs';\s*const __iconData = (\{[\s\S]*?\});\s*__iconData\.node;\s*const (\w+) = createLucideIcon\(__iconData\);\s*export \{ __iconData, \2 as default \};\s*(?:\/\/# sourceMappingURL=\S+\s*)?$/;

function lucideModule() {
  const dir = path.join(root, 'node_modules', 'lucide-react', 'dist', 'esm');
  const index = fs.readFileSync(path.join(dir, 'lucide-react.mjs'), 'utf8');
  const re = /export \{([^}]*)\} from '\.\/icons\/([a-z0-9-]+)\.mjs';/g;
  const groups = [];
  const loaders = [];
  let m;
  while ((m = re.exec(index)) !== null) {
    const names = m[1]
      .split(',')
      .map((s) => s.trim())
      .map((s) => s.replace(/^default as /, ''))
      .filter(Boolean);
    groups.push(names.join(' '));
    const file = path.join(dir, 'icons', `${m[2]}.mjs`);
    const source = fs.readFileSync(file, 'utf8');
    const shape = LUCIDE_ICON_MODULE.exec(source);
    loaders.push(shape ? `() => createLucideIcon(${shape[1]})` : `() => require(${JSON.stringify(rel(file))})`);
  }
  if (groups.length < 1000) throw new Error(`lucide-react index not understood (${groups.length} icons)`);
  const fallbacks = loaders.filter((l) => l.includes('require(')).length;
  if (fallbacks > 0) console.warn(`lucide: ${fallbacks} icon module(s) of unexpected shape, bundled as lazy modules`);
  return [
    `import createLucideIcon from ${JSON.stringify(rel(path.join(dir, 'createLucideIcon.mjs')))};`,
    `export { createLucideIcon };`,
    `export { default as Icon } from ${JSON.stringify(rel(path.join(dir, 'Icon.mjs')))};`,
    `export { LucideProvider, useLucideContext } from ${JSON.stringify(rel(path.join(dir, 'context.mjs')))};`,
    `export const groups = ${JSON.stringify(groups.join('|'))};`,
    `export const loaders = [${loaders.join(',\n')}];`,
  ].join('\n');
}

function heroiconsModule(size, style) {
  const dir = path.join(root, 'node_modules', '@heroicons', 'react', size, style, 'esm');
  const index = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
  const re = /export \{ default as (\w+) \} from '\.\/(\w+)\.js'/g;
  const names = [];
  let m;
  while ((m = re.exec(index)) !== null) names.push(m[1]);
  if (names.length < 100) throw new Error(`heroicons ${size}/${style} index not understood`);
  return [
    `export const groups = ${JSON.stringify(names.join('|'))};`,
    `export const loaders = [${names.map((n) => `() => require(${JSON.stringify(rel(path.join(dir, `${n}.js`)))})`).join(',\n')}];`,
  ].join('\n');
}

const iconPlugin = {
  name: 'scenebox-icons',
  setup(build) {
    build.onResolve({ filter: /^scenebox:icons\// }, (args) => ({ path: args.path, namespace: 'scenebox-icons' }));
    build.onLoad({ filter: /.*/, namespace: 'scenebox-icons' }, (args) => {
      const pack = args.path.slice('scenebox:icons/'.length);
      let contents;
      if (pack === 'lucide') contents = lucideModule();
      else if (pack === 'heroicons-24-solid') contents = heroiconsModule('24', 'solid');
      else if (pack === 'heroicons-24-outline') contents = heroiconsModule('24', 'outline');
      else throw new Error(`unknown icon pack ${pack}`);
      return { contents, loader: 'js', resolveDir: root };
    });
  },
};

export async function bundle() {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/entry.js'],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['module', 'import', 'default'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    sourcemap: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    // No react-dom in the isolate: Remotion and @remotion/shapes get the reconciler-backed shim.
    // esbuild's own `alias` (resolved from absWorkingDir), not an onResolve plugin: a path returned
    // by a plugin carries no package.json "type", so the shim (also imported directly by
    // src/window.js) got node-mode ESM interop or not depending on which resolution esbuild saw
    // first, and about 1 build in 30 differed (`__toESM(require_react())` vs `…, 1)`).
    alias: { 'react-dom': './src/react-dom-shim.js' },
    plugins: [iconPlugin],
    logLevel: 'warning',
  });
  return result.outputFiles[0].contents;
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
