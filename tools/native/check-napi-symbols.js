#!/usr/bin/env node
'use strict';
// Fails when the addon imports a Node-API function that OpenHarmony does not
// export, so a host build catches what would otherwise only fail to link (or
// load) on a device. The module sources are the same for both runtimes, so the
// host addon's undefined napi_*/node_api_* symbols are exactly the ones
// librcp.so will need from libace_napi.z.so.
//
// Usage: node tools/native/check-napi-symbols.js [addon] (default build/host/rcp.node)
//
// The allowed list is ../shared/reference/ohos-napi-symbols.txt beside the
// repository when present, else the copy in this folder.

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const repoRoot = path.resolve(__dirname, '..', '..');
const sharedListFile = path.resolve(repoRoot, '..', 'shared', 'reference', 'ohos-napi-symbols.txt');
const bundledListFile = path.join(__dirname, 'ohos-napi-symbols.txt');

function allowedListFile() {
  return fs.existsSync(sharedListFile) ? sharedListFile : bundledListFile;
}

function readAllowedSymbols(file = allowedListFile()) {
  const names = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return new Set(names);
}

/** The napi_* and node_api_* symbols the shared object needs from its host. */
function importedNodeApiSymbols(addonFile) {
  const output = execFileSync('nm', ['-D', '--undefined-only', addonFile], { encoding: 'utf8' });
  const names = [];
  for (const line of output.split('\n')) {
    const name = line.trim().split(/\s+/).pop();
    // Versioned imports print as name@VERSION; the list holds bare names.
    const bare = name ? name.split('@')[0] : '';
    if (/^(napi|node_api)_/.test(bare)) names.push(bare);
  }
  return [...new Set(names)].sort();
}

/** Returns { imported, missing, listFile }: missing holds imports OpenHarmony lacks. */
function checkAddon(addonFile, listFile = allowedListFile()) {
  const allowed = readAllowedSymbols(listFile);
  const imported = importedNodeApiSymbols(addonFile);
  return { imported, missing: imported.filter((name) => !allowed.has(name)), listFile };
}

function main() {
  const addonFile = path.resolve(process.argv[2] || path.join(repoRoot, 'build', 'host', 'rcp.node'));
  if (!fs.existsSync(addonFile)) {
    throw new Error(`${addonFile} does not exist; build it with node tools/native/build.js`);
  }
  const { imported, missing, listFile } = checkAddon(addonFile);
  if (imported.length === 0) {
    throw new Error(`${addonFile} imports no Node-API function; is it really the addon?`);
  }
  if (missing.length > 0) {
    throw new Error(
      `${missing.length} Node-API function(s) used by ${path.basename(addonFile)} are not exported on OpenHarmony ` +
        `(per ${listFile}):\n  ${missing.join('\n  ')}`,
    );
  }
  process.stdout.write(`${imported.length} Node-API imports, all available on OpenHarmony (${listFile})\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`check-napi-symbols: ${error.message}\n`);
    process.exitCode = 1;
  }
}

module.exports = { checkAddon, importedNodeApiSymbols, readAllowedSymbols, allowedListFile };
