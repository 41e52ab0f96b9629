'use strict';

// Redirect routes: a counted chain, a loop, and a redirect to any URL.

const { LIMITS } = require('./limits');
const { HttpError, intParam, sendText } = require('./exchange');

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** `echo` is the /echo route, which the end of a /redirect chain answers like. */
function createRedirectRoutes({ echo }) {
  return {
    async redirect(ctx) {
      const { res, url, segments } = ctx;
      const remaining = intParam(segments[1], { name: 'redirect count', min: 0, max: LIMITS.redirects });
      const status = intParam(url.searchParams.get('status'), { name: 'status', fallback: 302, min: 301, max: 308 });
      if (!REDIRECT_STATUSES.has(status)) throw new HttpError(400, 'status must be 301, 302, 303, 307 or 308');
      if (remaining === 0) {
        await echo(ctx);
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
  };
}

module.exports = { createRedirectRoutes };
