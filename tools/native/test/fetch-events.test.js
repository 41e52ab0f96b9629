'use strict';
// What a fetch delivers through the native module: completion fields, the
// optional events selected by eventMask, request bodies, downloads, cancels.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createHash } = require('node:crypto');
const { startTestServer, JSON_BODY, FIXED_COOKIE, patternBytes } = require('../../testserver/server');
const {
  loadAddon, compileLayer, recordedSession, startFetch, fetchCode, assertFailure, headerPairs, headerValue, sleep,
} = require('./native-harness');

const addon = loadAddon();
let servers;
let layer;
let recorded;
let tempDir;

before(async () => {
  servers = await startTestServer();
  layer = compileLayer(addon);
  assert.equal(typeof layer, 'object');
  recorded = recordedSession(addon);
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcp-native-'));
});

after(async () => {
  recorded.session.close();
  fs.rmSync(tempDir, { recursive: true, force: true });
  await servers.close();
});

let nextToken = 1;
async function fetchAndWait(fields) {
  const token = nextToken++;
  const result = startFetch(recorded.session, { ownLayer: layer, ...fields, token });
  assert.equal(fetchCode(result), 0, `fetch of ${fields.url} was rejected: ${JSON.stringify(result)}`);
  const completion = await recorded.completion(token);
  return { token, completion, events: recorded.eventsOf(token) };
}

/** The fields the module gave a value (the factory leaves the others undefined), sorted. */
function fieldsOf(event) {
  return Object.keys(event).filter((key) => event[key] !== undefined).sort();
}

