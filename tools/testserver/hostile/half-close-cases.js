'use strict';

// The connection ends at every phase of a response: with a FIN (the server
// half-closes; the client reads end-of-stream) or with a TCP RST
// (socket.resetAndDestroy()). The bytes before the ending are written at
// once; a reset waits until they reached the client.

const { responseHead, chunk } = require('./wire');

const HEAD_WITH_LENGTH = responseHead('HTTP/1.1 200 OK', [['Content-Length', '1000']]);
const CHUNKED_HEAD = responseHead('HTTP/1.1 200 OK', [['Transfer-Encoding', 'chunked']]);

// What the server has written when the connection ends, phase by phase.
const PHASES = [
  { phase: 'before-any-byte', bytes: null, words: 'before any byte of the response' },
  { phase: 'mid-status-line', bytes: Buffer.from('HTTP/1.1 20', 'latin1'), words: 'after "HTTP/1.1 20" (mid status line)' },
  {
    phase: 'mid-headers',
    bytes: Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nX-Hal', 'latin1'),
    words: 'after the status line and half of the headers',
  },
  { phase: 'after-headers', bytes: HEAD_WITH_LENGTH, words: 'after the whole head (Content-Length 1000), before the body' },
  {
    phase: 'mid-body',
    bytes: Buffer.concat([HEAD_WITH_LENGTH, Buffer.alloc(100, 0x62)]),
    words: 'after 100 of the 1000 body bytes Content-Length announced',
  },
  {
    phase: 'mid-chunk',
    bytes: Buffer.concat([CHUNKED_HEAD, chunk('hello'), Buffer.from('64\r\nonly part of a 100-byte chunk', 'latin1')]),
    words: 'mid chunk: a chunked body with one whole chunk, then 29 bytes of a 100-byte chunk (no last chunk)',
  },
];

const FIN_OUTCOMES = {
  'before-any-byte': { code: 1007900052, why: 'the server returned nothing' },
  'mid-status-line': { code: 1007900052, why: 'not even a whole status line arrived, so the server returned nothing usable' },
  'mid-headers': { code: 1007900018, why: 'the head is incomplete (RFC 9112 8: an incomplete message is recorded as incomplete)' },
  'after-headers': { code: 1007900018, why: 'the body is shorter than its Content-Length' },
  'mid-body': { code: 1007900018, why: 'the body is shorter than its Content-Length' },
  'mid-chunk': { code: 1007900018, why: 'the chunked body has no last chunk' },
};

function finCase({ phase, bytes, words }) {
  const { code, why } = FIN_OUTCOMES[phase];
  return {
    name: `fin-${phase}`,
    family: 'half-close',
    summary: `the server half-closes (FIN) ${words}`,
    outcome: `fails with ${code}: ${why}`,
    expect: { code },
    serve(exchange) {
      exchange.end(bytes);
    },
  };
}

function resetCase({ phase, bytes, words }) {
  return {
    name: `reset-${phase}`,
    family: 'half-close',
    summary: `the server resets the connection (RST) ${words}`,
    outcome: 'fails with 1007900056: the connection was reset',
    expect: { code: 1007900056 },
    serve(exchange) {
      exchange.reset(bytes);
    },
  };
}

const cases = [
  ...PHASES.map(finCase),
  ...PHASES.map(resetCase),
  {
    name: 'fin-mid-headers-without-length',
    family: 'half-close',
    summary: 'the server half-closes (FIN) after "HTTP/1.1 200 OK", "X-Half: 1" and half a header line: the head never ends and no Content-Length was seen',
    outcome: 'fails with 1007900018: the head is incomplete (RFC 9112 8: an incomplete message is recorded as incomplete, never as a response)',
    expect: { code: 1007900018 },
    serve(exchange) {
      exchange.end(Buffer.from('HTTP/1.1 200 OK\r\nX-Half: 1\r\nX-Hal', 'latin1'));
    },
  },
  {
    name: 'fin-ends-body-without-length',
    family: 'half-close',
    summary: 'a response with neither Content-Length nor Transfer-Encoding: body "until close", then FIN',
    outcome: 'succeeds: body "until close" (RFC 9112 6.3: the connection\'s end ends such a body)',
    expect: { code: 0, status: 200, body: 'until close' },
    serve(exchange) {
      exchange.end(Buffer.concat([responseHead('HTTP/1.1 200 OK', [['Connection', 'close']]), Buffer.from('until close')]));
    },
  },
];

module.exports = { cases, PHASES };
