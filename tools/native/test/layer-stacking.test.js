'use strict';
// How fetch() stacks its two layers: the request's own layer over the
// session's over the engine's defaults, member by member (a member a layer
// leaves unset inherits from the layer below), and groups such as the proxy
// taken whole from one layer (core/configuration_layer.h).

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startTestServer } = require('../../testserver/server');
const { loadAddon, compileExactly, recordedSession, startFetch, fetchCode, assertFailure } = require('./native-harness');

const addon = loadAddon();
const TIMEOUT = 1007900028;
const CLEARTEXT_FORBIDDEN = 1007900201;
// The slow route answers after SLOW_MS; the session layer allows TIMEOUT_MS.
const SLOW_MS = 1000;
const TIMEOUT_MS = 250;
const DEAD_PROXY = 'http://127.0.0.1:1';
let servers;
let recorded;
let sessionLayer;

before(async () => {
  servers = await startTestServer();
  recorded = recordedSession(addon);
  sessionLayer = compileExactly(addon, { transferTimeoutMs: TIMEOUT_MS });
});

after(async () => {
  recorded.session.close();
  await servers.close();
});

let nextToken = 1;
/** Fetches `path` with the given layers; resolves with its completion and how long it took. */
async function fetchWith(path, layers) {
  const token = nextToken++;
  const startedAt = Date.now();
  const result = startFetch(recorded.session, { url: `${servers.http}${path}`, token, ...layers });
  assert.equal(fetchCode(result), 0, `fetch of ${path} was rejected: ${JSON.stringify(result)}`);
  const completion = await recorded.completion(token);
  return { completion, elapsedMs: Date.now() - startedAt };
}

const proxyGroup = (kind, url, exclusions = []) => ({ proxy: { kind: addon.ProxyMode[kind], url, tunnelAlways: false, exclusions } });

describe('a member set in one layer, unset in the other', () => {
  it('with no layer at all the slow route completes (the defaults have no short transfer timeout)', async () => {
    const { completion } = await fetchWith(`/delay/${SLOW_MS}`, {});
    assert.equal(completion.code, 0);
    assert.equal(completion.statusCode, 200);
  });

  it('a session layer with a small transferTimeoutMs times out the slow route when the request has no layer', async () => {
    const { completion, elapsedMs } = await fetchWith(`/delay/${SLOW_MS}`, { sessionLayer });
    assert.equal(completion.code, TIMEOUT, completion.message);
    assert.ok(elapsedMs < SLOW_MS, `timed out after ${elapsedMs} ms`);
  });

  it('a request layer with transferTimeoutMs 0 (no limit) over it does not time out', async () => {
    const ownLayer = compileExactly(addon, { transferTimeoutMs: 0 });
    const { completion } = await fetchWith(`/delay/${SLOW_MS}`, { ownLayer, sessionLayer });
    assert.equal(completion.code, 0, completion.message);
    assert.equal(completion.statusCode, 200);
  });

  it('a request layer setting only autoRedirect=false still inherits the session layer\'s timeout', async () => {
    const ownLayer = compileExactly(addon, { autoRedirect: false });
    const slow = await fetchWith(`/delay/${SLOW_MS}`, { ownLayer, sessionLayer });
    assert.equal(slow.completion.code, TIMEOUT, slow.completion.message);
    // Its own member applies at the same time: the redirect is not followed.
    const redirect = await fetchWith('/redirect/1', { ownLayer, sessionLayer });
    assert.equal(redirect.completion.code, 0);
    assert.equal(redirect.completion.statusCode, 302);
    const followed = await fetchWith('/redirect/1', { sessionLayer });
    assert.equal(followed.completion.statusCode, 200);
  });

  it('the request layer wins for the members it sets, whichever value it sets', async () => {
    const strict = compileExactly(addon, { forbidCleartext: true });
    const lenient = compileExactly(addon, { forbidCleartext: false });
    const nothing = compileExactly(addon, {});
    const url = `${servers.http}/json`;
    assertFailure(startFetch(recorded.session, { url, sessionLayer: strict, token: 900 }), CLEARTEXT_FORBIDDEN);
    assertFailure(startFetch(recorded.session, { url, ownLayer: nothing, sessionLayer: strict, token: 900 }), CLEARTEXT_FORBIDDEN);
    assertFailure(startFetch(recorded.session, { url, ownLayer: strict, sessionLayer: lenient, token: 900 }), CLEARTEXT_FORBIDDEN);
    const { completion } = await fetchWith('/json', { ownLayer: lenient, sessionLayer: strict });
    assert.equal(completion.statusCode, 200);
  });
});

describe('groups', () => {
  it('a session layer\'s proxy applies to a request without one, and a request layer\'s proxy replaces it', async () => {
    const deadProxy = compileExactly(addon, proxyGroup('CUSTOM', DEAD_PROXY));
    const viaDeadProxy = await fetchWith('/json', { sessionLayer: deadProxy });
    assert.notEqual(viaDeadProxy.completion.code, 0, 'the request went through the unreachable proxy');
    const inheriting = await fetchWith('/json', { ownLayer: compileExactly(addon, { autoRedirect: true }), sessionLayer: deadProxy });
    assert.notEqual(inheriting.completion.code, 0, 'a request layer without a proxy inherits the session\'s');
    const direct = await fetchWith('/json', { ownLayer: compileExactly(addon, proxyGroup('NONE', '')), sessionLayer: deadProxy });
    assert.equal(direct.completion.code, 0, direct.completion.message);
    assert.equal(direct.completion.statusCode, 200);
  });

  it('a group is taken whole: members the request layer\'s group leaves empty are not filled from the session\'s', async () => {
    // The session's proxy exempts 127.0.0.1; the request's proxy exempts nothing.
    const exempting = compileExactly(addon, proxyGroup('CUSTOM', DEAD_PROXY, ['127.0.0.1']));
    const exempted = await fetchWith('/json', { sessionLayer: exempting });
    assert.equal(exempted.completion.statusCode, 200, 'the exclusion bypasses the proxy');
    const ownProxy = compileExactly(addon, proxyGroup('CUSTOM', DEAD_PROXY));
    const proxied = await fetchWith('/json', { ownLayer: ownProxy, sessionLayer: exempting });
    assert.notEqual(proxied.completion.code, 0, 'the session\'s exclusions did not leak into the request\'s proxy');
  });
});
