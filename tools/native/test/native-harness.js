'use strict';
// Shared pieces of the native module suites: loading the host addon, a valid
// NativeRequestOptions object, and a session whose events are recorded.

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { parseTable, defaultPaths } = require('../gen-boundary');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
// RCP_ADDON points the suites at another build (a sanitizer build, say).
const addonPath = path.resolve(process.env.RCP_ADDON || path.join(repoRoot, 'build', 'host', 'rcp.node'));

function loadAddon() {
  return require(addonPath);
}

/** A NativeRequestOptions object with every field valid; `overrides` replaces fields. */
function requestOptions(overrides = {}) {
  const addon = loadAddon();
  return {
    connectTimeoutMs: 10_000,
    transferTimeoutMs: 30_000,
    inactivityTimeoutMs: 0,
    autoRedirect: true,
    maxRedirects: 10,
    maxBodyBytes: 64 * 1024 * 1024,
    httpVersion: addon.HttpVersion.AUTO,
    forbidCleartext: false,
    validation: addon.Validation.SYSTEM,
    caContent: '',
    caFile: '',
    caFolder: '',
    clientCertContent: '',
    clientCertFile: '',
    clientCertType: '',
    clientKey: '',
    clientKeyPassword: '',
    authType: addon.AuthType.NONE,
    authUser: '',
    authPassword: '',
    pinnedPublicKeys: [],
    proxy: addon.ProxyMode.NONE,
    proxyUrl: '',
    proxyTunnelAlways: false,
    proxyExclusions: [],
    staticDns: [],
    dnsServers: [],
    dohUrl: '',
    dohSkipVerify: false,
    collectTimeInfo: true,
    decodeContent: true,
    ...overrides,
  };
}

// NativeEvent's fields in the order the module passes them, read from napi/boundary_table.h.
const eventFields = parseTable(fs.readFileSync(defaultPaths.table, 'utf8'))
  .records.find((record) => record.name === 'NativeEvent')
  .fields.map((field) => field.name);

/** A NativeEventFactory: the fields in the table's order, into one object. */
function makeEvent(...values) {
  const event = {};
  eventFields.forEach((name, index) => {
    event[name] = values[index];
  });
  return event;
}

/**
 * A session whose handler records every batch (and passes it to `onBatch`).
 * `completion(token)` resolves with the EVENT_COMPLETE of that token;
 * `eventsOf(token)` lists its events.
 */
function recordedSession(addon, sessionOptions = { maxConnectionsPerHost: 6, maxTotalConnections: 64 }, onBatch = null) {
  const batches = [];
  const waiters = new Map();
  const completions = new Map();
  const result = addon.createSession(sessionOptions, (events) => {
    batches.push(events);
    if (onBatch) onBatch(events);
    for (const event of events) {
      if (event.type !== addon.EVENT_COMPLETE) continue;
      completions.set(event.token, event);
      const waiter = waiters.get(event.token);
      if (waiter) {
        waiters.delete(event.token);
        waiter(event);
      }
    }
  }, makeEvent);
  if (result.code !== 0) throw new Error(`createSession failed with ${result.code}`);
  return {
    session: result.session,
    batches,
    allEvents: () => batches.flat(),
    eventsOf: (token) => batches.flat().filter((event) => event.token === token),
    completion: (token) =>
      completions.has(token)
        ? Promise.resolve(completions.get(token))
        : new Promise((resolve) => waiters.set(token, resolve)),
  };
}

/** fetch() with the rarely varied arguments defaulted. */
function startFetch(session, fields) {
  const f = {
    token: 1,
    requestId: '',
    method: 'GET',
    headers: [],
    body: [],
    defaultContentType: '',
    range: '',
    downloadPath: '',
    eventMask: 0,
    ...fields,
  };
  return session.fetch(f.token, f.requestId, f.url, f.method, f.headers, f.body, f.defaultContentType, f.range,
    f.downloadPath, f.compiled, f.eventMask);
}

/** [name, value] pairs of an event's header text ("name:value" lines joined by "\n"). */
function headerPairs(text) {
  if (text === '') return [];
  return text.split('\n').map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1)];
  });
}

/** The first value of header `name` in an event's header text. */
function headerValue(text, name) {
  const pair = headerPairs(text).find(([key]) => key === name);
  return pair === undefined ? undefined : pair[1];
}

/** Blocks the JavaScript thread (so events can only queue up) until `done()` or `limitMs`. */
function busyWait(done, limitMs) {
  const deadline = Date.now() + limitMs;
  while (!done() && Date.now() < deadline) {
    // Spinning on purpose: nothing may run on this thread meanwhile.
  }
}

/**
 * Runs `node <args>` and resolves with { code, signal, stdout, stderr, timedOut }.
 * A child still running after `limitMs` is killed and reported as timed out.
 */
function runNode(args, { limitMs = 10_000, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, RCP_ADDON: addonPath, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the test servers in a child process, for tests that block this
 * thread on purpose (an in-process server could not answer meanwhile).
 * Resolves with the servers' URLs plus stop().
 */
function startServerProcess() {
  const cli = path.join(repoRoot, 'tools', 'testserver', 'cli.js');
  // stdin stays a pipe: the server exits when this process goes away.
  const child = spawn(process.execPath, [cli], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      const newline = output.indexOf('\n');
      if (newline < 0) return;
      child.stdout.off('data', onData);
      const urls = JSON.parse(output.slice(0, newline));
      const stop = () => {
        child.kill('SIGTERM');
        return exited;
      };
      resolve({ ...urls, stop });
    };
    child.stdout.on('data', onData);
    child.once('error', reject);
    exited.then((code) => reject(new Error(`the test server exited early with ${code}`)));
  });
}

module.exports = {
  addonPath,
  loadAddon,
  requestOptions,
  makeEvent,
  recordedSession,
  startFetch,
  headerPairs,
  headerValue,
  busyWait,
  runNode,
  sleep,
  startServerProcess,
  repoRoot,
};
