'use strict';

// Decompression bombs of every coding the engine decodes (gzip, deflate, br,
// zstd), nested and stacked codings, and content codings that cannot be
// decoded. The bombs are the test server's own (compressed-bodies.js); the
// nested ones compress a bomb once more and are cached per set of bodies.

const { responseHead } = require('./wire');
const { compressBuffer } = require('../compressed-bodies');

const BOMB_MIB = 64;
const MAX_BODY_BYTES = 1024 * 1024;
const STACKED_TEXT = 'stacked codings decode in the reverse of the order they are listed\n';
const BOMB_OUTCOME = 'fails with 1007900023: the decoded body passes maxBodySize (1 MiB) long before its 64 MiB end';

// CompressedBodies -> Map(key -> Promise<Buffer>).
const derivedBodies = new WeakMap();

function derived(bodies, key, build) {
  let cache = derivedBodies.get(bodies);
  if (!cache) {
    cache = new Map();
    derivedBodies.set(bodies, cache);
  }
  if (!cache.has(key)) {
    const pending = build();
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return cache.get(key);
}

/** Applies the codings in the order listed, as Content-Encoding lists them. */
async function encodeInOrder(bytes, codings) {
  let out = bytes;
  for (const coding of codings) out = await compressBuffer(coding, out);
  return out;
}

function encodedResponse(contentEncoding, body) {
  return Buffer.concat([
    responseHead('HTTP/1.1 200 OK', [
      ['Content-Type', 'application/octet-stream'],
      ['Content-Encoding', contentEncoding],
      ['Content-Length', String(body.length)],
    ]),
    body,
  ]);
}

function bombCase(codings) {
  const listed = codings.join(', ');
  const nested = codings.length > 1;
  return {
    name: `bomb-${codings.join('-')}`,
    family: 'decompression',
    summary: nested
      ? `Content-Encoding "${listed}": a ${BOMB_MIB} MiB ${codings[0]} bomb compressed again with ${codings.slice(1).join(', ')}, with a Content-Length`
      : `Content-Encoding ${listed}: a few KiB that decode to ${BOMB_MIB} MiB of zeros, with a Content-Length`,
    outcome: BOMB_OUTCOME,
    request: { options: { maxBodySize: MAX_BODY_BYTES } },
    expect: { code: 1007900023 },
    async serve(exchange) {
      const { bodies } = exchange.runtime;
      const [innermost, ...outer] = codings;
      const body = await derived(bodies, listed, async () => encodeInOrder(await bodies.bomb(innermost, BOMB_MIB), outer));
      exchange.respond(encodedResponse(listed, body));
    },
  };
}

function fixedEncodingCase({ name, contentEncoding, summary, outcome, expect, body }) {
  return {
    name,
    family: 'decompression',
    summary,
    outcome,
    expect,
    async serve(exchange) {
      exchange.respond(encodedResponse(contentEncoding, await body(exchange.runtime.bodies)));
    },
  };
}

const DEEP_STACK = ['gzip', 'gzip', 'gzip', 'gzip', 'gzip', 'gzip'];

const cases = [
  bombCase(['gzip']),
  bombCase(['deflate']),
  bombCase(['br']),
  bombCase(['zstd']),
  bombCase(['gzip', 'gzip']),
  bombCase(['gzip', 'br']),
  fixedEncodingCase({
    name: 'stacked-gzip-br',
    contentEncoding: 'gzip, br',
    summary: `Content-Encoding "gzip, br": a short text compressed with gzip, then with br`,
    outcome: 'succeeds: the text, decoded with br, then gzip (RFC 9110 8.4: codings are listed in the order they were applied)',
    expect: { code: 0, status: 200, body: STACKED_TEXT },
    body: (bodies) => derived(bodies, 'stacked-text', () => encodeInOrder(Buffer.from(STACKED_TEXT), ['gzip', 'br'])),
  }),
  fixedEncodingCase({
    name: 'content-encoding-too-deep',
    contentEncoding: DEEP_STACK.join(', '),
    summary: `Content-Encoding "${DEEP_STACK.join(', ')}" (six codings) over a short text`,
    outcome: 'fails with 1007900061: more than five stacked content codings are refused',
    expect: { code: 1007900061 },
    body: (bodies) => derived(bodies, 'deep-stack', () => encodeInOrder(Buffer.from(STACKED_TEXT), DEEP_STACK)),
  }),
  fixedEncodingCase({
    name: 'content-encoding-unknown',
    contentEncoding: 'xyz',
    summary: 'Content-Encoding "xyz" (no such coding) over 5 plain bytes',
    outcome: 'fails with 1007900061: the content coding is unknown, so the body cannot be decoded',
    expect: { code: 1007900061 },
    body: async () => Buffer.from('hello'),
  }),
  fixedEncodingCase({
    name: 'gzip-corrupt',
    contentEncoding: 'gzip',
    summary: 'Content-Encoding gzip over bytes that are not gzip',
    outcome: 'fails with 1007900061: the body is not valid gzip',
    expect: { code: 1007900061 },
    body: async () => Buffer.from('this is certainly not a gzip stream'),
  }),
  fixedEncodingCase({
    name: 'gzip-truncated',
    contentEncoding: 'gzip',
    summary: 'Content-Encoding gzip over the first half of a gzip stream (Content-Length matches what is sent)',
    outcome: 'succeeds with 200 and the text decoded so far (a prefix of the whole): the HTTP message is complete, and ' +
      'libcurl, which decodes the body, does not check that a gzip stream reached its end marker (known limit); ' +
      'a message cut short fails with 1007900018 (see half-close)',
    expect: { code: 0, status: 200, bodyIncludes: ['rcplib compressed body.'] },
    body: async (bodies) => {
      const whole = bodies.text('gzip');
      return whole.subarray(0, Math.floor(whole.length / 2));
    },
  }),
];

module.exports = { cases, BOMB_MIB, MAX_BODY_BYTES, STACKED_TEXT, encodeInOrder };
