#!/usr/bin/env node
'use strict';

// Validates the DevEco project (AppScope, root and module build files, module.json5, resources,
// the names of the native library, and the syntax of every module's .ets files, pages included)
// without DevEco or hvigor, so that a broken project file is caught before a HarmonyOS developer
// opens the project.
//
//   node tools/validate/ohos-project.js [rootDir]
//
// rootDir defaults to the repository root. Prints every problem found and exits 1 if there
// were any, 0 otherwise.

const fs = require('fs');
const path = require('path');
const { loadProject } = require('./lib/project-model');
const checks = require('./lib/checks');

function validateProject(rootDir) {
  const model = loadProject(rootDir);
  const problems = [];
  for (const check of checks) {
    problems.push(...check.run(model));
  }
  return { model, problems };
}

function formatProblem(problem) {
  return `${problem.file || '.'}: [${problem.check}] ${problem.message}`;
}

function main(argv) {
  const rootDir = path.resolve(argv[0] || path.join(__dirname, '..', '..'));
  if (!fs.existsSync(rootDir) || !fs.statSync(rootDir).isDirectory()) {
    console.log(`ohos-project: ${rootDir} is not a folder`);
    return 1;
  }
  const { model, problems } = validateProject(rootDir);
  for (const problem of problems) {
    console.log(formatProblem(problem));
  }
  const summary = `${model.modules.length} modules, ${model.parsed.size} config files, ${checks.length} checks`;
  if (problems.length > 0) {
    console.log(`ohos-project: ${problems.length} problem(s) in ${rootDir} (${summary})`);
    return 1;
  }
  console.log(`ohos-project: OK ${rootDir} (${summary})`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

module.exports = { validateProject, formatProblem };
