'use strict';
// The native module's input rules: what fetch() rejects, with which code and a
// NativeFailure saying why, and that a rejected fetch sends no event. Also the
// stateless helpers (URL checks, header rules, forms). compileLayer() and
// createSession() are in configuration-input.test.js.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startTestServer } = require('../../testserver/server');
const {
  loadAddon, compileLayer, layerFields, recordedSession, fetchArguments, startFetch, assertFailure, sleep,
} = require('./native-harness');

const addon = loadAddon();
const PARAMETER_ERROR = 401;
const MALFORMED_URL = 1007900003;
const UNSUPPORTED_PROTOCOL = 1007900001;
const CLEARTEXT_FORBIDDEN = 1007900201;
let servers;
let layer;
let recorded;

before(async () => {
  servers = await startTestServer();
  layer = compileLayer(addon);
  recorded = recordedSession(addon);
});

after(async () => {
  recorded.session.close();
  await servers.close();
});

describe('fetch() rejects bad input synchronously, without events', () => {
  const good = () => ({ url: `${servers.http}/json`, ownLayer: layer, sessionLayer: layer });
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
    ['cookies that are not an array', { cookies: 'a=1' }, PARAMETER_ERROR],
    ['an odd-length cookie array', { cookies: ['a'] }, PARAMETER_ERROR],
    ['a cookie name with a space', { cookies: ['a b', '1'] }, PARAMETER_ERROR],
    ['an empty cookie name', { cookies: ['', '1'] }, PARAMETER_ERROR],
    ['a cookie value with a semicolon', { cookies: ['a', '1; b=2'] }, PARAMETER_ERROR],
    ['a cookie value with CR LF', { cookies: ['a', '1\r\nInjected: 1'] }, PARAMETER_ERROR],
    ['a method with a space', { method: 'GE T' }, PARAMETER_ERROR],
    ['a method of 33 characters', { method: 'A'.repeat(33) }, PARAMETER_ERROR],
    ['a method with CR LF', { method: 'GET\r\n' }, PARAMETER_ERROR],
    ['an empty method', { method: '' }, PARAMETER_ERROR],
    ['an own layer that is a number', { ownLayer: 987654 }, PARAMETER_ERROR],
    ['an own layer that is null', { ownLayer: null }, PARAMETER_ERROR],
    ['an own layer that is a plain object', () => ({ ownLayer: layerFields() }), PARAMETER_ERROR],
    ['an own layer that is a session', () => ({ ownLayer: recorded.session }), PARAMETER_ERROR],
    ['an own layer that is compileLayer()\'s result object', () => ({ ownLayer: addon.compileLayer({}) }), PARAMETER_ERROR],
    ['a session layer that is a number', { sessionLayer: 987654 }, PARAMETER_ERROR],
    ['a session layer that is null', { sessionLayer: null }, PARAMETER_ERROR],
    ['a session layer that is a plain object', () => ({ sessionLayer: layerFields() }), PARAMETER_ERROR],
    ['a session layer that is a session', () => ({ sessionLayer: recorded.session }), PARAMETER_ERROR],
    ['a token that is NaN', { token: NaN }, PARAMETER_ERROR],
    ['a token that is Infinity', { token: Infinity }, PARAMETER_ERROR],
    ['a negative token', { token: -1 }, PARAMETER_ERROR],
    ['a fractional token', { token: 1.5 }, PARAMETER_ERROR],
    ['a string token', { token: '1' }, PARAMETER_ERROR],
    ['an eventMask with an unknown bit', { eventMask: Math.max(...Object.values(addon.WantBits)) * 2 }, PARAMETER_ERROR],
    ['a fractional eventMask', { eventMask: 1.5 }, PARAMETER_ERROR],
    ['a default content type with LF', { defaultContentType: 'text/plain\nx: y' }, PARAMETER_ERROR],
    ['ranges that are not an array', { ranges: '0-1' }, PARAMETER_ERROR],
    ['a range bound that is a string', { ranges: ['0', 1] }, PARAMETER_ERROR],
    ['an odd-length range array', { ranges: [100] }, PARAMETER_ERROR],
    ['a negative range bound', { ranges: [-1, 5] }, PARAMETER_ERROR],
    ['a fractional range bound', { ranges: [0, 1.5] }, PARAMETER_ERROR],
    ['a range whose start passes its end', { ranges: [5, 4] }, PARAMETER_ERROR],
    ['an empty suffix range', { ranges: [null, 0] }, PARAMETER_ERROR],
    ['a download path with a NUL', { downloadPath: '/tmp/a\0b' }, PARAMETER_ERROR],
    ['a body that is not an array', { body: 'text' }, PARAMETER_ERROR],
    ['a body segment of unknown kind', { body: [{ kind: Math.max(...Object.values(addon.BodySegmentKind)) + 1, data: 'x' }] },
      PARAMETER_ERROR],
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
      assertFailure(startFetch(recorded.session, { ...good(), token: 5, ...overrides }), expected);
    });
  }

  it('returns 1007900201 for http:// when cleartext is forbidden, by the own or the session layer', () => {
    const strict = compileLayer(addon, { forbidCleartext: true });
    assertFailure(startFetch(recorded.session, { url: `${servers.http}/json`, ownLayer: strict }), CLEARTEXT_FORBIDDEN);
    assertFailure(startFetch(recorded.session, { url: `${servers.http}/json`, sessionLayer: strict }), CLEARTEXT_FORBIDDEN);
  });

  it('refuses to run on anything but a session made by createSession()', () => {
    const { fetch, cancel, cancelAll, close } = recorded.session;
    const args = fetchArguments({ token: 1, url: `${servers.http}/json`, ownLayer: layer });
    // The runtime itself rejects a foreign receiver for class methods.
    assert.throws(() => fetch.call({}, ...args), TypeError);
    assert.throws(() => close.call(null), TypeError);
    // An instance of the class made without createSession() has no engine session behind it.
    const detached = new recorded.session.constructor();
    assertFailure(detached.fetch(...args), PARAMETER_ERROR);
    assert.equal(cancel.call(detached, 1), PARAMETER_ERROR);
    assert.equal(cancelAll.call(detached), PARAMETER_ERROR);
    assert.equal(detached.close(), PARAMETER_ERROR);
    assert.throws(() => detached.inFlight(), TypeError);
    // Compiled layers wrap a native pointer too, but of another kind: refused, never reinterpreted
    // (here by the runtime's receiver check, on a runtime without one by the session's type tag).
    assert.throws(() => fetch.call(layer, ...args), TypeError);
    assert.throws(() => cancel.call(layer, 1), TypeError);
    assert.throws(() => close.call(layer), TypeError);
    assert.throws(() => recorded.session.inFlight.call(layer), TypeError);
  });

  it('cancel() takes a whole number >= 0 and returns 401 for anything else', () => {
    for (const token of ['3', -1, 1.5, NaN, undefined]) assert.equal(recorded.session.cancel(token), PARAMETER_ERROR, String(token));
  });

  it('sent no event for any rejected fetch and has nothing in flight', async () => {
    await sleep(200);
    assert.deepEqual(recorded.batches, []);
    assert.equal(recorded.session.inFlight(), 0);
  });

  it('accepts the good request the cases above were built from, and one with no layers', async () => {
    assert.equal(startFetch(recorded.session, { ...good(), token: 99 }), 0);
    assert.equal((await recorded.completion(99)).statusCode, 200);
    assert.equal(startFetch(recorded.session, { url: `${servers.http}/json`, token: 100 }), 0);
    assert.equal((await recorded.completion(100)).statusCode, 200);
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
