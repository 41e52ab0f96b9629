'use strict';

// Framing attacks: Content-Length values that overflow, conflict or are not
// numbers, Transfer-Encoding beside Content-Length, and broken chunk sizes.
// RFC 9112 6.3 decides how long a response body is; a length that cannot be
// trusted makes the response invalid.

const { responseHead, chunk, lastChunk } = require('./wire');

const BODY = 'hello';
// Lets the client read what came before the connection ends.
const LINGER_BEFORE_FIN_MS = 100;

/** Head with these framing headers, the 5-byte body, then (optionally) a FIN. */
function framingCase({ name, framing, summary, outcome, expect, closeAfterBody = true }) {
  return {
    name,
    family: 'framing',
    summary,
    outcome,
    expect,
    serve(exchange) {
      const bytes = Buffer.concat([responseHead('HTTP/1.1 200 OK', framing), Buffer.from(BODY)]);
      if (!closeAfterBody) {
        exchange.respond(bytes);
        return;
      }
      exchange.write(bytes);
      exchange.after(LINGER_BEFORE_FIN_MS, () => exchange.end());
    },
  };
}

/** Head with Transfer-Encoding chunked, these raw body bytes, then a FIN. */
function chunkedCase({ name, body, summary, outcome, expect, headers = [] }) {
  return {
    name,
    family: 'framing',
    summary,
    outcome,
    expect,
    serve(exchange) {
      exchange.write(Buffer.concat([responseHead('HTTP/1.1 200 OK', [['Transfer-Encoding', 'chunked'], ...headers]), body]));
      exchange.after(LINGER_BEFORE_FIN_MS, () => exchange.end());
    },
  };
}

const INVALID_LENGTH = 'fails with 1007900008 (RFC 9112 6.3: an invalid Content-Length makes the response invalid)';

const cases = [
  framingCase({
    name: 'content-length-overflow',
    framing: [['Content-Length', '18446744073709551621']],
    summary: 'Content-Length 18446744073709551621 (over 2^64), 5 bytes, then the connection closes',
    outcome: `${INVALID_LENGTH}; the length does not fit in 64 bits`,
    expect: { code: 1007900008 },
  }),
  framingCase({
    name: 'content-length-conflict',
    framing: [
      ['Content-Length', '5'],
      ['Content-Length', '6'],
    ],
    summary: 'two Content-Length headers, 5 and 6, 5 bytes, then the connection closes',
    outcome: `${INVALID_LENGTH}; differing lengths`,
    expect: { code: 1007900008 },
  }),
  framingCase({
    name: 'content-length-list-conflict',
    framing: [['Content-Length', '5, 6']],
    summary: 'Content-Length "5, 6", 5 bytes, then the connection closes',
    outcome: `${INVALID_LENGTH}; a list of differing lengths`,
    expect: { code: 1007900008 },
  }),
  framingCase({
    name: 'content-length-negative',
    framing: [['Content-Length', '-1']],
    summary: 'Content-Length -1, 5 bytes, then the connection closes',
    outcome: `${INVALID_LENGTH}; not a non-negative number`,
    expect: { code: 1007900008 },
  }),
  framingCase({
    name: 'content-length-non-numeric',
    framing: [['Content-Length', 'five']],
    summary: 'Content-Length "five", 5 bytes, then the connection closes',
    outcome: `${INVALID_LENGTH}; not a number`,
    expect: { code: 1007900008 },
  }),
  framingCase({
    name: 'content-length-duplicate-same',
    framing: [
      ['Content-Length', '5'],
      ['Content-Length', '5'],
    ],
    summary: 'two Content-Length headers, both 5, and the 5-byte body "hello"; the connection stays open',
    outcome: 'succeeds: body "hello" (RFC 9112 6.3: identical repeated lengths may be treated as one)',
    expect: { code: 0, status: 200, body: BODY },
    closeAfterBody: false,
  }),
  framingCase({
    name: 'content-length-list-same',
    framing: [['Content-Length', '5, 5']],
    summary: 'Content-Length "5, 5" and the 5-byte body "hello"; the connection stays open',
    outcome: 'succeeds: body "hello" (RFC 9110 8.6: a list of identical lengths may be treated as one)',
    expect: { code: 0, status: 200, body: BODY },
    closeAfterBody: false,
  }),
  {
    name: 'chunked-with-content-length',
    family: 'framing',
    summary: 'Content-Length 3 and Transfer-Encoding chunked together, chunked body "hello world"; the connection stays open',
    outcome: 'succeeds: body "hello world"; chunked wins over Content-Length (RFC 9112 6.3)',
    expect: { code: 0, status: 200, body: 'hello world' },
    serve(exchange) {
      const head = responseHead('HTTP/1.1 200 OK', [
        ['Content-Length', '3'],
        ['Transfer-Encoding', 'chunked'],
      ]);
      exchange.respond(Buffer.concat([head, chunk('hello'), chunk(' world'), lastChunk()]));
    },
  },
  chunkedCase({
    name: 'chunk-size-overflow',
    body: Buffer.from('10000000000000005\r\nhello\r\n0\r\n\r\n', 'latin1'),
    summary: 'chunked body whose first chunk size is 10000000000000005 (hex, over 2^64), then the connection closes',
    outcome: 'fails with 1007900056: the chunk size does not fit (RFC 9112 7.1: recipients must not overflow)',
    expect: { code: 1007900056 },
  }),
  chunkedCase({
    name: 'chunk-size-not-hex',
    body: Buffer.from('zz\r\nhello\r\n0\r\n\r\n', 'latin1'),
    summary: 'chunked body whose first chunk size is "zz", then the connection closes',
    outcome: 'fails with 1007900056: the chunk size is not a hexadecimal number',
    expect: { code: 1007900056 },
  }),
  chunkedCase({
    name: 'chunk-data-longer-than-size',
    body: Buffer.from('3\r\nhello\r\n0\r\n\r\n', 'latin1'),
    summary: 'chunked body "3\\r\\nhello\\r\\n0\\r\\n\\r\\n": the chunk holds 5 bytes where its size says 3, then the connection closes',
    outcome: 'fails with 1007900056: the chunk data is not followed by CRLF',
    expect: { code: 1007900056 },
  }),
  {
    name: 'chunk-extension',
    family: 'framing',
    summary: 'chunked body with a chunk extension: "5;name=value\\r\\nhello\\r\\n0\\r\\n\\r\\n"; the connection stays open',
    outcome: 'succeeds: body "hello" (RFC 9112 7.1.1: unknown chunk extensions are ignored)',
    expect: { code: 0, status: 200, body: BODY },
    serve(exchange) {
      const head = responseHead('HTTP/1.1 200 OK', [['Transfer-Encoding', 'chunked']]);
      exchange.respond(Buffer.concat([head, Buffer.from('5;name=value\r\nhello\r\n0\r\n\r\n', 'latin1')]));
    },
  },
  framingCase({
    name: 'transfer-encoding-unknown',
    framing: [['Transfer-Encoding', 'xyz']],
    summary: 'Transfer-Encoding "xyz" (unknown), 5 bytes, then the connection closes',
    outcome: 'fails with 1007900061: a transfer coding the client does not know cannot be decoded',
    expect: { code: 1007900061 },
  }),
];

module.exports = { cases };
