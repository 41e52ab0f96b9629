'use strict';
// Compiles ArkTS (.ets) sources into one CommonJS file that Node can run, with source maps to the .ets lines.

const esbuild = require('esbuild');
const { etsResolvePlugin } = require('./ets-resolve-plugin');

/** File extensions tried, in order, for an extensionless import such as `./session`. */
const resolveExtensions = ['.ets', '.ts', '.js', '.mjs', '.cjs', '.json'];

/**
 * Bundles `entryFile` and everything it imports into `outFile`.
 * Options: `rcplibIndex` and `aliases` (see ets-resolve-plugin.js).
 * Throws an Error whose message lists every build error with its file, line and column.
 */
async function bundleEts(entryFile, outFile, options = {}) {
  try {
    await esbuild.build({
      entryPoints: [entryFile],
      outfile: outFile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'silent',
      loader: { '.ets': 'ts' },
      resolveExtensions,
      // ArkTS compiles class fields with assignment semantics (TypeScript's pre-ES2022 default).
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, experimentalDecorators: true } },
      plugins: [etsResolvePlugin(options)],
    });
  } catch (error) {
    if (Array.isArray(error.errors) && error.errors.length > 0) {
      const lines = esbuild.formatMessagesSync(error.errors, { kind: 'error', color: false });
      throw new Error(`could not bundle ${entryFile}:\n${lines.join('').trimEnd()}`, { cause: error });
    }
    throw error;
  }
}

module.exports = { bundleEts, resolveExtensions };
