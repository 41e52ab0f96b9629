'use strict';

// The one request handler shared by every test server (HTTP/1.1, h2c, TLS with
// ALPN). It works on Node's HTTP/1 objects and on the HTTP/2 compatibility
// objects alike; routes that break the connection on purpose pick the
// protocol-appropriate way to do it.

const http = require('node:http');
const http2 = require('node:http2');
const { createHash } = require('node:crypto');
const iconv = require('iconv-lite');
const { COMPRESSED_TEXT, ENCODINGS, MAX_BOMB_MIB } = require('./compressed-bodies');
const { readQuery, buildAnswer } = require('./dns-message');

const JSON_BODY = Object.freeze({
  name: 'rcplib',
  version: 1,
  ok: true,
  tags: ['http', 'test'],
  nested: { count: 3, ratio: 0.5, empty: null },
  greeting: '你好',
});

const DEFAULT_TEXT = 'Hello, 世界! rcplib text body.';
const PATTERN_MODULUS = 251;
// 256 whole periods, so any offset into the pattern is a plain slice of it.
const PATTERN_BLOCK = Buffer.from(Array.from({ length: PATTERN_MODULUS * 256 }, (_, i) => i % PATTERN_MODULUS));
const STREAM_CHUNK_BYTES = PATTERN_BLOCK.length - PATTERN_MODULUS;

const KIB = 1024;
const MIB = 1024 * KIB;
const LIMITS = Object.freeze({
  bytes: 16 * 1024 * MIB,
  dripBytes: 64 * MIB,
  delayMs: 60_000,
  echoBodyBytes: 16 * MIB,
  hugeHeadersKib: 8 * KIB,
  redirects: 1000,
  resetMidBodyBytes: 64 * MIB,
  dnsMessageBytes: 64 * KIB,
});
// Gives the kernel time to put already-written bytes on the wire before a
// reset throws away whatever is still queued.
const FLUSH_BEFORE_RESET_MS = 50;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const FIXED_COOKIE = 'session=abc; Path=/; Domain=127.0.0.1; Max-Age=3600; Secure; HttpOnly; SameSite=Lax';
const GOAWAY_MODES = new Set(['graceful', 'abrupt']);
const DNS_MESSAGE_TYPE = 'application/dns-message';

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The client went away before its request body was complete. */
class ClientAbortedError extends Error {
  constructor() {
    super('request aborted by the client');
  }
}

/** Bytes [offset, offset + length) of the pattern where byte i is i % 251. */
function patternBytes(offset, length) {
  const start = offset % PATTERN_MODULUS;
  if (start + length <= PATTERN_BLOCK.length) return PATTERN_BLOCK.subarray(start, start + length);
  const out = Buffer.allocUnsafe(length);
  for (let written = 0; written < length; ) {
    const piece = Math.min(STREAM_CHUNK_BYTES, length - written);
    const from = (start + written) % PATTERN_MODULUS;
    PATTERN_BLOCK.copy(out, written, from, from + piece);
    written += piece;
  }
  return out;
}

function intParam(value, { name, fallback, min, max }) {
  if (value === null || value === undefined || value === '') {
    if (fallback === undefined) throw new HttpError(400, `missing ${name}`);
    return fallback;
  }
  if (!/^\d+$/.test(value)) throw new HttpError(400, `${name} must be a non-negative integer`);
  const number = Number(value);
  if (number < min || number > max) throw new HttpError(400, `${name} must be between ${min} and ${max}`);
  return number;
}

function isHttp2(req) {
  return req.httpVersionMajor === 2;
}

function headerPairs(rawHeaders) {
  const pairs = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i], rawHeaders[i + 1]]);
  return pairs;
}

function sendBody(res, status, contentType, body, extraHeaders = {}) {
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  res.writeHead(status, { 'content-type': contentType, 'content-length': buffer.length, ...extraHeaders });
  res.end(buffer);
}

function sendJson(res, status, value, extraHeaders) {
  sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify(value), extraHeaders);
}

function sendText(res, status, text, extraHeaders) {
  sendBody(res, status, 'text/plain; charset=utf-8', text, extraHeaders);
}

