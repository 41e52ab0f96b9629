'use strict';
// The native module's input rules: what fetch(), createSession() and
// compileOptions() reject, with which code, and that a rejected fetch sends
// no event. Also the stateless helpers (URL checks, header rules, forms).

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startTestServer } = require('../../testserver/server');
const { loadAddon, requestOptions, recordedSession, startFetch, sleep, makeEvent } = require('./native-harness');

const addon = loadAddon();
const PARAMETER_ERROR = 401;
const MALFORMED_URL = 1007900003;
const UNSUPPORTED_PROTOCOL = 1007900001;
const CLEARTEXT_FORBIDDEN = 1007900201;
let servers;
let compiled;
let recorded;

before(async () => {
  servers = await startTestServer();
  compiled = addon.compileOptions(requestOptions());
  recorded = recordedSession(addon);
});

after(async () => {
  recorded.session.close();
  await servers.close();
});

describe('fetch() rejects bad input synchronously, without events', () => {
  const good = () => ({ url: `${servers.http}/json`, compiled });
  const cases = [
    ['an empty url', { url: '' }, PARAMETER_ERROR],
    ['a url without a scheme', { url: 'not a url' }, MALFORMED_URL],
    ['a url with a space', () => ({ url: `${servers.http}/a b` }), MALFORMED_URL],
    ['a url with a NUL', () => ({ url: `${servers.http}/a\0b` }), MALFORMED_URL],
    ['an ftp url', { url: 'ftp://127.0.0.1/file' }, UNSUPPORTED_PROTOCOL],
    ['a header value with CR LF', { headers: ['x-a', 'b\r\nInjected: 1'] }, PARAMETER_ERROR],
    ['a header name with a space', { headers: ['bad name', 'v'] }, PARAMETER_ERROR],
    ['an empty header name', { headers: ['', 'v'] }, PARAMETER_ERROR],
    ['an odd-length header array', { headers: ['x-a'] }, PARAMETER_ERROR],
    ['a non-string header', { headers: ['x-a', 1] }, PARAMETER_ERROR],
    ['a method with a space', { method: 'GE T' }, PARAMETER_ERROR],
    ['an empty method', { method: '' }, PARAMETER_ERROR],
    ['a method with CR LF', { method: 'GET\r\n' }, PARAMETER_ERROR],
    ['options that are a number', { compiled: 987654 }, PARAMETER_ERROR],
    ['options that are undefined', { compiled: undefined }, PARAMETER_ERROR],
    ['options that are a plain object', () => ({ compiled: requestOptions() }), PARAMETER_ERROR],
    ['options that are a session', () => ({ compiled: recorded.session }), PARAMETER_ERROR],
    ['a token that is NaN', { token: NaN }, PARAMETER_ERROR],
    ['a token that is Infinity', { token: Infinity }, PARAMETER_ERROR],
    ['a string token', { token: '1' }, PARAMETER_ERROR],
    ['an eventMask with unknown bits', { eventMask: 16 }, PARAMETER_ERROR],
    ['a fractional eventMask', { eventMask: 1.5 }, PARAMETER_ERROR],
    ['a default content type with LF', { defaultContentType: 'text/plain\nx: y' }, PARAMETER_ERROR],
    ['a range with letters', { range: 'bytes=0-1' }, PARAMETER_ERROR],
    ['a range without a dash', { range: '100' }, PARAMETER_ERROR],
    ['a download path with a NUL', { downloadPath: '/tmp/a\0b' }, PARAMETER_ERROR],
    ['a body that is not an array', { body: 'text' }, PARAMETER_ERROR],
    ['a body segment of unknown kind', { body: [{ kind: 2, data: 'x' }] }, PARAMETER_ERROR],
    ['a bytes segment without data', { body: [{ kind: addon.BodySegmentKind.BYTES }] }, PARAMETER_ERROR],
    ['a bytes segment with a Uint8Array', { body: [{ kind: addon.BodySegmentKind.BYTES, data: new Uint8Array(2) }] },
      PARAMETER_ERROR],
    ['a file segment without a path', { body: [{ kind: addon.BodySegmentKind.FILE, path: '' }] }, PARAMETER_ERROR],
    ['a url that is not a string', { url: 42 }, PARAMETER_ERROR],
    ['headers that are not an array', { headers: 'x-a: b' }, PARAMETER_ERROR],
  ];
  for (const [label, fields, expected] of cases) {
    it(`returns ${expected} for ${label}`, () => {
      const overrides = typeof fields === 'function' ? fields() : fields;
      assert.equal(startFetch(recorded.session, { ...good(), token: 5, ...overrides }), expected);
    });
  }

  it('returns 1007900201 for http:// when cleartext is forbidden', () => {
    const strict = addon.compileOptions(requestOptions({ forbidCleartext: true }));
    assert.equal(startFetch(recorded.session, { url: `${servers.http}/json`, compiled: strict }), CLEARTEXT_FORBIDDEN);
  });

  it('refuses to run on anything but a session made by createSession()', () => {
    const { fetch, cancel, cancelAll, close } = recorded.session;
    // The runtime itself rejects a foreign receiver for class methods.
    assert.throws(() => fetch.call({}, 1, '', `${servers.http}/json`, 'GET', [], [], '', '', '', compiled, 0), TypeError);
    assert.throws(() => close.call(null), TypeError);
    // An instance of the class made without createSession() has no engine session behind it.
    const detached = new recorded.session.constructor();
    assert.equal(detached.fetch(1, '', `${servers.http}/json`, 'GET', [], [], '', '', '', compiled, 0), PARAMETER_ERROR);
    assert.equal(cancel.call(detached, 'x'), PARAMETER_ERROR);
    assert.equal(cancelAll.call(detached), PARAMETER_ERROR);
    assert.equal(detached.close(), PARAMETER_ERROR);
    assert.throws(() => detached.inFlight(), TypeError);
    // Compiled options wrap a native pointer too, but of another kind: refused, never reinterpreted
    // (here by the runtime's receiver check, on a runtime without one by the session's type tag).
    assert.throws(() => fetch.call(compiled, 1, '', `${servers.http}/json`, 'GET', [], [], '', '', '', compiled, 0),
      TypeError);
    assert.throws(() => cancel.call(compiled, 'x'), TypeError);
    assert.throws(() => close.call(compiled), TypeError);
    assert.throws(() => recorded.session.inFlight.call(compiled), TypeError);
    assert.equal(recorded.session.cancel(3), PARAMETER_ERROR);
  });

  it('sent no event for any rejected fetch and has nothing in flight', async () => {
    await sleep(200);
    assert.deepEqual(recorded.batches, []);
    assert.equal(recorded.session.inFlight(), 0);
  });

  it('accepts the good request the cases above were built from', async () => {
    assert.equal(startFetch(recorded.session, { ...good(), token: 99 }), 0);
    assert.equal((await recorded.completion(99)).statusCode, 200);
  });
});

