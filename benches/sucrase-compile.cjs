// Baseline for `scenebox bench`: times sucrase (the production compiler scenebox replaces) on
// the same TSX files, warm (after warm-up, same process) and cold (module load + first
// transform), and doing scenebox's whole job (two outputs with source maps). Usage: node sucrase-compile.cjs <dir> <iterations>; prints one JSON object.
'use strict';
const fs = require('fs');
const path = require('path');

const [dir, iterationsArg] = process.argv.slice(2);
const iterations = Number(iterationsArg || 20);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tsx')).sort()
  .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
const options = { transforms: ['typescript', 'jsx'], jsxRuntime: 'classic', production: true };

const coldStart = process.hrtime.bigint();
const { transform } = require('sucrase');
transform(files[0], options);
const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;

for (let i = 0; i < 20; i++) for (const src of files) transform(src, options);
const samples = [];
for (let i = 0; i < iterations; i++) {
  for (const src of files) {
    const t = process.hrtime.bigint();
    transform(src, options);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
// The same job scenebox's compile does: two artifacts, each with a source map.
const mapped = { ...options, sourceMapOptions: { compiledFilename: 'scene.js' }, filePath: 'scene.tsx' };
const bothSamples = [];
for (let i = 0; i < iterations; i++) {
  for (const src of files) {
    const t = process.hrtime.bigint();
    transform(src, mapped);
    transform(src, mapped);
    bothSamples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
const version = require('sucrase/package.json').version;
process.stdout.write(JSON.stringify({
  tool: 'sucrase', version, cold_ms: coldMs, samples_ms: samples, both_with_maps_samples_ms: bothSamples,
}));
