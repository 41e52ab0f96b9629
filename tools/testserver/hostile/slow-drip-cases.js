'use strict';

// Slow drip at every phase (status line, headers, body) against each timeout:
// against inactivityMs the bytes come further apart than the limit, against
// transferMs they come often enough to keep the connection active but the
// response takes longer than the limit. A drip never lasts more than
// DRIP_BOUND_MS; then the server half-closes. Also: a drip that stays under
// the inactivity limit and succeeds, and a gzip body whose wire bytes decode
// to nothing for a while (inactivity counts bytes on the wire).

const zlib = require('node:zlib');
const { responseHead, chunk, lastChunk } = require('./wire');

const DRIP_BOUND_MS = 3_000;
const INACTIVITY_MS = 500;
const TRANSFER_MS = 1_000;
// The timeout may fire this much early by clock granularity, never more.
const TIMER_MARGIN_MS = 50;
const SLOW_INTERVAL_MS = 800;
const FAST_INTERVAL_MS = 100;
const BODY_BYTES = 100;

const STATUS_LINE = Buffer.from('HTTP/1.1 200 OK\r\n', 'latin1');
const HEADER_LINES = Buffer.from('x-drip-one: a slowly dripped header value\r\nx-drip-two: another one\r\n', 'latin1');
const dripBody = (length) => Buffer.alloc(length, 0x64);
const contentLength = (length) => Buffer.from(`Content-Length: ${length}\r\n`, 'latin1');

// What is written at once and what is dripped, per phase. The dripped part
// of a whole response is longer than any drip, so the timeout always fires
// inside the phase it names.
const PHASES = {
  'status-line': {
    words: 'the status line',
    atOnce: Buffer.alloc(0),
    dripped: Buffer.concat([STATUS_LINE, HEADER_LINES, contentLength(BODY_BYTES), Buffer.from('\r\n'), dripBody(BODY_BYTES)]),
  },
  headers: {
    words: 'the header lines (the status line comes at once)',
    atOnce: STATUS_LINE,
    dripped: Buffer.concat([HEADER_LINES, contentLength(BODY_BYTES), Buffer.from('\r\n'), dripBody(BODY_BYTES)]),
  },
  body: {
    words: `the body (the head, with Content-Length ${BODY_BYTES}, comes at once)`,
    atOnce: Buffer.concat([STATUS_LINE, contentLength(BODY_BYTES), Buffer.from('\r\n')]),
    dripped: dripBody(BODY_BYTES),
  },
};

const LIMITS = {
  inactivity: { intervalMs: SLOW_INTERVAL_MS, option: 'inactivityMs', limitMs: INACTIVITY_MS },
  transfer: { intervalMs: FAST_INTERVAL_MS, option: 'transferMs', limitMs: TRANSFER_MS },
};

function dripCase(phase, limit) {
  const { words, atOnce, dripped } = PHASES[phase];
  const { intervalMs, option, limitMs } = LIMITS[limit];
  const pieces = Math.min(dripped.length, Math.floor(DRIP_BOUND_MS / intervalMs));
  return {
    name: `drip-${phase}-${limit}`,
    family: 'slow-drip',
    summary: `drips ${words} one byte every ${intervalMs} ms (fetched with ${option} ${limitMs}); after ${DRIP_BOUND_MS / 1000} s the server half-closes`,
    outcome: `fails with 1007900028 once ${option} (${limitMs} ms) passes, never sooner`,
    request: { options: { [option]: limitMs } },
    expect: { code: 1007900028, minElapsedMs: limitMs - TIMER_MARGIN_MS },
    serve(exchange) {
      if (atOnce.length) exchange.write(atOnce);
      exchange.drip(dripped.subarray(0, pieces), { intervalMs }, () => exchange.after(intervalMs, () => exchange.end()));
    },
  };
}

const UNDER_LIMIT_BODY_BYTES = 20;

// A gzip stream with empty stored blocks (what a sync flush without new
// input produces: 00 00 00 ff ff) spliced in after the 10-byte gzip header.
// The blocks decode to nothing, so the CRC and length in the trailer hold.
const GZIP_TEXT = 'the end of a slow gzip stream\n';
const GZIP_HEADER_BYTES = 10;
const EMPTY_STORED_BLOCK = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]);
const EMPTY_BLOCK_INTERVAL_MS = 100;
const EMPTY_BLOCKS = 15;

function slowGzipPieces() {
  const whole = zlib.gzipSync(Buffer.from(GZIP_TEXT));
  return {
    header: whole.subarray(0, GZIP_HEADER_BYTES),
    rest: whole.subarray(GZIP_HEADER_BYTES),
  };
}

const cases = [
  ...['status-line', 'headers', 'body'].flatMap((phase) => [dripCase(phase, 'inactivity'), dripCase(phase, 'transfer')]),
  {
    name: 'drip-body-under-inactivity',
    family: 'slow-drip',
    summary: `head at once (Content-Length ${UNDER_LIMIT_BODY_BYTES}), then the body one byte every ${FAST_INTERVAL_MS} ms (fetched with inactivityMs ${INACTIVITY_MS})`,
    outcome: `succeeds: all ${UNDER_LIMIT_BODY_BYTES} bytes; no gap reaches the inactivity limit`,
    request: { options: { inactivityMs: INACTIVITY_MS } },
    expect: { code: 0, status: 200, body: 'd'.repeat(UNDER_LIMIT_BODY_BYTES) },
    serve(exchange) {
      exchange.write(Buffer.concat([STATUS_LINE, contentLength(UNDER_LIMIT_BODY_BYTES), Buffer.from('\r\n')]));
      exchange.drip(dripBody(UNDER_LIMIT_BODY_BYTES), { intervalMs: FAST_INTERVAL_MS }, () => exchange.complete());
    },
  },
  {
    name: 'drip-gzip-empty-blocks',
    family: 'slow-drip',
    summary:
      `gzip body, chunked: the gzip header, then an empty deflate block (sync flush, decodes to nothing) every ${EMPTY_BLOCK_INTERVAL_MS} ms ` +
      `for ${(EMPTY_BLOCKS * EMPTY_BLOCK_INTERVAL_MS) / 1000} s, then the rest (fetched with inactivityMs ${INACTIVITY_MS})`,
    outcome: `succeeds with the text: bytes arrived on the wire every ${EMPTY_BLOCK_INTERVAL_MS} ms, so the inactivity limit never passed although nothing was decoded for 1.5 s`,
    request: { options: { inactivityMs: INACTIVITY_MS } },
    expect: { code: 0, status: 200, body: GZIP_TEXT },
    serve(exchange) {
      const { header, rest } = slowGzipPieces();
      const head = responseHead('HTTP/1.1 200 OK', [
        ['Content-Encoding', 'gzip'],
        ['Transfer-Encoding', 'chunked'],
      ]);
      exchange.write(Buffer.concat([head, chunk(header)]));
      let sent = 0;
      const next = () => {
        if (sent < EMPTY_BLOCKS) {
          sent += 1;
          if (exchange.write(chunk(EMPTY_STORED_BLOCK))) exchange.after(EMPTY_BLOCK_INTERVAL_MS, next);
          return;
        }
        exchange.respond(Buffer.concat([chunk(rest), lastChunk()]));
      };
      exchange.after(EMPTY_BLOCK_INTERVAL_MS, next);
    },
  },
];

module.exports = { cases, slowGzipPieces, EMPTY_STORED_BLOCK, EMPTY_BLOCKS, GZIP_TEXT, INACTIVITY_MS, TRANSFER_MS };
