'use strict';

// The DNS side of the test server's DNS-over-HTTPS route (RFC 8484): reads the
// one question of a DNS query (RFC 1035 wire format) and builds the answer.
// Every name resolves to 127.0.0.1 except names under ".invalid" (RFC 6761),
// which get NXDOMAIN, so clients can test resolution failures without ever
// sending a query off the machine.

const HEADER_BYTES = 12;
const TYPE_A = 1;
const CLASS_IN = 1;
const FLAG_RESPONSE = 0x8000;
const FLAG_OPCODE_MASK = 0x7800;
const FLAG_RECURSION_DESIRED = 0x0100;
const FLAG_RECURSION_AVAILABLE = 0x0080;
const RCODE_NOERROR = 0;
const RCODE_NXDOMAIN = 3;
const MAX_LABEL_BYTES = 63;
const ANSWER_TTL_SECONDS = 60;
// A pointer to the question's name, which always starts right after the header.
const NAME_POINTER_TO_QUESTION = 0xc000 | HEADER_BYTES;
const LOOPBACK_V4 = [127, 0, 0, 1];

/**
 * Reads the header and the single question of a query.
 * Returns { id, flags, name, type, questionClass, question } (question = the
 * raw question bytes) or null when the message is not a one-question query.
 */
function readQuery(message) {
  if (message.length < HEADER_BYTES) return null;
  const flags = message.readUInt16BE(2);
  if ((flags & FLAG_RESPONSE) !== 0 || message.readUInt16BE(4) !== 1) return null;
  const labels = [];
  let offset = HEADER_BYTES;
  for (;;) {
    if (offset >= message.length) return null;
    const length = message[offset];
    offset += 1;
    if (length === 0) break;
    // Queries carry no compression pointers, and a label is at most 63 bytes.
    if (length > MAX_LABEL_BYTES || offset + length > message.length) return null;
    labels.push(message.toString('latin1', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > message.length) return null;
  return {
    id: message.readUInt16BE(0),
    flags,
    name: labels.join('.').toLowerCase(),
    type: message.readUInt16BE(offset),
    questionClass: message.readUInt16BE(offset + 2),
    question: message.subarray(HEADER_BYTES, offset + 4),
  };
}

/** True for the names RFC 6761 reserves as never resolving. */
function isInvalidName(name) {
  return name === 'invalid' || name.endsWith('.invalid');
}

/** The wire-format answer to a query read by readQuery(). */
function buildAnswer(query) {
  const nxdomain = isInvalidName(query.name);
  const answersLoopback = !nxdomain && query.type === TYPE_A && query.questionClass === CLASS_IN;
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt16BE(query.id, 0);
  header.writeUInt16BE(
    FLAG_RESPONSE | (query.flags & (FLAG_OPCODE_MASK | FLAG_RECURSION_DESIRED)) | FLAG_RECURSION_AVAILABLE |
      (nxdomain ? RCODE_NXDOMAIN : RCODE_NOERROR),
    2,
  );
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answersLoopback ? 1 : 0, 6);
  const parts = [header, query.question];
  if (answersLoopback) {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(NAME_POINTER_TO_QUESTION, 0);
    record.writeUInt16BE(TYPE_A, 2);
    record.writeUInt16BE(CLASS_IN, 4);
    record.writeUInt32BE(ANSWER_TTL_SECONDS, 6);
    record.writeUInt16BE(LOOPBACK_V4.length, 10);
    Buffer.from(LOOPBACK_V4).copy(record, 12);
    parts.push(record);
  }
  return Buffer.concat(parts);
}

module.exports = { readQuery, buildAnswer, isInvalidName, TYPE_A, RCODE_NOERROR, RCODE_NXDOMAIN };