describe('a completed GET', () => {
  it('delivers status, lower-case headers and the body as an ArrayBuffer', async () => {
    const { completion } = await fetchAndWait({ url: `${servers.http}/json` });
    assert.equal(completion.code, 0);
    assert.equal(completion.message, undefined);
    assert.equal(completion.statusCode, 200);
    assert.ok(completion.body instanceof ArrayBuffer);
    assert.deepEqual(JSON.parse(Buffer.from(completion.body).toString('utf8')), JSON_BODY);
    assert.equal(typeof completion.headers, 'string');
    assert.equal(headerValue(completion.headers, 'content-type'), 'application/json; charset=utf-8');
    const pairs = headerPairs(completion.headers);
    assert.ok(pairs.length >= 3, completion.headers);
    for (const [name] of pairs) assert.equal(name, name.toLowerCase());
    assert.equal(completion.effectiveUrl, `${servers.http}/json`);
    assert.equal(completion.httpVersion, '1.1');
    assert.equal(completion.reasonPhrase, 'OK');
    assert.equal(completion.downloadedTo, undefined);
    assert.equal(completion.cookies, undefined, 'no Set-Cookie, no cookie array');
    assert.equal(completion.timeInfo.length, 7);
    assert.ok(completion.timeInfo.every((ms) => typeof ms === 'number' && ms >= 0));
    assert.ok(completion.timeInfo[5] > 0, 'total time is measured');
  });

  it('passes binary bodies through byte for byte', async () => {
    const { completion } = await fetchAndWait({ url: `${servers.http}/bytes/300000` });
    assert.equal(completion.body.byteLength, 300000);
    assert.ok(Buffer.from(completion.body).equals(patternBytes(0, 300000)));
  });

  it('gives an empty ArrayBuffer for an empty body', async () => {
    const { completion } = await fetchAndWait({ url: `${servers.http}/bytes/0` });
    assert.equal(completion.code, 0);
    assert.ok(completion.body instanceof ArrayBuffer);
    assert.equal(completion.body.byteLength, 0);
  });

  it('reports HTTP error statuses as successful completions', async () => {
    const { completion } = await fetchAndWait({ url: `${servers.http}/status/404` });
    assert.equal(completion.code, 0);
    assert.equal(completion.statusCode, 404);
  });

  it('parses Set-Cookie headers into NativeCookie objects', async () => {
    const { completion } = await fetchAndWait({ url: `${servers.http}/set-cookie?a=1` });
    assert.equal(completion.cookies.length, 2);
    assert.deepEqual(
      { name: completion.cookies[0].name, value: completion.cookies[0].value, maxAge: completion.cookies[0].maxAge },
      { name: 'a', value: '1', maxAge: -1 },
    );
    const fixed = completion.cookies[1];
    assert.deepEqual(fixed, {
      name: 'session',
      value: 'abc',
      domain: '127.0.0.1',
      path: '/',
      expires: '',
      maxAge: 3600,
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      raw: FIXED_COOKIE,
      attributes: ['Path', '/', 'Domain', '127.0.0.1', 'Max-Age', '3600', 'Secure', '', 'HttpOnly', '', 'SameSite', 'Lax'],
    });
  });

  it('leaves timeInfo out when the layer does not collect it', async () => {
    const noTimes = compileLayer(addon, { collectTimeInfo: false });
    const { completion } = await fetchAndWait({ url: `${servers.http}/json`, ownLayer: noTimes });
    assert.equal(completion.code, 0);
    assert.equal(completion.timeInfo, undefined);
  });

  it('carries debug information only when the layer selects some, as typed entries', async () => {
    const { DebugKind } = addon;
    const selected = compileLayer(addon, { infoToCollect: DebugKind.HEADER_OUT | DebugKind.DATA_IN | DebugKind.DST_ADDR });
    const { completion } = await fetchAndWait({ url: `${servers.http}/json`, ownLayer: selected });
    assert.equal(completion.code, 0);
    const types = new Set(completion.debugInfo.map((entry) => entry.type));
    assert.deepEqual([...types].sort(), [DebugKind.HEADER_OUT, DebugKind.DATA_IN, DebugKind.DST_ADDR].sort());
    const text = (type) => completion.debugInfo.filter((entry) => entry.type === type)
      .map((entry) => Buffer.from(entry.data).toString('latin1')).join('');
    assert.ok(completion.debugInfo.every((entry) => entry.data instanceof ArrayBuffer));
    assert.match(text(DebugKind.HEADER_OUT), /^GET \/json HTTP\/1\.1\r\n/);
    assert.equal(text(DebugKind.DATA_IN), Buffer.from(completion.body).toString('latin1'));
    assert.equal(`http://${text(DebugKind.DST_ADDR)}`, servers.http);
    const plain = await fetchAndWait({ url: `${servers.http}/json` });
    assert.equal(plain.completion.debugInfo, undefined);
    const nothing = await fetchAndWait({ url: `${servers.http}/json`, ownLayer: compileLayer(addon, { infoToCollect: 0 }) });
    assert.equal(nothing.completion.debugInfo, undefined);
  });

  it('reports a transport failure with a code and a message only', async () => {
    const { completion, events } = await fetchAndWait({ url: `${servers.http}/reset-before-headers` });
    assert.notEqual(completion.code, 0);
    assert.ok(completion.code > 1007900000, `transport code, got ${completion.code}`);
    assert.equal(typeof completion.message, 'string');
    assert.ok(completion.message.length > 0);
    assert.deepEqual(fieldsOf(completion), ['code', 'message', 'token', 'type']);
    assert.deepEqual(events.map((event) => event.type), [addon.EVENT_COMPLETE]);
  });
});

