'use strict';

// The /set-cookie route: the query's pairs as cookies, plus one fixed cookie
// with every attribute set.

const { sendJson } = require('./exchange');

const FIXED_COOKIE = 'session=abc; Path=/; Domain=127.0.0.1; Max-Age=3600; Secure; HttpOnly; SameSite=Lax';

function createCookieRoutes() {
  return {
    'set-cookie'({ req, res, url }) {
      req.resume();
      const cookies = [];
      for (const [name, value] of url.searchParams) cookies.push(`${name}=${value}`);
      cookies.push(FIXED_COOKIE);
      sendJson(res, 200, { cookies }, { 'set-cookie': cookies });
    },
  };
}

module.exports = { createCookieRoutes, FIXED_COOKIE };
