'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const zlib = require('node:zlib');
const http = require('node:http');
const https = require('node:https');
const http2 = require('node:http2');
const tls = require('node:tls');
const net = require('node:net');
const { createHash, randomBytes } = require('node:crypto');
const zstd = require('@bokuweb/zstd-wasm');
const { startTestServer, COMPRESSED_TEXT, JSON_BODY, DEFAULT_TEXT, FIXED_COOKIE, patternBytes } = require('../server');
const { LIMITS } = require('../routes');
const { ensureZstd } = require('../compressed-bodies');
const { h1Request, h2Request, h2Connect, transportsFor, sleep } = require('../exchange-clients');

const { NGHTTP2_INTERNAL_ERROR } = http2.constants;
// A misbehaving server must fail a test, never hang the run.
const BOUNDED = { timeout: 15_000 };

function expectedPattern(length) {
  return Buffer.from(Array.from({ length }, (_, i) => i % 251));
}

function headerValues(result, name) {
  const value = result.headers[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

let servers;

before(async () => {
  servers = await startTestServer();
  // The WebAssembly module is shared with the server and must be initialised only once.
  await ensureZstd();
});

after(async () => {
  await servers.close();
});

describe('pattern', () => {
  it('patternBytes gives byte i = i % 251 at any offset and length', BOUNDED, () => {
    assert.deepEqual(patternBytes(0, 600), expectedPattern(600));
    assert.deepEqual(patternBytes(250, 3), Buffer.from([250, 0, 1]));
    const long = patternBytes(7, 200_000);
    assert.equal(long.length, 200_000);
    assert.equal(long[0], 7);
    assert.equal(long[199_999], (7 + 199_999) % 251);
  });
});

// Everything protocol-independent runs once per way of reaching the server.
for (const transportName of ['http/1.1', 'h2c', 'https http/1.1', 'https h2']) {
  describe(`routes over ${transportName}`, () => {
    let transport;
    before(() => {
      transport = transportsFor(servers).find((candidate) => candidate.name === transportName);
    });

    it('echo reflects method, path, query, repeated headers and body', BOUNDED, async () => {
      const body = Buffer.from('héllo body', 'utf8');
      const headers = transport.h2
        ? { 'x-multi': ['one', 'two'], 'content-type': 'text/plain' }
        : { 'X-Multi': ['one', 'two'], 'Content-Type': 'text/plain' };
      const result = await transport.request('/echo?a=1&b=two&a=3', { method: 'PUT', headers, body });
      assert.equal(result.status, 200, String(result.error));
      const echo = JSON.parse(result.body.toString('utf8'));
      assert.equal(echo.method, 'PUT');
      assert.equal(echo.path, '/echo');
      assert.equal(echo.rawQuery, 'a=1&b=two&a=3');
      assert.equal(echo.query.b, 'two');
      assert.equal(echo.body, 'héllo body');
      assert.equal(echo.bodyBase64, body.toString('base64'));
      assert.equal(echo.bodyLength, body.length);
      const multi = echo.headers.filter(([name]) => name.toLowerCase() === 'x-multi').map(([, value]) => value);
      // HTTP/1 keeps repeated fields apart; HTTP/2 may fold them, but both values survive in order.
      assert.equal(multi.join(', '), 'one, two');
      assert.equal(echo.httpVersion, transport.h2 ? '2.0' : '1.1');
      assert.equal(echo.tls, transport.tls);
      assert.equal(echo.alpn, transport.tls ? (transport.h2 ? 'h2' : 'http/1.1') : null);
      assert.equal(echo.server, transport.serverName);
      assert.equal(typeof echo.remotePort, 'number');
    });

    it('status returns the code, a body and the reason phrase on HTTP/1.1', BOUNDED, async () => {
      const notFound = await transport.request('/status/404');
      assert.equal(notFound.status, 404);
      assert.equal(notFound.body.toString(), '404 Not Found\n');
      const teapot = await transport.request('/status/418?reason=Short%20And%20Stout');
      assert.equal(teapot.status, 418);
      assert.equal(teapot.body.toString(), '418 Short And Stout\n');
      if (!transport.h2) assert.equal(teapot.statusMessage, 'Short And Stout');
      const noContent = await transport.request('/status/204');
      assert.equal(noContent.status, 204);
      assert.equal(noContent.body.length, 0);
      assert.equal((await transport.request('/status/99')).status, 400);
    });

    it('bytes sends the deterministic pattern with a length, or chunked on request', BOUNDED, async () => {
      const fixed = await transport.request('/bytes/300000');
      assert.equal(fixed.status, 200);
      assert.equal(fixed.headers['content-type'], 'application/octet-stream');
      assert.equal(fixed.headers['content-length'], '300000');
      assert.deepEqual(fixed.body, expectedPattern(300000));

      const chunked = await transport.request('/bytes/70000?chunked=1');
      assert.equal(chunked.headers['content-length'], undefined);
      if (!transport.h2) assert.equal(chunked.headers['transfer-encoding'], 'chunked');
      assert.deepEqual(chunked.body, expectedPattern(70000));

      const head = await transport.request('/bytes/1234', { method: 'HEAD' });
      assert.equal(head.headers['content-length'], '1234');
      assert.equal(head.body.length, 0);
    });

    it('text encodes in the requested charset', BOUNDED, async () => {
      const gbk = await transport.request(`/text?charset=gbk&text=${encodeURIComponent('你好abc')}`);
      assert.equal(gbk.headers['content-type'], 'text/plain; charset=gbk');
      assert.deepEqual(gbk.body, Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x61, 0x62, 0x63]));
      const utf8 = await transport.request('/text');
      assert.equal(utf8.headers['content-type'], 'text/plain; charset=utf-8');
      assert.equal(utf8.body.toString('utf8'), DEFAULT_TEXT);
      assert.equal((await transport.request('/text?charset=no-such-charset')).status, 400);
    });

    it('json returns the fixed object', BOUNDED, async () => {
      const result = await transport.request('/json');
      assert.match(result.headers['content-type'], /^application\/json/);
      assert.deepEqual(JSON.parse(result.body), JSON_BODY);
    });

    it('delay answers only after the delay', BOUNDED, async () => {
      const result = await transport.request('/delay/150');
      assert.equal(result.status, 200);
      assert.ok(result.headersAtMs >= 140, `answered after ${result.headersAtMs} ms`);
      assert.deepEqual(JSON.parse(result.body), { delayedMs: 150 });
    });

    it('drip sends headers at once and the body slowly', BOUNDED, async () => {
      const result = await transport.request('/drip?bytes=4&intervalMs=150&chunk=2');
      assert.equal(result.status, 200);
      assert.equal(result.headers['content-length'], '4');
      // Headers sent with the first chunk would arrive after 150 ms.
      assert.ok(result.headersAtMs < 120, `headers after ${result.headersAtMs} ms`);
      assert.ok(result.endAtMs >= 290, `body done after ${result.endAtMs} ms`);
      assert.deepEqual(result.body, expectedPattern(4));
      assert.equal(result.complete, true);
    });

    it('hang never answers, and the server survives the client giving up', BOUNDED, async () => {
      const controller = new AbortController();
      const pending = transport.request('/hang', { method: 'POST', body: 'ignored', signal: controller.signal });
      const first = await Promise.race([pending, sleep(250).then(() => 'still waiting')]);
      assert.equal(first, 'still waiting');
      controller.abort();
      const aborted = await pending;
      assert.equal(aborted.status, undefined);
      assert.equal((await transport.request('/json')).status, 200);
    });

    it('hang-after-headers sends headers and then nothing', BOUNDED, async () => {
      let headersSeen = null;
      const controller = new AbortController();
      const pending = transport.request('/hang-after-headers', {
        signal: controller.signal,
        onResponse: () => {
          headersSeen = performance.now();
        },
      });
      await sleep(250);
      assert.ok(headersSeen !== null, 'headers arrived');
      controller.abort();
      const result = await pending;
      assert.equal(result.status, 200);
      assert.equal(result.headers['content-length'], '100');
      assert.equal(result.body.length, 0);
      assert.equal(result.complete, false);
    });

    it('reset-before-headers breaks the exchange without a response', BOUNDED, async () => {
      const result = await transport.request('/reset-before-headers');
      assert.equal(result.status, undefined);
      if (transport.h2) assert.equal(result.rstCode, NGHTTP2_INTERNAL_ERROR);
      else assert.equal(result.error.code, 'ECONNRESET');
    });

    it('reset-mid-body sends half the promised body, then resets', BOUNDED, async () => {
      const result = await transport.request('/reset-mid-body?bytes=1000');
      assert.equal(result.status, 200);
      assert.equal(result.headers['content-length'], '2000');
      assert.deepEqual(result.body, expectedPattern(1000));
      assert.equal(result.complete, false);
      if (transport.h2) assert.equal(result.rstCode, NGHTTP2_INTERNAL_ERROR);
      else assert.equal(result.error.code, 'ECONNRESET');
    });

    it('truncated-chunked ends the connection before the last chunk', BOUNDED, async () => {
      const result = await transport.request('/truncated-chunked');
      assert.equal(result.status, 200);
      if (!transport.h2) assert.equal(result.headers['transfer-encoding'], 'chunked');
      assert.equal(result.body.toString(), 'first chunk\nsecond chunk\n');
      assert.equal(result.complete, false);
    });

    it('short-content-length stops at 100 of 1000 promised bytes', BOUNDED, async () => {
      const result = await transport.request('/short-content-length');
      assert.equal(result.status, 200);
      assert.equal(result.headers['content-length'], '1000');
      assert.deepEqual(result.body, expectedPattern(100));
      assert.equal(result.complete, false);
    });

    it('redirect counts down to an echo, keeping the chosen status', BOUNDED, async () => {
      const first = await transport.request('/redirect/2?status=307');
      assert.equal(first.status, 307);
      assert.equal(first.headers.location, '/redirect/1?status=307');
      const second = await transport.request(first.headers.location);
      assert.equal(second.headers.location, '/redirect/0?status=307');
      const last = await transport.request(second.headers.location, { method: 'POST', body: 'kept' });
      assert.equal(last.status, 200);
      const echo = JSON.parse(last.body);
      assert.equal(echo.path, '/redirect/0');
      assert.equal(echo.body, 'kept');
      assert.equal((await transport.request('/redirect/1')).status, 302);
      assert.equal((await transport.request('/redirect/1?status=304')).status, 400);
    });

    it('redirect-loop and redirect-to point where they should', BOUNDED, async () => {
      const loop = await transport.request('/redirect-loop');
      assert.equal(loop.status, 302);
      assert.equal(loop.headers.location, '/redirect-loop');
      const target = 'file:///etc/passwd';
      const away = await transport.request(`/redirect-to?url=${encodeURIComponent(target)}&status=301`);
      assert.equal(away.status, 301);
      assert.equal(away.headers.location, target);
      const crossOrigin = await transport.request(`/redirect-to?url=${encodeURIComponent(`${servers.h2c}/json`)}`);
      assert.equal(crossOrigin.status, 302);
      assert.equal(crossOrigin.headers.location, `${servers.h2c}/json`);
      assert.equal((await transport.request('/redirect-to')).status, 400);
    });

    it('response-headers sends each query pair as a header line, a repeated name as repeated lines', BOUNDED,
      async () => {
        const result = await transport.request('/response-headers?etag=%22v1%22&x-a=1&location=/next');
        assert.equal(result.status, 200, String(result.error));
        assert.equal(result.headers.etag, '"v1"');
        assert.equal(result.headers['x-a'], '1');
        assert.equal(result.headers.location, '/next');
        assert.match(result.headers['content-type'], /^application\/json/);
        assert.deepEqual(JSON.parse(result.body.toString('utf8')).headers,
          [['etag', '"v1"'], ['x-a', '1'], ['location', '/next']]);
        const typed = await transport.request('/response-headers?content-type=text/csv');
        assert.equal(typed.headers['content-type'], 'text/csv');
        const repeated = await transport.request('/response-headers?etag=a&etag=b');
        if (transport.h2) {
          assert.equal(repeated.status, 400);
        } else {
          assert.equal(repeated.status, 200);
          const etags = [];
          for (let i = 0; i + 1 < repeated.rawHeaders.length; i += 2) {
            if (repeated.rawHeaders[i].toLowerCase() === 'etag') etags.push(repeated.rawHeaders[i + 1]);
          }
          assert.deepEqual(etags, ['a', 'b']);
        }
        assert.equal((await transport.request('/response-headers?content-length=5')).status, 400);
      });

    it('set-cookie sends one header per pair plus the fixed cookie', BOUNDED, async () => {
      const result = await transport.request('/set-cookie?a=1&b=two');
      assert.deepEqual(headerValues(result, 'set-cookie'), ['a=1', 'b=two', FIXED_COOKIE]);
    });

    it('gzip, deflate, br and zstd carry the known text', BOUNDED, async () => {
      const decoders = {
        gzip: (body) => zlib.gunzipSync(body),
        deflate: (body) => zlib.inflateSync(body),
        br: (body) => zlib.brotliDecompressSync(body),
        zstd: (body) => Buffer.from(zstd.decompress(body)),
      };
      for (const [encoding, decode] of Object.entries(decoders)) {
        const result = await transport.request(`/${encoding}`);
        assert.equal(result.headers['content-encoding'], encoding);
        assert.ok(result.body.length < Buffer.byteLength(COMPRESSED_TEXT) / 4, `${encoding} really compresses`);
        assert.equal(decode(result.body).toString('utf8'), COMPRESSED_TEXT, encoding);
      }
      const zstdBody = (await transport.request('/zstd')).body;
      assert.deepEqual(zstdBody.subarray(0, 4), Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), 'zstd frame magic');
    });

    it('bomb is tiny on the wire and huge once decoded', BOUNDED, async () => {
      const gzip = await transport.request('/bomb?encoding=gzip&mb=3');
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      assert.ok(gzip.body.length < 8 * 1024, `gzip bomb is ${gzip.body.length} bytes`);
      const inflated = zlib.gunzipSync(gzip.body);
      assert.equal(inflated.length, 3 * 1024 * 1024);
      assert.ok(inflated.every((byte) => byte === 0));
      const br = await transport.request('/bomb?encoding=br&mb=2');
      assert.equal(zlib.brotliDecompressSync(br.body).length, 2 * 1024 * 1024);
      // The zstd bomb is one frame of a zero mebibyte repeated; decode the frames one by one.
      const zstdBomb = await transport.request('/bomb?encoding=zstd&mb=2');
      assert.ok(zstdBomb.body.length < 1024);
      const frameLength = zstdBomb.body.length / 2;
      assert.deepEqual(zstdBomb.body.subarray(0, frameLength), zstdBomb.body.subarray(frameLength));
      const frame = Buffer.from(zstd.decompress(zstdBomb.body.subarray(0, frameLength)));
      assert.deepEqual(frame, Buffer.alloc(1024 * 1024));
      assert.equal((await transport.request('/bomb?encoding=lzma')).status, 400);
    });

    it('huge-headers adds about the requested KiB of headers', BOUNDED, async () => {
      const result = await transport.request('/huge-headers?kb=64', { maxHeaderSize: 1024 * 1024 });
      assert.equal(result.status, 200, String(result.error));
      const huge = Object.entries(result.headers).filter(([name]) => name.startsWith('x-huge-'));
      assert.equal(huge.length, 64);
      const bytes = huge.reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
      assert.equal(bytes, 64 * 1024);
    });

    it('upload reports the size and SHA-256 of the body', BOUNDED, async () => {
      const body = randomBytes(1024 * 1024 + 17);
      const result = await transport.request('/upload', {
        method: 'POST',
        headers: { 'content-type': 'application/x-test' },
        body,
      });
      assert.deepEqual(JSON.parse(result.body), {
        bytes: body.length,
        sha256: createHash('sha256').update(body).digest('hex'),
        contentType: 'application/x-test',
      });
    });

    it('unknown paths are 404', BOUNDED, async () => {
      for (const path of ['/nope', '/status', '/json/extra', '/bytes/1/2']) {
        const result = await transport.request(path);
        assert.equal(result.status, 404, path);
        assert.equal(JSON.parse(result.body).error, 'not found');
      }
    });

    it('keeps serving after clients abort drip, delay and a half-sent upload', BOUNDED, async () => {
      for (const path of ['/drip?bytes=100&intervalMs=20', '/delay/1000']) {
        const controller = new AbortController();
        const pending = transport.request(path, { signal: controller.signal });
        await sleep(60);
        controller.abort();
        assert.equal((await pending).complete, false, path);
      }
      const url = new URL('/upload', servers[transport.serverName]);
      if (transport.h2) {
        const session = h2Connect(url.origin, { ca: servers.caPem });
        const stream = session.request({ ':method': 'POST', ':path': '/upload', 'content-length': '100000' });
        stream.on('error', () => {});
        stream.write(Buffer.alloc(10));
        await sleep(30);
        stream.close(http2.constants.NGHTTP2_CANCEL);
        session.close();
      } else {
        const client = transport.tls ? https : http;
        const req = client.request(url, { method: 'POST', headers: { 'content-length': '100000' }, ca: servers.caPem, agent: false });
        req.on('error', () => {});
        req.write(Buffer.alloc(10));
        await sleep(30);
        req.destroy();
      }
      await sleep(30);
      assert.equal((await transport.request('/json')).status, 200);
    });

    it('echo refuses bodies above its limit with 413', BOUNDED, async () => {
      const result = await transport.request('/echo', { method: 'POST', body: Buffer.alloc(LIMITS.echoBodyBytes + 1) });
      assert.equal(result.status, 413);
    });

    it('keeps serving after a client vanishes mid-download', BOUNDED, async () => {
      const controller = new AbortController();
      const result = await transport.request('/bytes/50000000', {
        signal: controller.signal,
        onResponse: () => setTimeout(() => controller.abort(), 10),
      });
      assert.equal(result.status, 200);
      assert.ok(result.body.length < 50000000);
      assert.equal((await transport.request('/json')).status, 200);
    });
  });
}

