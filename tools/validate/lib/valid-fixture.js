'use strict';

// What the validator's test suites (test/) share: a private copy of the valid fixture project to
// break on purpose, and a run of the validator command over a folder.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const VALIDATOR = path.join(__dirname, '..', 'ohos-project.js');
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'valid');

/** Copies the valid fixture into a temporary folder that is removed after test `t`. */
function copyFixture(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ohos-project-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs the validator over `dir`: its exit status and everything it printed. */
function runValidator(dir) {
  const result = spawnSync(process.execPath, [VALIDATOR, dir], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

module.exports = { FIXTURE, copyFixture, runValidator };
