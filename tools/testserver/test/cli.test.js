'use strict';

const { describe, it, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { h1Request, h2Request } = require('../exchange-clients');

const CLI = path.join(__dirname, '..', 'cli.js');
const EXIT_DEADLINE_MS = 5000;
// A misbehaving server must fail a test, never hang the run.
const BOUNDED = { timeout: 15_000 };

const children = new Set();

// A failed test must not leave a server process behind.
after(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Spawns the CLI with a pipe on stdin and resolves once its JSON line is out. */
function startCli(args = []) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => {
    stderr += text;
  });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const announced = new Promise((resolve, reject) => {
    child.stdout.on('data', (text) => {
      stdout += text;
      const newline = stdout.indexOf('\n');
      if (newline !== -1) resolve(JSON.parse(stdout.slice(0, newline)));
    });
    child.on('exit', (code) => reject(new Error(`cli exited with ${code} before announcing: ${stderr}`)));
  });
  return { child, announced, exited };
}

function withinDeadline(promise, what) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${EXIT_DEADLINE_MS} ms`)), EXIT_DEADLINE_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

describe('cli', () => {
  it('prints one JSON line with every URL and the pid, serves, and exits 0 when stdin ends', BOUNDED, async () => {
    const { child, announced, exited } = startCli();
    const info = await withinDeadline(announced, 'start-up');
    assert.equal(info.pid, child.pid);
    assert.match(info.http, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(info.h2c, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(info.https, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(info.httpsSelfSigned, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(info.httpsExpired, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(info.hostile, /^http:\/\/127\.0\.0\.1:\d+$/);
    const ca = fs.readFileSync(info.caFile, 'utf8');
    assert.match(ca, /^-----BEGIN CERTIFICATE-----/);

    assert.equal((await h1Request(info.http, '/json')).status, 200);
    assert.equal((await h2Request(info.h2c, '/json')).status, 200);
    assert.equal((await h2Request(info.https, '/json', { ca })).status, 200);
    // A request left hanging must not keep the process alive.
    const hanging = h1Request(info.http, '/hang');

    child.stdin.end();
    const result = await withinDeadline(exited, 'exit after stdin EOF');
    assert.equal(result.code, 0);
    assert.equal(result.stdout.split('\n').filter((line) => line !== '').length, 1, 'exactly one stdout line');
    assert.equal(result.stderr, '', 'quiet by default');
    assert.equal((await hanging).complete, false);
    assert.equal(fs.existsSync(info.caFile), false, 'CA file removed');
  });

  it('exits 0 on SIGTERM', BOUNDED, async () => {
    const { child, announced, exited } = startCli();
    const info = await withinDeadline(announced, 'start-up');
    child.kill('SIGTERM');
    const result = await withinDeadline(exited, 'exit after SIGTERM');
    assert.equal(result.code, 0);
    assert.equal(result.signal, null);
    assert.equal((await h1Request(info.http, '/json')).error.code, 'ECONNREFUSED');
  });

  it('exits 0 on SIGINT, and --verbose logs requests to stderr', BOUNDED, async () => {
    const { child, announced, exited } = startCli(['--verbose']);
    const info = await withinDeadline(announced, 'start-up');
    await h1Request(info.http, '/status/201');
    child.kill('SIGINT');
    const result = await withinDeadline(exited, 'exit after SIGINT');
    assert.equal(result.code, 0);
    assert.match(result.stderr, /http GET \/status\/201 -> 201/);
  });

  it('keeps serving after stdin ends when told to ignore stdin', BOUNDED, async () => {
    const { child, announced, exited } = startCli(['--ignore-stdin']);
    const info = await withinDeadline(announced, 'start-up');
    child.stdin.end();
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal((await h1Request(info.http, '/json')).status, 200);
    child.kill('SIGTERM');
    assert.equal((await withinDeadline(exited, 'exit after SIGTERM')).code, 0);
  });
});
