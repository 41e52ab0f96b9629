'use strict';

// The hostile listener: the catalogue it serves matches the shared contract,
// every case's path is routed, and for a subset of cases (at least one per
// family, and every case whose outcome was decided up front) the bytes, the
// timing and the way the connection ends are what the case's summary says.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const zlib = require('node:zlib');
const zstd = require('@bokuweb/zstd-wasm');
const { startTestServer } = require('../server');
const { RawConnection, rawExchange, sleep } = require('../exchange-clients');
const { FAMILIES, DEFAULT_MAX_ELAPSED_MS } = require('../hostile/catalogue');
const { MAX_REQUEST_HEAD_BYTES } = require('../hostile/listener');
const headerFlood = require('../hostile/header-flood-cases');
const decompression = require('../hostile/decompression-cases');
const slowDrip = require('../hostile/slow-drip-cases');
const keepAlive = require('../hostile/keep-alive-cases');
const redirects = require('../hostile/redirect-cases');
const auth = require('../hostile/auth-cases');
const cookies = require('../hostile/cookie-cases');
const prototypes = require('../hostile/prototype-cases');
const { catalogueTable, readmeTable, README } = require('../hostile/print-table');

// A misbehaving server must fail a test, never hang the run.
const BOUNDED = { timeout: 20_000 };
const KIB = 1024;
const MIB = 1024 * KIB;
const HEADER_BLOCK_LIMIT_BYTES = 300 * KIB;
// Timer slack on a shared machine.
const EARLY_MS = 30;
const LATE_MS = 250;

let servers;
let catalogue;

before(async () => {
  servers = await startTestServer();
  const listing = await rawExchange(servers.hostile, '/cases', { waitMs: 2000 });
  catalogue = JSON.parse(splitResponse(listing.bytes).body.toString('utf8'));
});

after(async () => {
  await servers.close();
});

/** Status line, header lines and body of raw response bytes (CRLF or bare LF lines). */
function splitResponse(bytes) {
  const crlfEnd = bytes.indexOf('\r\n\r\n');
  const lfEnd = bytes.indexOf('\n\n');
  const useLf = crlfEnd === -1 || (lfEnd !== -1 && lfEnd < crlfEnd);
  const headEnd = useLf ? lfEnd : crlfEnd;
  assert.notEqual(headEnd, -1, `no end of head in ${JSON.stringify(bytes.subarray(0, 80).toString('latin1'))}`);
  const lines = bytes.subarray(0, headEnd).toString('latin1').split(useLf ? '\n' : '\r\n');
  return { statusLine: lines[0], headerLines: lines.slice(1), headLength: headEnd + (useLf ? 2 : 4), body: bytes.subarray(headEnd + (useLf ? 2 : 4)) };
}

/** The data and trailer lines of a complete chunked body. */
function dechunk(body) {
  const pieces = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    const size = parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
    offset = lineEnd + 2;
    if (size === 0) break;
    pieces.push(body.subarray(offset, offset + size));
    assert.equal(body.subarray(offset + size, offset + size + 2).toString('latin1'), '\r\n');
    offset += size + 2;
  }
  const trailerText = body.subarray(offset).toString('latin1');
  assert.ok(trailerText.endsWith('\r\n'), 'the chunked body ends with an empty line');
  return { data: Buffer.concat(pieces), trailerLines: trailerText.split('\r\n').filter((line) => line !== '') };
}

/** True once `bytes` hold a whole response framed by Content-Length or chunked encoding. */
function hasWholeResponse(bytes) {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd === -1) return false;
  const head = bytes.subarray(0, headEnd).toString('latin1');
  if (/^transfer-encoding: *chunked$/im.test(head)) return /(^|\r\n)0\r\n(.*\r\n)*\r\n$/s.test(bytes.subarray(headEnd + 4).toString('latin1'));
  const length = /^content-length: *(\d+)$/im.exec(head);
  return length !== null && bytes.length >= headEnd + 4 + Number(length[1]);
}

// Waits for the whole response unless a test says what else to wait for.
const serve = (name, options) => rawExchange(servers.hostile, `/case/${name}`, { until: hasWholeResponse, ...options });
const entryNamed = (name) => catalogue.find((entry) => entry.name === name);
const headerValues = (headerLines, name) =>
  headerLines.filter((line) => line.slice(0, line.indexOf(':')).toLowerCase() === name).map((line) => line.slice(line.indexOf(':') + 1).trim());
