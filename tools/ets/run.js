#!/usr/bin/env node
'use strict';
// `npm run ets -- FILE.ets [args...]`: bundles an ArkTS program and runs it in this Node process.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { bundleEts } = require('./build');
const { resolveUserPath } = require('./paths');

async function main() {
  const [entryArg, ...programArgs] = process.argv.slice(2);
  if (!entryArg) {
    process.stderr.write('usage: npm run ets -- FILE.ets [args...]\n');
    return 2;
  }
  const entryFile = resolveUserPath(entryArg);
  if (!fs.existsSync(entryFile)) {
    process.stderr.write(`ets: no such file: ${entryArg}\n`);
    return 2;
  }

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcplib-ets-'));
  // The bundle only lives for this run; removing it on exit keeps /tmp clean even after process.exit().
  process.on('exit', () => fs.rmSync(workDir, { recursive: true, force: true }));
  const outFile = path.join(workDir, `${path.basename(entryFile, '.ets')}.js`);
  try {
    await bundleEts(entryFile, outFile);
  } catch (error) {
    process.stderr.write(`ets: ${error.message}\n`);
    return 1;
  }

  // The program sees its own path and arguments, as if started with `node FILE args...`.
  process.argv = [process.argv[0], entryFile, ...programArgs];
  process.setSourceMapsEnabled(true);
  require(outFile);
  return undefined;
}

main().then(
  (exitCode) => {
    if (exitCode !== undefined) {
      process.exitCode = exitCode;
    }
  },
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  }
);