/** Feeds every body chunk to `onChunk`; resolves at the end, rejects if the client goes away. */
function consumeBody(req, onChunk) {
  return new Promise((resolve, reject) => {
    req.on('data', onChunk);
    req.on('end', resolve);
    req.on('error', () => reject(new ClientAbortedError()));
    req.on('aborted', () => reject(new ClientAbortedError()));
  });
}

/** Reads the whole request body; past `limit` bytes it keeps draining but answers 413. */
async function readBody(req, limit) {
  const parts = [];
  let length = 0;
  await consumeBody(req, (chunk) => {
    length += chunk.length;
    if (length <= limit) parts.push(chunk);
  });
  if (length > limit) throw new HttpError(413, `body larger than ${limit} bytes`);
  return Buffer.concat(parts);
}

/** Writes `total` pattern bytes with back-pressure, then calls `done` (default: end). */
function streamPattern(res, total, done = () => res.end()) {
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      if (res.destroyed) return;
      const size = Math.min(STREAM_CHUNK_BYTES, total - sent);
      const flushed = res.write(patternBytes(sent, size));
      sent += size;
      if (!flushed) {
        res.once('drain', pump);
        return;
      }
    }
    done();
  };
  pump();
}

function createRequestHandler(runtime) {
  const { bodies, schedule, connections, servers } = runtime;

  function describeRequest(ctx, body) {
    const { req, url } = ctx;
    const socket = req.socket;
    return {
      method: req.method,
      path: url.pathname,
      url: req.url,
      query: Object.fromEntries(url.searchParams),
      rawQuery: url.search.slice(1),
      headers: headerPairs(req.rawHeaders),
      body: body.toString('utf8'),
      bodyBase64: body.toString('base64'),
      bodyLength: body.length,
      httpVersion: req.httpVersion,
      server: ctx.server.name,
      tls: Boolean(socket && socket.encrypted),
      alpn: (socket && socket.alpnProtocol) || null,
      remotePort: socket ? socket.remotePort : null,
    };
  }

  // Cancels the timer when the client goes away, so nothing writes to a dead response.
  function scheduleForResponse(res, ms, callback) {
    let cancel = null;
    const onClose = () => cancel();
    cancel = schedule(ms, () => {
      res.off('close', onClose);
      callback();
    });
    res.once('close', onClose);
  }

  /** Breaks the exchange abruptly: TCP RST on HTTP/1.x, RST_STREAM on HTTP/2. */
  function resetExchange({ req, server }) {
    if (isHttp2(req)) {
      if (!req.stream.destroyed) req.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
      return;
    }
    const socket = req.socket;
    const raw = server.rawSocketOf(socket);
    try {
      raw.resetAndDestroy();
    } catch {
      // No TCP handle left (already closing): a plain destroy is the best remaining option.
      socket.destroy();
    }
  }

  /** Ends the connection (HTTP/1.x) or the whole session (HTTP/2) without finishing the response. */
  function dropConnection(req) {
    if (isHttp2(req)) req.stream.session.destroy();
    else req.socket.end();
  }

  const routes = {
    async echo(ctx) {
      const body = await readBody(ctx.req, LIMITS.echoBodyBytes);
      sendJson(ctx.res, 200, describeRequest(ctx, body));
    },

    status({ req, res, url, segments }) {
      const code = intParam(segments[1], { name: 'status code', min: 200, max: 599 });
      const reason = url.searchParams.get('reason');
      if (reason !== null && /[\r\n]/.test(reason)) throw new HttpError(400, 'reason must be one line');
      req.resume();
      const headers = { 'content-type': 'text/plain; charset=utf-8' };
      let body = '';
      if (code === 205) headers['content-length'] = 0;
      else if (code !== 204 && code !== 304) {
        body = `${code} ${reason ?? http.STATUS_CODES[code] ?? 'Status'}\n`;
        headers['content-length'] = Buffer.byteLength(body);
      }
      // HTTP/2 has no reason phrase, so it is only set on HTTP/1.x.
      if (reason !== null && !isHttp2(req)) res.writeHead(code, reason, headers);
      else res.writeHead(code, headers);
      res.end(body);
    },

    bytes({ req, res, url, segments }) {
      const total = intParam(segments[1], { name: 'byte count', min: 0, max: LIMITS.bytes });
      const chunked = url.searchParams.get('chunked') === '1';
      req.resume();
      const headers = { 'content-type': 'application/octet-stream' };
      if (!chunked) headers['content-length'] = total;
      // HTTP/2 frames every body itself; leaving out the length is its equivalent.
      else if (!isHttp2(req)) headers['transfer-encoding'] = 'chunked';
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else streamPattern(res, total);
    },

    text({ req, res, url }) {
      const charset = url.searchParams.get('charset') || 'utf-8';
      const text = url.searchParams.get('text') ?? DEFAULT_TEXT;
      if (!iconv.encodingExists(charset)) throw new HttpError(400, `unknown charset ${charset}`);
      req.resume();
      sendBody(res, 200, `text/plain; charset=${charset}`, iconv.encode(text, charset));
    },

    json({ req, res }) {
      req.resume();
      sendJson(res, 200, JSON_BODY);
    },

    delay({ req, res, segments }) {
      const delayMs = intParam(segments[1], { name: 'delay', min: 0, max: LIMITS.delayMs });
      req.resume();
      scheduleForResponse(res, delayMs, () => sendJson(res, 200, { delayedMs: delayMs }));
    },

    drip({ req, res, url }) {
      const params = url.searchParams;
      const total = intParam(params.get('bytes'), { name: 'bytes', fallback: 10, min: 0, max: LIMITS.dripBytes });
      const intervalMs = intParam(params.get('intervalMs'), { name: 'intervalMs', fallback: 100, min: 0, max: LIMITS.delayMs });
      const chunk = intParam(params.get('chunk'), { name: 'chunk', fallback: 1, min: 1, max: LIMITS.dripBytes });
      req.resume();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': total });
      res.flushHeaders();
      let sent = 0;
      const next = () => {
        if (res.destroyed) return;
        if (sent >= total) {
          res.end();
          return;
        }
        const size = Math.min(chunk, total - sent);
        res.write(patternBytes(sent, size));
        sent += size;
        scheduleForResponse(res, intervalMs, next);
      };
      if (total === 0) res.end();
      else scheduleForResponse(res, intervalMs, next);
    },

    hang({ req }) {
      // Reading the request lets the client finish sending; the answer never comes.
      req.resume();
    },

    'hang-after-headers'({ req, res }) {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': 100 });
      res.flushHeaders();
    },

    'reset-before-headers'(ctx) {
      resetExchange(ctx);
    },

    'reset-mid-body'(ctx) {
      const { req, res, url } = ctx;
      const half = intParam(url.searchParams.get('bytes'), {
        name: 'bytes', fallback: 1024, min: 1, max: LIMITS.resetMidBodyBytes,
      });
      req.resume();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': half * 2 });
      streamPattern(res, half, () => scheduleForResponse(res, FLUSH_BEFORE_RESET_MS, () => resetExchange(ctx)));
    },

    'truncated-chunked'({ req, res }) {
      req.resume();
      const headers = { 'content-type': 'text/plain; charset=utf-8' };
      if (!isHttp2(req)) headers['transfer-encoding'] = 'chunked';
      res.writeHead(200, headers);
      res.write('first chunk\n');
      res.write('second chunk\n', () => {
        scheduleForResponse(res, FLUSH_BEFORE_RESET_MS, () => dropConnection(req));
      });
    },

    'short-content-length'({ req, res }) {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': 1000 });
      res.write(patternBytes(0, 100), () => {
        scheduleForResponse(res, FLUSH_BEFORE_RESET_MS, () => {
          // HTTP/2 can end the stream early, which the client must flag against content-length.
          if (isHttp2(req)) req.stream.end();
          else req.socket.end();
        });
      });
    },

    async redirect(ctx) {
      const { res, url, segments } = ctx;
      const remaining = intParam(segments[1], { name: 'redirect count', min: 0, max: LIMITS.redirects });
      const status = intParam(url.searchParams.get('status'), { name: 'status', fallback: 302, min: 301, max: 308 });
      if (!REDIRECT_STATUSES.has(status)) throw new HttpError(400, 'status must be 301, 302, 303, 307 or 308');
      if (remaining === 0) {
        await routes.echo(ctx);
        return;
      }
      ctx.req.resume();
      sendText(res, status, `redirecting, ${remaining} to go\n`, { location: `/redirect/${remaining - 1}${url.search}` });
    },

    'redirect-loop'({ req, res, url }) {
      req.resume();
      sendText(res, 302, 'redirecting to myself\n', { location: `/redirect-loop${url.search}` });
    },

    'redirect-to'({ req, res, url }) {
      const target = url.searchParams.get('url');
      if (!target) throw new HttpError(400, 'missing url');
      if (/[\r\n]/.test(target)) throw new HttpError(400, 'url must be one line');
      const status = intParam(url.searchParams.get('status'), { name: 'status', fallback: 302, min: 300, max: 399 });
      req.resume();
      sendText(res, status, `redirecting to ${target}\n`, { location: target });
    },

    'set-cookie'({ req, res, url }) {
      req.resume();
      const cookies = [];
      for (const [name, value] of url.searchParams) cookies.push(`${name}=${value}`);
      cookies.push(FIXED_COOKIE);
      sendJson(res, 200, { cookies }, { 'set-cookie': cookies });
    },

    compressed({ req, res, segments }) {
      const encoding = segments[0];
      req.resume();
      sendBody(res, 200, 'text/plain; charset=utf-8', bodies.text(encoding), { 'content-encoding': encoding });
    },

    async bomb({ req, res, url }) {
      const encoding = url.searchParams.get('encoding') || 'gzip';
      if (!ENCODINGS.includes(encoding)) throw new HttpError(400, `encoding must be one of ${ENCODINGS.join(', ')}`);
      const mebibytes = intParam(url.searchParams.get('mb'), { name: 'mb', fallback: 10, min: 1, max: MAX_BOMB_MIB });
      req.resume();
      const body = await bodies.bomb(encoding, mebibytes);
      sendBody(res, 200, 'application/octet-stream', body, {
        'content-encoding': encoding,
        'x-decoded-length': mebibytes * MIB,
      });
    },

    'huge-headers'({ req, res, url }) {
      const kib = intParam(url.searchParams.get('kb'), { name: 'kb', fallback: 16, min: 1, max: LIMITS.hugeHeadersKib });
      req.resume();
      for (let i = 0; i < kib; i++) {
        const name = `x-huge-${String(i).padStart(5, '0')}`;
        // "name: value\r\n" is then exactly 1 KiB on an HTTP/1.1 wire.
        res.setHeader(name, 'v'.repeat(KIB - name.length - 4));
      }
      sendJson(res, 200, { headerCount: kib, kb: kib });
    },

    async upload({ req, res }) {
      const hash = createHash('sha256');
      let bytes = 0;
      await consumeBody(req, (chunk) => {
        bytes += chunk.length;
        hash.update(chunk);
      });
      sendJson(res, 200, { bytes, sha256: hash.digest('hex'), contentType: req.headers['content-type'] ?? null });
    },

    stats({ req, res }) {
      req.resume();
      sendJson(res, 200, connections());
    },

    servers({ req, res }) {
      req.resume();
      sendJson(res, 200, servers());
    },

    goaway({ req, res, url }) {
      const mode = url.searchParams.get('mode') || 'graceful';
      if (!GOAWAY_MODES.has(mode)) throw new HttpError(400, 'mode must be graceful or abrupt');
      const delayMs = intParam(url.searchParams.get('delayMs'), { name: 'delayMs', fallback: FLUSH_BEFORE_RESET_MS, min: 0, max: LIMITS.delayMs });
      req.resume();
      const body = `goaway ${mode}\n`;
      if (mode === 'graceful') {
        // HTTP/2: GOAWAY(NO_ERROR) now; streams already accepted still finish, later ones are refused.
        if (isHttp2(req)) req.stream.session.close();
        const headers = { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) };
        if (!isHttp2(req)) headers.connection = 'close';
        scheduleForResponse(res, delayMs, () => {
          res.writeHead(200, headers);
          res.end(body);
        });
        return;
      }
      // Abrupt: part of an answer, then GOAWAY(INTERNAL_ERROR) and the whole connection is torn down.
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': 1000 });
      res.write(body);
      scheduleForResponse(res, delayMs, () => {
        if (isHttp2(req)) {
          const session = req.stream.session;
          session.goaway(http2.constants.NGHTTP2_INTERNAL_ERROR);
          session.destroy();
        } else {
          req.socket.destroy();
        }
      });
    },

    async 'dns-query'({ req, res, url }) {
      let message;
      if (req.method === 'POST') {
        message = await readBody(req, LIMITS.dnsMessageBytes);
      } else {
        req.resume();
        message = Buffer.from(url.searchParams.get('dns') || '', 'base64url');
      }
      const query = readQuery(message);
      if (query === null) throw new HttpError(400, 'not a DNS query with one question');
      sendBody(res, 200, DNS_MESSAGE_TYPE, buildAnswer(query), { 'cache-control': 'max-age=0' });
    },
  };

  const routeByName = new Map([
    ['echo', routes.echo],
    ['status', routes.status],
    ['bytes', routes.bytes],
    ['text', routes.text],
    ['json', routes.json],
    ['delay', routes.delay],
    ['drip', routes.drip],
    ['hang', routes.hang],
    ['hang-after-headers', routes['hang-after-headers']],
    ['reset-before-headers', routes['reset-before-headers']],
    ['reset-mid-body', routes['reset-mid-body']],
    ['truncated-chunked', routes['truncated-chunked']],
    ['short-content-length', routes['short-content-length']],
    ['redirect', routes.redirect],
    ['redirect-loop', routes['redirect-loop']],
    ['redirect-to', routes['redirect-to']],
    ['set-cookie', routes['set-cookie']],
    ['gzip', routes.compressed],
    ['deflate', routes.compressed],
    ['br', routes.compressed],
    ['zstd', routes.compressed],
    ['bomb', routes.bomb],
    ['huge-headers', routes['huge-headers']],
    ['upload', routes.upload],
    ['stats', routes.stats],
    ['servers', routes.servers],
    ['goaway', routes.goaway],
    ['dns-query', routes['dns-query']],
  ]);
  // Routes whose path carries one parameter (/status/404); the others take none.
  const routesWithParameter = new Set(['status', 'bytes', 'delay', 'redirect']);

  function findRoute(segments) {
    const route = routeByName.get(segments[0]);
    if (!route) return null;
    const expectedSegments = routesWithParameter.has(segments[0]) ? 2 : 1;
    return segments.length === expectedSegments ? route : null;
  }

  function fail(res, err) {
    if (res.destroyed || res.writableEnded || err instanceof ClientAbortedError) return;
    // Bad parameters are the client's business; anything else is a bug here.
    if (!(err instanceof HttpError)) process.stderr.write(`testserver: route failed: ${err.stack || err}\n`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const status = err instanceof HttpError ? err.status : 500;
    sendJson(res, status, { error: err.message });
  }

  /** Returns the 'request' listener for one server ({ name, rawSocketOf(socket) }). */
  return (server) => (req, res) => {
    // A client that vanishes mid-exchange must never take the server down.
    req.on('error', () => {});
    res.on('error', () => {});
    if (req.stream) req.stream.on('error', () => {});
    if (runtime.log) res.once('finish', () => runtime.log(`${server.name} ${req.method} ${req.url} -> ${res.statusCode}`));

    let url;
    try {
      url = new URL(req.url, 'http://127.0.0.1');
    } catch {
      req.resume();
      sendJson(res, 400, { error: 'bad request target' });
      return;
    }
    const segments = url.pathname.split('/').filter((segment) => segment !== '');
    const route = findRoute(segments);
    if (!route) {
      req.resume();
      sendJson(res, 404, { error: 'not found', path: url.pathname });
      return;
    }
    const ctx = { req, res, url, segments, server };
    try {
      const pending = route(ctx);
      if (pending && typeof pending.then === 'function') pending.catch((err) => fail(res, err));
    } catch (err) {
      req.resume();
      fail(res, err);
    }
  };
}

module.exports = { createRequestHandler, patternBytes, JSON_BODY, DEFAULT_TEXT, FIXED_COOKIE, LIMITS };
