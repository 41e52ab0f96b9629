// The examples as a user runs them: each fetches from the test server, closes
// its session and must exit on its own (nothing may keep the process alive).
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const os = require('node:os');
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const { startTestServer } = require('../../testserver/server.js');
const { bundleEts } = require('../../ets/build.js');

const root = path.resolve(__dirname, '..', '..', '..');

// Runs a command; resolves with its exit code and output, or with code null
// if it had to be killed because it did not exit by itself within `limitMs`.
function runUntilExit(command, args, limitMs) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ? null : code, output });
    });
  });
}

test('the ArkTS fetch-then-close example exits on its own', async (t) => {
  const server = await startTestServer();
  t.after(() => server.close());
  const bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rcp-example-')), 'fetch_then_close.js');
  await bundleEts(path.join(root, 'examples/ets/fetch_then_close.ets'), bundle);
  // Bundled beforehand, so the limit covers only the run: a process kept
  // alive by an idle session would be killed and fail the test.
  const ok = await runUntilExit(process.execPath, [bundle, `${server.http}/json`], 10000);
  assert.strictEqual(ok.code, 0, ok.output);
  assert.match(ok.output, /200/);
  const hanging = await runUntilExit(process.execPath, [bundle, 'http://127.0.0.1:1/'], 10000);
  assert.strictEqual(hanging.code, 1, hanging.output);
  const usage = await runUntilExit(process.execPath, [bundle], 10000);
  assert.strictEqual(usage.code, 2, usage.output);
});
