'use strict';

// Routes that break the exchange on purpose (resets, truncated bodies,
// GOAWAY), each in the way that fits HTTP/1.x or HTTP/2.

const http2 = require('node:http2');
const { LIMITS, FLUSH_BEFORE_RESET_MS } = require('./limits');
const { HttpError, intParam, isHttp2 } = require('./exchange');
const { patternBytes, streamPattern } = require('./pattern');

const GOAWAY_MODES = new Set(['graceful', 'abrupt']);

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

/** `scheduleForResponse` is the one from exchange.js, bound to the server's timer registry. */
function createFaultRoutes({ scheduleForResponse }) {
  return {
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
  };
}

module.exports = { createFaultRoutes };
