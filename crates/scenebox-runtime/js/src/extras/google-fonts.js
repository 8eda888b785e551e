// RemotionGoogleFonts stand-in: no fonts are fetched; every loadFont call is recorded into the
// fonts list ({family, module?, style, weights, subsets}) and returns what
// @remotion/google-fonts returns, with a resolved waitUntilDone().
//
// Shape:
//   RemotionGoogleFonts.loadFont(family, options?)             family: "Inter", "Playfair Display"
//   RemotionGoogleFonts.family(nameOrModule)                   → FontModule
//   RemotionGoogleFonts.fonts[nameOrModule]                    → FontModule (Proxy)
//   FontModule = {fontFamily, loadFont(style?, options?), getInfo()}
// which mirrors `import { loadFont, fontFamily } from '@remotion/google-fonts/<Module>'`.
// A module name such as "PlayfairDisplay" or "IBMPlexSans" maps to the family
// "Playfair Display" / "IBM Plex Sans"; a name with a space is taken as the family itself.

import { fonts } from '../records.js';

export function moduleNameToFamily(name) {
  const s = String(name).trim();
  if (s.includes(' ')) return s;
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])([0-9]+[A-Z])/g, '$1 $2');
}

function normalizeOptions(style, options) {
  let opts = options;
  let st = style;
  if (style !== null && typeof style === 'object') {
    opts = style;
    st = style.style;
  }
  opts = opts && typeof opts === 'object' ? opts : {};
  return {
    style: typeof st === 'string' ? st : 'normal',
    weights: Array.isArray(opts.weights) ? opts.weights.map(String) : null,
    subsets: Array.isArray(opts.subsets) ? opts.subsets.map(String) : null,
  };
}

function record(family, moduleName, style, options) {
  const { style: st, weights, subsets } = normalizeOptions(style, options);
  const entry = { family };
  if (moduleName && moduleName !== family) entry.module = moduleName;
  entry.style = st;
  entry.weights = weights;
  entry.subsets = subsets;
  fonts.add(entry);
  return {
    fontFamily: family,
    fonts: {},
    unicodeRanges: {},
    waitUntilDone: () => Promise.resolve(undefined),
  };
}

export function createGoogleFonts() {
  const modules = new Map();
  function family(name) {
    const key = String(name);
    if (!modules.has(key)) {
      const familyName = moduleNameToFamily(key);
      const moduleName = key.includes(' ') ? null : key;
      modules.set(key, {
        fontFamily: familyName,
        loadFont: (style, options) => record(familyName, moduleName, style, options),
        getInfo: () => ({ fontFamily: familyName, importName: moduleName ?? familyName.replace(/ /g, ''), fonts: {}, subsets: [] }),
      });
    }
    return modules.get(key);
  }
  const fontsProxy = new Proxy(Object.create(null), {
    get: (_, key) => (typeof key === 'string' && key !== 'then' ? family(key) : undefined),
    has: (_, key) => typeof key === 'string',
  });
  return {
    loadFont(familyName, options) {
      if (typeof familyName !== 'string' || familyName.trim() === '') {
        throw new TypeError('RemotionGoogleFonts.loadFont(family, options) needs a font family name');
      }
      const f = family(familyName);
      return f.loadFont(options && typeof options === 'object' ? options : undefined);
    },
    family,
    fonts: fontsProxy,
    getAvailableFonts: () => [],
  };
}
