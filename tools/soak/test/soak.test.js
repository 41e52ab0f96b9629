'use strict';
// Runs the ArkTS soak (tools/soak/arkts-soak.js) at its full size and checks its verdict: 10,000
// cycles, each with its expected outcome, and descriptors, threads and memory back within bounds.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn } = require('node:child_process');

const soakScript = path.join(__dirname, '..', 'arkts-soak.js');
// A liveness bound for a busy machine; the soak itself takes well under a minute.
const SOAK_TIMEOUT_MS = 300_000;

function runSoak(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [soakScript, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function resultOf(stdout) {
  const line = stdout.split('\n').find((text) => text.startsWith('arkts-soak-result '));
  assert.ok(line, `no result line in:\n${stdout}`);
  return JSON.parse(line.slice('arkts-soak-result '.length));
}

test('10,000 create/fetch/close cycles leave descriptors, threads and memory at baseline', { timeout: SOAK_TIMEOUT_MS },
  async () => {
    const { code, stdout, stderr } = await runSoak([]);
    const result = resultOf(stdout);
    assert.deepEqual(result.violations, [], stdout);
    assert.equal(result.ok, true);
    assert.equal(code, 0, `${stdout}\n${stderr}`);
    assert.equal(result.tally.cycles, 10_000);
    assert.equal(result.tally.unexpectedCount, 0);
    // The mix really contains errors and cancels, not only successes.
    for (const kind of ['get', 'connection refused', 'transfer timeout', 'cancel one request', 'close in flight',
      'cancel all', 'use after close', 'https']) {
      assert.ok(result.tally.byKind[kind] >= 400, `too few '${kind}' cycles: ${result.tally.byKind[kind]}`);
    }
    assert.ok(result.after.fds <= result.baseline.fds + 2);
    assert.ok(result.after.threads <= result.baseline.threads + 1);
  });

test('the soak rejects bad arguments instead of running something else', async () => {
  const { code, stderr } = await runSoak(['--cycles', 'many']);
  assert.equal(code, 1);
  assert.match(stderr, /usage: arkts-soak\.js/);
});
