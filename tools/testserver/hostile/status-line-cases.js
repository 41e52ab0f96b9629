'use strict';

// Malformed, missing and deceptive status lines. Each response carries a
// 2-byte body "ok" with a Content-Length, then the connection stays open, so
// only the status line decides the outcome.

const { responseHead } = require('./wire');

const KIB = 1024;
const BODY = 'ok';

function withStatusLine(statusLine, headers = []) {
  return Buffer.concat([responseHead(statusLine, [['Content-Length', String(BODY.length)], ...headers]), Buffer.from(BODY)]);
}

function statusLineCase({ name, statusLine, summary, outcome, expect, headers }) {
  return {
    name,
    family: 'status-line',
    summary,
    outcome,
    expect,
    serve(exchange) {
      exchange.respond(withStatusLine(statusLine, headers));
    },
  };
}

const cases = [
  {
    name: 'status-line-missing',
    family: 'status-line',
    summary: 'no status line: the response starts with "Content-Length: 2", then the body "ok"',
    outcome: 'fails with 1007900001: a response without a status line is HTTP/0.9, which is not accepted',
    expect: { code: 1007900001 },
    serve(exchange) {
      exchange.respond(Buffer.from(`Content-Length: ${BODY.length}\r\n\r\n${BODY}`, 'latin1'));
    },
  },
  statusLineCase({
    name: 'status-line-not-http',
    statusLine: 'HTTX/1.1 200 OK',
    summary: 'status line "HTTX/1.1 200 OK"',
    outcome: 'fails with 1007900001: not an HTTP status line, so it is HTTP/0.9, which is not accepted',
    expect: { code: 1007900001 },
  }),
  statusLineCase({
    name: 'status-line-code-not-numeric',
    statusLine: 'HTTP/1.1 abc OK',
    summary: 'status line "HTTP/1.1 abc OK"',
    outcome: 'fails with 1007900001: the status code is not three digits, so the line is not a status line',
    expect: { code: 1007900001 },
  }),
  statusLineCase({
    name: 'status-line-code-too-long',
    statusLine: 'HTTP/1.1 2000 OK',
    summary: 'status line "HTTP/1.1 2000 OK" (four digits)',
    outcome: 'fails with 1007900001: a status code has exactly three digits (RFC 9112 4), so this is no HTTP/1.1 status line',
    expect: { code: 1007900001 },
  }),
  statusLineCase({
    name: 'status-line-code-600',
    statusLine: 'HTTP/1.1 600 Beyond',
    summary: 'status line "HTTP/1.1 600 Beyond" (outside 100-599)',
    outcome: 'succeeds with status 600 as sent (RFC 9110 15: the client treats it like a 5xx; the number is reported unchanged)',
    expect: { code: 0, status: 600, reason: 'Beyond', body: BODY },
  }),
  statusLineCase({
    name: 'status-line-code-099',
    statusLine: 'HTTP/1.1 099 Below',
    summary: 'status line "HTTP/1.1 099 Below" (under 100)',
    outcome: 'fails with 1007900001: a status code under 100 is invalid (RFC 9110 15), so this is no HTTP/1.1 status line',
    expect: { code: 1007900001 },
  }),
  statusLineCase({
    name: 'status-line-version-2',
    statusLine: 'HTTP/2 200 OK',
    summary: 'status line "HTTP/2 200 OK" on an HTTP/1.1 connection',
    outcome: 'fails with 1007900001: "HTTP/2" is not an HTTP/1.x version (RFC 9112 2.3: HTTP-version is "HTTP/" DIGIT "." DIGIT), like HTTP/1.9',
    expect: { code: 1007900001 },
  }),
  statusLineCase({
    name: 'status-line-version-1-9',
    statusLine: 'HTTP/1.9 200 OK',
    summary: 'status line "HTTP/1.9 200 OK"',
    outcome: 'fails with 1007900001: an HTTP version the client does not speak',
    expect: { code: 1007900001 },
  }),
  statusLineCase({
    name: 'status-line-without-reason',
    statusLine: 'HTTP/1.1 200',
    summary: 'status line "HTTP/1.1 200" (no space, no reason phrase)',
    outcome: 'succeeds: 200 with an empty reason phrase (RFC 9112 4: the reason phrase is optional)',
    expect: { code: 0, status: 200, reason: '', body: BODY },
  }),
  {
    name: 'status-line-bare-lf',
    family: 'status-line',
    summary: 'every line ends in a bare LF: "HTTP/1.1 200 OK\\nContent-Length: 2\\nx-lf: 1\\n\\nok"',
    outcome: 'succeeds: 200 with the header and the body (RFC 9112 2.2: a recipient may accept a bare LF)',
    expect: { code: 0, status: 200, reason: 'OK', body: BODY, headers: { 'x-lf': '1' } },
    serve(exchange) {
      exchange.respond(Buffer.from(`HTTP/1.1 200 OK\nContent-Length: ${BODY.length}\nx-lf: 1\n\n${BODY}`, 'latin1'));
    },
  },
  statusLineCase({
    name: 'status-line-huge-reason',
    statusLine: `HTTP/1.1 200 ${'R'.repeat(120 * KIB)}`,
    summary: 'status line "HTTP/1.1 200 RRR..." of 120 KiB',
    outcome: 'fails with 1007900056: the status line is a header line over the 100 KiB bound',
    expect: { code: 1007900056 },
  }),
  statusLineCase({
    name: 'status-line-inside-headers',
    statusLine: 'HTTP/1.1 200 OK',
    headers: ['X-Before: 1', 'HTTP/1.1 302 Found: x', 'X-After: 2'],
    summary: 'status line "HTTP/1.1 200 OK", then headers "X-Before: 1", "HTTP/1.1 302 Found: x" (a field whose name starts with HTTP/), "X-After: 2"',
    outcome: 'succeeds: 200 "OK" with x-before "1" and x-after "2"; the fake status line inside the block starts no new response',
    expect: { code: 0, status: 200, reason: 'OK', body: BODY, headers: { 'x-before': '1', 'x-after': '2' } },
  }),
];

module.exports = { cases };
