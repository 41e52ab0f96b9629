'use strict';
// What compileLayer() and createSession() accept: a bad layer member or a bad
// session option or default is refused with its code and a detail saying why,
// and nothing is created.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startTestServer } = require('../../testserver/server');
const {
  loadAddon, layerFields, compileExactly, recordedSession, startFetch, sessionDefaults, assertFailure, makeEvent,
} = require('./native-harness');

const addon = loadAddon();
const PARAMETER_ERROR = 401;
const BAD_DNS_RULE = 1007900049;
let servers;
let recorded;

before(async () => {
  servers = await startTestServer();
  recorded = recordedSession(addon);
});

after(async () => {
  recorded.session.close();
  await servers.close();
});

const { Validation, AuthType, ProxyMode, HttpVersion } = addon;
// One past the largest member of a boundary enum: not a member.
const pastLast = (members) => Math.max(...Object.values(members)) + 1;
const validation = (overrides) => ({
  serverValidation: { kind: Validation.SYSTEM, caContent: '', caFile: '', caFolder: '', ...overrides },
});
const certificate = (overrides) => ({
  clientCertificate: { content: '', file: '', type: '', key: '', keyPassword: '', ...overrides },
});
const authentication = (overrides) => ({ authentication: { user: 'user', password: 'secret', type: AuthType.AUTO, ...overrides } });
const proxy = (overrides) => ({ proxy: { kind: ProxyMode.NONE, url: '', tunnelAlways: false, exclusions: [], ...overrides } });
const dns = (dnsServers, staticRules) => ({ dnsRules: { servers: dnsServers, staticRules } });
const staticRule = (overrides) => dns([], [{ host: 'example.com', port: 443, addresses: ['1.2.3.4'], ...overrides }]);

