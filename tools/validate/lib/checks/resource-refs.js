'use strict';

// Every "$type:name" reference in a json5/resource file and every $r('app.type.name') or
// $rawfile('name') in an .ets file must resolve in resources/base of the module that holds
// the file (or of the HARs it depends on, or AppScope for HAP modules): the resource compiler
// falls back to base/ whenever no qualifier folder matches the device.

const { ELEMENT_TYPES } = require('../ohos-rules');
const { indexResources, resourceScopeFor } = require('../resource-index');

const ID = 'resource-refs';
const REFERENCE_TYPES = [...ELEMENT_TYPES, 'media', 'profile'];

function* stringsIn(value) {
  if (typeof value === 'string') {
    yield value;
  } else if (Array.isArray(value)) {
    for (const item of value) {
      yield* stringsIn(item);
    }
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) {
      yield* stringsIn(item);
    }
  }
}

function referencesInJson(value) {
  const refs = [];
  for (const text of stringsIn(value)) {
    const m = /^\$([A-Za-z]+):([A-Za-z0-9_.]+)$/.exec(text);
    if (m) {
      refs.push({ text, type: m[1], name: m[2] });
    }
  }
  return refs;
}

function referencesInEts(text) {
  const refs = [];
  const resourcePattern = /\$r\(\s*(['"])app\.([A-Za-z]+)\.([A-Za-z0-9_]+)\1\s*\)/g;
  let m;
  while ((m = resourcePattern.exec(text)) !== null) {
    refs.push({ text: m[0], type: m[2], name: m[3] });
  }
  const rawfilePattern = /\$rawfile\(\s*(['"])([^'"]+)\1\s*\)/g;
  while ((m = rawfilePattern.exec(text)) !== null) {
    refs.push({ text: m[0], type: 'rawfile', name: m[2] });
  }
  return refs;
}

function checkResourceRefs(model) {
  const problems = [];
  const indexes = new Map();
  const indexFor = (root) => {
    if (!indexes.has(root)) {
      indexes.set(root, indexResources(model, root));
    }
    return indexes.get(root);
  };
  for (const rel of model.files) {
    let refs;
    if (model.parsed.has(rel)) {
      refs = referencesInJson(model.json(rel));
    } else if (rel.endsWith('.ets')) {
      refs = referencesInEts(model.readText(rel));
    } else {
      continue;
    }
    if (refs.length === 0) {
      continue;
    }
    const scope = resourceScopeFor(model, rel);
    if (scope === null) {
      continue; // Not part of a declared module: nothing would compile it.
    }
    for (const ref of refs) {
      if (ref.type !== 'rawfile' && !REFERENCE_TYPES.includes(ref.type)) {
        problems.push({ check: ID, file: rel, message: `${ref.text}: "${ref.type}" is not a resource type` });
        continue;
      }
      const found = scope.roots.some((root) => (ref.type === 'rawfile'
        ? indexFor(root).hasRawfile(ref.name) : indexFor(root).has(ref.type, ref.name)));
      if (!found) {
        const where = ref.type === 'rawfile' ? 'rawfile/' : `base/ (${scope.roots.join(', ')})`;
        problems.push({
          check: ID,
          file: rel,
          message: `${ref.text} does not resolve: no ${ref.type} named "${ref.name}" in ${where} for ${scope.label}`,
        });
      }
    }
  }
  return problems;
}

module.exports = { id: ID, run: checkResourceRefs };
