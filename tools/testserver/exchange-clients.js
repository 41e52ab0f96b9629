'use strict';

// Minimal clients on Node's own http, https, http2 and net modules, used by
// the test server's tests. Every exchange resolves (never rejects) with what was
// received plus the error, if any, so tests can assert on broken exchanges.

const http = require('node:http');
const https = require('node:https');
const http2 = require('node:http2');
const net = require('node:net');

/**
 * One HTTP/1.1 exchange (plain or TLS with ALPN http/1.1).
 * Resolves { status, statusMessage, headers, rawHeaders, body, httpVersion,
 * complete, error, headersAtMs, endAtMs, socket }.
 */
function h1Request(baseUrl, path, options = {}) {
  const url = new URL(path, baseUrl);
  const client = url.protocol === 'https:' ? https : http;
  const startedAt = performance.now();
  return new Promise((resolve) => {
    const result = { status: undefined, body: Buffer.alloc(0), complete: false, error: null };
    const chunks = [];
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      result.body = Buffer.concat(chunks);
      result.endAtMs = performance.now() - startedAt;
      resolve(result);
    };
    const req = client.request(
      url,
      {
        method: options.method || 'GET',
        headers: options.headers,
        agent: options.agent === undefined ? false : options.agent,
        ca: options.ca,
        servername: options.servername,
        maxHeaderSize: options.maxHeaderSize,
        ALPNProtocols: url.protocol === 'https:' ? ['http/1.1'] : undefined,
      },
      (res) => {
        result.status = res.statusCode;
        result.statusMessage = res.statusMessage;
        result.headers = res.headers;
        result.rawHeaders = res.rawHeaders;
        result.httpVersion = res.httpVersion;
        result.headersAtMs = performance.now() - startedAt;
        result.socket = res.socket;
        if (options.onResponse) options.onResponse(res, req);
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          result.complete = !res.aborted && result.error === null;
          settle();
        });
        res.on('error', (err) => {
          result.error = err;
        });
        res.on('close', settle);
      },
    );
    req.on('error', (err) => {
      result.error = err;
      settle();
    });
    if (options.signal) options.signal.addEventListener('abort', () => req.destroy(new Error('aborted by test')));
    req.end(options.body);
  });
}

/** Opens an HTTP/2 session (h2c prior knowledge, or TLS with ALPN h2). */
function h2Connect(baseUrl, options = {}) {
  const session = http2.connect(baseUrl, {
    ca: options.ca,
    settings: { maxHeaderListSize: 16 * 1024 * 1024, ...(options.settings || {}) },
    maxHeaderListPairs: 100_000,
  });
  session.on('error', () => {});
  return session;
}

/**
 * One HTTP/2 exchange, on options.session or on a session of its own.
 * Resolves { status, headers, body, complete, error, rstCode, headersAtMs, endAtMs, session }.
 */
function h2Request(baseUrl, path, options = {}) {
  const session = options.session || h2Connect(baseUrl, options);
  const startedAt = performance.now();
  return new Promise((resolve) => {
    const result = { status: undefined, body: Buffer.alloc(0), complete: false, error: null, session };
    const chunks = [];
    let ended = false;
    const stream = session.request({ ':method': options.method || 'GET', ':path': path, ...(options.headers || {}) });
    stream.on('response', (headers) => {
      result.status = headers[':status'];
      result.headers = headers;
      result.headersAtMs = performance.now() - startedAt;
      if (options.onResponse) options.onResponse(stream);
    });
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      ended = true;
    });
    stream.on('error', (err) => {
      result.error = err;
    });
    stream.on('close', () => {
      result.rstCode = stream.rstCode;
      result.body = Buffer.concat(chunks);
      result.complete = ended && result.error === null && stream.rstCode === http2.constants.NGHTTP2_NO_ERROR;
      result.endAtMs = performance.now() - startedAt;
      if (!options.session) session.close();
      resolve(result);
    });
    if (options.signal) options.signal.addEventListener('abort', () => stream.close(http2.constants.NGHTTP2_CANCEL));
    stream.end(options.body);
  });
}

