'use strict';

// The hostile listener: a raw TCP server that reads HTTP/1.1 request heads
// itself and hands each request to a case that writes whatever bytes it likes.
// Routes: GET /cases (the catalogue as JSON), /case/<name>, /case/<name>/next
// (the keep-alive follow-up, "second" unless the case says otherwise) and the
// helper routes the cases point at. Everything a case schedules is tied to its
// connection and to the test server's timer registry, so close() stops it all.

const net = require('node:net');
const { completeResponse } = require('./wire');

// A client that sends more than this without ending its head is dropped.
const MAX_REQUEST_HEAD_BYTES = 64 * 1024;
// Request bodies are read and thrown away; nothing the cases need is larger.
const MAX_REQUEST_BODY_BYTES = 1024 * 1024;
// An idle keep-alive connection is closed after this, so no case lingers.
const IDLE_CONNECTION_MS = 5_000;
// A case that never ends its exchange is cut off after this.
const MAX_EXCHANGE_MS = 10_000;
// Gives the kernel time to put written bytes on the wire before a reset
// throws away whatever is still queued.
const FLUSH_BEFORE_RESET_MS = 50;
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const CASE_PATH = /^\/case\/([a-z0-9-]+)(\/next)?$/;
const SECOND_BODY = 'second';

/** Parses a request head (without its final empty line); null when it is not HTTP/1.x. */
function parseRequestHead(text) {
  const lines = text.split('\r\n');
  const requestLine = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/1\.[01]$/.exec(lines[0]);
  if (!requestLine) return null;
  const headers = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return null;
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const target = requestLine[2];
  const queryAt = target.indexOf('?');
  return {
    method: requestLine[1],
    target,
    path: queryAt === -1 ? target : target.slice(0, queryAt),
    headers,
    head: text,
    /** The last value of a header, by case-insensitive name. */
    header(name) {
      const wanted = name.toLowerCase();
      const found = headers.filter(([headerName]) => headerName.toLowerCase() === wanted);
      return found.length ? found[found.length - 1][1] : undefined;
    },
  };
}

/**
 * What a case handler gets: the request, and ways to write bytes, end the
 * connection (FIN), reset it (RST), or hand it back for the next request.
 * Nothing is written once the connection is done or the server closed.
 */
class Exchange {
  constructor(connection, request) {
    this.connection = connection;
    this.request = request;
    this.runtime = connection.runtime;
  }

  /** The port this listener accepted the connection on. */
  get port() {
    return this.connection.socket.localPort;
  }

  /** Writes bytes as they are; false when the connection is already gone. */
  write(bytes) {
    return this.connection.write(bytes);
  }

  /** Writes a complete response and keeps the connection for the next request. */
  respond(bytes) {
    this.write(bytes);
    this.complete();
  }

  /** The response is complete: the connection reads the next request. */
  complete() {
    this.connection.exchangeFinished();
  }

  /** Writes the bytes (if any), then half-closes: the client reads a FIN. */
  end(bytes) {
    if (bytes) this.write(bytes);
    this.connection.finish((socket) => socket.end());
  }

  /** Writes the bytes (if any), lets them reach the client, then sends a TCP RST. */
  reset(bytes) {
    if (!bytes) {
      this.connection.finish((socket) => socket.resetAndDestroy());
      return;
    }
    this.write(bytes);
    this.connection.stopReading();
    this.after(FLUSH_BEFORE_RESET_MS, () => this.connection.finish((socket) => socket.resetAndDestroy()));
  }

  /** Runs `callback` after `ms` unless the connection or the server closed first. */
  after(ms, callback) {
    this.connection.after(ms, callback);
  }

  /**
   * Writes `bytes` a piece at a time: the first piece at once, then one
   * every intervalMs; calls onDone after the last piece.
   */
  drip(bytes, { intervalMs, pieceBytes = 1 }, onDone) {
    let offset = 0;
    const next = () => {
      if (!this.write(bytes.subarray(offset, offset + pieceBytes))) return;
      offset += pieceBytes;
      if (offset < bytes.length) this.after(intervalMs, next);
      else if (onDone) onDone();
    };
    next();
  }
}

/** One accepted socket: reads request heads one after the other and dispatches them. */
class HostileConnection {
  constructor(socket, { dispatch, schedule, runtime }) {
    this.socket = socket;
    this.dispatch = dispatch;
    this.schedule = schedule;
    this.runtime = runtime;
    this.buffered = Buffer.alloc(0);
    // 'reading' a request, 'busy' while a case owns the connection, 'done' once it ended.
    this.state = 'reading';
    this.cancels = new Set();
    this.cancelIdle = null;
    this.cancelExchangeLimit = null;
    socket.on('error', () => {});
    socket.on('data', (data) => this.received(data));
    socket.once('close', () => {
      this.state = 'done';
      for (const cancel of this.cancels) cancel();
      this.cancels.clear();
    });
    this.waitForRequest();
  }

  get alive() {
    return !this.socket.destroyed && this.socket.writable;
  }

  write(bytes) {
    if (!this.alive) return false;
    this.socket.write(bytes);
    return true;
  }

  after(ms, callback) {
    if (this.socket.destroyed) return () => {};
    let cancel = null;
    cancel = this.schedule(ms, () => {
      this.cancels.delete(cancel);
      if (!this.socket.destroyed) callback();
    });
    this.cancels.add(cancel);
    return () => {
      cancel();
      this.cancels.delete(cancel);
    };
  }

