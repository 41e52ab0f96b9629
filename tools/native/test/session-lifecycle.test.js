'use strict';
// Session lifecycle through the native module: close, garbage collection,
// what keeps the process alive, environment teardown and the session limit.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const { startTestServer } = require('../../testserver/server');
const {
  loadAddon, compileLayer, createSession, sessionDefaults, recordedSession, startFetch, assertFailure, runNode, sleep, makeEvent,
} = require('./native-harness');

const addon = loadAddon();
const fixture = (name) => path.join(__dirname, '..', 'fixtures', name);
const sessionOptions = { maxConnectionsPerHost: 6, maxTotalConnections: 64 };
const MIB = 1024 * 1024;
let servers;
let layer;

before(async () => {
  servers = await startTestServer();
  layer = compileLayer(addon);
});

after(async () => {
  await servers.close();
});

describe('close()', () => {
  it('settles fetches in flight at once and delivers nothing afterwards', async () => {
    const recorded = recordedSession(addon);
    const { session } = recorded;
    for (let token = 1; token <= 3; token += 1) {
      assert.equal(startFetch(session, { url: `${servers.http}/hang`, ownLayer: layer, token, eventMask: 15 }), 0);
    }
    await sleep(100);
    assert.equal(session.inFlight(), 3);
    const batchesBeforeClose = recorded.batches.length;
    assert.equal(session.close(), 0);
    assert.equal(session.inFlight(), 0);
    await sleep(300);
    assert.equal(recorded.batches.length, batchesBeforeClose, 'no event after close');
  });

  it('can be called from inside the event handler', async () => {
    let closeResult = null;
    let calls = 0;
    const session = createSession(addon, () => {
      calls += 1;
      closeResult = session.close();
    });
    assert.equal(startFetch(session, { url: `${servers.http}/json`, ownLayer: layer, token: 1 }), 0);
    assert.equal(startFetch(session, { url: `${servers.http}/hang`, ownLayer: layer, token: 2 }), 0);
    const deadline = Date.now() + 5000;
    while (closeResult === null && Date.now() < deadline) await sleep(10);
    assert.equal(closeResult, 0);
    await sleep(200);
    assert.equal(calls, 1);
    assert.equal(session.inFlight(), 0);
  });

  it('makes every later call report 1007900993', () => {
    const session = createSession(addon, () => {});
    assert.equal(session.close(), 0);
    assert.equal(session.close(), 1007900993);
    assertFailure(startFetch(session, { url: `${servers.http}/json`, ownLayer: layer }), 1007900993);
    // Closed wins over bad arguments: the caller learns the real reason.
    assertFailure(session.fetch(), 1007900993);
    assert.equal(session.cancel(1), 1007900993);
    assert.equal(session.cancelAll(), 1007900993);
    assert.equal(session.inFlight(), 0);
  });

  it('frees the session slot', () => {
    const before = addon.openSessionCount();
    const session = createSession(addon, () => {});
    assert.equal(addon.openSessionCount(), before + 1);
    session.close();
    assert.equal(addon.openSessionCount(), before);
  });
});

describe('process lifetime', () => {
  it('a process that closes a session with a fetch in flight exits by itself, with no late event', async () => {
    const result = await runNode([fixture('close-with-fetch-in-flight.js'), servers.http], { limitMs: 8000 });
    assert.equal(result.timedOut, false, `the child did not exit: ${result.stderr}`);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      fetchCode: 0,
      inFlightBefore: 1,
      closeCode: 0,
      inFlightAfter: 0,
      secondClose: 1007900993,
      fetchAfterClose: 1007900993,
      cancelAfterClose: 1007900993,
      cancelAllAfterClose: 1007900993,
      openSessions: 0,
      eventsAfterClose: 0,
    });
  });

  it('an idle session that is never closed does not keep the process alive', async () => {
    const result = await runNode([fixture('idle-session-exits.js'), servers.http], { limitMs: 8000 });
    assert.equal(result.timedOut, false, `the child did not exit: ${result.stderr}`);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'open 2 true\ncompleted 0 200\n');
  });

  it('a fetch in flight keeps the process alive until its completion is delivered', async () => {
    const result = await runNode([fixture('in-flight-keeps-process-alive.js'), servers.http], { limitMs: 8000 });
    assert.equal(result.timedOut, false, `the child did not exit: ${result.stderr}`);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'completed 0 200\n');
  });

  it('an exception thrown by the handler surfaces as uncaught and does not pin the process', async () => {
    const result = await runNode([fixture('handler-throws.js'), servers.http, 'handler'], { limitMs: 8000 });
    assert.equal(result.timedOut, false, `the child did not exit: ${result.stderr}`);
    assert.equal(result.stdout, 'uncaught handler failed\n');
  });

  it('an exception thrown by the event factory surfaces as uncaught, leaves the event out, and does not pin the process', async () => {
    const result = await runNode([fixture('handler-throws.js'), servers.http, 'factory'], { limitMs: 8000 });
    assert.equal(result.timedOut, false, `the child did not exit: ${result.stderr}`);
    assert.equal(result.stdout.split('\n').filter((line) => line.startsWith('uncaught')).join(), 'uncaught factory failed');
    assert.ok(!/handler got [1-9]/.test(result.stdout), result.stdout);
  });
});

