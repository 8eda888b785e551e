// Measures evaluation of dist/scenebox-host.js in fresh bare vm contexts (ECMAScript builtins +
// queueMicrotask only): compile time (new vm.Script) and run time (top-level evaluation).
// Usage: node test/measure-eval.mjs [runs] [bundle]   (bundle defaults to dist/scenebox-host.js)

import vm from 'node:vm';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = fs.readFileSync(process.argv[3] || path.join(root, 'dist', 'scenebox-host.js'), 'utf8');
const runs = Number(process.argv[2] || 20);
const compile = [];
const run = [];
for (let i = 0; i < runs; i++) {
  const ctx = vm.createContext({});
  ctx.queueMicrotask = (fn) => queueMicrotask(fn);
  const t0 = performance.now();
  const script = new vm.Script(source, { filename: `scenebox-host-${i}.js` });
  const t1 = performance.now();
  script.runInContext(ctx);
  const t2 = performance.now();
  if (typeof ctx.SceneboxHost?.mount !== 'function') throw new Error('SceneboxHost missing');
  compile.push(t1 - t0);
  run.push(t2 - t1);
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(
  JSON.stringify({
    bytes: Buffer.byteLength(source),
    runs,
    compileMsMedian: +median(compile).toFixed(2),
    evalMsMedian: +median(run).toFixed(2),
    evalMsMin: +Math.min(...run).toFixed(2),
    firstEvalMs: +run[0].toFixed(2),
  }),
);
