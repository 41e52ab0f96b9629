'use strict';
// Functions in a NativeConfigurationLayer (proxy.useProxyFor, the kit's
// DynamicExclusionRule; dnsRules.dynamicRule, its DynamicDnsRule): fetch()
// calls them synchronously with the request's URL, or host and port; a throw
// fails the fetch with 1007900042 and leaves no exception pending, a result of
// the wrong type with 401, a DNS answer that is not an address with
// 1007900049; a compiled layer lets its functions go when it is collected.

const path = require('node:path');
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startTestServer } = require('../../testserver/server');
const { loadAddon, compileLayer, recordedSession, startFetch, assertFailure, runNode } = require('./native-harness');

const addon = loadAddon();
const ABORTED_BY_CALLBACK = 1007900042;
const BAD_DNS_RULE = 1007900049;
const COULDNT_CONNECT = 1007900007;
const DEAD_PROXY = 'http://127.0.0.1:1';
let servers;
let recorded;
let nextToken = 1;

before(async () => {
  servers = await startTestServer();
  recorded = recordedSession(addon);
});

after(async () => {
  recorded.session.close();
  await servers.close();
});

const exclusionLayer = (useProxyFor) => compileLayer(addon, {
  proxy: { kind: addon.ProxyMode.CUSTOM, url: DEAD_PROXY, tunnelAlways: false, exclusions: [], useProxyFor },
});
const dnsLayer = (dynamicRule) => compileLayer(addon, { dnsRules: { servers: [], staticRules: [], dynamicRule } });

/** Starts a fetch of `url` with `ownLayer`; resolves with its EVENT_COMPLETE (or what fetch() returned). */
function fetchWith(url, ownLayer) {
  const token = nextToken++;
  const started = startFetch(recorded.session, { url, ownLayer, token });
  return started === 0 ? recorded.completion(token) : Promise.resolve(started);
}

describe('dynamic rules', () => {
  it('a DNS rule is asked with the host and port and its address is used', async () => {
    const port = Number(new URL(servers.http).port);
    const asked = [];
    const layer = dnsLayer(function rule(host, rulePort, ...rest) {
      asked.push([host, rulePort, rest.length, this]);
      return ['127.0.0.1'];
    });
    const completion = await fetchWith(`http://dynamic-rule.test:${port}/json`, layer);
    assert.equal(completion.code, 0, completion.detail);
    assert.equal(completion.statusCode, 200);
    assert.deepEqual(asked, [['dynamic-rule.test', port, 0, undefined]]);
  });

  it('an exclusion rule is asked with the URL: false connects directly, true uses the proxy', async () => {
    const asked = [];
    const url = `${servers.http}/json`;
    const direct = await fetchWith(url, exclusionLayer((requestUrl) => {
      asked.push(requestUrl);
      return false;
    }));
    assert.equal(direct.code, 0, direct.detail);
    assert.equal(direct.statusCode, 200);
    assert.deepEqual(asked, [url]);
    const proxied = await fetchWith(url, exclusionLayer(() => true));
    assert.equal(proxied.code, COULDNT_CONNECT);
  });

  it('a rule that throws fails the fetch with 1007900042 and its message, leaving nothing pending', () => {
    const thrown = [
      ['an Error', () => { throw new Error('rule broke'); }, 'rule broke'],
      ['a string', () => { throw 'plain text'; }, 'plain text'],
      ['undefined', () => { throw undefined; }, 'a value without a message'],
      ['an object whose message getter throws', () => {
        throw Object.defineProperty({}, 'message', { get() { throw new Error('getter'); } });
      }, 'a value without a message'],
    ];
    for (const [label, rule, message] of thrown) {
      for (const layer of [dnsLayer(rule), exclusionLayer(rule)]) {
        const result = startFetch(recorded.session, { url: `${servers.http}/json`, ownLayer: layer, token: nextToken++ });
        assertFailure(result, ABORTED_BY_CALLBACK, label);
        assert.ok(result.detail.includes(message), `${label}: ${result.detail}`);
      }
    }
    // Had an exception stayed pending, this call would throw instead of returning.
    assert.equal(typeof addon.compileLayer({}), 'object');
  });

  it('a rule that returns the wrong type fails the fetch with 401; a DNS answer that is no address with 1007900049', () => {
    const cases = [
      ['a DNS rule returning a string', dnsLayer(() => '127.0.0.1'), 401],
      ['a DNS rule returning numbers', dnsLayer(() => [127]), 401],
      ['a DNS rule returning undefined', dnsLayer(() => undefined), 401],
      ['a DNS rule returning a Promise', dnsLayer(async () => ['127.0.0.1']), 401],
      ['a DNS rule returning an array with a throwing element', dnsLayer(() => {
        const answer = ['127.0.0.1'];
        Object.defineProperty(answer, 0, { get() { throw new Error('element'); } });
        return answer;
      }), 401],
      ['a DNS rule returning a host name', dnsLayer(() => ['localhost']), BAD_DNS_RULE],
      ['an exclusion rule returning a number', exclusionLayer(() => 1), 401],
      ['an exclusion rule returning nothing', exclusionLayer(() => {}), 401],
    ];
    for (const [label, layer, code] of cases) {
      assertFailure(startFetch(recorded.session, { url: `${servers.http}/json`, ownLayer: layer, token: nextToken++ }),
        code, label);
    }
    assert.equal(typeof addon.compileLayer({}), 'object');
  });

  it('the session stays usable after rules fail', async () => {
    startFetch(recorded.session, { url: `${servers.http}/json`, ownLayer: dnsLayer(() => { throw new Error('x'); }), token: nextToken++ });
    const completion = await fetchWith(`${servers.http}/json`, undefined);
    assert.equal(completion.code, 0, completion.detail);
    assert.equal(completion.statusCode, 200);
  });

  it('a rule member that is not a function is refused with 401', () => {
    assertFailure(addon.compileLayer({ dnsRules: { servers: [], staticRules: [], dynamicRule: 'rule' } }), 401);
    assertFailure(addon.compileLayer({
      proxy: { kind: addon.ProxyMode.CUSTOM, url: DEAD_PROXY, tunnelAlways: false, exclusions: [], useProxyFor: {} },
    }), 401);
  });

  it('a collected layer lets its functions go', async () => {
    const fixture = path.join(__dirname, '..', 'fixtures', 'dynamic-rules-collected.js');
    const result = await runNode(['--expose-gc', fixture], { limitMs: 20_000 });
    assert.equal(result.timedOut, false, `the child did not exit: ${result.stderr}`);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.heldLayers, report.layers);
    assert.equal(report.collectedWhileHeld, 0, 'a held layer keeps its functions');
    assert.equal(report.collectedAfterDrop, 2 * report.layers, 'every function was collected with its layer');
  });
});
