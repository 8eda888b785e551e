// Shared helpers of the test files: paths, the oracle runner, tree queries, and an in-process
// loader of the bundle into a bare vm context.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const artifacts = path.join(root, 'test', 'artifacts');
export const iconSets = path.join(root, 'test', 'icon-sets');
export const bundlePath = path.join(root, 'dist', 'scenebox-host.js');

export function run(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'oracle.mjs'), ...args], { cwd: root, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code ?? 1 : 0, stdout, stderr });
    });
  });
}

export async function frames(artifact, { model = 'param', frames: list = '0', extra = [] } = {}) {
  const r = await run(['--artifact', path.join(artifacts, artifact), '--model', model, '--frames', list, '--icon-sets', iconSets, ...extra]);
  assert.equal(r.code, 0, `oracle failed for ${artifact}:\n${r.stderr}`);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  return Object.fromEntries(lines.map((l) => [l.frame, l]));
}

export async function fails(artifact, extra = []) {
  const r = await run(['--artifact', path.join(artifacts, artifact), '--model', 'param', '--frames', '0,20', ...extra]);
  assert.equal(r.code, 1, `expected failure for ${artifact}, got exit ${r.code}\n${r.stdout}`);
  return r;
}

/** Depth-first (pre-order) list of element nodes; iterative, so deep trees (the 6000-level
 *  limits test) cannot overflow the stack. */
export function nodes(tree) {
  const out = [];
  const stack = [tree];
  while (stack.length > 0) {
    const n = stack.pop();
    out.push(n);
    const children = n.children || [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}
export const text = (tree) =>
  nodes(tree)
    .filter((n) => n.type === '#text')
    .map((n) => n.text)
    .join('|');
export const byType = (tree, type) => nodes(tree).filter((n) => n.type === type);
export const byProp = (tree, key, value) => nodes(tree).find((n) => n.props && n.props[key] === value);

/** A fresh bare context (ECMAScript builtins + queueMicrotask) with the bundle evaluated in it. */
export function loadBundle() {
  const ctx = vm.createContext({});
  ctx.queueMicrotask = (fn) => queueMicrotask(fn);
  vm.runInContext(fs.readFileSync(bundlePath, 'utf8'), ctx);
  return { ctx, host: ctx.SceneboxHost };
}

/** renderFrame + the step protocol until settled (bounded). */
export async function settle(host, frame) {
  host.renderFrame(frame);
  let r;
  let guard = 0;
  do {
    await new Promise((res) => setImmediate(res));
    r = host.step();
  } while ((r.ranTimers > 0 || r.pendingDelayRenders > 0) && ++guard < 1000);
  return r;
}
