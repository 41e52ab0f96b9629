'use strict';
// Shared pieces of the native module suites: loading the host addon, a
// NativeConfigurationLayer with every member set, sessions whose events are
// recorded, and fetch() with its rarely varied arguments defaulted. Records
// cross the module boundary in the order napi/boundary_table.h gives them,
// read from the table here as the generated ArkTS code has them.

const assert = require('node:assert/strict');
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

/**
 * A NativeConfigurationLayer that sets every member a plain request needs (no
 * proxy, whatever the environment says); `overrides` replaces members, and a
 * member overridden with undefined is not set.
 */
function layerFields(overrides = {}) {
  const addon = loadAddon();
  return {
    connectTimeoutMs: 10_000,
    transferTimeoutMs: 30_000,
    inactivityTimeoutMs: 0,
    autoRedirect: true,
    maxRedirects: 10,
    maxBodyBytes: 64 * 1024 * 1024,
    httpVersion: addon.HttpVersion.AUTO,
    decodeContent: true,
    forbidCleartext: false,
    collectTimeInfo: true,
    serverValidation: { kind: addon.Validation.SYSTEM, caContent: '', caFile: '', caFolder: '' },
    pinnedKeyHashes: [],
    proxy: { kind: addon.ProxyMode.NONE, url: '', tunnelAlways: false, exclusions: [] },
    dnsRules: { servers: [], staticRules: [] },
    ...overrides,
  };
}

/** compileLayer() of `fields` as given, which must succeed; returns the compiled layer. */
function compileExactly(addon, fields) {
  const result = addon.compileLayer(fields);
  if (result.code !== 0) throw new Error(`compileLayer failed with ${result.code}: ${result.detail}`);
  return result.layer;
}

/** compileLayer() of layerFields(overrides), which must succeed; returns the compiled layer. */
function compileLayer(addon, overrides = {}) {
  return compileExactly(addon, layerFields(overrides));
}

/** NativeSessionDefaults that add nothing; `overrides` replaces fields. */
function sessionDefaults(overrides = {}) {
  return { baseUrl: '', headers: [], cookies: [], ...overrides };
}

const SESSION_OPTIONS = Object.freeze({ maxConnectionsPerHost: 6, maxTotalConnections: 64 });

/** createSession() that must succeed; returns the NativeSession. */
function createSession(addon, onEvents, { options = SESSION_OPTIONS, defaults = sessionDefaults(), factory = makeEvent } = {}) {
  const result = addon.createSession(options, defaults, onEvents, factory);
  if (result.code !== 0) throw new Error(`createSession failed with ${result.code}: ${result.detail}`);
  return result.session;
}

const boundaryRecords = parseTable(fs.readFileSync(defaultPaths.table, 'utf8')).records;
const fieldNames = (name) => boundaryRecords.find((record) => record.name === name).fields.map((field) => field.name);
// NativeEvent's fields in the order the module passes them, NativeFetchCall's in the order fetch() takes them.
const eventFields = fieldNames('NativeEvent');
const fetchCallFields = fieldNames('NativeFetchCall');

/** A NativeEventFactory: the fields in the table's order, into one object. */
function makeEvent(...values) {
  const event = {};
  eventFields.forEach((name, index) => {
    event[name] = values[index];
  });
  return event;
}

/**
 * A session (with `defaults`) whose handler records every batch (and passes it to `onBatch`).
 * `completion(token)` resolves with the EVENT_COMPLETE of that token;
 * `eventsOf(token)` lists its events.
 */
function recordedSession(addon, sessionOptions = SESSION_OPTIONS, onBatch = null, defaults = sessionDefaults()) {
  const batches = [];
  const waiters = new Map();
  const completions = new Map();
  const session = createSession(addon, (events) => {
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
  }, { options: sessionOptions, defaults });
  return {
    session,
    batches,
    allEvents: () => batches.flat(),
    eventsOf: (token) => batches.flat().filter((event) => event.token === token),
    completion: (token) =>
      completions.has(token)
        ? Promise.resolve(completions.get(token))
        : new Promise((resolve) => waiters.set(token, resolve)),
  };
}

/**
 * fetch()'s arguments, in the table's order, for a NativeFetchCall of `fields` with the rarely
 * varied fields defaulted (no layers). A name that is not a field of the record throws.
 */
function fetchArguments(fields) {
  const unknown = Object.keys(fields).filter((name) => !fetchCallFields.includes(name));
  if (unknown.length > 0) throw new Error(`not fields of NativeFetchCall: ${unknown.join(', ')}`);
  const call = {
    token: 1,
    method: 'GET',
    headers: [],
    cookies: [],
    ranges: [],
    body: [],
    defaultContentType: '',
    downloadPath: '',
    ownLayer: undefined,
    sessionLayer: undefined,
    eventMask: 0,
    ...fields,
  };
  return fetchCallFields.map((name) => call[name]);
}

/**
 * fetch() of a NativeFetchCall made of `fields` (see fetchArguments). Returns what
 * fetch() returned: 0 or a NativeFailure.
 */
function startFetch(session, fields) {
  return session.fetch(...fetchArguments(fields));
}

/** The code of what fetch() returned: 0, or the NativeFailure's code. Throws on anything else. */
function fetchCode(result) {
  if (result === 0) return 0;
  if (result !== null && typeof result === 'object' && typeof result.code === 'number' && result.code !== 0 &&
    typeof result.detail === 'string') {
    return result.code;
  }
  throw new Error(`fetch() returned neither 0 nor a NativeFailure: ${String(result)}`);
}

/**
 * Asserts that `result` (of fetch(), createSession() or compileLayer()) is a
 * failure with `code`, and for 401 a non-empty detail saying why.
 */
function assertFailure(result, code, message = '') {
  assert.equal(typeof result, 'object', `${message} expected a failure, got ${String(result)}`);
  assert.equal(result.code, code, `${message} detail: ${result.detail}`);
  assert.equal(typeof result.detail, 'string', message);
  if (code === 401) assert.ok(result.detail.length > 0, `${message} a 401 says why`);
}

/** The request /echo saw: its JSON, with `header(name)` listing the values of one header (any case). */
function echoOf(completion) {
  const echo = JSON.parse(Buffer.from(completion.body).toString('utf8'));
  echo.header = (name) => echo.headers.filter(([key]) => key.toLowerCase() === name.toLowerCase()).map(([, value]) => value);
  return echo;
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
  layerFields,
  compileExactly,
  compileLayer,
  sessionDefaults,
  SESSION_OPTIONS,
  createSession,
  makeEvent,
  recordedSession,
  fetchCallFields,
  fetchArguments,
  startFetch,
  fetchCode,
  assertFailure,
  echoOf,
  headerPairs,
  headerValue,
  busyWait,
  runNode,
  sleep,
  startServerProcess,
  repoRoot,
};
