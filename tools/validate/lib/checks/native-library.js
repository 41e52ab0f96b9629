'use strict';

// The Node-API library is named in five places that must agree, or the import fails at run
// time with no build error: the CMake target (lib<target>.so), the nm_modname the C++ code
// registers (<target>), the types package name and the HAR's dependency key ("lib<target>.so"),
// and the specifier ArkTS imports ('lib<target>.so'). Any module importing a lib*.so must also
// declare it as a dependency.

const { NATIVE_LIBRARY } = require('../ohos-rules');
const { joinRel } = require('../project-model');
const { cmakeSharedLibraries, napiModuleNames, etsNativeImports } = require('../native-names');

const ID = 'native-library';
const CPP_SOURCE = /\.(c|cc|cpp|cxx|h|hh|hpp)$/;

function etsFilesOf(model, mod) {
  return model.filesUnder(mod.dir).filter((f) => f.endsWith('.ets'));
}

function checkImportsAreDependencies(model, report) {
  for (const mod of model.modules) {
    if (mod.dir === null) {
      continue;
    }
    const pkg = model.json(mod.ohPackagePath) || {};
    const deps = pkg.dependencies && typeof pkg.dependencies === 'object' ? pkg.dependencies : {};
    for (const rel of etsFilesOf(model, mod)) {
      for (const specifier of etsNativeImports(model.readText(rel))) {
        if (!Object.prototype.hasOwnProperty.call(deps, specifier)) {
          report(rel, `imports '${specifier}', which ${mod.ohPackagePath} does not declare in dependencies`);
        }
      }
    }
  }
}

function checkNativeLibrary(model) {
  const problems = [];
  const report = (file, message) => problems.push({ check: ID, file, message });
  checkImportsAreDependencies(model, report);

  const lib = NATIVE_LIBRARY;
  const modName = lib.fileName.replace(/^lib/, '').replace(/\.so$/, '');
  const mod = model.modules.find((m) => m.name === lib.module && m.dir !== null);
  if (!mod) {
    report('build-profile.json5', `module "${lib.module}", which ships ${lib.fileName}, is not declared`);
    return problems;
  }

  // 1. The HAR's dependency key, pointing at the types package.
  const pkg = model.json(mod.ohPackagePath);
  const typesDir = joinRel(mod.dir, lib.typesDir);
  const spec = pkg && pkg.dependencies ? pkg.dependencies[lib.fileName] : undefined;
  if (pkg && spec === undefined) {
    report(mod.ohPackagePath, `dependencies must have "${lib.fileName}": "file:./${lib.typesDir}"`);
  } else if (pkg && (typeof spec !== 'string' || !spec.startsWith('file:') ||
      joinRel(mod.dir, spec.slice('file:'.length)) !== typesDir)) {
    report(mod.ohPackagePath, `dependencies["${lib.fileName}"] is ${JSON.stringify(spec)}; ` +
      `it must be "file:./${lib.typesDir}"`);
  }

  // 2. The types package name.
  const typesPackagePath = joinRel(typesDir, 'oh-package.json5');
  const typesPackage = model.json(typesPackagePath);
  if (!model.isFile(typesPackagePath)) {
    report(typesPackagePath, `is missing: it declares the types of ${lib.fileName}`);
  } else if (typesPackage && typesPackage.name !== lib.fileName) {
    report(typesPackagePath, `name is ${JSON.stringify(typesPackage.name)}; it must be "${lib.fileName}"`);
  }

  // 3. The CMake target.
  const cmakePath = joinRel(mod.dir, lib.cmakeLists);
  const cmakeText = model.readText(cmakePath);
  if (cmakeText === undefined) {
    report(cmakePath, `is missing: it must build ${lib.fileName} (add_library(${modName} SHARED ...))`);
  } else {
    const built = cmakeSharedLibraries(cmakeText);
    if (!built.some((b) => b.fileName === lib.fileName)) {
      const found = built.length > 0 ? built.map((b) => `${b.fileName} (target ${b.target})`).join(', ') : 'none';
      report(cmakePath, `builds no ${lib.fileName}: add_library(${modName} SHARED ...) is needed; ` +
        `shared libraries found: ${found}`);
    }
  }

  // 4. The Node-API registration.
  const napiDir = joinRel(mod.dir, lib.napiDir);
  const sources = model.filesUnder(napiDir).filter((f) => CPP_SOURCE.test(f));
  if (sources.length === 0) {
    report(napiDir, `has no C/C++ sources: the Node-API module registering nm_modname "${modName}" belongs here`);
  } else {
    let registered = 0;
    for (const rel of sources) {
      for (const name of napiModuleNames(model.readText(rel))) {
        registered++;
        if (name !== modName) {
          report(rel, `registers nm_modname "${name}"; ${lib.fileName} must register "${modName}"`);
        }
      }
    }
    if (registered === 0) {
      report(napiDir, `no source registers a Node-API module (nm_modname "${modName}" or NAPI_MODULE(${modName}, ...))`);
    }
  }

  // 5. The ArkTS import.
  const importers = etsFilesOf(model, mod).filter((rel) =>
    etsNativeImports(model.readText(rel)).includes(lib.fileName));
  if (importers.length === 0) {
    report(mod.dir, `no .ets file in module "${mod.name}" imports '${lib.fileName}'`);
  }
  return problems;
}

module.exports = { id: ID, run: checkNativeLibrary };
