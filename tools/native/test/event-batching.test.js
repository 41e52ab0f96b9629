'use strict';
// Events cross to the JavaScript thread in batches: whatever the engine
// produced while JavaScript was busy arrives in one handler call, and a
// close() drops whatever is still queued. These tests block the JavaScript
// thread on purpose, so the test server runs in a child process.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { loadAddon, compileLayer, recordedSession, startFetch, busyWait, sleep, startServerProcess } = require('./native-harness');

const addon = loadAddon();
const FETCHES = 200;
let servers;
let layer;

before(async () => {
  servers = await startServerProcess();
  layer = compileLayer(addon);
});

after(async () => {
  await servers.stop();
});

function completionsByToken(recorded) {
  const counts = new Map();
  for (const event of recorded.allEvents()) {
    if (event.type === addon.EVENT_COMPLETE) counts.set(event.token, (counts.get(event.token) || 0) + 1);
  }
  return counts;
}

async function waitForCompletions(recorded, expected, limitMs) {
  const deadline = Date.now() + limitMs;
  while (completionsByToken(recorded).size < expected && Date.now() < deadline) await sleep(10);
}

describe('batching', () => {
  it(`delivers ${FETCHES} completions exactly once each, in fewer than ${FETCHES} handler calls`, async () => {
    // Each call costs the handler a millisecond, as real response handling would;
    // completions arriving meanwhile must join the next call instead of queuing calls.
    const handlerWorkMs = 1;
    const recorded = recordedSession(addon, { maxConnectionsPerHost: 16, maxTotalConnections: 64 }, () =>
      busyWait(() => false, handlerWorkMs));
    try {
      for (let token = 1; token <= FETCHES; token += 1) {
        assert.equal(startFetch(recorded.session, { url: `${servers.http}/json`, ownLayer: layer, token }), 0);
      }
      await waitForCompletions(recorded, FETCHES, 20_000);
      const counts = completionsByToken(recorded);
      assert.equal(counts.size, FETCHES);
      assert.ok([...counts.values()].every((count) => count === 1), 'each fetch completed exactly once');
      assert.ok(recorded.batches.length < FETCHES, `${recorded.batches.length} handler calls`);
      assert.ok(recorded.allEvents().every((event) => event.token >= 1 && event.token <= FETCHES));
      assert.equal(recorded.session.inFlight(), 0);
    } finally {
      recorded.session.close();
    }
  });

  it('hands everything that completed while JavaScript was busy to one handler call, in order per fetch', async () => {
    const recorded = recordedSession(addon, { maxConnectionsPerHost: 16, maxTotalConnections: 64 });
    try {
      for (let token = 1; token <= FETCHES; token += 1) {
        assert.equal(startFetch(recorded.session, { url: `${servers.http}/json`, ownLayer: layer, token }), 0);
      }
      busyWait(() => recorded.session.inFlight() === 0, 20_000);
      // The last completion is queued just after the engine's count drops.
      busyWait(() => false, 50);
      assert.equal(recorded.session.inFlight(), 0);
      assert.equal(recorded.batches.length, 0, 'nothing can be delivered while this thread is busy');
      await waitForCompletions(recorded, FETCHES, 5000);
      assert.equal(recorded.batches.length, 1);
      const [batch] = recorded.batches;
      assert.equal(batch.length, FETCHES * 2, 'EVENT_DATA_END and EVENT_COMPLETE of every fetch');
      for (let token = 1; token <= FETCHES; token += 1) {
        const types = batch.filter((event) => event.token === token).map((event) => event.type);
        assert.deepEqual(types, [addon.EVENT_DATA_END, addon.EVENT_COMPLETE]);
      }
    } finally {
      recorded.session.close();
    }
  });
});

describe('close() with events queued', () => {
  it('drops events that were already queued but not yet delivered', async () => {
    const recorded = recordedSession(addon);
    assert.equal(startFetch(recorded.session, { url: `${servers.http}/json`, ownLayer: layer, token: 1 }), 0);
    busyWait(() => recorded.session.inFlight() === 0, 10_000);
    busyWait(() => false, 50);
    assert.equal(recorded.session.inFlight(), 0, 'the fetch completed in the engine');
    assert.equal(recorded.session.close(), 0);
    await sleep(200);
    assert.deepEqual(recorded.batches, []);
  });
});
