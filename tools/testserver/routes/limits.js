'use strict';

// The bounds on every number a route reads from its path or query, and the
// pause a deliberate break leaves for bytes already written.

const KIB = 1024;
const MIB = 1024 * KIB;
const LIMITS = Object.freeze({
  bytes: 16 * 1024 * MIB,
  dripBytes: 64 * MIB,
  delayMs: 60_000,
  echoBodyBytes: 16 * MIB,
  hugeHeadersKib: 8 * KIB,
  redirects: 1000,
  resetMidBodyBytes: 64 * MIB,
  dnsMessageBytes: 64 * KIB,
});
// Gives the kernel time to put already-written bytes on the wire before a
// reset throws away whatever is still queued.
const FLUSH_BEFORE_RESET_MS = 50;

module.exports = { KIB, MIB, LIMITS, FLUSH_BEFORE_RESET_MS };
