'use strict';

// The byte pattern every generated body uses (byte i is i % 251) and the
// back-pressured writer that streams it.

const PATTERN_MODULUS = 251;
// 256 whole periods, so any offset into the pattern is a plain slice of it.
const PATTERN_BLOCK = Buffer.from(Array.from({ length: PATTERN_MODULUS * 256 }, (_, i) => i % PATTERN_MODULUS));
const STREAM_CHUNK_BYTES = PATTERN_BLOCK.length - PATTERN_MODULUS;

/** Bytes [offset, offset + length) of the pattern where byte i is i % 251. */
function patternBytes(offset, length) {
  const start = offset % PATTERN_MODULUS;
  if (start + length <= PATTERN_BLOCK.length) return PATTERN_BLOCK.subarray(start, start + length);
  const out = Buffer.allocUnsafe(length);
  for (let written = 0; written < length; ) {
    const piece = Math.min(STREAM_CHUNK_BYTES, length - written);
    const from = (start + written) % PATTERN_MODULUS;
    PATTERN_BLOCK.copy(out, written, from, from + piece);
    written += piece;
  }
  return out;
}

/** Writes `total` pattern bytes with back-pressure, then calls `done` (default: end). */
function streamPattern(res, total, done = () => res.end()) {
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      if (res.destroyed) return;
      const size = Math.min(STREAM_CHUNK_BYTES, total - sent);
      const flushed = res.write(patternBytes(sent, size));
      sent += size;
      if (!flushed) {
        res.once('drain', pump);
        return;
      }
    }
    done();
  };
  pump();
}

module.exports = { patternBytes, streamPattern };