describe('compileLayer()', () => {
  const invalid = [
    ['a NaN timeout', { connectTimeoutMs: NaN }],
    ['a negative timeout', { transferTimeoutMs: -1 }],
    ['a timeout above 2^31-1 ms', { inactivityTimeoutMs: 2 ** 31 }],
    ['an infinite timeout', { connectTimeoutMs: Infinity }],
    ['a fractional timeout', { connectTimeoutMs: 1.5 }],
    ['a string timeout', { connectTimeoutMs: '100' }],
    ['an httpVersion past the last member', { httpVersion: pastLast(HttpVersion) }],
    ['a validation kind of -1', validation({ kind: -1 })],
    ['a validation kind past the last member', validation({ kind: pastLast(Validation) })],
    ['a custom CA without content, file or folder', validation({ kind: Validation.CUSTOM_CA })],
    ['an authentication type past the last member', authentication({ type: pastLast(AuthType) })],
    ['an authentication type of 0 (there is no NONE)', authentication({ type: 0 })],
    ['an authentication type given as its name', authentication({ type: 'BASIC' })],
    ['authentication without a user', authentication({ user: '' })],
    ['a proxy kind past the last member', proxy({ kind: pastLast(ProxyMode) })],
    ['a custom proxy without a url', proxy({ kind: ProxyMode.CUSTOM, url: '' })],
    ['a proxy exclusion smuggling a comma',
      proxy({ kind: ProxyMode.CUSTOM, url: 'http://127.0.0.1:1', exclusions: ['a.test,b.test'] })],
    ['a proxy group without its url member', { proxy: { kind: ProxyMode.NONE, tunnelAlways: false, exclusions: [] } }],
    ['an unknown certificate type', certificate({ type: 'JKS' })],
    ['an empty pinned key hash', { pinnedKeyHashes: [''] }],
    ['a pinned key hash smuggling a semicolon', { pinnedKeyHashes: ['AAAA;BBBB'] }],
    ['pinned key hashes that are not strings', { pinnedKeyHashes: [1] }],
    ['a static DNS rule without a port', dns([], [{ host: 'example.com', addresses: ['1.2.3.4'] }])],
    ['a static DNS rule with port 70000', staticRule({ port: 70000 })],
    ['a static DNS rule without an address', staticRule({ addresses: [] })],
    ['a static DNS rule with a colon in its host', staticRule({ host: 'example.com:443' })],
    ['a DNS server without an ip', dns([{ ip: '', port: 53 }], [])],
    ['a DNS server with port 70000', dns([{ ip: '1.1.1.1', port: 70000 }], [])],
    ['DNS servers that are not objects', dns(['1.1.1.1'], [])],
    ['DNS over HTTPS without a url', { dnsOverHttps: { url: '', skipVerify: false } }],
    ['a string with a NUL', validation({ kind: Validation.CUSTOM_CA, caFile: '/etc/ca\0.pem' })],
    ['a boolean given as a number', { autoRedirect: 1 }],
    ['a group given as a string', { serverValidation: 'system' }],
    ['a negative body cap', { maxBodyBytes: -1 }],
    ['a body cap above 2^53-1', { maxBodyBytes: 2 ** 53 }],
    ['infoToCollect with a bit past the last DebugKind', { infoToCollect: pastLast(addon.DebugKind) * 2 }],
    ['a negative infoToCollect', { infoToCollect: -1 }],
    ['infoToCollect given as an object', { infoToCollect: { textual: true } }],
    ['verbose given as a number', { verbose: 1 }],
    ['maxRedirects above 2^31-1', { maxRedirects: 2 ** 31 }],
    ['maxRedirects 0', { maxRedirects: 0 }],
    ['tcp given as a number', { tcp: 5 }],
    ['tcp.keepIdleSec 0', { tcp: { keepIdleSec: 0 } }],
    ['tcp.keepIdleSec 7201', { tcp: { keepIdleSec: 7201 } }],
    ['tcp.keepIntervalSec 0', { tcp: { keepIntervalSec: 0 } }],
    ['tcp.keepIntervalSec 76', { tcp: { keepIntervalSec: 76 } }],
    ['tcp.keepCount 0', { tcp: { keepCount: 0 } }],
    ['tcp.keepCount 10', { tcp: { keepCount: 10 } }],
    ['tcp.userTimeoutMs 0', { tcp: { userTimeoutMs: 0 } }],
    ['tcp.userTimeoutMs 3600001', { tcp: { userTimeoutMs: 3600001 } }],
    ['tcp.keepCount given as a string', { tcp: { keepCount: '3' } }],
    ['happyEyeballs given as a number', { happyEyeballs: 1 }],
  ];
  for (const [label, overrides] of invalid) {
    it(`returns 401 with a detail and no layer for ${label}`, () => {
      const result = addon.compileLayer(layerFields(overrides));
      assertFailure(result, PARAMETER_ERROR);
      assert.equal(result.layer, undefined);
    });
  }

  const notIpLiterals = [
    ['a static DNS rule with a bad address', staticRule({ addresses: ['not-an-ip'] })],
    ['a static DNS rule with a bracketed IPv6 address', staticRule({ addresses: ['[::1]'] })],
    ['a DNS server list smuggling a comma', dns([{ ip: '1.1.1.1,8.8.8.8', port: 0 }], [])],
    ['a DNS server given as a host name', dns([{ ip: 'dns.example', port: 53 }], [])],
  ];
  for (const [label, overrides] of notIpLiterals) {
    it(`returns 1007900049 with a detail and no layer for ${label}`, () => {
      const result = addon.compileLayer(layerFields(overrides));
      assertFailure(result, BAD_DNS_RULE);
      assert.ok(result.detail.length > 0);
      assert.equal(result.layer, undefined);
    });
  }

  it('returns 401 with a detail for something that is not an object', () => {
    for (const value of [undefined, null, 'options', 3]) {
      const result = addon.compileLayer(value);
      assertFailure(result, PARAMETER_ERROR, String(value));
      assert.equal(result.layer, undefined);
    }
  });

  it('accepts boundary values and returns a distinct opaque object for each call', () => {
    const results = [
      addon.compileLayer(layerFields({ connectTimeoutMs: 2 ** 31 - 1, transferTimeoutMs: 0, inactivityTimeoutMs: 0 })),
      addon.compileLayer(layerFields({
        httpVersion: HttpVersion.HTTP2_PRIOR_KNOWLEDGE,
        maxRedirects: 2 ** 31 - 1,
        ...validation({ kind: Validation.CUSTOM_CA, caFile: '/etc/ssl/ca.pem' }),
        ...authentication({ type: AuthType.DIGEST }),
        ...proxy({ kind: ProxyMode.CUSTOM, url: 'http://127.0.0.1:1', exclusions: ['localhost', 'http://example.com:80/'] }),
        ...certificate({ type: 'P12' }),
        pinnedKeyHashes: ['AAAA'],
        ...dns([{ ip: '127.0.0.1', port: 53 }, { ip: '::1', port: 0 }],
          [{ host: 'example.com', port: 443, addresses: ['127.0.0.1', '::1'] }, { host: 'other.test', port: 80, addresses: ['::1'] }]),
        dnsOverHttps: { url: 'https://127.0.0.1/dns-query', skipVerify: true },
        maxBodyBytes: Number.MAX_SAFE_INTEGER,
        tcp: { keepIdleSec: 7200, keepIntervalSec: 75, keepCount: 9, userTimeoutMs: 3600000 },
        happyEyeballs: true,
      })),
      addon.compileLayer(layerFields({ tcp: { keepIdleSec: 1, keepIntervalSec: 1, keepCount: 1, userTimeoutMs: 1 } })),
      addon.compileLayer(layerFields({ tcp: {}, happyEyeballs: false })),
      // Every member may be left out (or null): the layer then sets nothing and inherits everything.
      addon.compileLayer({}),
      addon.compileLayer({ connectTimeoutMs: null, autoRedirect: undefined, proxy: null, dnsRules: undefined }),
    ];
    for (const result of results) {
      assert.equal(result.code, 0, result.detail);
      assert.equal(result.detail, '');
      assert.equal(typeof result.layer, 'object');
      assert.notEqual(result.layer, null);
      // Opaque: nothing of the layer is readable from JavaScript.
      assert.deepEqual(Object.getOwnPropertyNames(result.layer), []);
    }
    assert.equal(new Set(results.map((result) => result.layer)).size, results.length);
  });

  it('applies static DNS rules to fetches', async () => {
    const port = Number(new URL(servers.http).port);
    const pinned = compileExactly(addon, layerFields(dns([], [{ host: 'rcp-native.test', port, addresses: ['127.0.0.1'] }])));
    assert.equal(startFetch(recorded.session, { url: `http://rcp-native.test:${port}/json`, ownLayer: pinned, token: 200 }), 0);
    const completion = await recorded.completion(200);
    assert.equal(completion.code, 0);
    assert.equal(completion.statusCode, 200);
  });

  it('exports nothing to free layers with, and no longer compileOptions(): the garbage collector frees them', () => {
    assert.equal(addon.releaseOptions, undefined);
    assert.equal(addon.releaseLayer, undefined);
    assert.equal(addon.compileOptions, undefined);
  });
});

