'use strict';
// The Debian tools the bench measures with (wrk, valgrind): found, or installed when missing.

const { spawnSync } = require('node:child_process');
const { findExecutable } = require('./servers');
const { log } = require('./log');

/** wrk and valgrind come from Debian; installed when missing (and left out, with a note, when that fails). */
function ensureTool(binary, debianPackage, notes) {
  let found = findExecutable(binary);
  if (found) return found;
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const command = asRoot ? 'apt-get' : 'sudo';
  const args = [...(asRoot ? [] : ['-n', 'apt-get']), 'install', '-y', '--no-install-recommends', debianPackage];
  log(`${binary} is missing: ${command} ${args.join(' ')}`);
  spawnSync(command, args, { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  found = findExecutable(binary);
  if (!found) notes.push(`${binary} (Debian ${debianPackage}) is not available: left out.`);
  return found;
}

module.exports = { ensureTool };
