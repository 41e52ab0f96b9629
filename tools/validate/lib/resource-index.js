'use strict';

// Indexes what a resources/ folder defines under base/ (the fallback every reference must
// resolve in), and works out which resources/ folders a given file's references may use.

const path = require('path');
const { joinRel } = require('./project-model');

function stem(fileName) {
  const ext = path.posix.extname(fileName);
  return ext ? fileName.slice(0, -ext.length) : fileName;
}

function indexResources(model, resRoot) {
  const defined = new Map();
  const add = (type, name) => {
    if (!defined.has(type)) {
      defined.set(type, new Set());
    }
    defined.get(type).add(name);
  };
  const base = `${resRoot}/base`;
  for (const rel of model.filesUnder(`${base}/element`)) {
    const value = model.json(rel);
    if (value && typeof value === 'object') {
      for (const [type, items] of Object.entries(value)) {
        for (const item of Array.isArray(items) ? items : []) {
          if (item && typeof item.name === 'string') {
            add(type, item.name);
          }
        }
      }
    }
  }
  for (const group of ['media', 'profile']) {
    for (const rel of model.filesUnder(`${base}/${group}`)) {
      add(group, stem(path.posix.basename(rel)));
    }
  }
  const rawfiles = new Set(model.filesUnder(`${resRoot}/rawfile`).map((f) =>
    f.slice(resRoot.length + '/rawfile/'.length)));
  return {
    root: resRoot,
    has: (type, name) => defined.has(type) && defined.get(type).has(name),
    hasRawfile: (name) => rawfiles.has(name),
  };
}

// The module whose folder holds rel (the deepest one when modules nest).
function moduleOf(model, rel) {
  let best = null;
  for (const mod of model.modules) {
    if (mod.dir !== null && (mod.dir === '' || rel === mod.dir || rel.startsWith(`${mod.dir}/`))) {
      if (best === null || mod.dir.length > best.dir.length) {
        best = mod;
      }
    }
  }
  return best;
}

function moduleType(model, mod) {
  const moduleJson = mod.moduleJsonPath ? model.json(mod.moduleJsonPath) : undefined;
  return moduleJson && moduleJson.module ? moduleJson.module.type : undefined;
}

// Modules reached through "file:" dependencies of mod's oh-package.json5, transitively.
function localDependencies(model, mod) {
  const found = [];
  const seen = new Set([mod.dir]);
  const pending = [mod];
  while (pending.length > 0) {
    const current = pending.pop();
    const pkg = current.ohPackagePath ? model.json(current.ohPackagePath) : undefined;
    const deps = pkg && pkg.dependencies && typeof pkg.dependencies === 'object' ? pkg.dependencies : {};
    for (const spec of Object.values(deps)) {
      if (typeof spec === 'string' && spec.startsWith('file:')) {
        const target = joinRel(current.dir, spec.slice('file:'.length));
        const dep = model.modules.find((m) => m.dir === target);
        if (dep && !seen.has(dep.dir)) {
          seen.add(dep.dir);
          found.push(dep);
          pending.push(dep);
        }
      }
    }
  }
  return found;
}

// The resources/ folders, in lookup order, that references written in file rel may resolve in.
// A HAR cannot see AppScope; a test module also sees its main module's resources.
function resourceScopeFor(model, rel) {
  if (rel === 'AppScope' || rel.startsWith('AppScope/')) {
    return { label: 'AppScope', roots: ['AppScope/resources'] };
  }
  const mod = moduleOf(model, rel);
  if (mod === null) {
    return null;
  }
  const roots = [];
  if (rel.startsWith(`${mod.dir}/src/ohosTest/`)) {
    roots.push(joinRel(mod.dir, 'src/ohosTest/resources'));
  }
  roots.push(joinRel(mod.dir, 'src/main/resources'));
  for (const dep of localDependencies(model, mod)) {
    roots.push(joinRel(dep.dir, 'src/main/resources'));
  }
  if (moduleType(model, mod) !== 'har') {
    roots.push('AppScope/resources');
  }
  return { label: `module ${mod.name}`, roots };
}

module.exports = { indexResources, moduleOf, moduleType, localDependencies, resourceScopeFor };
