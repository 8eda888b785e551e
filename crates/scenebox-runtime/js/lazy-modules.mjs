// Lazily evaluated packages: `import { load } from 'scenebox:lazy/<package>'` gives a function that
// evaluates the package on its first call and returns its module namespace (`import * as`). The
// package is bundled on its own (esbuild, iife) and its code placed inside that function: V8
// compiles a function only when it first runs, so until a scene uses the package the start-up
// snapshot holds none of its functions, closures or maps, and every isolate starts without
// deserialising them. For the extras few scenes use (@remotion/shapes with @remotion/paths,
// roughjs): about 75 KB of minified code.
//
// The packages the lazy code shares with the bundle (React, the JSX runtime, Remotion and the
// react-dom shim) are not bundled again: each resolves to the bundle's own module instance,
// handed in when the package is loaded.

import * as esbuild from 'esbuild';

/**
 * Specifiers a lazy package imports from the main bundle instead of bundling its own copy, each
 * as a module of the main bundle whose default export gives (when the package is loaded) what the
 * lazy package's `require` of it returns.
 */
const shared = {
  react: "import m from 'react'; export default () => m;",
  'react/jsx-runtime': "import m from 'react/jsx-runtime'; export default () => m;",
  remotion: "import * as m from 'remotion'; export default () => ({ ...m, __esModule: true });",
  'react-dom': "import * as m from 'react-dom'; export default () => ({ ...m, __esModule: true });",
};

const DEPS = '__sceneboxLazyDeps';
const EXPORTS = '__sceneboxLazyExports';

/**
 * The package's own bundle: its namespace ends up in `__sceneboxLazyExports.default`, and its
 * shared imports read `__sceneboxLazyDeps`.
 */
async function packageCode(pkg, options) {
  const result = await esbuild.build({
    ...options,
    stdin: { contents: `import * as namespace from '${pkg}';\nexport default namespace;\n`, resolveDir: options.absWorkingDir },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: EXPORTS,
    minify: false,
    plugins: [
      {
        name: 'scenebox-lazy-shared',
        setup(build) {
          const filter = new RegExp(`^(${Object.keys(shared).map((s) => s.replace('/', '\\/')).join('|')})$`);
          build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'scenebox-lazy-shared' }));
          build.onLoad({ filter: /.*/, namespace: 'scenebox-lazy-shared' }, (args) => ({
            contents: `module.exports = ${DEPS}[${JSON.stringify(args.path)}];`,
            loader: 'js',
          }));
        },
      },
    ],
  });
  return new TextDecoder().decode(result.outputFiles[0].contents);
}

/**
 * The esbuild plugin. `options` are the main build's target, platform, conditions, main fields,
 * defines and working directory, which the packages' own bundles share.
 */
export function lazyModulesPlugin(options) {
  return {
    name: 'scenebox-lazy',
    setup(build) {
      build.onResolve({ filter: /^scenebox:lazy\// }, (args) => ({ path: args.path, namespace: 'scenebox-lazy' }));
      build.onLoad({ filter: /.*/, namespace: 'scenebox-lazy' }, async (args) => {
        const pkg = args.path.slice('scenebox:lazy/'.length);
        const code = await packageCode(pkg, options);
        const imports = Object.keys(shared)
          .map((specifier, i) => `import dep${i} from 'scenebox:lazy-shared/${specifier}';`)
          .join('\n');
        const deps = Object.keys(shared)
          .map((specifier, i) => `${JSON.stringify(specifier)}: dep${i}()`)
          .join(', ');
        const contents = `${imports}
let loaded;
/** Evaluates ${pkg} on the first call; its module namespace. */
export function load() {
  if (loaded === undefined) {
    loaded = (function (${DEPS}) {
${code}
return ${EXPORTS}.default;
    })({ ${deps} });
  }
  return loaded;
}
`;
        return { contents, loader: 'js', resolveDir: options.absWorkingDir };
      });
      build.onResolve({ filter: /^scenebox:lazy-shared\// }, (args) => ({
        path: args.path.slice('scenebox:lazy-shared/'.length),
        namespace: 'scenebox-lazy-shared-main',
      }));
      build.onLoad({ filter: /.*/, namespace: 'scenebox-lazy-shared-main' }, (args) => ({
        contents: shared[args.path],
        loader: 'js',
        resolveDir: options.absWorkingDir,
      }));
    },
  };
}