const gaps = (arrivals) => arrivals.slice(1).map((arrival, index) => arrival.atMs - arrivals[index].atMs);

describe('hostile catalogue', () => {
  it('GET /cases lists at least 48 cases in every family, each in the contract\'s shape with a unique name', BOUNDED, () => {
    assert.ok(catalogue.length >= 48, `${catalogue.length} cases`);
    assert.equal(new Set(catalogue.map((entry) => entry.name)).size, catalogue.length);
    assert.deepEqual([...new Set(catalogue.map((entry) => entry.family))].sort(), [...FAMILIES].sort());
    const checkExpect = (expect, where) => {
      assert.ok(Number.isInteger(expect.code), where);
      if (expect.code === 0) assert.ok(Number.isInteger(expect.status), where);
      else assert.ok(expect.code > 1007900000 && expect.code < 1007901000, `${where}: ${expect.code}`);
      assert.ok(expect.maxElapsedMs >= DEFAULT_MAX_ELAPSED_MS, where);
      if (expect.minElapsedMs !== undefined) assert.ok(expect.minElapsedMs < expect.maxElapsedMs, where);
    };
    for (const entry of catalogue) {
      assert.deepEqual(
        Object.keys(entry).filter((key) => !['name', 'family', 'summary', 'outcome', 'request', 'expect', 'then'].includes(key)),
        [],
        entry.name,
      );
      assert.match(entry.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(entry.summary.length > 10 && entry.outcome.length > 10, entry.name);
      assert.ok(entry.request.path.startsWith('/case/'), entry.name);
      checkExpect(entry.expect, entry.name);
      if (entry.then) {
        assert.ok(entry.then.delayMs >= 0 && entry.then.path.startsWith('/case/'), entry.name);
        checkExpect(entry.then.expect, `${entry.name}.then`);
      }
    }
  });

  it('every case outcome names the code the case expects', BOUNDED, () => {
    for (const entry of catalogue) {
      if (entry.expect.code === 0) assert.match(entry.outcome, /^succeeds/, entry.name);
      else assert.match(entry.outcome, new RegExp(`^fails with ${entry.expect.code}`), entry.name);
    }
  });

  it('every path in the catalogue is routed: each answers, ends or resets, and none gets the 404', { timeout: 60_000 }, async () => {
    const paths = new Set(catalogue.flatMap((entry) => [entry.request.path, ...(entry.then ? [entry.then.path] : [])]));
    for (const path of paths) {
      const connection = new RawConnection(servers.hostile);
      await connection.connected;
      connection.send(path);
      await connection.waitFor(5000, (bytes) => bytes.length > 0);
      connection.close();
      assert.ok(connection.bytes.length > 0 || ['fin', 'reset'].includes(connection.ending), `${path} did nothing`);
      assert.ok(!connection.bytes.toString('latin1').startsWith('HTTP/1.1 404'), `${path} is not routed`);
    }
    const unknown = await serve('no-such-case');
    assert.match(splitResponse(unknown.bytes).statusLine, /^HTTP\/1\.1 404 /);
  });

  it('the /cases JSON is the entries of the catalogue module, with their defaults filled in', BOUNDED, () => {
    const { CATALOGUE } = require('../hostile/catalogue');
    assert.deepEqual(catalogue, JSON.parse(JSON.stringify(CATALOGUE.entries())));
    assert.equal(entryNamed('content-length-overflow').request.path, '/case/content-length-overflow');
    assert.equal(entryNamed('stray-response-after-response').then.path, '/case/stray-response-after-response/next');
  });
});

describe('README.md', () => {
  it('the "Hostile servers" table is exactly what print-table.js prints (regenerate with --write)', () => {
    const table = readmeTable(fs.readFileSync(README, 'utf8'));
    assert.notEqual(table, null, 'README.md lost the table markers');
    assert.equal(table, catalogueTable());
    assert.equal(table.split('\n').length, catalogue.length + 2);
  });
});

describe('hostile listener', () => {
  it('drops a client whose request head passes 64 KiB without ending', BOUNDED, async () => {
    const connection = new RawConnection(servers.hostile);
    await connection.connected;
    connection.socket.write(`GET /case/chunk-extension HTTP/1.1\r\nx-pad: ${'p'.repeat(MAX_REQUEST_HEAD_BYTES + 10)}`);
    await connection.waitFor(3000);
    connection.close();
    assert.ok(['closed', 'reset', 'fin'].includes(connection.ending), connection.ending);
    assert.equal(connection.bytes.length, 0);
  });

  it('serves several requests on one keep-alive connection, and /next answers "second"', BOUNDED, async () => {
    const connection = new RawConnection(servers.hostile);
    await connection.connected;
    connection.send('/case/chunk-extension');
    connection.send('/case/chunk-extension/next');
    await connection.waitFor(3000, (bytes) => bytes.toString('latin1').endsWith('second'));
    connection.close();
    const text = connection.bytes.toString('latin1');
    assert.equal(text.match(/HTTP\/1\.1 200 OK/g).length, 2);
    assert.ok(text.endsWith('\r\n\r\nsecond'));
  });

  it('close() returns promptly with hanging sockets and pending timers, and nothing is written afterwards', BOUNDED, async () => {
    const own = await startTestServer();
    const clients = [];
    for (const path of ['/case/drip-body-transfer', '/case/drip-status-line-inactivity', '/case/stray-response-after-response', '/case/reset-mid-body']) {
      const connection = new RawConnection(own.hostile);
      await connection.connected;
      connection.send(path);
      clients.push(connection);
    }
    const halfHead = new RawConnection(own.hostile);
    await halfHead.connected;
    halfHead.socket.write('GET /case/chunk-extension HTTP/1.1\r\nHost: x\r\n');
    clients.push(halfHead);
    await sleep(50);
    const startedAt = performance.now();
    await own.close();
    const closeMs = performance.now() - startedAt;
    assert.ok(closeMs < 1000, `close() took ${closeMs} ms`);
    await Promise.all(clients.map((connection) => connection.waitFor(2000)));
    const received = clients.map((connection) => connection.bytes.length);
    await sleep(300);
    assert.deepEqual(
      clients.map((connection) => connection.bytes.length),
      received,
    );
    for (const connection of clients) assert.ok(connection.ending, 'every client saw its connection end');
  });
});

describe('header floods', () => {
  it('a one-name flood stays under 300 KiB with exactly the catalogued count', BOUNDED, async () => {
    const { statusLine, headerLines, headLength, body } = splitResponse((await serve('header-flood-one-name')).bytes);
    assert.equal(statusLine, 'HTTP/1.1 200 OK');
    assert.equal(headerLines.filter((line) => line === 'x-flood: v').length, headerFlood.ONE_NAME_COUNT);
    assert.equal(entryNamed('header-flood-one-name').expect.headerCounts['x-flood'], headerFlood.ONE_NAME_COUNT);
    assert.ok(headLength > 280 * KIB && headLength < HEADER_BLOCK_LIMIT_BYTES, `${headLength}`);
    assert.equal(body.toString(), 'ok');
  });

  it('a distinct-names flood stays under 300 KiB with no name twice', BOUNDED, async () => {
    const { headerLines, headLength } = splitResponse((await serve('header-flood-distinct-names')).bytes);
    const names = headerLines.filter((line) => line.startsWith('x-distinct-')).map((line) => line.split(':')[0]);
    assert.equal(names.length, headerFlood.DISTINCT_COUNT);
    assert.equal(new Set(names).size, names.length);
    assert.ok(headLength > 280 * KIB && headLength < HEADER_BLOCK_LIMIT_BYTES, `${headLength}`);
  });

  it('the over-limit block passes 300 KiB; the long line passes 100 KiB inside the block bound', BOUNDED, async () => {
    assert.ok(splitResponse((await serve('header-block-over-limit')).bytes).headLength > HEADER_BLOCK_LIMIT_BYTES);
    const { headerLines, headLength } = splitResponse((await serve('header-line-over-100k')).bytes);
    assert.ok(Math.max(...headerLines.map((line) => line.length)) > 100 * KIB);
    assert.ok(headLength < HEADER_BLOCK_LIMIT_BYTES);
  });
});

describe('status lines', () => {
  it('a field named HTTP/1.1 302 sits between X-Before and X-After inside a 200 head', BOUNDED, async () => {
    const { statusLine, headerLines } = splitResponse((await serve('status-line-inside-headers')).bytes);
    assert.equal(statusLine, 'HTTP/1.1 200 OK');
    assert.deepEqual(headerLines.slice(-3), ['X-Before: 1', 'HTTP/1.1 302 Found: x', 'X-After: 2']);
  });

  it('the missing status line starts with a header; the bare-LF response has no CR at all', BOUNDED, async () => {
    assert.ok((await serve('status-line-missing', { waitMs: 300 })).bytes.toString('latin1').startsWith('Content-Length: 2\r\n'));
    const bareLf = (await serve('status-line-bare-lf')).bytes;
    assert.equal(bareLf.indexOf('\r'), -1);
    assert.equal(splitResponse(bareLf).body.toString(), 'ok');
  });
});

describe('framing', () => {
  const closesAfterHello = [
    ['content-length-overflow', ['Content-Length: 18446744073709551621']],
    ['content-length-conflict', ['Content-Length: 5', 'Content-Length: 6']],
    ['content-length-list-conflict', ['Content-Length: 5, 6']],
    ['content-length-negative', ['Content-Length: -1']],
    ['content-length-non-numeric', ['Content-Length: five']],
  ];
  for (const [name, framing] of closesAfterHello) {
    it(`${name}: sends ${framing.join(' and ')}, "hello", then a FIN`, BOUNDED, async () => {
      const exchange = await serve(name, { until: undefined });
      const { headerLines, body } = splitResponse(exchange.bytes);
      assert.deepEqual(headerLines, framing);
      assert.equal(body.toString(), 'hello');
      assert.equal(exchange.ending, 'fin');
      assert.equal(entryNamed(name).expect.code, 1007900008);
    });
  }

  for (const [name, framing] of [
    ['content-length-duplicate-same', ['Content-Length: 5', 'Content-Length: 5']],
    ['content-length-list-same', ['Content-Length: 5, 5']],
  ]) {
    it(`${name}: sends ${framing.join(' and ')} and "hello", and keeps the connection`, BOUNDED, async () => {
      const exchange = await serve(name, { waitMs: 300, until: undefined });
      const { headerLines, body } = splitResponse(exchange.bytes);
      assert.deepEqual(headerLines, framing);
      assert.equal(body.toString(), 'hello');
      assert.equal(exchange.ending, 'open');
    });
  }

  it('chunked-with-content-length: a chunked body that de-chunks to "hello world" under a wrong Content-Length', BOUNDED, async () => {
    const { headerLines, body } = splitResponse((await serve('chunked-with-content-length', { waitMs: 300 })).bytes);
    assert.deepEqual(headerLines, ['Content-Length: 3', 'Transfer-Encoding: chunked']);
    assert.equal(dechunk(body).data.toString(), 'hello world');
  });

  it('chunk-size-overflow: the first chunk size has 17 hexadecimal digits', BOUNDED, async () => {
    const { body } = splitResponse((await serve('chunk-size-overflow')).bytes);
    assert.match(body.toString('latin1'), /^[0-9a-f]{17}\r\n/);
  });
});

describe('decompression', () => {
  const decode = { gzip: zlib.gunzipSync, deflate: zlib.inflateSync, br: zlib.brotliDecompressSync };
  const decodedLength = (body, codings) => {
    let bytes = body;
    for (const coding of [...codings].reverse()) bytes = decode[coding](bytes, { maxOutputLength: 2 * decompression.BOMB_MIB * MIB });
    return bytes.length;
  };

  for (const codings of [['gzip'], ['deflate'], ['br'], ['gzip', 'gzip'], ['gzip', 'br']]) {
    const name = `bomb-${codings.join('-')}`;
    it(`${name}: Content-Encoding "${codings.join(', ')}", a body under 1 MiB that decodes to 64 MiB`, { timeout: 60_000 }, async () => {
      const { headerLines, body } = splitResponse((await serve(name, { waitMs: 10_000 })).bytes);
      assert.ok(headerLines.includes(`Content-Encoding: ${codings.join(', ')}`));
      assert.ok(headerLines.includes(`Content-Length: ${body.length}`), 'the whole body arrived');
      assert.ok(body.length < MIB, `${body.length} bytes on the wire`);
      assert.equal(decodedLength(body, codings), decompression.BOMB_MIB * MIB);
      assert.deepEqual(entryNamed(name).request.options, { maxBodySize: MIB });
      assert.equal(entryNamed(name).expect.code, 1007900023);
    });
  }

  it('bomb-zstd: identical zstd frames, each decoding to 1 MiB, 64 MiB in all', { timeout: 60_000 }, async () => {
    const { headerLines, body } = splitResponse((await serve('bomb-zstd', { waitMs: 10_000 })).bytes);
    assert.ok(headerLines.includes('Content-Encoding: zstd'));
    await zstd.init();
    const frameLength = body.length / decompression.BOMB_MIB;
    assert.ok(Number.isInteger(frameLength));
    const frame = body.subarray(0, frameLength);
    assert.equal(Buffer.from(zstd.decompress(frame)).length, MIB);
    for (let i = 1; i < decompression.BOMB_MIB; i++) assert.ok(body.subarray(i * frameLength, (i + 1) * frameLength).equals(frame));
  });

  it('stacked-gzip-br decodes (br, then gzip) to its text; content-encoding-unknown says "xyz"', BOUNDED, async () => {
    const stacked = splitResponse((await serve('stacked-gzip-br')).bytes);
    assert.equal(zlib.gunzipSync(zlib.brotliDecompressSync(stacked.body)).toString(), decompression.STACKED_TEXT);
    const unknown = splitResponse((await serve('content-encoding-unknown')).bytes);
    assert.ok(unknown.headerLines.includes('Content-Encoding: xyz'));
    assert.equal(entryNamed('content-encoding-unknown').expect.code, 1007900061);
  });
});

describe('interim responses', () => {
  it('103 Early Hints with its own headers comes before the final 200', BOUNDED, async () => {
    const text = (await serve('interim-103-early-hints', { waitMs: 300 })).bytes.toString('latin1');
    assert.ok(text.startsWith('HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\nx-interim: 1\r\n\r\nHTTP/1.1 200 OK\r\n'));
    assert.ok(text.endsWith('\r\n\r\nfinal'));
  });

  it('an unsolicited 101 Switching Protocols is followed by non-HTTP bytes and a FIN', BOUNDED, async () => {
    const exchange = await serve('switching-protocols-unsolicited');
    const { statusLine, headerLines, body } = splitResponse(exchange.bytes);
    assert.equal(statusLine, 'HTTP/1.1 101 Switching Protocols');
    assert.ok(headerLines.includes('Upgrade: websocket'));
    assert.ok(body.length > 0);
    assert.equal(exchange.ending, 'fin');
    assert.equal(entryNamed('switching-protocols-unsolicited').expect.code, 1007900008);
  });
});

describe('redirects', () => {
  const locationOf = async (name) => headerValues(splitResponse((await serve(name, { waitMs: 300 })).bytes).headerLines, 'location');

  it('scheme, empty, 304 and loop redirects carry the Location their summary names', BOUNDED, async () => {
    const { port } = new URL(servers.hostile);
    assert.deepEqual(await locationOf('redirect-to-javascript'), ['javascript:alert(1)']);
    assert.deepEqual(await locationOf('redirect-to-file'), ['file:///etc/passwd']);
    assert.deepEqual(await locationOf('redirect-to-ftp'), [`ftp://127.0.0.1:${port}/file`]);
    assert.deepEqual(await locationOf('redirect-empty-location'), ['']);
    assert.deepEqual(await locationOf('redirect-loop'), ['/case/redirect-loop']);
    const notModified = splitResponse((await serve('redirect-304-with-location', { waitMs: 300 })).bytes);
    assert.equal(notModified.statusLine, 'HTTP/1.1 304 Not Modified');
    assert.deepEqual(headerValues(notModified.headerLines, 'location'), ['/case/echo-headers']);
    assert.equal(entryNamed('redirect-304-with-location').expect.status, 304);
  });

  it('the huge Location is 48 KiB and leads to a route that answers "second"', BOUNDED, async () => {
    const [location] = await locationOf('redirect-huge-location');
    assert.ok(location.length > 48 * KIB && location.length < MAX_REQUEST_HEAD_BYTES - KIB);
    const followed = await rawExchange(servers.hostile, location, { waitMs: 300 });
    assert.equal(splitResponse(followed.bytes).body.toString(), 'second');
  });

  it('the cross-origin redirect leads to localhost on the same port; echo-headers shows what arrived', BOUNDED, async () => {
    const { port } = new URL(servers.hostile);
    assert.deepEqual(await locationOf('redirect-cross-origin-credentials'), [`http://localhost:${port}/case/echo-headers`]);
    assert.deepEqual(await locationOf('redirect-same-origin-credentials'), ['/case/echo-headers']);
    const echoed = await rawExchange(servers.hostile, '/case/echo-headers', {
      waitMs: 300,
      headers: { Authorization: `Bearer ${redirects.SECRET_TOKEN}`, Cookie: `sid=${redirects.SECRET_COOKIE}` },
    });
    const body = splitResponse(echoed.bytes).body.toString();
    for (const expected of entryNamed('redirect-same-origin-credentials').expect.bodyIncludes) assert.ok(body.includes(expected), expected);
    const crossOrigin = entryNamed('redirect-cross-origin-credentials');
    assert.deepEqual(crossOrigin.expect.bodyExcludes, [redirects.SECRET_TOKEN, redirects.SECRET_COOKIE]);
    assert.deepEqual(crossOrigin.request.options.cookies, { sid: redirects.SECRET_COOKIE });
  });
});

describe('cookies and prototype names', () => {
  it('Set-Cookie lines go out exactly as catalogued: huge value, foreign Domain, prototype names and attributes', BOUNDED, async () => {
    const setCookies = async (name) => headerValues(splitResponse((await serve(name, { waitMs: 300 })).bytes).headerLines, 'set-cookie');
    assert.deepEqual(await setCookies('cookie-huge-value'), [`big=${cookies.HUGE_VALUE}; Path=/`]);
    assert.deepEqual(await setCookies('cookie-foreign-domain'), ['foreign=1; Domain=example.com; Path=/']);
    assert.deepEqual(
      await setCookies('cookie-prototype-names'),
      cookies.PROTOTYPE_NAMES.map((name, index) => `${name}=v${index}`),
    );
    assert.deepEqual(await setCookies('cookie-prototype-attributes'), ['a=1; __proto__=x; constructor=y; prototype=z; tostring=w; Path=/']);
    const attributes = entryNamed('cookie-prototype-attributes').expect.cookieAttributes.a;
    assert.ok(Object.hasOwn(attributes, '__proto__'), 'the catalogue keeps __proto__ as a member');
    assert.equal(attributes.__proto__, 'x');
  });

  it('headers named like Object.prototype members go out as sent and the catalogue keeps each one', BOUNDED, async () => {
    const { headerLines } = splitResponse((await serve('prototype-header-names', { waitMs: 300 })).bytes);
    const expected = entryNamed('prototype-header-names').expect.headers;
    for (const [index, name] of prototypes.PROTOTYPE_NAMES.entries()) {
      assert.ok(headerLines.includes(`${name}: value-${index}`), name);
      assert.ok(Object.hasOwn(expected, name.toLowerCase()), name);
    }
    const repeated = splitResponse((await serve('prototype-header-repeated', { waitMs: 300 })).bytes);
    assert.deepEqual(headerValues(repeated.headerLines, '__proto__'), ['first', 'second']);
    assert.deepEqual(entryNamed('prototype-header-repeated').expect.headers.__proto__, ['first', 'second']);
  });
});

describe('idle keep-alive connections', { concurrency: true }, () => {
  const strays = [
    ['stray-response-after-response', keepAlive.STRAY_RESPONSE],
    ['stray-crlf-after-response', Buffer.from('\r\n')],
    ['stray-garbage-after-response', keepAlive.STRAY_GARBAGE],
  ];
  for (const [name, stray] of strays) {
    it(`${name}: "first", then ~100 ms later the stray bytes, and the connection stays open`, BOUNDED, async () => {
      const exchange = await serve(name, { waitMs: 600, until: undefined });
      assert.equal(exchange.ending, 'open');
      const first = splitResponse(exchange.arrivals[0].bytes);
      assert.equal(first.body.toString(), 'first');
      const later = exchange.arrivals.slice(1);
      assert.ok(Buffer.concat(later.map((arrival) => arrival.bytes)).equals(stray));
      const delayMs = later[0].atMs - exchange.arrivals[0].atMs;
      assert.ok(delayMs >= keepAlive.IDLE_DELAY_MS - EARLY_MS && delayMs < keepAlive.IDLE_DELAY_MS + LATE_MS, `${delayMs} ms`);
      assert.deepEqual(entryNamed(name).then, { delayMs: 300, path: `/case/${name}/next`, expect: { code: 0, status: 200, body: 'second', maxElapsedMs: DEFAULT_MAX_ELAPSED_MS } });
    });
  }

  it('reset-on-idle-connection: "first", then ~100 ms later a reset', BOUNDED, async () => {
    const exchange = await serve('reset-on-idle-connection', { waitMs: 1000, until: undefined });
    assert.equal(splitResponse(exchange.bytes).body.toString(), 'first');
    assert.equal(exchange.ending, 'reset');
    assert.ok(exchange.endAtMs - exchange.arrivals[0].atMs >= keepAlive.IDLE_DELAY_MS - EARLY_MS);
  });
});

describe('half-closed and reset connections', { concurrency: true }, () => {
  it('fin-before-any-byte and reset-before-any-byte end without a byte, with a FIN and a RST', BOUNDED, async () => {
    const fin = await serve('fin-before-any-byte');
    assert.deepEqual([fin.bytes.length, fin.ending], [0, 'fin']);
    assert.equal(entryNamed('fin-before-any-byte').expect.code, 1007900052);
    const reset = await serve('reset-before-any-byte');
    assert.deepEqual([reset.bytes.length, reset.ending], [0, 'reset']);
    assert.equal(entryNamed('reset-before-any-byte').expect.code, 1007900056);
  });

  it('reset-mid-status-line, reset-mid-headers and reset-mid-body deliver their bytes, then the RST', BOUNDED, async () => {
    const midStatus = await serve('reset-mid-status-line');
    assert.deepEqual([midStatus.bytes.toString('latin1'), midStatus.ending], ['HTTP/1.1 20', 'reset']);
    const midHeaders = await serve('reset-mid-headers');
    assert.deepEqual([midHeaders.bytes.toString('latin1'), midHeaders.ending], ['HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nX-Hal', 'reset']);
    const midBody = await serve('reset-mid-body');
    assert.equal(splitResponse(midBody.bytes).body.length, 100);
    assert.equal(midBody.ending, 'reset');
  });

  it('fin-mid-body ends 900 bytes short of its Content-Length; fin-mid-chunk has no last chunk', BOUNDED, async () => {
    const midBody = await serve('fin-mid-body');
    const { headerLines, body } = splitResponse(midBody.bytes);
    assert.deepEqual([headerLines, body.length, midBody.ending], [['Content-Length: 1000'], 100, 'fin']);
    assert.equal(entryNamed('fin-mid-body').expect.code, 1007900018);
    const midChunk = await serve('fin-mid-chunk');
    assert.ok(!splitResponse(midChunk.bytes).body.includes('\r\n0\r\n'));
    assert.equal(midChunk.ending, 'fin');
    assert.equal(entryNamed('fin-mid-chunk').expect.code, 1007900018);
  });
});

describe('slow drip', { concurrency: true }, () => {
  // What arrives at once before the drip starts, per phase.
  const prefixes = { 'status-line': '', headers: 'HTTP/1.1 200 OK\r\n', body: 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n' };
  const limits = {
    inactivity: { option: 'inactivityMs', limitMs: 500, intervalMs: 800 },
    transfer: { option: 'transferMs', limitMs: 1000, intervalMs: 100 },
  };
  for (const phase of Object.keys(prefixes)) {
    for (const [limit, { option, limitMs, intervalMs }] of Object.entries(limits)) {
      const name = `drip-${phase}-${limit}`;
      it(`${name}: one byte every ${intervalMs} ms within the ${phase} phase, past the ${limitMs} ms ${option}, ended by a FIN within 4 s`, BOUNDED, async () => {
        const exchange = await serve(name, { waitMs: 6000, until: undefined });
        const text = exchange.bytes.toString('latin1');
        const prefix = prefixes[phase];
        assert.ok(text.startsWith(prefix));
        // The first drip leaves together with the prefix; every later arrival is one byte.
        const dripped = exchange.arrivals;
        assert.ok(dripped.length >= 3, `${dripped.length} drips`);
        assert.ok(dripped.slice(1).every((arrival) => arrival.bytes.length === 1));
        assert.ok(prefix === '' || !hasWholeResponse(exchange.bytes), 'the drip never completes the response');
        for (const gap of gaps(dripped)) assert.ok(gap > intervalMs - EARLY_MS && gap < intervalMs + LATE_MS, `gap ${gap} ms`);
        // The drip outlasts the limit, so the timeout fires while bytes are still due.
        assert.ok(dripped[dripped.length - 1].atMs > limitMs, `last byte at ${dripped[dripped.length - 1].atMs} ms`);
        assert.equal(exchange.ending, 'fin');
        assert.ok(exchange.endAtMs < 4000, `${exchange.endAtMs} ms`);
        const entry = entryNamed(name);
        assert.deepEqual(entry.request.options, { [option]: limitMs });
        assert.deepEqual(entry.expect, { code: 1007900028, minElapsedMs: limitMs - 50, maxElapsedMs: DEFAULT_MAX_ELAPSED_MS });
      });
    }
  }

  it('drip-body-under-inactivity: 20 body bytes ~100 ms apart, never a gap near the 500 ms limit', BOUNDED, async () => {
    const exchange = await serve('drip-body-under-inactivity', { waitMs: 4000 });
    assert.equal(splitResponse(exchange.bytes).body.toString(), 'd'.repeat(20));
    for (const gap of gaps(exchange.arrivals)) assert.ok(gap < 100 + LATE_MS, `gap ${gap} ms`);
    assert.equal(exchange.ending, 'open');
  });

  it('drip-gzip-empty-blocks: an empty deflate block every ~100 ms for 1.5 s, and the whole decodes to the text', BOUNDED, async () => {
    const exchange = await serve('drip-gzip-empty-blocks', { waitMs: 4000 });
    assert.equal(exchange.ending, 'open', 'the connection is kept after the whole response');
    const { headerLines, body } = splitResponse(exchange.bytes);
    assert.ok(headerLines.includes('Content-Encoding: gzip'));
    assert.equal(zlib.gunzipSync(dechunk(body).data).toString(), slowDrip.GZIP_TEXT);
    const emptyChunk = `5\r\n${slowDrip.EMPTY_STORED_BLOCK.toString('latin1')}\r\n`;
    const blockArrivals = exchange.arrivals.filter((arrival) => arrival.bytes.toString('latin1') === emptyChunk);
    assert.equal(blockArrivals.length, slowDrip.EMPTY_BLOCKS);
    for (const gap of gaps(blockArrivals)) assert.ok(gap > 100 - EARLY_MS && gap < 100 + LATE_MS, `gap ${gap} ms`);
    // The blocks decode to nothing: the gzip header plus every block inflates to zero bytes.
    const inflater = zlib.createGunzip();
    let produced = 0;
    inflater.on('data', (data) => {
      produced += data.length;
    });
    inflater.write(slowDrip.slowGzipPieces().header);
    for (let i = 0; i < slowDrip.EMPTY_BLOCKS; i++) inflater.write(slowDrip.EMPTY_STORED_BLOCK);
    await new Promise((resolve) => inflater.flush(zlib.constants.Z_SYNC_FLUSH, resolve));
    assert.equal(produced, 0);
    inflater.destroy();
  });
});

describe('trailers and authentication', () => {
  it('chunked-trailers: the body, then x-trailer and set-cookie as trailer fields', BOUNDED, async () => {
    const { body } = splitResponse((await serve('chunked-trailers', { waitMs: 300 })).bytes);
    const { data, trailerLines } = dechunk(body);
    assert.equal(data.toString(), 'chunked body intact');
    assert.deepEqual(trailerLines, ['x-trailer: t', 'set-cookie: trailer=1']);
  });

  it('auth-basic-challenge: 401 with the Basic challenge without credentials, 200 with the right ones', BOUNDED, async () => {
    const challenged = splitResponse((await serve('auth-basic-challenge', { waitMs: 300 })).bytes);
    assert.equal(challenged.statusLine, 'HTTP/1.1 401 Unauthorized');
    assert.deepEqual(headerValues(challenged.headerLines, 'www-authenticate'), ['Basic realm="x"']);
    const admitted = splitResponse((await serve('auth-basic-challenge', { waitMs: 300, headers: { Authorization: auth.RIGHT_AUTHORIZATION } })).bytes);
    assert.equal(admitted.statusLine, 'HTTP/1.1 200 OK');
    assert.deepEqual(entryNamed('auth-basic-challenge').request.options.auth, { user: auth.USER, password: auth.PASSWORD, type: 'auto' });
  });
});
