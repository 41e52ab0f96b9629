'use strict';
// The bench's progress log: one line on stdout per step, stamped with the seconds since the start.

const startedAt = Date.now();

function log(line) {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[bench ${seconds}s] ${line}\n`);
}

module.exports = { log };
