'use strict';

// Routes that answer late, slowly or never: /delay, /drip, /hang and
// /hang-after-headers.

const { LIMITS } = require('./limits');
const { intParam, sendJson } = require('./exchange');
const { patternBytes } = require('./pattern');

/** `scheduleForResponse` is the one from exchange.js, bound to the server's timer registry. */
function createTimingRoutes({ scheduleForResponse }) {
  return {
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
  };
}

module.exports = { createTimingRoutes };
