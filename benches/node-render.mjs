// Baseline for `scenebox bench`: renders compiled scene artifacts with the very same host bundle
// in Node (a `vm` context, like js/oracle.mjs), timing scene load + first frame and every warm
// frame. Usage: node node-render.mjs <bundle.js> <model> <frames> <artifact.js>...
// Prints one JSON object: {first_frame_ms: [...], warm_frame_ms: [...], context_ms: [...]}.
import fs from 'node:fs';
import vm from 'node:vm';
import path from 'node:path';

const [bundlePath, model, framesArg, ...artifacts] = process.argv.slice(2);
const frames = Number(framesArg);
const bundle = fs.readFileSync(bundlePath, 'utf8');
const script = new vm.Script(bundle, { filename: path.basename(bundlePath) });
const macrotask = () => new Promise((resolve) => setImmediate(resolve));
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const out = { first_frame_ms: [], warm_frame_ms: [], context_ms: [] };

async function settle(host) {
  for (let i = 0; i < 10000; i++) {
    await macrotask();
    const r = host.step();
    if (r.ranTimers === 0 && r.pendingDelayRenders === 0) return;
  }
  throw new Error('frame did not settle');
}

for (const file of artifacts) {
  const contextStart = process.hrtime.bigint();
  const context = vm.createContext({});
  Object.defineProperty(context, 'queueMicrotask', { value: (fn) => queueMicrotask(fn), writable: true, configurable: true });
  script.runInContext(context);
  out.context_ms.push(ms(contextStart));
  const host = context.SceneboxHost;
  const code = fs.readFileSync(file, 'utf8');
  const stem = path.basename(file).replace(/\.(phase1|param)\.js$/, '');
  const first = process.hrtime.bigint();
  host.installDeterminism(stem);
  const extras = host.createExtras(vm.runInContext('({})', context));
  let component;
  if (model === 'param') {
    component = vm.compileFunction(code, ['Remotion', 'Extras'], { parsingContext: context })(host.Remotion, extras);
  } else {
    component = vm.compileFunction(code, [], { parsingContext: context, contextExtensions: [host.createWindow(extras)] })();
  }
  host.mount(component, { width: 1920, height: 1080, fps: 30, durationInFrames: frames }, vm.runInContext('({})', context));
  for (let frame = 0; frame < frames; frame++) {
    const start = frame === 0 ? first : process.hrtime.bigint();
    host.renderFrame(frame);
    await settle(host);
    JSON.stringify(host.readFrame());
    (frame === 0 ? out.first_frame_ms : out.warm_frame_ms).push(ms(start));
  }
  host.unmount();
}
process.stdout.write(JSON.stringify(out));
