'use strict';

// The native part of each build-profile.json5: the CMakeLists.txt that externalNativeOptions
// names must exist, abiFilters may only name ABIs the NDK builds, and headerPath (headers
// exported to dependent modules) and obfuscation rule files must exist.

const { ABIS } = require('../ohos-rules');
const { joinRel } = require('../project-model');

const ID = 'native-build';

// Yields [keyPath, value] for every object property named key, at any depth.
function* findKey(value, key, keyPath = '') {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      yield* findKey(value[i], key, `${keyPath}[${i}]`);
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const childPath = keyPath ? `${keyPath}.${k}` : k;
      if (k === key) {
        yield [childPath, v];
      }
      yield* findKey(v, key, childPath);
    }
  }
}

function asList(value) {
  return Array.isArray(value) ? value : [value];
}

function checkProfile(model, rel, dir, report) {
  const profile = model.json(rel);
  if (!profile) {
    return;
  }
  for (const [keyPath, options] of findKey(profile, 'externalNativeOptions')) {
    if (!options || typeof options !== 'object') {
      continue;
    }
    if (options.path !== undefined) {
      const target = joinRel(dir, String(options.path));
      if (!model.isFile(target)) {
        report(rel, `${keyPath}.path "${options.path}" names ${target}, which does not exist`);
      }
    }
    if (options.abiFilters !== undefined) {
      if (!Array.isArray(options.abiFilters) || options.abiFilters.length === 0) {
        report(rel, `${keyPath}.abiFilters must be a non-empty array (allowed: ${ABIS.join(', ')})`);
      } else {
        for (const abi of options.abiFilters) {
          if (!ABIS.includes(abi)) {
            report(rel, `${keyPath}.abiFilters has "${abi}", which is not an ABI (allowed: ${ABIS.join(', ')})`);
          }
        }
      }
    }
  }
  for (const [keyPath, headerPath] of findKey(profile, 'headerPath')) {
    for (const entry of asList(headerPath)) {
      const target = joinRel(dir, String(entry));
      if (!model.isDir(target)) {
        report(rel, `${keyPath} "${entry}" names ${target}, which is not a folder`);
      }
    }
  }
  for (const key of ['files', 'consumerFiles']) {
    for (const [keyPath, files] of findKey(profile, key)) {
      if (!keyPath.includes('obfuscation')) {
        continue;
      }
      for (const entry of asList(files)) {
        const target = joinRel(dir, String(entry));
        if (!model.isFile(target)) {
          report(rel, `${keyPath} names ${target}, which does not exist`);
        }
      }
    }
  }
}

function checkNativeBuild(model) {
  const problems = [];
  const report = (file, message) => problems.push({ check: ID, file, message });
  checkProfile(model, 'build-profile.json5', '', report);
  for (const mod of model.modules) {
    if (mod.buildProfilePath) {
      checkProfile(model, mod.buildProfilePath, mod.dir, report);
    }
  }
  return problems;
}

module.exports = { id: ID, run: checkNativeBuild };