describe('compileOptions()', () => {
  const invalid = [
    ['a NaN timeout', { connectTimeoutMs: NaN }],
    ['a negative timeout', { transferTimeoutMs: -1 }],
    ['a timeout above 2^31-1 ms', { inactivityTimeoutMs: 2 ** 31 }],
    ['an infinite timeout', { connectTimeoutMs: Infinity }],
    ['a fractional timeout', { connectTimeoutMs: 1.5 }],
    ['a string timeout', { connectTimeoutMs: '100' }],
    ['httpVersion 3', { httpVersion: 3 }],
    ['validation -1', { validation: -1 }],
    ['authType 5', { authType: 5 }],
    ['proxy 3', { proxy: 3 }],
    ['a custom proxy without a url', { proxy: addon.ProxyMode.CUSTOM, proxyUrl: '' }],
    ['an unknown certificate type', { clientCertType: 'JKS' }],
    ['a pin without sha256//', { pinnedPublicKeys: ['abc'] }],
    ['a static DNS rule without a port', { staticDns: ['example.com:1.2.3.4'] }],
    ['a static DNS rule with a bad address', { staticDns: ['example.com:443:not-an-ip'] }],
    ['a static DNS rule with port 70000', { staticDns: ['example.com:70000:1.2.3.4'] }],
    ['a DNS server list smuggling a comma', { dnsServers: ['1.1.1.1,8.8.8.8'] }],
    ['a string with a NUL', { caFile: '/etc/ca\0.pem' }],
    ['a boolean given as a number', { autoRedirect: 1 }],
    ['a missing field', { decodeContent: undefined }],
    ['a negative body cap', { maxBodyBytes: -1 }],
    ['maxRedirects above 2^31-1', { maxRedirects: 2 ** 31 }],
  ];
  for (const [label, overrides] of invalid) {
    it(`returns undefined for ${label}`, () => {
      assert.equal(addon.compileOptions(requestOptions(overrides)), undefined);
    });
  }

  it('returns undefined for something that is not an object', () => {
    assert.equal(addon.compileOptions(undefined), undefined);
    assert.equal(addon.compileOptions('options'), undefined);
  });

  it('accepts boundary values and returns a distinct opaque object for each call', () => {
    const compiledOptions = [
      addon.compileOptions(requestOptions({ connectTimeoutMs: 2 ** 31 - 1, transferTimeoutMs: 0, inactivityTimeoutMs: 0 })),
      addon.compileOptions(requestOptions({
        httpVersion: addon.HttpVersion.HTTP2_PRIOR_KNOWLEDGE,
        validation: addon.Validation.CUSTOM_CA,
        authType: addon.AuthType.DIGEST,
        proxy: addon.ProxyMode.CUSTOM,
        proxyUrl: 'http://127.0.0.1:1',
        clientCertType: 'P12',
        pinnedPublicKeys: ['sha256//AAAA'],
        staticDns: ['example.com:443:127.0.0.1,[::1]', 'other.test:80:::1'],
        dnsServers: ['127.0.0.1:53'],
        proxyExclusions: ['localhost'],
        maxBodyBytes: Number.MAX_SAFE_INTEGER,
      })),
    ];
    for (const options of compiledOptions) {
      assert.equal(typeof options, 'object');
      assert.notEqual(options, null);
      // Opaque: nothing of the options is readable from JavaScript.
      assert.deepEqual(Object.getOwnPropertyNames(options), []);
    }
    assert.notEqual(compiledOptions[0], compiledOptions[1]);
  });

  it('applies static DNS rules to fetches', async () => {
    const port = new URL(servers.http).port;
    const pinned = addon.compileOptions(requestOptions({ staticDns: [`rcp-native.test:${port}:127.0.0.1`] }));
    assert.equal(startFetch(recorded.session, { url: `http://rcp-native.test:${port}/json`, compiled: pinned, token: 200 }), 0);
    const completion = await recorded.completion(200);
    assert.equal(completion.code, 0);
    assert.equal(completion.statusCode, 200);
  });

  it('exports nothing to free them with: the garbage collector does', () => {
    assert.equal(addon.releaseOptions, undefined);
  });
});

