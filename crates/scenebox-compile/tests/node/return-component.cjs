// Runs compiled artifacts the way the app does — Phase 1 as `new Function(jsCode)()` with a
// fake `window` global, the parameterized one as `new Function('Remotion', 'Extras', js)` —
// and reports the name of the function each returns. Reads a JSON array of
// {name, phase1, param} on stdin; prints a JSON array of {name, phase1, param} names.
'use strict';

// A stand-in for any library object: every property, call and construction yields another stub.
function stub(label) {
  const target = function () {};
  return new Proxy(target, {
    get(_, key) {
      if (key === Symbol.toPrimitive) return () => 0;
      if (key === Symbol.iterator) return function* () {};
      if (key === 'then') return undefined;
      return stub(`${label}.${String(key)}`);
    },
    apply: () => stub(`${label}()`),
    construct: () => stub(`new ${label}`),
  });
}

const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const names = ['Remotion', 'React', 'ReactDOM', 'IconifyIcon', 'HeroiconsSolid', 'HeroiconsOutline',
  'LucideIcons', 'RemotionShapes', 'Rough', 'RemotionGoogleFonts', 'BazaarAvatars'];
const results = input.map(({ name, phase1, param }) => {
  const window = {};
  for (const n of names) window[n] = stub(n);
  globalThis.window = window;
  globalThis.React = window.React;
  const describe = (fn) => (typeof fn === 'function' ? fn.name : `not a function: ${typeof fn}`);
  let phase1Name;
  let paramName;
  try {
    phase1Name = describe(new Function(phase1)());
  } catch (e) {
    phase1Name = `threw: ${e && e.message}`;
  }
  delete globalThis.window;
  delete globalThis.React;
  try {
    const extras = {};
    for (const n of names.slice(1)) extras[n] = window[n];
    paramName = describe(new Function('Remotion', 'Extras', param)(window.Remotion, extras));
  } catch (e) {
    paramName = `threw: ${e && e.message}`;
  }
  return { name, phase1: phase1Name, param: paramName };
});
process.stdout.write(JSON.stringify(results));