describe('resets on HTTP/1.1 are TCP resets, not orderly closes', () => {
  // Node's HTTP client reports a FIN as ECONNRESET too, so only a raw socket tells them apart.
  function rawExchange(url, path, secure) {
    const { port } = new URL(url);
    return new Promise((resolve) => {
      const socket = secure
        ? tls.connect({ host: '127.0.0.1', port, ca: servers.caPem, ALPNProtocols: ['http/1.1'] })
        : net.connect({ host: '127.0.0.1', port });
      const chunks = [];
      socket.on(secure ? 'secureConnect' : 'connect', () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      });
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('end', () => resolve({ how: 'end', received: Buffer.concat(chunks) }));
      socket.on('error', (error) => resolve({ how: error.code, received: Buffer.concat(chunks) }));
    });
  }

  for (const secure of [false, true]) {
    it(`reset-before-headers and reset-mid-body send RST${secure ? ' under TLS' : ''}`, BOUNDED, async () => {
      const url = secure ? servers.https : servers.http;
      const before = await rawExchange(url, '/reset-before-headers', secure);
      assert.deepEqual(before, { how: 'ECONNRESET', received: Buffer.alloc(0) });
      const mid = await rawExchange(url, '/reset-mid-body?bytes=500', secure);
      assert.equal(mid.how, 'ECONNRESET');
      const text = mid.received.toString('latin1');
      assert.match(text, /^HTTP\/1\.1 200 OK\r\n/);
      assert.deepEqual(mid.received.subarray(text.indexOf('\r\n\r\n') + 4), expectedPattern(500));
    });
  }
});

