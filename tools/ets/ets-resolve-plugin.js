'use strict';
// Teaches esbuild the module names an ArkTS module can import, so .ets code runs on Node unchanged.

const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('./paths');

const shimsDir = path.join(repoRoot, 'tools', 'shims');
const nativeAddonLoader = path.join(__dirname, 'native-addon.js');
const nativeNamespace = 'rcp-native-addon';

/**
 * Builds the resolver plugin.
 * - `rcplib` is the HAR's public surface, `rcplib/Index.ets` (overridable for tests).
 * - `librcp.so` becomes a small module that loads the host addon when it is first evaluated.
 * - `@kit.*` and `@ohos.*` system modules come from `tools/shims/<name>.js`.
 * - `@ohos/hypium` always resolves to the one installed copy, so a suite and the runner share its state.
 * - `aliases` maps exact specifiers to absolute files (the hypium runner uses it to name the suite).
 */
function etsResolvePlugin(options = {}) {
  const rcplibIndex = options.rcplibIndex || path.join(repoRoot, 'rcplib', 'Index.ets');
  const aliases = options.aliases || {};

  return {
    name: 'ets-resolve',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (Object.prototype.hasOwnProperty.call(aliases, args.path)) {
          return { path: aliases[args.path] };
        }
        return undefined;
      });

      build.onResolve({ filter: /^rcplib$/ }, () => {
        if (!fs.existsSync(rcplibIndex)) {
          return { errors: [{ text: `'rcplib' resolves to ${rcplibIndex}, which does not exist` }] };
        }
        return { path: rcplibIndex };
      });

      build.onResolve({ filter: /^librcp\.so$/ }, () => ({ path: 'librcp.so', namespace: nativeNamespace }));

      build.onLoad({ filter: /.*/, namespace: nativeNamespace }, () => ({
        contents:
          `module.exports = require(${JSON.stringify(nativeAddonLoader)})` +
          `.loadRcpAddon(${JSON.stringify(repoRoot)});\n`,
        loader: 'js',
        resolveDir: __dirname,
      }));

      build.onResolve({ filter: /^@ohos\/hypium$/ }, () => ({
        path: require.resolve('@ohos/hypium', { paths: [repoRoot] }),
      }));

      build.onResolve({ filter: /^@(kit|ohos)\./ }, (args) => {
        const shim = path.join(shimsDir, `${args.path}.js`);
        if (!fs.existsSync(shim)) {
          return {
            errors: [
              {
                text: `no host shim for '${args.path}': add ${path.relative(repoRoot, shim)} (and its .d.ts for the linter)`,
              },
            ],
          };
        }
        return { path: shim };
      });
    },
  };
}

module.exports = { etsResolvePlugin };