describe('eventMask', () => {
  it('sends only EVENT_DATA_END and EVENT_COMPLETE when no optional event is wanted', async () => {
    const { events } = await fetchAndWait({ url: `${servers.http}/json` });
    assert.deepEqual(events.map((event) => event.type), [addon.EVENT_DATA_END, addon.EVENT_COMPLETE]);
    assert.deepEqual(fieldsOf(events[0]), ['token', 'type']);
  });

  it('streams the body as EVENT_DATA chunks and leaves it out of the completion', async () => {
    const size = 1_000_000;
    const { events, completion } = await fetchAndWait({ url: `${servers.http}/bytes/${size}`, eventMask: addon.WANT_DATA });
    const chunks = events.filter((event) => event.type === addon.EVENT_DATA);
    assert.ok(chunks.length > 1, 'a large body arrives in several chunks');
    assert.ok(chunks.every((event) => event.body instanceof ArrayBuffer));
    const joined = Buffer.concat(chunks.map((event) => Buffer.from(event.body)));
    assert.ok(joined.equals(patternBytes(0, size)));
    assert.equal(completion.code, 0);
    assert.equal(completion.body, undefined);
    const types = events.map((event) => event.type);
    assert.ok(types.indexOf(addon.EVENT_DATA_END) > types.lastIndexOf(addon.EVENT_DATA));
    assert.equal(types[types.length - 1], addon.EVENT_COMPLETE);
  });

  it('sends the status and the headers before the completion when asked', async () => {
    const { events } = await fetchAndWait({
      url: `${servers.http}/status/201`,
      eventMask: addon.WANT_STATUS | addon.WANT_HEADERS,
    });
    const types = events.map((event) => event.type);
    assert.deepEqual(types, [addon.EVENT_STATUS, addon.EVENT_HEADERS, addon.EVENT_DATA_END, addon.EVENT_COMPLETE]);
    assert.equal(events[0].statusCode, 201);
    assert.equal(headerValue(events[1].headers, 'content-type'), 'text/plain; charset=utf-8');
  });

  it('reports download progress ending at the full size', async () => {
    const size = 2_000_000;
    const { events } = await fetchAndWait({ url: `${servers.http}/bytes/${size}`, eventMask: addon.WANT_PROGRESS });
    const progress = events.filter((event) => event.type === addon.EVENT_DOWNLOAD_PROGRESS);
    assert.ok(progress.length > 0);
    assert.deepEqual(fieldsOf(progress[0]), ['token', 'total', 'transferred', 'type']);
    const last = progress[progress.length - 1];
    assert.equal(last.transferred, size);
    assert.equal(last.total, size);
  });
});

describe('request bodies', () => {
  it('sends string and ArrayBuffer segments in order with the default content type', async () => {
    const bytes = new Uint8Array([0, 1, 2, 255]).buffer;
    const { completion } = await fetchAndWait({
      url: `${servers.http}/echo`,
      method: 'POST',
      headers: ['X-Trace', 'abc'],
      body: [
        { kind: addon.BodySegmentKind.BYTES, data: 'héllo-' },
        { kind: addon.BodySegmentKind.BYTES, data: bytes },
      ],
      defaultContentType: 'text/x-test',
    });
    const echo = JSON.parse(Buffer.from(completion.body).toString('utf8'));
    assert.equal(echo.method, 'POST');
    assert.ok(Buffer.from(echo.bodyBase64, 'base64').equals(Buffer.concat([Buffer.from('héllo-'), Buffer.from([0, 1, 2, 255])])));
    const sent = Object.fromEntries(echo.headers.map(([name, value]) => [name.toLowerCase(), value]));
    assert.equal(sent['content-type'], 'text/x-test');
    assert.equal(sent['x-trace'], 'abc');
  });

  it('streams a file segment from its path', async () => {
    const file = path.join(tempDir, 'upload.bin');
    const content = patternBytes(7, 150_000);
    fs.writeFileSync(file, content);
    const { completion } = await fetchAndWait({
      url: `${servers.http}/upload`,
      method: 'PUT',
      body: [
        { kind: addon.BodySegmentKind.BYTES, data: 'head:' },
        { kind: addon.BodySegmentKind.FILE, path: file },
      ],
    });
    const result = JSON.parse(Buffer.from(completion.body).toString('utf8'));
    const expected = createHash('sha256').update(Buffer.concat([Buffer.from('head:'), content])).digest('hex');
    assert.equal(result.bytes, 5 + content.length);
    assert.equal(result.sha256, expected);
  });

  it('sends a multipart form built by encodeMultipartForm', async () => {
    const file = path.join(tempDir, 'part.txt');
    fs.writeFileSync(file, 'file-content');
    const encoded = addon.encodeMultipartForm(
      [{ name: 'field', value: 'v' }, { name: 'doc', path: file, contentType: 'text/plain' }],
      'fixed-boundary',
    );
    const { completion } = await fetchAndWait({
      url: `${servers.http}/echo`,
      method: 'POST',
      body: encoded.segments,
      defaultContentType: encoded.contentType,
    });
    const echo = JSON.parse(Buffer.from(completion.body).toString('utf8'));
    assert.match(echo.body, /name="field"\r\n\r\nv\r\n/);
    assert.match(echo.body, /filename="part\.txt"\r\nContent-Type: text\/plain\r\n\r\nfile-content\r\n--fixed-boundary--/);
    const sent = Object.fromEntries(echo.headers.map(([name, value]) => [name.toLowerCase(), value]));
    assert.equal(sent['content-type'], 'multipart/form-data; boundary=fixed-boundary');
  });
});

