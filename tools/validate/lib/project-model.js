'use strict';

// Loads a DevEco project tree into one read-only model that every check works from:
// the file list, every parsed *.json5 / resource *.json, and the modules declared in the root
// build-profile.json5. Parse failures are recorded, not thrown, so one broken file does not
// hide the problems in the rest of the tree.

const fs = require('fs');
const path = require('path');
const JSON5 = require('json5');
const { IGNORED_DIRS } = require('./ohos-rules');

function walk(root) {
  const files = [];
  const dirs = new Set(['']);
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop();
    const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    for (const entry of entries) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.includes(entry.name)) {
          dirs.add(childRel);
          pending.push(childRel);
        }
      } else if (entry.isFile()) {
        files.push(childRel);
      }
    }
  }
  files.sort();
  return { files, dirs };
}

// rawfile/ and resfile/ hold the app's own files verbatim, so their .json need not be resources.
function isResourceJson(rel) {
  return rel.endsWith('.json') && /(^|\/)resources\//.test(rel) && !/(^|\/)resources\/(rawfile|resfile)\//.test(rel);
}

// Turns the "at position N" of JSON.parse errors into a line and column.
function lineColumnAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function parseText(rel, text) {
  try {
    const value = rel.endsWith('.json5') ? JSON5.parse(text) : JSON.parse(text);
    return { value, error: null };
  } catch (err) {
    let line = err.lineNumber;
    let column = err.columnNumber;
    const position = /position (\d+)/.exec(err.message);
    if (line === undefined && position) {
      ({ line, column } = lineColumnAt(text, Number(position[1])));
    }
    return { value: undefined, error: { message: err.message, line, column } };
  }
}

// Joins a module-relative path onto a project-relative directory, in posix form.
function joinRel(dir, p) {
  const joined = path.posix.normalize(path.posix.join(dir, p.replace(/\\/g, '/')));
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

function loadProject(rootDir) {
  const root = path.resolve(rootDir);
  const { files, dirs } = walk(root);
  const fileSet = new Set(files);
  const texts = new Map();
  const parsed = new Map();

  const model = {
    root,
    files,
    parsed,
    exists: (rel) => fileSet.has(rel) || dirs.has(rel) || fs.existsSync(path.join(root, rel)),
    isFile: (rel) => fileSet.has(rel),
    isDir: (rel) => dirs.has(rel),
    readText(rel) {
      if (!texts.has(rel)) {
        texts.set(rel, fileSet.has(rel) ? fs.readFileSync(path.join(root, rel), 'utf8') : undefined);
      }
      return texts.get(rel);
    },
    json: (rel) => (parsed.has(rel) ? parsed.get(rel).value : undefined),
    filesUnder: (dirRel) => files.filter((f) => dirRel === '' || f.startsWith(`${dirRel}/`)),
    // Direct children of a scanned folder, as { name, isDir }.
    children(dirRel) {
      const prefix = dirRel === '' ? '' : `${dirRel}/`;
      const names = new Map();
      for (const f of files) {
        if (f.startsWith(prefix)) {
          const rest = f.slice(prefix.length);
          const slash = rest.indexOf('/');
          names.set(slash === -1 ? rest : rest.slice(0, slash), slash !== -1);
        }
      }
      for (const d of dirs) {
        if (d.startsWith(prefix) && d.length > prefix.length && !d.slice(prefix.length).includes('/')) {
          names.set(d.slice(prefix.length), true);
        }
      }
      return [...names.entries()].map(([name, isDir]) => ({ name, isDir })).sort((a, b) =>
        a.name.localeCompare(b.name));
    },
    rootBuildProfile: undefined,
    modules: [],
  };

  for (const rel of files) {
    if (rel.endsWith('.json5') || isResourceJson(rel)) {
      parsed.set(rel, parseText(rel, model.readText(rel)));
    }
  }

  model.rootBuildProfile = model.json('build-profile.json5');
  const declared = model.rootBuildProfile && Array.isArray(model.rootBuildProfile.modules)
    ? model.rootBuildProfile.modules
    : [];
  for (const entry of declared) {
    const srcPath = entry && typeof entry.srcPath === 'string' ? entry.srcPath : null;
    const dir = srcPath === null ? null : joinRel('', srcPath);
    const outside = dir !== null && (dir === '..' || dir.startsWith('../'));
    model.modules.push({
      name: entry && typeof entry.name === 'string' ? entry.name : null,
      srcPath,
      dir: outside ? null : dir,
      declaration: entry,
      moduleJsonPath: dir === null ? null : joinRel(dir, 'src/main/module.json5'),
      testModuleJsonPath: dir === null ? null : joinRel(dir, 'src/ohosTest/module.json5'),
      ohPackagePath: dir === null ? null : joinRel(dir, 'oh-package.json5'),
      buildProfilePath: dir === null ? null : joinRel(dir, 'build-profile.json5'),
      hvigorfilePath: dir === null ? null : joinRel(dir, 'hvigorfile.ts'),
    });
  }
  return model;
}

module.exports = { loadProject, joinRel };
