'use strict';

// Starts the local test servers every rcplib test layer talks to: plain
// HTTP/1.1, cleartext HTTP/2 (prior knowledge), TLS servers offering h2 and
// http/1.1 by ALPN, two TCP listeners that misbehave below HTTP, and the
// hostile HTTP/1.1 listener (hostile/), all on 127.0.0.1 with ephemeral ports.

const fs = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const http2 = require('node:http2');
const { createTestCertificates } = require('./certificates');
const { CompressedBodies, COMPRESSED_TEXT } = require('./compressed-bodies');
const { createRequestHandler, patternBytes, JSON_BODY, DEFAULT_TEXT, FIXED_COOKIE } = require('./routes');
const { createSilentTcpServer, createGarbageTcpServer } = require('./fault-listeners');
const { createHostileServer } = require('./hostile/listener');
const { CATALOGUE } = require('./hostile/catalogue');

const HOST = '127.0.0.1';
// Longer than Node's 5 s default so a client test that pauses between
// requests still finds its connection open.
const KEEP_ALIVE_TIMEOUT_MS = 30_000;
// close() resolves after this at the latest, even if a server refuses to close.
const CLOSE_DEADLINE_MS = 3_000;
const HTTP2_OPTIONS = Object.freeze({
  // Lets /huge-headers send header blocks far above Node's 64 KiB default.
  maxSendHeaderBlockLength: 16 * 1024 * 1024,
  settings: { maxHeaderListSize: 16 * 1024 * 1024 },
});

/** Everything one listening server needs for bookkeeping and teardown. */
class TrackedServer {
  constructor(name, server, scheme) {
    this.name = name;
    this.server = server;
    this.scheme = scheme;
    this.acceptedConnections = 0;
    this.sockets = new Set();
    this.sessions = new Set();
    // Server-side TLS sockets hide their TCP socket; it is needed to send a TCP reset.
    this.rawSocketsByPeer = new Map();
    this.closed = new Promise((resolve) => server.once('close', resolve));
    this.track();
  }

  track() {
    const { server } = this;
    server.on('connection', (socket) => {
      this.acceptedConnections += 1;
      const peer = `${socket.remoteAddress}:${socket.remotePort}`;
      this.remember(socket, () => this.rawSocketsByPeer.delete(peer));
      this.rawSocketsByPeer.set(peer, socket);
    });
    server.on('secureConnection', (socket) => this.remember(socket));
    server.on('session', (session) => {
      this.sessions.add(session);
      session.on('error', () => {});
      session.once('close', () => this.sessions.delete(session));
    });
    server.on('stream', (stream) => stream.on('error', () => {}));
    // Failed handshakes and broken sessions are expected in failure tests; they must not crash us.
    server.on('tlsClientError', () => {});
    server.on('sessionError', () => {});
    // Anything else is a fault of the server itself and worth seeing.
    server.on('error', (err) => {
      if (this.server.listening) process.stderr.write(`testserver: ${this.name} server error: ${err.stack || err}\n`);
    });
  }

  /** The TCP socket under `socket` (itself unless it is a TLS socket of this server). */
  rawSocketOf(socket) {
    const raw = this.rawSocketsByPeer.get(`${socket.remoteAddress}:${socket.remotePort}`);
    return raw && (raw === socket || this.sockets.has(socket)) ? raw : socket;
  }

  remember(socket, onClose) {
    this.sockets.add(socket);
    socket.on('error', () => {});
    socket.once('close', () => {
      this.sockets.delete(socket);
      if (onClose) onClose();
    });
  }

  listen(port) {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, HOST, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  get url() {
    return `${this.scheme}://${HOST}:${this.server.address().port}`;
  }

  get hostPort() {
    return `${HOST}:${this.server.address().port}`;
  }

  destroyEverything() {
    this.server.close();
    if (typeof this.server.closeAllConnections === 'function') this.server.closeAllConnections();
    for (const session of this.sessions) session.destroy();
    for (const socket of this.sockets) socket.destroy();
  }
}

function createTimerRegistry() {
  const timers = new Set();
  return {
    schedule(ms, callback) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        callback();
      }, ms);
      timers.add(timer);
      return () => {
        clearTimeout(timer);
        timers.delete(timer);
      };
    },
    clearAll() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

