'use strict';
// What createSession()'s defaults add to every fetch (core/request_builder.h):
// session headers and cookies reach the server unless the request names them,
// and relative request URLs resolve against baseUrl. Bad defaults are refused
// when the session is created.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startTestServer } = require('../../testserver/server');
const {
  loadAddon, recordedSession, sessionDefaults, startFetch, fetchCode, assertFailure, echoOf, makeEvent,
} = require('./native-harness');

const addon = loadAddon();
const PARAMETER_ERROR = 401;
let servers;
const sessions = [];

before(async () => {
  servers = await startTestServer();
});

after(async () => {
  for (const recorded of sessions) recorded.session.close();
  await servers.close();
});

/** A recorded session with `defaults`, closed after the suite. */
function sessionWith(defaults) {
  const recorded = recordedSession(addon, undefined, null, sessionDefaults(defaults));
  sessions.push(recorded);
  return recorded;
}

let nextToken = 1;
async function fetchAndWait(recorded, fields) {
  const token = nextToken++;
  const result = startFetch(recorded.session, { ...fields, token });
  assert.equal(fetchCode(result), 0, `fetch of ${fields.url} was rejected: ${JSON.stringify(result)}`);
  return recorded.completion(token);
}

/** The cookies of the one Cookie header /echo saw, as [name, value] pairs in order. */
function sentCookies(echo) {
  const headers = echo.header('cookie');
  assert.equal(headers.length, 1, `one Cookie header, got ${JSON.stringify(headers)}`);
  return headers[0].split('; ').map((pair) => pair.split('='));
}

describe('session headers and cookies', () => {
  const defaults = {
    headers: ['X-Session', 'one', 'X-Shared', 'from-session', 'Accept-Language', 'fr'],
    cookies: ['sid', 's1', 'theme', 'dark'],
  };

  it('reach the server on a request that adds none', async () => {
    const recorded = sessionWith(defaults);
    const echo = echoOf(await fetchAndWait(recorded, { url: `${servers.http}/echo` }));
    assert.deepEqual(echo.header('x-session'), ['one']);
    assert.deepEqual(echo.header('x-shared'), ['from-session']);
    assert.deepEqual(echo.header('accept-language'), ['fr']);
    assert.deepEqual(sentCookies(echo), [['sid', 's1'], ['theme', 'dark']]);
  });

  it('request headers override session headers of the same name, ignoring case', async () => {
    const recorded = sessionWith(defaults);
    const echo = echoOf(await fetchAndWait(recorded, {
      url: `${servers.http}/echo`,
      headers: ['x-shared', 'from-request', 'ACCEPT-LANGUAGE', 'de', 'X-Own', 'two'],
    }));
    assert.deepEqual(echo.header('x-shared'), ['from-request']);
    assert.deepEqual(echo.header('accept-language'), ['de']);
    assert.deepEqual(echo.header('x-own'), ['two']);
    assert.deepEqual(echo.header('x-session'), ['one'], 'session headers the request does not name stay');
  });

  it('request cookies override session cookies of the same name; the others are kept', async () => {
    const recorded = sessionWith(defaults);
    const echo = echoOf(await fetchAndWait(recorded, { url: `${servers.http}/echo`, cookies: ['theme', 'light', 'lang', 'en'] }));
    assert.deepEqual(sentCookies(echo), [['theme', 'light'], ['lang', 'en'], ['sid', 's1']]);
  });

  it('cookie names are matched exactly, unlike header names', async () => {
    const recorded = sessionWith(defaults);
    const echo = echoOf(await fetchAndWait(recorded, { url: `${servers.http}/echo`, cookies: ['SID', 'upper'] }));
    assert.deepEqual(sentCookies(echo), [['SID', 'upper'], ['sid', 's1'], ['theme', 'dark']]);
  });

  it('cookies join a Cookie header the request sets', async () => {
    const recorded = sessionWith(defaults);
    const echo = echoOf(await fetchAndWait(recorded, {
      url: `${servers.http}/echo`,
      headers: ['Cookie', 'raw=1'],
      cookies: ['own', '2'],
    }));
    assert.deepEqual(sentCookies(echo), [['raw', '1'], ['own', '2'], ['sid', 's1'], ['theme', 'dark']]);
  });
});

describe('baseUrl', () => {
  it('resolves a relative request URL against it', async () => {
    const recorded = sessionWith({ baseUrl: `${servers.http}/api/v1/` });
    const completion = await fetchAndWait(recorded, { url: '../../echo?q=1' });
    const echo = echoOf(completion);
    assert.equal(echo.path, '/echo');
    assert.deepEqual(echo.query, { q: '1' });
    assert.equal(completion.effectiveUrl, `${servers.http}/echo?q=1`);
    const rooted = await fetchAndWait(recorded, { url: '/json' });
    assert.equal(rooted.statusCode, 200);
    assert.equal(rooted.effectiveUrl, `${servers.http}/json`);
  });

  it('leaves an absolute request URL as it is', async () => {
    const recorded = sessionWith({ baseUrl: 'http://127.0.0.1:1/elsewhere/' });
    const completion = await fetchAndWait(recorded, { url: `${servers.http}/json` });
    assert.equal(completion.statusCode, 200);
    assert.equal(completion.effectiveUrl, `${servers.http}/json`);
  });

  it('without one, a relative request URL is malformed', () => {
    const recorded = sessionWith({});
    assertFailure(startFetch(recorded.session, { url: '/json', token: 1 }), 1007900003);
  });
});

describe('bad defaults', () => {
  const cases = [
    ['a relative baseUrl', { baseUrl: 'api/v1/' }],
    ['a baseUrl of another scheme', { baseUrl: 'ftp://127.0.0.1/' }],
    ['a header name with a colon', { headers: ['X-A:', 'v'] }],
    ['a header value with a LF', { headers: ['X-A', 'v\nInjected: 1'] }],
    ['a header value with a NUL', { headers: ['X-A', 'v\0'] }],
    ['a cookie name with a space', { cookies: ['a b', '1'] }],
    ['a cookie value with a semicolon', { cookies: ['a', '1; b=2'] }],
  ];
  for (const [label, defaults] of cases) {
    it(`make createSession() return 401 with a detail for ${label}`, () => {
      const before = addon.openSessionCount();
      const result = addon.createSession({}, sessionDefaults(defaults), () => {}, makeEvent);
      assertFailure(result, PARAMETER_ERROR);
      assert.equal(result.session, undefined);
      assert.equal(addon.openSessionCount(), before);
    });
  }
});