describe('downloads, ranges and cancels', () => {
  it('writes the body to downloadPath and reports downloadedTo without a body', async () => {
    const target = path.join(tempDir, 'download.bin');
    const { completion } = await fetchAndWait({ url: `${servers.http}/bytes/100000`, downloadPath: target });
    assert.equal(completion.code, 0);
    assert.equal(completion.downloadedTo, target);
    assert.equal(completion.body, undefined);
    assert.ok(fs.readFileSync(target).equals(patternBytes(0, 100000)));
  });

  it('asks for the given byte ranges', async () => {
    const { completion } = await fetchAndWait({ url: `${servers.http}/echo`, ranges: [0, 99, 200, null] });
    const echo = JSON.parse(Buffer.from(completion.body).toString('utf8'));
    const sent = Object.fromEntries(echo.headers.map(([name, value]) => [name.toLowerCase(), value]));
    assert.equal(sent.range, 'bytes=0-99,200-');
  });

  it('cancel(token) ends that fetch with EVENT_CANCELED and 1007900992, leaving others running', async () => {
    const { session } = recorded;
    const hangToken = nextToken++;
    const jsonToken = nextToken++;
    assert.equal(startFetch(session, { url: `${servers.http}/hang`, ownLayer: layer, token: hangToken }), 0);
    assert.equal(startFetch(session, { url: `${servers.http}/delay/200`, ownLayer: layer, token: jsonToken }), 0);
    assert.equal(session.cancel(hangToken), 0);
    const canceled = await recorded.completion(hangToken);
    assert.equal(canceled.code, 1007900992);
    assert.deepEqual(recorded.eventsOf(hangToken).map((event) => event.type), [addon.EVENT_CANCELED, addon.EVENT_COMPLETE]);
    const kept = await recorded.completion(jsonToken);
    assert.equal(kept.code, 0);
    assert.equal(kept.statusCode, 200);
  });

  it('cancelAll() ends every fetch in flight', async () => {
    const { session } = recorded;
    const tokens = [nextToken++, nextToken++, nextToken++];
    for (const token of tokens) assert.equal(startFetch(session, { url: `${servers.http}/hang`, ownLayer: layer, token }), 0);
    assert.equal(session.inFlight(), 3);
    assert.equal(session.cancelAll(), 0);
    const completions = await Promise.all(tokens.map((token) => recorded.completion(token)));
    assert.deepEqual(completions.map((event) => event.code), [1007900992, 1007900992, 1007900992]);
    assert.equal(session.inFlight(), 0);
  });

  it('rejects a second fetch with a token already in flight, without events', async () => {
    const { session } = recorded;
    const token = nextToken++;
    assert.equal(startFetch(session, { url: `${servers.http}/hang`, ownLayer: layer, token }), 0);
    const second = startFetch(session, { url: `${servers.http}/json`, ownLayer: layer, token });
    assertFailure(second, 401);
    assert.match(second.detail, /already in flight/);
    assert.equal(session.inFlight(), 1);
    session.cancel(token);
    const completion = await recorded.completion(token);
    assert.equal(completion.code, 1007900992, 'the one completion is the first fetch\'s');
    assert.deepEqual(recorded.eventsOf(token).map((event) => event.type), [addon.EVENT_CANCELED, addon.EVENT_COMPLETE]);
    // Once the first has completed, the token is free again.
    assert.equal(startFetch(session, { url: `${servers.http}/json`, ownLayer: layer, token }), 0);
    const completionsOf = () => recorded.eventsOf(token).filter((event) => event.type === addon.EVENT_COMPLETE);
    const deadline = Date.now() + 5000;
    while (completionsOf().length < 2 && Date.now() < deadline) await sleep(10);
    assert.deepEqual(completionsOf().map((event) => [event.code, event.statusCode]), [[1007900992, undefined], [0, 200]]);
  });
});
