'use strict';

// Header floods and oversized header lines. libcurl bounds a response's whole
// header block at 300 KiB (status line included) and one header line at
// 100 KiB; a block just under the first bound must still succeed.

const { responseHead } = require('./wire');

const KIB = 1024;
const BODY = 'ok';
// Room for the status line, Content-Length and the final empty line.
const FRAMING_BYTES = 64;
const FLOOD_LINE = 'x-flood: v';
const UNDER_LIMIT_BYTES = 290 * KIB;
const OVER_LIMIT_BYTES = 310 * KIB;

const floodCount = (blockBytes) => Math.floor((blockBytes - FRAMING_BYTES) / (FLOOD_LINE.length + 2));
const ONE_NAME_COUNT = floodCount(UNDER_LIMIT_BYTES);
const OVER_LIMIT_COUNT = floodCount(OVER_LIMIT_BYTES);
// Names x-distinct-00001 ... all of one length, so each line is the same size.
const distinctName = (index) => `x-distinct-${String(index).padStart(5, '0')}`;
const DISTINCT_LINE_BYTES = `${distinctName(0)}: v\r\n`.length;
const DISTINCT_COUNT = Math.floor((UNDER_LIMIT_BYTES - FRAMING_BYTES) / DISTINCT_LINE_BYTES);

function flood(count, lineOf) {
  return Array.from({ length: count }, (_, index) => lineOf(index + 1));
}

function okWith(headers) {
  return Buffer.concat([responseHead('HTTP/1.1 200 OK', [['Content-Length', String(BODY.length)], ...headers]), Buffer.from(BODY)]);
}

const LONG_LINE_BYTES = 110 * KIB;
const LONG_UNDER_LIMIT_BYTES = 90 * KIB;
const LONG_UNDER_LIMIT_VALUE = 'a'.repeat(LONG_UNDER_LIMIT_BYTES);

const cases = [
  {
    name: 'header-flood-one-name',
    family: 'header-flood',
    summary: `${ONE_NAME_COUNT} header lines "${FLOOD_LINE}" (a 290 KiB header block, under libcurl's 300 KiB bound), body "ok"`,
    outcome: 'succeeds: 200 with every one of the repeated header values (the block is under the 300 KiB bound)',
    expect: { code: 0, status: 200, body: BODY, headerCounts: { 'x-flood': ONE_NAME_COUNT } },
    serve(exchange) {
      exchange.respond(okWith(flood(ONE_NAME_COUNT, () => FLOOD_LINE)));
    },
  },
  {
    name: 'header-flood-distinct-names',
    family: 'header-flood',
    summary: `${DISTINCT_COUNT} distinct header names x-distinct-00001 ... (a 290 KiB header block), body "ok"`,
    outcome: 'succeeds: 200 with every header (the block is under the 300 KiB bound)',
    expect: {
      code: 0,
      status: 200,
      body: BODY,
      headers: { [distinctName(1)]: 'v', [distinctName(DISTINCT_COUNT)]: 'v' },
      headerCounts: { [distinctName(1)]: 1, [distinctName(DISTINCT_COUNT)]: 1 },
    },
    serve(exchange) {
      exchange.respond(okWith(flood(DISTINCT_COUNT, (index) => `${distinctName(index)}: v`)));
    },
  },
  {
    name: 'header-block-over-limit',
    family: 'header-flood',
    summary: `${OVER_LIMIT_COUNT} header lines "${FLOOD_LINE}" (a 310 KiB header block), body "ok"`,
    outcome: 'fails with 1007900056: the header block is over the 300 KiB bound',
    expect: { code: 1007900056 },
    serve(exchange) {
      exchange.respond(okWith(flood(OVER_LIMIT_COUNT, () => FLOOD_LINE)));
    },
  },
  {
    name: 'header-line-over-100k',
    family: 'header-flood',
    summary: 'one header line "x-long: aaa..." of 110 KiB (the block stays under 300 KiB), body "ok"',
    outcome: 'fails with 1007900056: one header line is over the 100 KiB bound',
    expect: { code: 1007900056 },
    serve(exchange) {
      exchange.respond(okWith([['x-long', 'a'.repeat(LONG_LINE_BYTES)]]));
    },
  },
  {
    name: 'header-line-under-100k',
    family: 'header-flood',
    summary: 'one header line "x-long: aaa..." with a 90 KiB value, body "ok"',
    outcome: 'succeeds: 200 with the whole 90 KiB value (under the 100 KiB line bound)',
    expect: { code: 0, status: 200, body: BODY, headers: { 'x-long': LONG_UNDER_LIMIT_VALUE } },
    serve(exchange) {
      exchange.respond(okWith([['x-long', LONG_UNDER_LIMIT_VALUE]]));
    },
  },
  {
    name: 'header-obsolete-folding',
    family: 'header-flood',
    summary: 'a header folded over two lines ("x-folded: a", then " b" starting with a space), body "ok"',
    outcome: 'succeeds: 200 with x-folded "a b" (RFC 9112 5.2: a user agent replaces each obs-fold with a space)',
    expect: { code: 0, status: 200, body: BODY, headers: { 'x-folded': 'a b', 'x-after': '1' } },
    serve(exchange) {
      exchange.respond(okWith(['x-folded: a', ' b', 'x-after: 1']));
    },
  },
  {
    name: 'header-nul-in-value',
    family: 'header-flood',
    summary: 'a header value with a NUL byte in it ("x-nul: a<NUL>b"), body "ok"',
    outcome: 'fails with 1007900008 (RFC 9110 5.5: a NUL in a field value makes the message invalid; libcurl rejects it)',
    expect: { code: 1007900008 },
    serve(exchange) {
      exchange.respond(okWith(['x-nul: a\u0000b']));
    },
  },
];

module.exports = { cases, ONE_NAME_COUNT, DISTINCT_COUNT, OVER_LIMIT_COUNT };
