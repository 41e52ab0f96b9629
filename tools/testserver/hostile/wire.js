'use strict';

// Builds HTTP/1.1 response bytes by hand. The hostile cases need bytes no
// well-behaved server library would produce, so nothing here checks or fixes
// what it is given: a header list is written exactly as listed.

const CRLF = '\r\n';

function toBuffer(bytes) {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'latin1');
}

/**
 * A response head: the status line, each header as `name: value` (a string in
 * the list is written as a whole line), then the empty line.
 */
function responseHead(statusLine, headers = []) {
  const lines = headers.map((header) => (typeof header === 'string' ? header : `${header[0]}: ${header[1]}`));
  return Buffer.from(`${statusLine}${CRLF}${lines.map((line) => `${line}${CRLF}`).join('')}${CRLF}`, 'latin1');
}

/** A complete 200 (or other) response with a Content-Length that matches the body. */
function completeResponse(body, { status = '200 OK', headers = [], contentType = 'text/plain; charset=utf-8' } = {}) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const framing = [
    ['Content-Type', contentType],
    ['Content-Length', String(bytes.length)],
  ];
  return Buffer.concat([responseHead(`HTTP/1.1 ${status}`, [...framing, ...headers]), bytes]);
}

/** One chunk of a chunked body: hexadecimal size, CRLF, the data, CRLF. */
function chunk(data) {
  const bytes = toBuffer(data);
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}${CRLF}`, 'latin1'), bytes, Buffer.from(CRLF, 'latin1')]);
}

/** The last chunk, optional trailer fields, and the empty line that ends a chunked body. */
function lastChunk(trailers = []) {
  const lines = trailers.map(([name, value]) => `${name}: ${value}${CRLF}`).join('');
  return Buffer.from(`0${CRLF}${lines}${CRLF}`, 'latin1');
}

/** A whole chunked body made of the given pieces. */
function chunkedBody(pieces, trailers = []) {
  return Buffer.concat([...pieces.map(chunk), lastChunk(trailers)]);
}

module.exports = { CRLF, toBuffer, responseHead, completeResponse, chunk, lastChunk, chunkedBody };