describe('createSession()', () => {
  const cases = [
    ['no options', [undefined, () => {}, makeEvent]],
    ['zero connections per host', [{ maxConnectionsPerHost: 0, maxTotalConnections: 1 }, () => {}, makeEvent]],
    ['fractional total connections', [{ maxConnectionsPerHost: 1, maxTotalConnections: 1.5 }, () => {}, makeEvent]],
    ['a handler that is not a function', [{ maxConnectionsPerHost: 1, maxTotalConnections: 1 }, 'handler', makeEvent]],
    ['no event factory', [{ maxConnectionsPerHost: 1, maxTotalConnections: 1 }, () => {}]],
    ['an event factory that is not a function', [{ maxConnectionsPerHost: 1, maxTotalConnections: 1 }, () => {}, {}]],
  ];
  for (const [label, args] of cases) {
    it(`returns { code: 401 } for ${label}`, () => {
      const before = addon.openSessionCount();
      assert.deepEqual(addon.createSession(...args), { code: PARAMETER_ERROR });
      assert.equal(addon.openSessionCount(), before);
    });
  }

  it('gives each session a distinct read-only id', () => {
    const a = addon.createSession({ maxConnectionsPerHost: 1, maxTotalConnections: 1 }, () => {}, makeEvent);
    const b = addon.createSession({ maxConnectionsPerHost: 1, maxTotalConnections: 1 }, () => {}, makeEvent);
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

describe('URL and header helpers', () => {
  it('checkUrl() returns the same codes fetch() does', () => {
    assert.equal(addon.checkUrl('https://example.com/a?b=1'), 0);
    assert.equal(addon.checkUrl(''), PARAMETER_ERROR);
    assert.equal(addon.checkUrl('example.com'), MALFORMED_URL);
    assert.equal(addon.checkUrl('ws://example.com'), UNSUPPORTED_PROTOCOL);
    assert.equal(addon.checkUrl(undefined), PARAMETER_ERROR);
  });

  it('resolveUrl() resolves references and returns undefined when it cannot', () => {
    assert.equal(addon.resolveUrl('https://a.test/b/', 'c?d=1'), 'https://a.test/b/c?d=1');
    assert.equal(addon.resolveUrl('https://a.test/b/c', '/x'), 'https://a.test/x');
    assert.equal(addon.resolveUrl('', 'https://z.test/'), 'https://z.test/');
    assert.equal(addon.resolveUrl('https://a.test/', 'x\0y'), undefined);
    assert.throws(() => addon.resolveUrl('https://a.test/', 1), TypeError);
  });

  it('header name, value and method rules', () => {
    assert.equal(addon.isValidHeaderName('X-Custom_1'), true);
    assert.equal(addon.isValidHeaderName('bad name'), false);
    assert.equal(addon.isValidHeaderName(''), false);
    assert.equal(addon.isValidHeaderValue('a value; with=stuff'), true);
    assert.equal(addon.isValidHeaderValue(''), true);
    assert.equal(addon.isValidHeaderValue('a\r\nb'), false);
    assert.equal(addon.isValidHeaderValue('a\0b'), false);
    assert.equal(addon.isValidMethod('PATCH'), true);
    assert.equal(addon.isValidMethod('GE T'), false);
    assert.equal(addon.isValidMethod('A'.repeat(33)), false);
    assert.throws(() => addon.isValidHeaderName(1), TypeError);
    assert.throws(() => addon.isValidHeaderValue(null), TypeError);
    assert.throws(() => addon.isValidMethod(), TypeError);
  });

  it('errorMessage() gives readable text for known and unknown codes', () => {
    const canceled = addon.errorMessage(1007900992);
    assert.equal(typeof canceled, 'string');
    assert.notEqual(canceled, addon.errorMessage(4242));
    assert.equal(addon.errorMessage(-1), addon.errorMessage(4242));
    assert.equal(addon.errorMessage(1.5), addon.errorMessage(4242));
    assert.throws(() => addon.errorMessage('401'), TypeError);
  });
});

describe('form encoders', () => {
  it('encodeUrlEncodedForm() percent-encodes pairs in order', () => {
    assert.equal(addon.encodeUrlEncodedForm(['a b', 'x&y=z', 'é', '~-._']), 'a+b=x%26y%3Dz&%C3%A9=~-._');
    assert.equal(addon.encodeUrlEncodedForm([]), '');
    assert.throws(() => addon.encodeUrlEncodedForm(['odd']), TypeError);
    assert.throws(() => addon.encodeUrlEncodedForm([1, 2]), TypeError);
    assert.throws(() => addon.encodeUrlEncodedForm('a=b'), TypeError);
  });

  it('encodeMultipartForm() returns byte segments, file segments and the content type', () => {
    const encoded = addon.encodeMultipartForm(
      [
        { name: 'text', value: 'plain' },
        { name: 'bytes', value: new Uint8Array([1, 2, 3]).buffer, fileName: 'b.bin' },
        { name: 'file', path: '/tmp/some file.txt' },
      ],
      'B0undary',
    );
    assert.equal(encoded.contentType, 'multipart/form-data; boundary=B0undary');
    assert.ok(encoded.segments.length >= 3);
    for (const segment of encoded.segments) {
      if (segment.kind === 0) {
        assert.ok(segment.data instanceof ArrayBuffer);
        assert.equal(segment.path, undefined);
      } else {
        assert.equal(segment.kind, 1);
        assert.equal(segment.path, '/tmp/some file.txt');
        assert.equal(segment.data, undefined);
      }
    }
    assert.equal(encoded.segments.filter((segment) => segment.kind === 1).length, 1);
    const text = Buffer.concat(encoded.segments.filter((s) => s.kind === 0).map((s) => Buffer.from(s.data))).toString('latin1');
    assert.match(text, /^--B0undary\r\nContent-Disposition: form-data; name="text"\r\n\r\nplain\r\n/);
    // eslint-disable-next-line no-control-regex -- the part's content is these three control bytes
    assert.match(text, /name="bytes"; filename="b\.bin"\r\nContent-Type: application\/octet-stream\r\n\r\n\x01\x02\x03\r\n/);
    assert.match(text, /name="file"; filename="some file\.txt"/);
    assert.ok(text.endsWith('--B0undary--\r\n'));
  });

  it('encodeMultipartForm() sends a string value with a fileName as a file part', () => {
    const encoded = addon.encodeMultipartForm([{ name: 'f', value: 'content', fileName: 'a.txt' }], 'b');
    const text = Buffer.concat(encoded.segments.map((s) => Buffer.from(s.data))).toString('utf8');
    assert.match(text, /name="f"; filename="a\.txt"\r\nContent-Type: application\/octet-stream\r\n\r\ncontent\r\n/);
  });

  it('encodeMultipartForm() generates a boundary when given an empty one', () => {
    const encoded = addon.encodeMultipartForm([{ name: 'a', value: '1' }], '');
    const boundary = encoded.contentType.replace('multipart/form-data; boundary=', '');
    assert.ok(boundary.length > 0 && boundary.length <= 70);
  });

  it('encodeMultipartForm() returns undefined for unusable boundaries and parts', () => {
    assert.equal(addon.encodeMultipartForm([{ name: 'a', value: '1' }], 'x'.repeat(71)), undefined);
    assert.equal(addon.encodeMultipartForm([{ name: 'a', value: '1' }], 'bad\r\nboundary'), undefined);
    assert.equal(addon.encodeMultipartForm([{ name: 'a', value: '1', contentType: 'text/plain\r\nX: y' }], 'b'), undefined);
    assert.equal(addon.encodeMultipartForm([{ name: 'a', path: '' }], 'b'), undefined);
    assert.equal(addon.encodeMultipartForm([{ name: 'a', path: '/tmp/a\0b' }], 'b'), undefined);
  });

  it('encodeMultipartForm() throws a TypeError for wrong types', () => {
    assert.throws(() => addon.encodeMultipartForm('parts', ''), TypeError);
    assert.throws(() => addon.encodeMultipartForm([], 1), TypeError);
    assert.throws(() => addon.encodeMultipartForm([{ value: 'no name' }], ''), TypeError);
    assert.throws(() => addon.encodeMultipartForm([{ name: 'a' }], ''), TypeError);
    assert.throws(() => addon.encodeMultipartForm([{ name: 'a', value: 3 }], ''), TypeError);
  });
});
