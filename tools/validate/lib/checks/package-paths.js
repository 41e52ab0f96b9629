'use strict';

// ohpm resolves "file:" dependencies, "main" and "types" relative to each oh-package.json5;
// a wrong path only shows up as an install or import failure on the developer's machine.
// The key of a local dependency must equal the "name" of the package it points at, because
// that key is the specifier code imports.

const path = require('path');
const { joinRel } = require('../project-model');
const { moduleType } = require('../resource-index');

const ID = 'package-paths';

function packageFiles(model) {
  const files = model.isFile('oh-package.json5') ? ['oh-package.json5'] : [];
  for (const mod of model.modules) {
    if (mod.dir !== null && mod.dir !== '') {
      files.push(...model.filesUnder(mod.dir).filter((f) => path.posix.basename(f) === 'oh-package.json5'));
    }
  }
  return [...new Set(files)];
}

function checkPackagePaths(model) {
  const problems = [];
  const report = (file, message) => problems.push({ check: ID, file, message });
  for (const rel of packageFiles(model)) {
    const pkg = model.json(rel);
    if (!pkg || typeof pkg !== 'object') {
      continue;
    }
    const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
    for (const field of ['dependencies', 'devDependencies', 'dynamicDependencies']) {
      const deps = pkg[field] && typeof pkg[field] === 'object' ? pkg[field] : {};
      for (const [key, spec] of Object.entries(deps)) {
        if (typeof spec !== 'string' || !spec.startsWith('file:')) {
          continue;
        }
        const target = joinRel(dir, spec.slice('file:'.length));
        if (!model.exists(target)) {
          report(rel, `${field}["${key}"] = "${spec}" points at ${target}, which does not exist`);
          continue;
        }
        const targetPkg = model.json(joinRel(target, 'oh-package.json5'));
        if (model.isDir(target) && !model.isFile(joinRel(target, 'oh-package.json5'))) {
          report(rel, `${field}["${key}"] = "${spec}": ${target} has no oh-package.json5`);
        } else if (targetPkg && targetPkg.name !== key) {
          report(rel, `${field}["${key}"] points at package "${targetPkg.name}" (${target}); ` +
            'the dependency key must equal that package name');
        }
      }
    }
    for (const field of ['main', 'types']) {
      if (typeof pkg[field] === 'string' && pkg[field] !== '') {
        const target = joinRel(dir, pkg[field]);
        if (!model.isFile(target)) {
          report(rel, `"${field}": "${pkg[field]}" names ${target}, which does not exist (names are case-sensitive)`);
        }
      }
    }
  }
  for (const mod of model.modules) {
    const pkg = mod.ohPackagePath ? model.json(mod.ohPackagePath) : undefined;
    if (pkg && moduleType(model, mod) === 'har' && (typeof pkg.main !== 'string' || pkg.main === '')) {
      report(mod.ohPackagePath, `HAR "${mod.name}" must name its ArkTS entry file in "main" (e.g. "Index.ets")`);
    }
  }
  return problems;
}

module.exports = { id: ID, run: checkPackagePaths };