describe('createSession()', () => {
  const limits = { maxConnectionsPerHost: 1, maxTotalConnections: 1 };
  const noop = () => {};
  const cases = [
    ['no options', [undefined, sessionDefaults(), noop, makeEvent]],
    ['zero connections per host', [{ maxConnectionsPerHost: 0, maxTotalConnections: 1 }, sessionDefaults(), noop, makeEvent]],
    ['fractional total connections', [{ maxConnectionsPerHost: 1, maxTotalConnections: 1.5 }, sessionDefaults(), noop, makeEvent]],
    ['connections given as a string', [{ maxConnectionsPerHost: '2' }, sessionDefaults(), noop, makeEvent]],
    ['no defaults', [limits, undefined, noop, makeEvent]],
    ['defaults without headers', [limits, { baseUrl: '', cookies: [] }, noop, makeEvent]],
    ['a baseUrl that is not a string', [limits, sessionDefaults({ baseUrl: 1 }), noop, makeEvent]],
    ['an odd-length header array', [limits, sessionDefaults({ headers: ['x-a'] }), noop, makeEvent]],
    ['cookies that are not an array', [limits, sessionDefaults({ cookies: 'a=1' }), noop, makeEvent]],
    ['a relative baseUrl', [limits, sessionDefaults({ baseUrl: '/api/' }), noop, makeEvent]],
    ['an ftp baseUrl', [limits, sessionDefaults({ baseUrl: 'ftp://127.0.0.1/' }), noop, makeEvent]],
    ['a baseUrl with a space', [limits, sessionDefaults({ baseUrl: 'http://127.0.0.1/a b/' }), noop, makeEvent]],
    ['a header name with a space', [limits, sessionDefaults({ headers: ['bad name', 'v'] }), noop, makeEvent]],
    ['a header value with CR LF', [limits, sessionDefaults({ headers: ['x-a', 'b\r\nInjected: 1'] }), noop, makeEvent]],
    ['an empty cookie name', [limits, sessionDefaults({ cookies: ['', '1'] }), noop, makeEvent]],
    ['a cookie value with a comma', [limits, sessionDefaults({ cookies: ['a', '1,2'] }), noop, makeEvent]],
    ['a handler that is not a function', [limits, sessionDefaults(), 'handler', makeEvent]],
    ['no event factory', [limits, sessionDefaults(), noop]],
    ['an event factory that is not a function', [limits, sessionDefaults(), noop, {}]],
  ];
  for (const [label, args] of cases) {
    it(`returns 401 with a detail and no session for ${label}`, () => {
      const before = addon.openSessionCount();
      const result = addon.createSession(...args);
      assertFailure(result, PARAMETER_ERROR);
      assert.equal(result.session, undefined);
      assert.equal(addon.openSessionCount(), before);
    });
  }

  it('takes the connection limits as optional', () => {
    for (const options of [{}, { maxConnectionsPerHost: 2 }, { maxTotalConnections: 3 }]) {
      const result = addon.createSession(options, sessionDefaults(), noop, makeEvent);
      assert.equal(result.code, 0, result.detail);
      assert.equal(result.detail, '');
      result.session.close();
    }
  });

  it('gives each session a distinct read-only id', () => {
    const a = addon.createSession(limits, sessionDefaults(), noop, makeEvent);
    const b = addon.createSession(limits, sessionDefaults(), noop, makeEvent);
    try {
      assert.equal(a.code, 0);
      assert.match(a.session.id, /^session-\d+$/);
      assert.notEqual(a.session.id, b.session.id);
      assert.throws(() => {
        'use strict';
        a.session.id = 'other';
      }, TypeError);
      assert.deepEqual(Object.keys(a.session), ['id'], 'the handler and factory slots are hidden');
    } finally {
      a.session.close();
      b.session.close();
    }
  });
});
