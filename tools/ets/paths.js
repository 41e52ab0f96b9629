'use strict';
// Locations shared by the host tools: the repository root and how a path typed by the user is found.

const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * Resolves a path given on the command line. `npm run` moves the working directory to the
 * repository root, so a relative path that does not exist there is tried against INIT_CWD,
 * the directory npm was started from.
 */
function resolveUserPath(userPath) {
  if (path.isAbsolute(userPath)) {
    return userPath;
  }
  const fromCwd = path.resolve(process.cwd(), userPath);
  if (fs.existsSync(fromCwd) || !process.env.INIT_CWD) {
    return fromCwd;
  }
  const fromInitCwd = path.resolve(process.env.INIT_CWD, userPath);
  return fs.existsSync(fromInitCwd) ? fromInitCwd : fromCwd;
}

/** Prints a path relative to the working directory when it lies inside it, for short diagnostics. */
function displayPath(absolutePath) {
  const relative = path.relative(process.cwd(), absolutePath);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolutePath;
}

module.exports = { repoRoot, resolveUserPath, displayPath };
