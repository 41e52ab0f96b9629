#!/usr/bin/env node
'use strict';
// Fails when the addon imports a Node-API function that OpenHarmony does not
// export, or one that only appeared after the oldest release the project
// supports (compatibleSdkVersion in build-profile.json5), so a host build
// catches what would otherwise only fail to load on an older device. The module
// sources are the same for both runtimes, so the host addon's undefined
// napi_*/node_api_* symbols are exactly the ones librcp.so will need from
// libace_napi.z.so.
//
// Usage: node tools/native/check-napi-symbols.js [addon] [--levels=<tsv>] [--build-profile=<json5>]
//   addon            default build/host/rcp.node
//   --levels         the exported functions and their API levels (default ohos-napi-symbols-levels.tsv here)
//   --build-profile  where compatibleSdkVersion is read (default the repository's build-profile.json5)

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const JSON5 = require('json5');
const { parseSdkVersion } = require('../validate/lib/sdk-version');

const repoRoot = path.resolve(__dirname, '..', '..');
const defaultLevelsFile = path.join(__dirname, 'ohos-napi-symbols-levels.tsv');
const defaultBuildProfile = path.join(repoRoot, 'build-profile.json5');
const defaultAddon = path.join(repoRoot, 'build', 'host', 'rcp.node');

/**
 * The level column: empty (in every release, returned as null), an API level
 * ("12") or a release without its API level ("26.1.0").
 */
function parseLevel(text) {
  if (text === '') return null;
  if (/^\d+$/.test(text)) return { apiLevel: Number(text), release: null, text };
  if (/^\d+\.\d+\.\d+$/.test(text)) return { apiLevel: null, release: text.split('.').map(Number), text };
  return undefined;
}

/** Map of function name -> level (see parseLevel) from the levels file. */
function readSymbolLevels(file = defaultLevelsFile) {
  const levels = new Map();
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      const [name, levelText = '', ...rest] = line.replace(/\r$/, '').split('\t');
      const level = parseLevel(levelText.trim());
      if (!/^(napi|node_api)_\w+$/.test(name) || level === undefined || rest.length > 0) {
        throw new Error(`${file}:${index + 1}: expected "<napi function>\\t<API level or empty>", got ${JSON.stringify(line)}`);
      }
      if (levels.has(name)) throw new Error(`${file}:${index + 1}: ${name} is listed twice`);
      levels.set(name, level);
    });
  return levels;
}

/**
 * The oldest SDK the project must run on: the lowest compatibleSdkVersion of the
 * products in build-profile.json5, as { apiLevel, release, text }.
 */
function readCompatibleSdk(file = defaultBuildProfile) {
  const profile = JSON5.parse(fs.readFileSync(file, 'utf8'));
  const products = (profile.app && profile.app.products) || [];
  let oldest = null;
  for (const product of products) {
    const version = parseSdkVersion(product.compatibleSdkVersion);
    if (version === null) {
      throw new Error(`${file}: product ${JSON.stringify(product.name)} has no valid compatibleSdkVersion`);
    }
    if (oldest === null || version.apiLevel < oldest.apiLevel) {
      oldest = { ...version, text: String(product.compatibleSdkVersion) };
    }
  }
  if (oldest === null) throw new Error(`${file}: app.products has no product with a compatibleSdkVersion`);
  return oldest;
}

function compareReleases(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] || 0) - (b[i] || 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Whether a function of the given level exists on every device running the
 * compatible SDK. A level known only as a release compares by release; against
 * an SDK written as a bare API level (OpenHarmony) it cannot be shown to exist.
 */
function availableOn(level, compatible) {
  if (level === null) return true;
  if (level.apiLevel !== null) return level.apiLevel <= compatible.apiLevel;
  return compatible.release !== null && compareReleases(level.release, compatible.release) <= 0;
}

/**
 * Sorts imports into the ones OpenHarmony never exports (missing) and the ones
 * newer than the compatible SDK (tooNew: { name, level }).
 */
function checkImports(imported, levels, compatible) {
  const missing = [];
  const tooNew = [];
  for (const name of imported) {
    if (!levels.has(name)) {
      missing.push(name);
    } else if (!availableOn(levels.get(name), compatible)) {
      tooNew.push({ name, level: levels.get(name).text });
    }
  }
  return { missing, tooNew };
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

/** Returns { imported, missing, tooNew, compatible } for an addon file. */
function checkAddon(addonFile, { levelsFile = defaultLevelsFile, buildProfile = defaultBuildProfile } = {}) {
  const compatible = readCompatibleSdk(buildProfile);
  const imported = importedNodeApiSymbols(addonFile);
  return { imported, compatible, ...checkImports(imported, readSymbolLevels(levelsFile), compatible) };
}

function parseArguments(argv) {
  const options = { addon: defaultAddon, levelsFile: defaultLevelsFile, buildProfile: defaultBuildProfile };
  for (const argument of argv) {
    const match = /^--(levels|build-profile)=(.+)$/.exec(argument);
    if (match) {
      options[match[1] === 'levels' ? 'levelsFile' : 'buildProfile'] = path.resolve(match[2]);
    } else if (argument.startsWith('--')) {
      throw new Error(`unknown argument ${argument} (see the usage at the top of ${__filename})`);
    } else {
      options.addon = path.resolve(argument);
    }
  }
  return options;
}

function main() {
  const { addon, levelsFile, buildProfile } = parseArguments(process.argv.slice(2));
  if (!fs.existsSync(addon)) {
    throw new Error(`${addon} does not exist; build it with node tools/native/build.js`);
  }
  const { imported, missing, tooNew, compatible } = checkAddon(addon, { levelsFile, buildProfile });
  if (imported.length === 0) {
    throw new Error(`${addon} imports no Node-API function; is it really the addon?`);
  }
  const problems = [
    ...missing.map((name) => `${name}: not exported on OpenHarmony`),
    ...tooNew.map(({ name, level }) => `${name}: needs API ${level}, above compatibleSdkVersion ${compatible.text}`),
  ];
  if (problems.length > 0) {
    throw new Error(
      `${problems.length} Node-API function(s) used by ${path.basename(addon)} cannot be used ` +
        `(per ${path.relative(repoRoot, levelsFile)} and ${path.relative(repoRoot, buildProfile)}):\n  ${problems.join('\n  ')}`,
    );
  }
  process.stdout.write(
    `${imported.length} Node-API imports, all exported by OpenHarmony at compatibleSdkVersion ${compatible.text}\n`,
  );
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`check-napi-symbols: ${error.message}\n`);
    process.exitCode = 1;
  }
}

module.exports = {
  availableOn,
  checkAddon,
  checkImports,
  importedNodeApiSymbols,
  parseLevel,
  readCompatibleSdk,
  readSymbolLevels,
  defaultLevelsFile,
};
