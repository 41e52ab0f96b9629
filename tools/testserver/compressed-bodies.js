'use strict';

// Builds the compressed response bodies: the known text for /gzip, /deflate,
// /br and /zstd, and the decompression bombs for /bomb. Node 20's zlib has no
// zstd, so zstd goes through a WebAssembly build of the reference library.

const zlib = require('node:zlib');
const { promisify } = require('node:util');
const { pipeline } = require('node:stream/promises');
const { Readable, Writable } = require('node:stream');
const zstd = require('@bokuweb/zstd-wasm');

// Long and repetitive enough that every coding really shrinks it, and with
// non-ASCII characters so clients must decode the result as UTF-8.
const COMPRESSED_TEXT = (
  'rcplib compressed body. The quick brown fox jumps over the lazy dog. ' +
  '压缩测试：你好，世界。 ' +
  'Line ends here.\n'
).repeat(64);

const ENCODINGS = ['gzip', 'deflate', 'br', 'zstd'];
const MIB = 1024 * 1024;
const MAX_BOMB_MIB = 1024;
// Level 3 is zstd's default and keeps the window small enough for HTTP clients.
const ZSTD_LEVEL = 3;

let zstdReady = null;

function ensureZstd() {
  if (!zstdReady) zstdReady = zstd.init();
  return zstdReady;
}

async function compressBuffer(encoding, buffer) {
  switch (encoding) {
    case 'gzip':
      return promisify(zlib.gzip)(buffer);
    case 'deflate':
      return promisify(zlib.deflate)(buffer);
    case 'br':
      return promisify(zlib.brotliCompress)(buffer);
    case 'zstd':
      await ensureZstd();
      return Buffer.from(zstd.compress(buffer, ZSTD_LEVEL));
    default:
      throw new Error(`unsupported encoding ${encoding}`);
  }
}

function zlibStreamFor(encoding) {
  switch (encoding) {
    case 'gzip':
      return zlib.createGzip({ level: 9 });
    case 'deflate':
      return zlib.createDeflate({ level: 9 });
    case 'br':
      // Quality 5 already shrinks zeros to a few bytes; 11 is ten times slower.
      return zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
    default:
      throw new Error(`unsupported encoding ${encoding}`);
  }
}

async function buildBomb(encoding, mebibytes) {
  const zeroMebibyte = Buffer.alloc(MIB);
  if (encoding === 'zstd') {
    // A zstd stream may hold several frames that decode back to back (RFC 8878
    // section 3.1), so one compressed mebibyte repeated is a valid bomb.
    const frame = await compressBuffer('zstd', zeroMebibyte);
    return Buffer.concat(new Array(mebibytes).fill(frame));
  }
  // Streaming keeps memory at one mebibyte of input however large the bomb is.
  const parts = [];
  async function* zeros() {
    for (let i = 0; i < mebibytes; i++) yield zeroMebibyte;
  }
  const collect = new Writable({
    write(chunk, _encoding, callback) {
      parts.push(chunk);
      callback();
    },
  });
  await pipeline(Readable.from(zeros()), zlibStreamFor(encoding), collect);
  return Buffer.concat(parts);
}

/** Caches every compressed body so each is built once per process. */
class CompressedBodies {
  constructor() {
    this.textBodies = new Map();
    this.bombs = new Map();
  }

  /** Compresses COMPRESSED_TEXT for all encodings up front, so start-up surfaces failures. */
  async prepare() {
    const text = Buffer.from(COMPRESSED_TEXT, 'utf8');
    await Promise.all(
      ENCODINGS.map(async (encoding) => {
        this.textBodies.set(encoding, await compressBuffer(encoding, text));
      }),
    );
  }

  text(encoding) {
    return this.textBodies.get(encoding);
  }

  bomb(encoding, mebibytes) {
    const key = `${encoding}:${mebibytes}`;
    let pending = this.bombs.get(key);
    if (!pending) {
      pending = buildBomb(encoding, mebibytes);
      this.bombs.set(key, pending);
      // A failed build must not poison the cache for later requests.
      pending.catch(() => this.bombs.delete(key));
    }
    return pending;
  }
}

module.exports = { COMPRESSED_TEXT, ENCODINGS, MAX_BOMB_MIB, CompressedBodies, compressBuffer, ensureZstd };
