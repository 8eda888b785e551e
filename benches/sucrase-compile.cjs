// Baseline for `scenebox bench`: sucrase (the production compiler scenebox replaces) on the
// same TSX files, driven round by round from stdin so that its rounds interleave with
// scenebox's own and both see the same machine.
//
// Usage: node sucrase-compile.cjs <dir>
// Prints one JSON line {tool, version, cold_ms} once warm (cold = module load + first
// transform), then answers each stdin line with one JSON line of per-file samples in ms:
//   plain   one transform per file (typescript + jsx, classic runtime), no source map
//   mapped  scenebox's whole job: two transforms per file, each with a source map
// and exits at the end of stdin.
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');

const [dir] = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tsx')).sort()
  .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
const options = { transforms: ['typescript', 'jsx'], jsxRuntime: 'classic', production: true };
const mapped = { ...options, sourceMapOptions: { compiledFilename: 'scene.js' }, filePath: 'scene.tsx' };

const coldStart = process.hrtime.bigint();
const { transform } = require('sucrase');
transform(files[0], options);
const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;

// Warm-up: the JIT has seen every file in both modes before anything is timed.
for (let i = 0; i < 20; i++) {
  for (const src of files) {
    transform(src, options);
    transform(src, mapped);
  }
}

const rounds = {
  plain: (src) => transform(src, options),
  mapped: (src) => {
    transform(src, mapped);
    transform(src, mapped);
  },
};

const version = require('sucrase/package.json').version;
process.stdout.write(JSON.stringify({ tool: 'sucrase', version, cold_ms: coldMs }) + '\n');

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const run = rounds[line.trim()];
  if (!run) {
    process.stdout.write(JSON.stringify({ error: `unknown round ${line}` }) + '\n');
    return;
  }
  const samples = [];
  for (const src of files) {
    const t = process.hrtime.bigint();
    run(src);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  process.stdout.write(JSON.stringify(samples) + '\n');
});
