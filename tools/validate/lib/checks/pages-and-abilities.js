'use strict';

// What module.json5 points into the code must exist: every page in the pages profile is an
// .ets file under src/main/ets, every ability's srcEntry exists, mainElement names a declared
// ability, and permission usedScene entries name declared abilities. Pages loaded with
// windowStage.loadContent() must be in the pages profile, or the window stays blank.

const path = require('path');
const { joinRel } = require('../project-model');

const ID = 'pages-and-abilities';

function profileFile(model, mod, reference) {
  const m = /^\$profile:(.+)$/.exec(reference);
  if (!m) {
    return null;
  }
  const dir = joinRel(mod.dir, 'src/main/resources/base/profile');
  return model.filesUnder(dir).find((f) => path.posix.basename(f).replace(/\.[^.]*$/, '') === m[1]) || null;
}

function checkPages(model, mod, config, report) {
  if (config.pages === undefined) {
    return [];
  }
  const file = profileFile(model, mod, String(config.pages));
  if (file === null) {
    report(mod.moduleJsonPath, `pages "${config.pages}" must be a "$profile:<name>" naming a file in ` +
      'src/main/resources/base/profile');
    return [];
  }
  const profile = model.json(file);
  if (!profile) {
    return [];
  }
  if (!Array.isArray(profile.src) || profile.src.length === 0) {
    report(file, '"src" must list at least one page (the first is the home page)');
    return [];
  }
  for (const page of profile.src) {
    const target = joinRel(mod.dir, `src/main/ets/${page}.ets`);
    if (!model.isFile(target)) {
      report(file, `page "${page}" has no source file ${target}`);
    }
  }
  return profile.src;
}

function checkAbilities(model, mod, config, report) {
  const abilities = Array.isArray(config.abilities) ? config.abilities : [];
  const extensions = Array.isArray(config.extensionAbilities) ? config.extensionAbilities : [];
  const names = [];
  for (const [list, label] of [[abilities, 'abilities'], [extensions, 'extensionAbilities']]) {
    list.forEach((ability, index) => {
      const name = ability && ability.name;
      names.push(name);
      if (typeof ability.srcEntry !== 'string') {
        report(mod.moduleJsonPath, `${label}[${index}] ("${name}") has no srcEntry`);
        return;
      }
      const target = joinRel(mod.dir, `src/main/${ability.srcEntry}`);
      if (!model.isFile(target)) {
        report(mod.moduleJsonPath, `${label}[${index}] ("${name}") srcEntry "${ability.srcEntry}" ` +
          `names ${target}, which does not exist`);
      }
    });
  }
  if (config.mainElement !== undefined && !names.includes(config.mainElement)) {
    report(mod.moduleJsonPath, `mainElement "${config.mainElement}" is not a declared ability`);
  }
  const permissions = Array.isArray(config.requestPermissions) ? config.requestPermissions : [];
  for (const permission of permissions) {
    const scene = permission && permission.usedScene;
    if (!scene) {
      continue;
    }
    for (const ability of Array.isArray(scene.abilities) ? scene.abilities : []) {
      if (!names.includes(ability)) {
        report(mod.moduleJsonPath, `requestPermissions "${permission.name}" usedScene names ability ` +
          `"${ability}", which is not declared`);
      }
    }
    if (scene.when !== undefined && !['inuse', 'always'].includes(scene.when)) {
      report(mod.moduleJsonPath, `requestPermissions "${permission.name}" usedScene.when must be "inuse" or "always"`);
    }
  }
}

function checkLoadedPages(model, mod, pages, report) {
  for (const rel of model.filesUnder(joinRel(mod.dir, 'src/main/ets')).filter((f) => f.endsWith('.ets'))) {
    const text = model.readText(rel);
    const pattern = /\.loadContent\(\s*(['"])([^'"]+)\1/g;
    let m;
    while ((m = pattern.exec(text)) !== null) {
      if (!pages.includes(m[2])) {
        report(rel, `loadContent('${m[2]}') loads a page that the pages profile does not list`);
      }
    }
  }
}

function checkPagesAndAbilities(model) {
  const problems = [];
  const report = (file, message) => problems.push({ check: ID, file, message });
  for (const mod of model.modules) {
    const moduleJson = mod.moduleJsonPath ? model.json(mod.moduleJsonPath) : undefined;
    if (!moduleJson || !moduleJson.module) {
      continue;
    }
    const pages = checkPages(model, mod, moduleJson.module, report);
    checkAbilities(model, mod, moduleJson.module, report);
    if (pages.length > 0) {
      checkLoadedPages(model, mod, pages, report);
    }
  }
  return problems;
}

module.exports = { id: ID, run: checkPagesAndAbilities };