describe('garbage on the wire', () => {
  function sendGarbage(url, bytes) {
    const { port } = new URL(url);
    return new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(bytes));
      socket.on('error', () => {});
      socket.on('close', resolve);
      socket.resume();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }

  it('HTTP/1.1 to h2c, junk to TLS and a bad request line leave every server serving', BOUNDED, async () => {
    await Promise.all([
      sendGarbage(servers.h2c, 'GET /json HTTP/1.1\r\nHost: x\r\n\r\n'),
      sendGarbage(servers.https, 'this is not a TLS client hello\r\n\r\n'),
      sendGarbage(servers.http, 'NONSENSE\r\n\r\n'),
    ]);
    for (const transport of transportsFor(servers)) {
      assert.equal((await transport.request('/json')).status, 200, transport.name);
    }
  });
});

describe('connections and keep-alive', () => {
  it('stats and connections() count one TCP connection for many keep-alive requests', BOUNDED, async () => {
    const before = servers.connections();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const ports = new Set();
    for (let i = 0; i < 3; i++) {
      const result = await h1Request(servers.http, '/echo', { agent });
      ports.add(JSON.parse(result.body).remotePort);
    }
    agent.destroy();
    assert.equal(ports.size, 1);
    assert.equal(servers.connections().http, before.http + 1);

    const session = h2Connect(servers.https, { ca: servers.caPem });
    for (let i = 0; i < 3; i++) assert.equal((await h2Request(servers.https, '/json', { session })).status, 200);
    const stats = await h2Request(servers.https, '/stats', { session });
    session.close();
    assert.equal(JSON.parse(stats.body).https, before.https + 1);
    assert.deepEqual(Object.keys(servers.connections()).sort(), ['h2c', 'hostile', 'http', 'https', 'httpsExpired', 'httpsSelfSigned']);
  });
});

