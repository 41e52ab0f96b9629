'use strict';

// The resource compiler rejects a resources/ tree whose folder names it cannot parse: each
// folder under resources/ is base, rawfile, resfile or a qualifier string (see
// resource-qualifiers.js); inside those, only element/, media/ and profile/ groups; element
// files are JSON objects keyed by resource kind; PNG media must really be PNG.

const fs = require('fs');
const path = require('path');
const { ELEMENT_TYPES, RAW_RESOURCE_DIRS, RESOURCE_GROUP_DIRS } = require('../ohos-rules');
const { parseQualifierDir } = require('../resource-qualifiers');
const { joinRel } = require('../project-model');

const ID = 'resource-folders';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function resourceRoots(model) {
  const roots = ['AppScope/resources'];
  for (const mod of model.modules) {
    if (mod.dir !== null) {
      roots.push(joinRel(mod.dir, 'src/main/resources'), joinRel(mod.dir, 'src/ohosTest/resources'));
    }
  }
  return roots.filter((root) => model.isDir(root));
}

const isHidden = (name) => name.startsWith('.');

function checkElementFile(model, rel, report) {
  if (!rel.endsWith('.json')) {
    report(rel, 'element/ may only hold .json files');
    return;
  }
  const value = model.json(rel);
  if (value === undefined) {
    return; // json-syntax reports it.
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    report(rel, 'must be a JSON object such as {"string": [{"name": ..., "value": ...}]}');
    return;
  }
  for (const [kind, items] of Object.entries(value)) {
    if (!ELEMENT_TYPES.includes(kind)) {
      report(rel, `"${kind}" is not an element resource kind (allowed: ${ELEMENT_TYPES.join(', ')})`);
    } else if (!Array.isArray(items) || items.some((item) => !item || typeof item.name !== 'string')) {
      report(rel, `"${kind}" must be an array of objects that each have a "name"`);
    }
  }
}

function checkMediaFile(model, rel, report) {
  if (!rel.toLowerCase().endsWith('.png')) {
    return;
  }
  const bytes = fs.readFileSync(path.join(model.root, rel));
  if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    report(rel, 'has a .png name but is not a PNG image');
  }
}

function checkResourceFolders(model) {
  const problems = [];
  const report = (file, message) => problems.push({ check: ID, file, message });
  for (const root of resourceRoots(model)) {
    for (const child of model.children(root)) {
      const rel = `${root}/${child.name}`;
      if (isHidden(child.name)) {
        continue;
      }
      if (!child.isDir) {
        report(rel, 'files cannot sit directly in resources/; put them under base/<group>/ or rawfile/');
        continue;
      }
      if (RAW_RESOURCE_DIRS.includes(child.name)) {
        continue;
      }
      const parsed = parseQualifierDir(child.name);
      if (!parsed.ok) {
        report(rel, `"${child.name}" is not a valid resource qualifier folder: ${parsed.reason}`);
        continue;
      }
      for (const group of model.children(rel)) {
        const groupRel = `${rel}/${group.name}`;
        if (isHidden(group.name)) {
          continue;
        }
        if (!group.isDir || !RESOURCE_GROUP_DIRS.includes(group.name)) {
          report(groupRel, `only ${RESOURCE_GROUP_DIRS.join('/, ')}/ may sit inside ${child.name}/`);
          continue;
        }
        for (const file of model.filesUnder(groupRel)) {
          if (isHidden(path.posix.basename(file))) {
            continue;
          }
          if (group.name === 'element') {
            checkElementFile(model, file, report);
          } else if (group.name === 'media') {
            checkMediaFile(model, file, report);
          }
        }
      }
    }
  }
  return problems;
}

module.exports = { id: ID, run: checkResourceFolders };
