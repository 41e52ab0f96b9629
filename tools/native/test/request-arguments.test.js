'use strict';
// fetch() arguments the engine turns into the request: ranges become one
// Range header (replacing any Range header given), WANT_TIME_INFO asks for
// timings whatever the layers say, and cancel() reaches the fetch by its token.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startTestServer } = require('../../testserver/server');
const {
  loadAddon, compileExactly, recordedSession, sessionDefaults, startFetch, fetchCode, assertFailure, echoOf, sleep,
} = require('./native-harness');

const addon = loadAddon();
const CANCELED = 1007900992;
let servers;
let recorded;

before(async () => {
  servers = await startTestServer();
  // A session Range header, which ranges must replace as well.
  recorded = recordedSession(addon, undefined, null, sessionDefaults({ headers: ['Range', 'bytes=50-60'] }));
});

after(async () => {
  recorded.session.close();
  await servers.close();
});

let nextToken = 1;
async function fetchAndWait(fields) {
  const token = nextToken++;
  const result = startFetch(recorded.session, { ...fields, token });
  assert.equal(fetchCode(result), 0, `fetch of ${fields.url} was rejected: ${JSON.stringify(result)}`);
  return recorded.completion(token);
}

describe('ranges', () => {
  it('[0, 9, null, 5] makes the server see bytes=0-9,-5, and drops the Range headers given', async () => {
    const echo = echoOf(await fetchAndWait({
      url: `${servers.http}/echo`,
      headers: ['range', 'bytes=100-200'],
      ranges: [0, 9, null, 5],
    }));
    assert.deepEqual(echo.header('range'), ['bytes=0-9,-5']);
  });

  it('an open-ended range and a range without bounds', async () => {
    const echo = echoOf(await fetchAndWait({ url: `${servers.http}/echo`, ranges: [null, null, 200, null] }));
    assert.deepEqual(echo.header('range'), ['bytes=200-']);
  });

  it('no ranges (or only unbounded ones) leave the Range headers given as they are', async () => {
    const own = echoOf(await fetchAndWait({ url: `${servers.http}/echo`, headers: ['Range', 'bytes=1-2'], ranges: [null, null] }));
    assert.deepEqual(own.header('range'), ['bytes=1-2']);
    const session = echoOf(await fetchAndWait({ url: `${servers.http}/echo` }));
    assert.deepEqual(session.header('range'), ['bytes=50-60']);
  });

  it('[5, 4] is refused with 401 and a detail naming transferRange, without events', async () => {
    const token = nextToken++;
    const result = startFetch(recorded.session, { url: `${servers.http}/echo`, ranges: [5, 4], token });
    assertFailure(result, 401);
    assert.match(result.detail, /transferRange/);
    await sleep(100);
    assert.deepEqual(recorded.eventsOf(token), []);
  });
});

describe('WANT_TIME_INFO', () => {
  const noTimes = () => compileExactly(addon, { collectTimeInfo: false });
  const cases = [
    ['no layer', {}],
    ['layers that do not set collectTimeInfo', () => ({ ownLayer: compileExactly(addon, {}), sessionLayer: compileExactly(addon, {}) })],
    ['a layer that sets collectTimeInfo false', () => ({ ownLayer: noTimes(), sessionLayer: noTimes() })],
  ];
  for (const [label, layers] of cases) {
    it(`makes EVENT_COMPLETE carry timeInfo with ${label}, and without the bit there is none`, async () => {
      const fields = { url: `${servers.http}/json`, ...(typeof layers === 'function' ? layers() : layers) };
      const timed = await fetchAndWait({ ...fields, eventMask: addon.WANT_TIME_INFO });
      assert.equal(timed.code, 0);
      assert.equal(timed.timeInfo.length, 7);
      assert.ok(timed.timeInfo.every((ms) => typeof ms === 'number' && ms >= 0));
      assert.ok(timed.timeInfo[5] > 0, 'total time is measured');
      const untimed = await fetchAndWait(fields);
      assert.equal(untimed.code, 0);
      assert.equal(untimed.timeInfo, undefined);
    });
  }

  it('selects no other event', async () => {
    const token = nextToken++;
    assert.equal(startFetch(recorded.session, { url: `${servers.http}/json`, eventMask: addon.WANT_TIME_INFO, token }), 0);
    await recorded.completion(token);
    assert.deepEqual(recorded.eventsOf(token).map((event) => event.type), [addon.EVENT_DATA_END, addon.EVENT_COMPLETE]);
  });
});

describe('cancel(token)', () => {
  it('cancels only the fetch started with that token', async () => {
    const { session } = recorded;
    // Tokens whose decimal text shares digits: cancel must match the whole token.
    const tokens = [1001, 10011, 100, 10010];
    for (const token of tokens) assert.equal(startFetch(session, { url: `${servers.http}/hang`, token }), 0);
    const kept = 2001;
    assert.equal(startFetch(session, { url: `${servers.http}/delay/300`, token: kept }), 0);
    assert.equal(session.cancel(1001), 0);
    const canceled = await recorded.completion(1001);
    assert.equal(canceled.code, CANCELED);
    assert.deepEqual(recorded.eventsOf(1001).map((event) => event.type), [addon.EVENT_CANCELED, addon.EVENT_COMPLETE]);
    const finished = await recorded.completion(kept);
    assert.equal(finished.code, 0);
    assert.equal(finished.statusCode, 200);
    for (const token of tokens.slice(1)) assert.deepEqual(recorded.eventsOf(token), [], `token ${token} is untouched`);
    assert.equal(session.inFlight(), 3);
    // A token with no fetch in flight cancels nothing.
    assert.equal(session.cancel(1001), 0);
    assert.equal(session.cancel(4242), 0);
    await sleep(100);
    assert.equal(session.inFlight(), 3);
    for (const token of tokens.slice(1)) assert.equal(session.cancel(token), 0);
    const rest = await Promise.all(tokens.slice(1).map((token) => recorded.completion(token)));
    assert.deepEqual(rest.map((event) => event.code), [CANCELED, CANCELED, CANCELED]);
    assert.equal(session.inFlight(), 0);
  });
});