describe('TLS', () => {
  function handshake(url, options = {}) {
    const { port } = new URL(url);
    return new Promise((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ...options }, () => {
        const certificate = socket.getPeerX509Certificate();
        const alpn = socket.alpnProtocol;
        socket.end();
        resolve({ ok: true, certificate, alpn });
      });
      socket.on('error', (error) => resolve({ ok: false, error }));
    });
  }

  it('the CA file holds the CA that signs the https certificate for 127.0.0.1 and localhost', BOUNDED, async () => {
    assert.equal(fs.readFileSync(servers.caFile, 'utf8'), servers.caPem);
    const byIp = await handshake(servers.https, { ca: servers.caPem, servername: undefined });
    assert.equal(byIp.ok, true, String(byIp.error));
    assert.match(byIp.certificate.subjectAltName, /IP Address:127\.0\.0\.1/);
    const byName = await handshake(servers.https, { ca: servers.caPem, servername: 'localhost' });
    assert.equal(byName.ok, true, String(byName.error));
    const untrusted = await handshake(servers.https);
    assert.equal(untrusted.ok, false);
  });

  it('ALPN picks h2 or http/1.1 as the client offers', BOUNDED, async () => {
    assert.equal((await handshake(servers.https, { ca: servers.caPem, ALPNProtocols: ['h2', 'http/1.1'] })).alpn, 'h2');
    assert.equal((await handshake(servers.https, { ca: servers.caPem, ALPNProtocols: ['http/1.1'] })).alpn, 'http/1.1');
  });

  it('self-signed and expired servers fail verification with distinct reasons', BOUNDED, async () => {
    const selfSigned = await handshake(servers.httpsSelfSigned, { ca: servers.caPem });
    assert.equal(selfSigned.ok, false);
    assert.equal(selfSigned.error.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    const expired = await handshake(servers.httpsExpired, { ca: servers.caPem });
    assert.equal(expired.ok, false);
    assert.equal(expired.error.code, 'CERT_HAS_EXPIRED');
    // With verification off both still serve, so a "skip validation" client can be tested.
    const skipped = await h1Request(servers.httpsExpired, '/json', { agent: new https.Agent({ rejectUnauthorized: false }) });
    assert.equal(skipped.status, 200);
  });

  it('pins are the SHA-256 of each server public key', BOUNDED, async () => {
    for (const name of ['https', 'httpsSelfSigned', 'httpsExpired']) {
      const { certificate } = await handshake(servers[name], { rejectUnauthorized: false });
      const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
      assert.equal(servers.pins[name], createHash('sha256').update(spki).digest('base64'), name);
    }
    assert.notEqual(servers.pins.https, servers.pins.httpsSelfSigned);
  });
});

describe('close()', () => {
  it('ends hanging and dripping exchanges on every server kind and removes the CA file', BOUNDED, async () => {
    const own = await startTestServer();
    const ca = own.caPem;
    const exchanges = [
      h1Request(own.http, '/hang'),
      h1Request(own.http, '/drip?bytes=1000&intervalMs=100'),
      h2Request(own.h2c, '/hang'),
      h2Request(own.h2c, '/drip?bytes=1000&intervalMs=100'),
      h1Request(own.https, '/hang-after-headers', { ca }),
      h2Request(own.https, '/drip?bytes=1000&intervalMs=100', { ca }),
    ];
    await sleep(200);
    const startedAt = performance.now();
    await own.close();
    assert.ok(performance.now() - startedAt < 1000, 'close() returned quickly');
    const results = await Promise.all(exchanges);
    for (const result of results) assert.equal(result.complete, false);
    assert.equal(fs.existsSync(own.caFile), false);
    // A second close() is harmless.
    await own.close();
  });
});
