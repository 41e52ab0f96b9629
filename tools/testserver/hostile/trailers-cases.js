'use strict';

// Trailer fields after a chunked body. Response headers and cookies come
// from the head only: trailers are not merged into them (RFC 9110 6.5.1:
// a recipient must not merge trailers it does not know how to handle).

const { responseHead, chunk, lastChunk } = require('./wire');

const BODY_PIECES = ['chunked ', 'body ', 'intact'];
const BODY = BODY_PIECES.join('');
const KIB = 1024;

function chunkedWithTrailers(trailers, headHeaders = []) {
  const head = responseHead('HTTP/1.1 200 OK', [['Transfer-Encoding', 'chunked'], ...headHeaders]);
  return Buffer.concat([head, ...BODY_PIECES.map((piece) => chunk(piece)), lastChunk(trailers)]);
}

const cases = [
  {
    name: 'chunked-trailers',
    family: 'trailers',
    summary: `chunked body "${BODY}" with trailer fields "x-trailer: t" and "set-cookie: trailer=1"`,
    outcome: 'succeeds: the body intact; the trailers are neither headers (no x-trailer) nor cookies (no trailer)',
    expect: { code: 0, status: 200, body: BODY, absentHeaders: ['x-trailer'], absentCookies: ['trailer'] },
    serve(exchange) {
      exchange.respond(
        chunkedWithTrailers(
          [
            ['x-trailer', 't'],
            ['set-cookie', 'trailer=1'],
          ],
          [['Trailer', 'x-trailer, set-cookie']],
        ),
      );
    },
  },
  {
    name: 'chunked-trailer-content-length',
    family: 'trailers',
    summary: `chunked body "${BODY}" with a trailer field "Content-Length: 999"`,
    outcome: 'succeeds: the body intact; a Content-Length in the trailers changes nothing and is not a header',
    expect: { code: 0, status: 200, body: BODY, absentHeaders: ['content-length'] },
    serve(exchange) {
      exchange.respond(chunkedWithTrailers([['Content-Length', '999']]));
    },
  },
  {
    name: 'chunked-trailer-flood',
    family: 'trailers',
    summary: `chunked body "${BODY}" followed by 310 KiB of trailer lines "x-trailer-flood: v"`,
    outcome: 'succeeds: the body intact and no trailer among the headers; trailer lines are dropped one by one, so nothing accumulates',
    expect: { code: 0, status: 200, body: BODY, absentHeaders: ['x-trailer-flood'] },
    serve(exchange) {
      const line = ['x-trailer-flood', 'v'];
      const count = Math.floor((310 * KIB) / 'x-trailer-flood: v\r\n'.length);
      exchange.respond(chunkedWithTrailers(new Array(count).fill(line)));
    },
  },
];

module.exports = { cases, BODY };
