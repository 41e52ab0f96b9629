'use strict';

// Redirect abuse: schemes other than http and https, empty, huge and
// malformed Locations, a Location on statuses that do not redirect, a loop,
// and a redirect to another origin that must not carry credentials (with a
// same-origin control that must). Both credential cases land on the helper
// route /case/echo-headers, which answers with the request head it received.

const { responseHead, completeResponse } = require('./wire');

const SECRET_TOKEN = 'hostile-secret-token';
const SECRET_COOKIE = 'hostile-secret-cookie';
const CREDENTIALS = Object.freeze({
  headers: { authorization: `Bearer ${SECRET_TOKEN}` },
  cookies: { sid: SECRET_COOKIE },
});
const HUGE_LOCATION_PAD_BYTES = 48 * 1024;
const LOOP_LIMIT = 5;

function redirectTo(location, status = '302 Found') {
  return responseHead(`HTTP/1.1 ${status}`, [
    ['Location', location],
    ['Content-Length', '0'],
  ]);
}

function redirectCase({ name, location, status, summary, outcome, request, expect }) {
  return {
    name,
    family: 'redirect',
    summary,
    outcome,
    request,
    expect,
    serve(exchange) {
      exchange.respond(redirectTo(typeof location === 'function' ? location(exchange) : location, status));
    },
  };
}

/** The request line and every header, names lower-cased, one per line. */
function echoHeaders(exchange) {
  const { method, target, headers } = exchange.request;
  const lines = [`${method} ${target}`, ...headers.map(([name, value]) => `${name.toLowerCase()}: ${value}`)];
  exchange.respond(completeResponse(`${lines.join('\n')}\n`));
}

const SCHEME_OUTCOME = 'fails with 1007900001: redirects only lead to http and https';

const cases = [
  redirectCase({
    name: 'redirect-to-javascript',
    location: 'javascript:alert(1)',
    summary: '302 to "javascript:alert(1)"',
    outcome: SCHEME_OUTCOME,
    expect: { code: 1007900001 },
  }),
  redirectCase({
    name: 'redirect-to-file',
    location: 'file:///etc/passwd',
    summary: '302 to "file:///etc/passwd"',
    outcome: SCHEME_OUTCOME,
    expect: { code: 1007900001 },
  }),
  redirectCase({
    name: 'redirect-to-ftp',
    location: (exchange) => `ftp://127.0.0.1:${exchange.port}/file`,
    summary: '302 to "ftp://127.0.0.1:<same port>/file"',
    outcome: SCHEME_OUTCOME,
    expect: { code: 1007900001 },
  }),
  redirectCase({
    name: 'redirect-empty-location',
    location: '',
    summary: '302 with an empty Location',
    outcome: 'succeeds with the 302 itself: an empty Location leads nowhere, so it is not followed',
    expect: { code: 0, status: 302 },
  }),
  redirectCase({
    name: 'redirect-huge-location',
    location: (exchange) => `${exchange.request.path}/next?pad=${'p'.repeat(HUGE_LOCATION_PAD_BYTES)}`,
    summary: `302 to "/case/redirect-huge-location/next?pad=ppp..." (a ${HUGE_LOCATION_PAD_BYTES / 1024} KiB Location), which answers 200 "second"`,
    outcome: 'succeeds: the redirect is followed and the follow-up answers 200 "second"',
    expect: { code: 0, status: 200, body: 'second' },
  }),
  redirectCase({
    name: 'redirect-malformed-location',
    location: 'http://[::1',
    summary: '302 to "http://[::1" (an unterminated IPv6 literal)',
    outcome: 'fails with 1007900003: the Location is not a URL',
    expect: { code: 1007900003 },
  }),
  redirectCase({
    name: 'redirect-304-with-location',
    location: '/case/echo-headers',
    status: '304 Not Modified',
    summary: '304 Not Modified carrying "Location: /case/echo-headers"',
    outcome: 'succeeds with the 304 itself: a 304 does not redirect (only 301, 302, 303, 307 and 308 do)',
    expect: { code: 0, status: 304, bodyLength: 0 },
  }),
  redirectCase({
    name: 'redirect-300-with-location',
    location: '/case/echo-headers',
    status: '300 Multiple Choices',
    summary: '300 Multiple Choices carrying "Location: /case/echo-headers"',
    outcome: 'succeeds with the 300 itself: a 300 does not redirect (only 301, 302, 303, 307 and 308 do)',
    expect: { code: 0, status: 300, bodyLength: 0 },
  }),
  redirectCase({
    name: 'redirect-loop',
    location: (exchange) => exchange.request.path,
    summary: `302 to itself, forever (fetched with maxRedirects ${LOOP_LIMIT})`,
    outcome: 'fails with 1007900047 once maxRedirects redirects were followed',
    request: { options: { maxRedirects: LOOP_LIMIT } },
    expect: { code: 1007900047 },
  }),
  redirectCase({
    name: 'redirect-cross-origin-credentials',
    location: (exchange) => `http://localhost:${exchange.port}/case/echo-headers`,
    summary: '302 from 127.0.0.1 to "http://localhost:<same port>/case/echo-headers" (another origin), which echoes the request head; fetched with an Authorization header and a cookie',
    outcome: 'succeeds: 200 from localhost, and neither the Authorization header nor the cookie reached it',
    request: { options: { ...CREDENTIALS } },
    expect: { code: 0, status: 200, bodyIncludes: ['GET /case/echo-headers', 'host: localhost:'], bodyExcludes: [SECRET_TOKEN, SECRET_COOKIE] },
  }),
  redirectCase({
    name: 'redirect-same-origin-credentials',
    location: '/case/echo-headers',
    summary: '302 to "/case/echo-headers" (same origin), which echoes the request head; fetched with an Authorization header and a cookie',
    outcome: 'succeeds: 200, and the Authorization header and the cookie followed the redirect within the origin',
    request: { options: { ...CREDENTIALS } },
    expect: { code: 0, status: 200, bodyIncludes: [`authorization: Bearer ${SECRET_TOKEN}`, `sid=${SECRET_COOKIE}`] },
  }),
];

module.exports = { cases, helperRoutes: { 'echo-headers': echoHeaders }, SECRET_TOKEN, SECRET_COOKIE };