/** The four ways a client reaches the server: each server kind and both ALPN choices. */
function transportsFor(servers) {
  const ca = servers.caPem;
  return [
    { name: 'http/1.1', h2: false, tls: false, serverName: 'http', request: (p, o) => h1Request(servers.http, p, o) },
    { name: 'h2c', h2: true, tls: false, serverName: 'h2c', request: (p, o) => h2Request(servers.h2c, p, o) },
    { name: 'https http/1.1', h2: false, tls: true, serverName: 'https', request: (p, o) => h1Request(servers.https, p, { ca, ...o }) },
    { name: 'https h2', h2: true, tls: true, serverName: 'https', request: (p, o) => h2Request(servers.https, p, { ca, ...o }) },
  ];
}

/**
 * A plain TCP connection to an http:// server that records every byte it
 * receives with its arrival time, for servers that write raw HTTP/1.1 (the
 * hostile listener). `ending` becomes 'fin', 'reset' or 'closed' (closed by
 * this side) when the connection ends; `ended` resolves then.
 */
class RawConnection {
  constructor(baseUrl) {
    const { hostname, port } = new URL(baseUrl);
    this.host = `${hostname}:${port}`;
    this.openedAt = performance.now();
    this.arrivals = [];
    this.ending = null;
    this.endAtMs = undefined;
    this.waiters = new Set();
    this.socket = net.connect(Number(port), hostname);
    this.connected = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    this.ended = new Promise((resolve) => {
      this.socket.on('data', (bytes) => {
        this.arrivals.push({ atMs: performance.now() - this.openedAt, bytes });
        this.notify();
      });
      this.socket.on('end', () => this.endWith('fin'));
      this.socket.on('error', (err) => this.endWith(err.code === 'ECONNRESET' ? 'reset' : err.code));
      this.socket.on('close', () => {
        this.endWith('closed');
        resolve();
      });
    });
  }

  endWith(ending) {
    if (this.ending) return;
    this.ending = ending;
    this.endAtMs = performance.now() - this.openedAt;
    this.notify();
  }

  notify() {
    for (const waiter of this.waiters) waiter();
  }

  /** Everything received so far. */
  get bytes() {
    return Buffer.concat(this.arrivals.map((arrival) => arrival.bytes));
  }

  /** Sends a GET request head for `path` (or `method`), with these extra headers. */
  send(path, { method = 'GET', headers = {} } = {}) {
    const lines = [`${method} ${path} HTTP/1.1`, `Host: ${this.host}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
    this.socket.write(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  }

  /**
   * Resolves once `until(bytes)` holds, the connection ended, or `ms` passed,
   * whichever comes first.
   */
  waitFor(ms, until = () => false) {
    return new Promise((resolve) => {
      const check = () => {
        if (!this.ending && !until(this.bytes)) return;
        finish();
      };
      const timer = setTimeout(() => finish(), ms);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(this);
      };
      this.waiters.add(check);
      check();
    });
  }

  close() {
    this.socket.destroy();
  }
}

/**
 * Opens a RawConnection, sends GET `path`, and resolves once the server ended
 * the connection, options.until(bytes) held, or options.waitMs (default 1000)
 * passed; then closes it. The result is the connection: bytes, arrivals,
 * ending ('open' if the server had not ended it), endAtMs.
 */
async function rawExchange(baseUrl, path, { waitMs = 1000, until, headers, method } = {}) {
  const connection = new RawConnection(baseUrl);
  await connection.connected;
  connection.send(path, { headers, method });
  await connection.waitFor(waitMs, until);
  if (!connection.ending) connection.ending = 'open';
  connection.close();
  return connection;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = { h1Request, h2Request, h2Connect, transportsFor, RawConnection, rawExchange, sleep };
