'use strict';
// Runs a measured process (a Node script under --expose-gc that prints one JSON line last) and
// resolves with that line parsed; shared by the soak and the dropped-sessions test.

const { spawn } = require('node:child_process');

/**
 * Runs `node --expose-gc script ...args` and resolves with its last stdout line parsed as JSON.
 * Rejects when the process fails, prints no result or outlives `deadlineMs` (it is then killed).
 * `captureStderr` keeps the child's stderr for the error message instead of passing it through.
 */
function runMeasuredChild(script, args, { deadlineMs, env = process.env, captureStderr = false }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script, ...args],
      { env, stdio: ['ignore', 'pipe', captureStderr ? 'pipe' : 'inherit'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    if (captureStderr) {
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = stdout.trim().split('\n');
      if (code !== 0 || lines[lines.length - 1] === '') {
        const detail = captureStderr ? `:\n${stderr}` : '';
        reject(new Error(`the measured process failed (exit ${code}${signal ? `, ${signal}` : ''})${detail}`));
        return;
      }
      resolve(JSON.parse(lines[lines.length - 1]));
    });
  });
}

module.exports = { runMeasuredChild };