describe('garbage collection', () => {
  it('collects idle unclosed sessions and closes them, but never one with a fetch in flight', async () => {
    const result = await runNode(['--expose-gc', fixture('gc-collects-idle-sessions.js'), servers.http], { limitMs: 15000 });
    assert.equal(result.timedOut, false, `the child did not exit: ${result.stderr}`);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.before, 0);
    assert.equal(report.afterCreate, 20);
    assert.ok(report.afterGc <= 2, `idle sessions were collected (${report.afterGc} still open)`);
    assert.equal(report.fetchCode, 0);
    assert.equal(report.whileInFlight, report.withFetch, 'the session with a fetch in flight stayed open');
    assert.equal(report.completionCode, 0);
    assert.equal(report.completionStatus, 200);
    assert.ok(report.afterCompletionGc < report.withFetch, 'once idle, that session was collected too');
  });

  it('collects compiled layers nothing refers to, freeing their native memory, without disturbing a fetch in flight',
    async (t) => {
      // Every copy of the CA (1 MiB) gets a mapping of its own, returned to the system when freed; under
      // AddressSanitizer, freed blocks skip its quarantine, which would otherwise hold them back.
      const env = {
        MALLOC_MMAP_THRESHOLD_: String(64 * 1024),
        ASAN_OPTIONS: [process.env.ASAN_OPTIONS, 'quarantine_size_mb=0'].filter(Boolean).join(':'),
      };
      const result = await runNode(['--expose-gc', fixture('compiled-layers-collected.js'), servers.https, servers.caFile],
        { limitMs: 30_000, env });
      assert.equal(result.timedOut, false, `the child did not exit: ${result.stderr}`);
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(result.stdout);
      assert.deepEqual(report.fetchCodes, [0, 0]);
      assert.notEqual(report.withoutCaCode, 0, 'without the layer\'s CA the server is not trusted');
      assert.deepEqual(report.collectedBeforeCompletion, ['in flight', 'never used']);
      assert.equal(report.completedDuringCollection, false);
      assert.equal(report.completionCode, 0, 'the fetch kept its layer, CA included');
      assert.equal(report.completionStatus, 200);
      const caBytes = report.layers * report.caContentBytes;
      const mib = (bytes) => `${(bytes / MIB).toFixed(1)} MiB`;
      const summary = `RSS ${mib(report.baselineRssBytes)} at baseline, ${mib(report.peakRssBytes)} with ` +
        `${report.heldLayers} layers of ${mib(report.caContentBytes)} held, ${mib(report.afterRssBytes)} after GC`;
      t.diagnostic(summary);
      assert.equal(report.heldLayers, report.layers);
      assert.ok(report.peakRssBytes - report.baselineRssBytes > caBytes / 2, `the copies are measured: ${summary}`);
      assert.equal(report.collectedLayers, report.layers);
      assert.ok(report.afterRssBytes - report.baselineRssBytes < caBytes / 4, `the copies were freed: ${summary}`);
    });
});

describe('environment teardown', () => {
  it('terminating a worker closes the sessions it left open', async () => {
    const before = addon.openSessionCount();
    const worker = new Worker(fixture('worker-with-fetch-in-flight.js'), { workerData: { baseUrl: servers.http } });
    const started = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    assert.deepEqual(started, { code: 0, inFlight: 1, open: before + 1 });
    assert.equal(addon.openSessionCount(), before + 1);
    await worker.terminate();
    assert.equal(addon.openSessionCount(), before);
  });
});

describe('session limit', () => {
  it('refuses the 1,025th open session with 1007900994 and accepts again after a close', () => {
    const sessions = [];
    try {
      while (addon.openSessionCount() < 1024) {
        const result = addon.createSession({ maxConnectionsPerHost: 1, maxTotalConnections: 1 }, sessionDefaults(), () => {},
          makeEvent);
        assert.equal(result.code, 0);
        sessions.push(result.session);
      }
      const refused = addon.createSession(sessionOptions, sessionDefaults(), () => {}, makeEvent);
      assertFailure(refused, 1007900994);
      assert.equal(refused.session, undefined);
      sessions.pop().close();
      const accepted = addon.createSession(sessionOptions, sessionDefaults(), () => {}, makeEvent);
      assert.equal(accepted.code, 0);
      sessions.push(accepted.session);
    } finally {
      for (const session of sessions) session.close();
    }
  });
});
