'use strict';

// Runs `npm start` (tools/demo/start.js) as a child process, as a user would, and checks its
// tables, its exit status, and that it leaves neither the demo process nor the server's port behind.

const test = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');

const START = path.join(__dirname, '..', 'start.js');
const PROFILES = ['phone', 'tablet', '2in1', 'wearable', 'tv'];
// A liveness bound, not a timing assertion: a busy machine may be slow.
const RUN_LIMIT_MS = 5 * 60 * 1000;

function runStart(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [START, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, output: stdout + stderr });
    });
  });
}

/** The table printed for `profile`: its title line up to the blank line after it. */
function tableOf(stdout, profile) {
  const lines = stdout.split('\n');
  const start = lines.indexOf(`${profile} profile`);
  assert.notEqual(start, -1, `no table for the ${profile} profile in:\n${stdout}`);
  const end = lines.indexOf('', start);
  return lines.slice(start, end === -1 ? undefined : end);
}

/** The value of the row `label` in a table. */
function cell(table, label) {
  const row = table.find((line) => line.startsWith(`  | ${label} `));
  assert.ok(row, `no row '${label}' in:\n${table.join('\n')}`);
  return row.split('|')[2].trim();
}

function connectionRefused(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', (error) => resolve(error.code === 'ECONNREFUSED'));
  });
}

function processGone(pid) {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
}

// A port that was free a moment ago, so connecting to it is refused.
function closedPort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

test('npm start fetches with all five profiles from the embedded server and exits 0', async () => {
  const run = await runStart([]);
  assert.equal(run.status, 0, run.output);

  for (const profile of PROFILES) {
    const table = tableOf(run.stdout, profile);
    assert.equal(cell(table, 'outcome'), 'ok');
    assert.equal(cell(table, 'status'), '200');
    assert.ok(Number(cell(table, 'bytes')) > 0);
    for (const label of ['time to first byte', 'total time', 'close() time']) {
      assert.match(cell(table, label), /^\d+(\.\d+)? ms$/, `${profile}: ${label}`);
    }
    assert.equal(cell(table, 'lifecycle'), 'created > fetching > headers > response > closed');
    for (const label of ['max connections per host', 'max connections in total', 'connect timeout',
      'transfer timeout', 'body cap', 'preview length']) {
      assert.ok(cell(table, label).length > 0, `${profile}: ${label}`);
    }
  }
  // Each table shows its own profile's tuning.
  assert.equal(cell(tableOf(run.stdout, 'wearable'), 'body cap'), '256 KiB');
  assert.equal(cell(tableOf(run.stdout, '2in1'), 'body cap'), '50 MiB');
  assert.equal(cell(tableOf(run.stdout, 'phone'), 'max connections per host'), '6');

  assert.match(run.stdout, /5 profiles, 5 fetched, 0 failed; 5 of 5 sessions closed/);
  const demoPid = Number(/the demo process \(pid (\d+)\) has exited/.exec(run.stdout)[1]);
  assert.ok(processGone(demoPid), `the demo process ${demoPid} is still running`);
  const serverPort = Number(/embedded test server at http:\/\/127\.0\.0\.1:(\d+)/.exec(run.stdout)[1]);
  assert.match(run.stdout, /embedded test server stopped/);
  assert.ok(await connectionRefused(serverPort), `port ${serverPort} still accepts connections`);
});

test('npm start with a URL where nothing listens prints the failures and exits 1', async () => {
  const port = await closedPort();
  const run = await runStart([`http://127.0.0.1:${port}/`]);
  assert.equal(run.status, 1, run.output);
  assert.doesNotMatch(run.stdout, /embedded test server/);
  for (const profile of PROFILES) {
    const table = tableOf(run.stdout, profile);
    assert.equal(cell(table, 'outcome'), 'failed');
    assert.equal(cell(table, 'status'), '-');
    assert.match(cell(table, 'error'), /^\d+: .+/);
    // The session is closed on the error path too.
    assert.equal(cell(table, 'lifecycle'), 'created > fetching > failed > closed');
  }
  assert.match(run.stdout, /5 profiles, 0 fetched, 5 failed; 5 of 5 sessions closed/);
});

test('npm start with a malformed URL exits 1', async () => {
  const run = await runStart(['not a url']);
  assert.equal(run.status, 1, run.output);
  assert.equal(cell(tableOf(run.stdout, 'tv'), 'outcome'), 'failed');
});

test('npm start with more than one argument prints the usage and exits 2', async () => {
  const run = await runStart(['http://127.0.0.1/', 'extra']);
  assert.equal(run.status, 2, run.output);
  assert.match(run.stderr, /usage: npm start \[-- URL\]/);
});
