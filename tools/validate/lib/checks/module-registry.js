'use strict';

// The root build-profile.json5 lists each module by name and folder; hvigor requires that the
// folder exists, holds the module's project files, and that its module.json5 carries the same name.

const ID = 'module-registry';

function checkModuleRegistry(model) {
  const problems = [];
  const report = (file, message) => problems.push({ check: ID, file, message });
  const profile = model.rootBuildProfile;
  if (!model.isFile('build-profile.json5')) {
    report('build-profile.json5', 'is missing: the project root must have a build-profile.json5');
    return problems;
  }
  if (profile === undefined) {
    return problems; // json-syntax reports why it did not parse.
  }
  if (!Array.isArray(profile.modules) || profile.modules.length === 0) {
    report('build-profile.json5', '"modules" must be a non-empty array of { name, srcPath }');
    return problems;
  }
  const products = profile.app && Array.isArray(profile.app.products)
    ? profile.app.products.map((p) => p && p.name) : [];
  const seen = new Set();
  model.modules.forEach((mod, index) => {
    const label = `modules[${index}]`;
    if (mod.name === null) {
      report('build-profile.json5', `${label} has no "name"`);
    } else if (seen.has(mod.name)) {
      report('build-profile.json5', `${label}: module name "${mod.name}" is declared twice`);
    } else {
      seen.add(mod.name);
    }
    if (mod.srcPath === null) {
      report('build-profile.json5', `${label} has no "srcPath"`);
      return;
    }
    if (mod.dir === null) {
      report('build-profile.json5', `${label}: srcPath "${mod.srcPath}" points outside the project`);
      return;
    }
    if (!model.isDir(mod.dir)) {
      report('build-profile.json5', `${label}: srcPath "${mod.srcPath}" does not exist`);
      return;
    }
    for (const required of [mod.moduleJsonPath, mod.ohPackagePath, mod.buildProfilePath, mod.hvigorfilePath]) {
      if (!model.isFile(required)) {
        report(required, `is missing: module "${mod.name}" (srcPath "${mod.srcPath}") needs it`);
      }
    }
    const moduleJson = model.json(mod.moduleJsonPath);
    if (moduleJson !== undefined) {
      const declaredName = moduleJson.module ? moduleJson.module.name : undefined;
      if (declaredName !== mod.name) {
        report(mod.moduleJsonPath, `module.name is "${declaredName}" but build-profile.json5 declares ` +
          `this module (srcPath "${mod.srcPath}") as "${mod.name}": the two names must be equal`);
      }
    }
    const targets = mod.declaration && Array.isArray(mod.declaration.targets) ? mod.declaration.targets : [];
    for (const target of targets) {
      for (const product of (target && Array.isArray(target.applyToProducts)) ? target.applyToProducts : []) {
        if (!products.includes(product)) {
          report('build-profile.json5', `module "${mod.name}" target "${target.name}" applies to product ` +
            `"${product}", which app.products does not define`);
        }
      }
    }
  });
  return problems;
}

module.exports = { id: ID, run: checkModuleRegistry };