function withDeadline(promise, ms) {
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Starts all test servers.
 * options.ports: optional fixed port per server name (default 0, ephemeral).
 * options.log: optional function receiving one line per finished request.
 * Resolves to { http, h2c, https, httpsSelfSigned, httpsExpired, hostile,
 * silentTcp, garbageTcp, caFile, caPem, selfSignedCertFile, pins,
 * connections(), close() }.
 */
async function startTestServer(options = {}) {
  const ports = options.ports || {};
  const bodies = new CompressedBodies();
  const [certificates] = await Promise.all([createTestCertificates(), bodies.prepare()]);

  const tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rcplib-testserver-'));
  const caFile = path.join(tempDir, 'ca.pem');
  await fs.writeFile(caFile, certificates.caPem);
  // Trusting the self-signed certificate itself is how a client accepts that server.
  const selfSignedCertFile = path.join(tempDir, 'self-signed.pem');
  await fs.writeFile(selfSignedCertFile, certificates.selfSigned.cert);

  const tlsOptions = (credentials) => ({ ...HTTP2_OPTIONS, allowHTTP1: true, key: credentials.key, cert: credentials.cert });
  const httpServer = http.createServer();
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  const tracked = [
    new TrackedServer('http', httpServer, 'http'),
    new TrackedServer('h2c', http2.createServer(HTTP2_OPTIONS), 'http'),
    new TrackedServer('https', http2.createSecureServer(tlsOptions(certificates.server)), 'https'),
    new TrackedServer('httpsSelfSigned', http2.createSecureServer(tlsOptions(certificates.selfSigned)), 'https'),
    new TrackedServer('httpsExpired', http2.createSecureServer(tlsOptions(certificates.expired)), 'https'),
  ];
  const timers = createTimerRegistry();
  // The hostile listener writes its HTTP by hand (hostile/listener.js); counted like the HTTP servers.
  const hostileServer = createHostileServer(CATALOGUE, { schedule: timers.schedule, bodies }, options.log);
  tracked.push(new TrackedServer('hostile', hostileServer, 'http'));
  // Below-HTTP fault listeners; not counted by connections(), which reports the HTTP servers.
  const faultListeners = [
    new TrackedServer('silentTcp', createSilentTcpServer(), 'tcp'),
    new TrackedServer('garbageTcp', createGarbageTcpServer(), 'tcp'),
  ];
  const everyServer = [...tracked, ...faultListeners];
  const byName = new Map(everyServer.map((entry) => [entry.name, entry]));
  const describeServers = () => ({
    ...Object.fromEntries(tracked.map((entry) => [entry.name, entry.url])),
    ...Object.fromEntries(faultListeners.map((entry) => [entry.name, entry.hostPort])),
    caFile,
    selfSignedCertFile,
  });

  const connections = () => Object.fromEntries(tracked.map((entry) => [entry.name, entry.acceptedConnections]));
  const handlerFor = createRequestHandler({
    bodies,
    connections,
    servers: describeServers,
    schedule: timers.schedule,
    log: options.log,
  });

  let closing = null;
  const close = () => {
    if (!closing) {
      closing = (async () => {
        timers.clearAll();
        const closedServers = everyServer.filter((entry) => entry.server.listening).map((entry) => entry.closed);
        for (const entry of everyServer) entry.destroyEverything();
        await withDeadline(Promise.all(closedServers), CLOSE_DEADLINE_MS);
        await fs.rm(tempDir, { recursive: true, force: true });
      })();
    }
    return closing;
  };

  try {
    for (const entry of tracked) {
      if (entry.server !== hostileServer) entry.server.on('request', handlerFor(entry));
      await entry.listen(ports[entry.name] || 0);
    }
    for (const entry of faultListeners) await entry.listen(ports[entry.name] || 0);
  } catch (err) {
    await close();
    throw err;
  }

  return {
    http: byName.get('http').url,
    h2c: byName.get('h2c').url,
    https: byName.get('https').url,
    httpsSelfSigned: byName.get('httpsSelfSigned').url,
    httpsExpired: byName.get('httpsExpired').url,
    hostile: byName.get('hostile').url,
    silentTcp: byName.get('silentTcp').hostPort,
    garbageTcp: byName.get('garbageTcp').hostPort,
    caFile,
    caPem: certificates.caPem,
    selfSignedCertFile,
    // SHA-256 of each TLS server's public key, base64, as certificate pinning expects.
    pins: {
      https: certificates.server.pin,
      httpsSelfSigned: certificates.selfSigned.pin,
      httpsExpired: certificates.expired.pin,
    },
    connections,
    close,
  };
}

module.exports = { startTestServer, COMPRESSED_TEXT, JSON_BODY, DEFAULT_TEXT, FIXED_COOKIE, patternBytes };
