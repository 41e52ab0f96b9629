'use strict';

// The one request handler shared by every test server (HTTP/1.1, h2c, TLS with
// ALPN), which builds the route table from the route files beside it and sends
// each request to its route.

const { LIMITS } = require('./limits');
const { HttpError, ClientAbortedError, sendJson, createResponseScheduler } = require('./exchange');
const { patternBytes } = require('./pattern');
const { createContentRoutes, JSON_BODY, DEFAULT_TEXT } = require('./content-routes');
const { createBulkRoutes } = require('./bulk-routes');
const { createTimingRoutes } = require('./timing-routes');
const { createFaultRoutes } = require('./fault-routes');
const { createRedirectRoutes } = require('./redirect-routes');
const { createCookieRoutes, FIXED_COOKIE } = require('./cookie-routes');
const { createCompressionRoutes } = require('./compression-routes');
const { createDirectoryRoutes } = require('./directory-routes');
const { createDnsRoutes } = require('./dns-routes');

// Routes whose path carries one parameter (/status/404); the others take none.
const routesWithParameter = new Set(['status', 'bytes', 'delay', 'redirect']);

/**
 * `runtime`: { bodies, schedule(ms, fn) -> cancel, connections(), servers(), log? }.
 * Returns a function that makes the 'request' listener of one server
 * ({ name, rawSocketOf(socket) }).
 */
function createRequestHandler(runtime) {
  const { bodies, schedule, connections, servers } = runtime;
  const scheduleForResponse = createResponseScheduler(schedule);

  const content = createContentRoutes();
  const bulk = createBulkRoutes();
  const timing = createTimingRoutes({ scheduleForResponse });
  const faults = createFaultRoutes({ scheduleForResponse });
  const redirects = createRedirectRoutes({ echo: content.echo });
  const cookies = createCookieRoutes();
  const compression = createCompressionRoutes({ bodies });
  const directory = createDirectoryRoutes({ connections, servers });
  const dns = createDnsRoutes();

  // The first path segment names the route; tools/testserver/README.md documents each one.
  const routeByName = new Map([
    ['echo', content.echo],
    ['status', content.status],
    ['bytes', bulk.bytes],
    ['text', content.text],
    ['json', content.json],
    ['response-headers', content['response-headers']],
    ['delay', timing.delay],
    ['drip', timing.drip],
    ['hang', timing.hang],
    ['hang-after-headers', timing['hang-after-headers']],
    ['reset-before-headers', faults['reset-before-headers']],
    ['reset-mid-body', faults['reset-mid-body']],
    ['truncated-chunked', faults['truncated-chunked']],
    ['short-content-length', faults['short-content-length']],
    ['redirect', redirects.redirect],
    ['redirect-loop', redirects['redirect-loop']],
    ['redirect-to', redirects['redirect-to']],
    ['set-cookie', cookies['set-cookie']],
    ['gzip', compression.compressed],
    ['deflate', compression.compressed],
    ['br', compression.compressed],
    ['zstd', compression.compressed],
    ['bomb', compression.bomb],
    ['huge-headers', bulk['huge-headers']],
    ['upload', bulk.upload],
    ['stats', directory.stats],
    ['servers', directory.servers],
    ['goaway', faults.goaway],
    ['dns-query', dns['dns-query']],
  ]);

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