  /** No more requests are read: whatever the client sends from now on is ignored. */
  stopReading() {
    this.state = 'done';
    this.buffered = Buffer.alloc(0);
  }

  /** Ends the connection the way `how` says, once. */
  finish(how) {
    this.stopReading();
    if (!this.socket.destroyed) how(this.socket);
  }

  exchangeFinished() {
    if (this.state !== 'busy') return;
    this.state = 'reading';
    if (this.cancelExchangeLimit) this.cancelExchangeLimit();
    this.waitForRequest();
    // A request the client already sent is served now rather than on its next write.
    setImmediate(() => this.readRequest());
  }

  waitForRequest() {
    if (this.cancelIdle) this.cancelIdle();
    this.cancelIdle = this.after(IDLE_CONNECTION_MS, () => {
      if (this.state === 'reading') this.finish((socket) => socket.end());
    });
  }

  received(data) {
    if (this.state === 'done') return;
    this.buffered = Buffer.concat([this.buffered, data]);
    // A client that keeps sending while its case runs is not buffered without end.
    if (this.buffered.length > MAX_REQUEST_HEAD_BYTES + MAX_REQUEST_BODY_BYTES) {
      this.finish((socket) => socket.destroy());
      return;
    }
    if (this.state === 'reading') this.readRequest();
  }

  readRequest() {
    if (this.state !== 'reading') return;
    // RFC 9112 section 2.2: empty lines before a request line are ignored.
    let start = 0;
    while (this.buffered[start] === 0x0d || this.buffered[start] === 0x0a) start += 1;
    if (start > 0) this.buffered = this.buffered.subarray(start);
    const headEnd = this.buffered.indexOf(HEAD_END);
    if (headEnd === -1) {
      if (this.buffered.length > MAX_REQUEST_HEAD_BYTES) this.finish((socket) => socket.destroy());
      return;
    }
    if (headEnd > MAX_REQUEST_HEAD_BYTES) {
      this.finish((socket) => socket.destroy());
      return;
    }
    const request = parseRequestHead(this.buffered.subarray(0, headEnd).toString('latin1'));
    if (!request) {
      this.write(completeResponse('bad request\n', { status: '400 Bad Request', headers: [['Connection', 'close']] }));
      this.finish((socket) => socket.end());
      return;
    }
    if (request.header('transfer-encoding') !== undefined) {
      this.write(completeResponse('chunked request bodies are not read here\n', { status: '501 Not Implemented', headers: [['Connection', 'close']] }));
      this.finish((socket) => socket.end());
      return;
    }
    const bodyLength = Number(request.header('content-length') || 0);
    if (!Number.isSafeInteger(bodyLength) || bodyLength < 0 || bodyLength > MAX_REQUEST_BODY_BYTES) {
      this.finish((socket) => socket.destroy());
      return;
    }
    const requestEnd = headEnd + HEAD_END.length + bodyLength;
    if (this.buffered.length < requestEnd) return;
    this.buffered = this.buffered.subarray(requestEnd);
    this.state = 'busy';
    if (this.cancelIdle) this.cancelIdle();
    this.cancelExchangeLimit = this.after(MAX_EXCHANGE_MS, () => this.finish((socket) => socket.destroy()));
    this.dispatch(new Exchange(this, request));
  }
}

/** Answers the keep-alive follow-up of any case: 200 "second". */
function answerSecond(exchange) {
  exchange.respond(completeResponse(SECOND_BODY));
}

/**
 * The request router over a catalogue: { casesByName, entries(),
 * helperRoutes }. Unknown paths get 404; a case that throws loses its
 * connection and the error goes to stderr.
 */
function createDispatcher(catalogue, log) {
  const run = (exchange, handler) => {
    Promise.resolve()
      .then(() => handler(exchange))
      .catch((err) => {
        process.stderr.write(`testserver: hostile case ${exchange.request.path} failed: ${err.stack || err}\n`);
        exchange.connection.finish((socket) => socket.destroy());
      });
  };
  return (exchange) => {
    const { method, path } = exchange.request;
    if (log) log(`hostile ${method} ${exchange.request.target}`);
    if (path === '/cases') {
      const json = JSON.stringify(catalogue.entries());
      exchange.respond(completeResponse(json, { contentType: 'application/json' }));
      return;
    }
    const match = CASE_PATH.exec(path);
    const name = match && match[1];
    const helper = name && !match[2] && catalogue.helperRoutes[name];
    const definition = name && catalogue.casesByName.get(name);
    if (helper) run(exchange, helper);
    else if (definition && match[2]) run(exchange, definition.serveNext || answerSecond);
    else if (definition) run(exchange, definition.serve);
    else exchange.respond(completeResponse('{"error":"not found"}', { status: '404 Not Found' }));
  };
}

/**
 * A net.Server serving the hostile cases. runtime.schedule(ms, fn) -> cancel
 * is the test server's timer registry; runtime.bodies its CompressedBodies.
 */
function createHostileServer(catalogue, runtime, log) {
  const dispatch = createDispatcher(catalogue, log);
  return net.createServer((socket) => {
    new HostileConnection(socket, { dispatch, schedule: runtime.schedule, runtime });
  });
}

module.exports = {
  createHostileServer,
  parseRequestHead,
  MAX_REQUEST_HEAD_BYTES,
  IDLE_CONNECTION_MS,
  FLUSH_BEFORE_RESET_MS,
  SECOND_BODY,
};
