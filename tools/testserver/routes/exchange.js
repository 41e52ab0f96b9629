'use strict';

// Reading requests and writing whole responses the same way on Node's HTTP/1
// objects and on the HTTP/2 compatibility objects, with the errors a route
// throws to answer 4xx or to give up on a client that went away.

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The client went away before its request body was complete. */
class ClientAbortedError extends Error {
  constructor() {
    super('request aborted by the client');
  }
}

function intParam(value, { name, fallback, min, max }) {
  if (value === null || value === undefined || value === '') {
    if (fallback === undefined) throw new HttpError(400, `missing ${name}`);
    return fallback;
  }
  if (!/^\d+$/.test(value)) throw new HttpError(400, `${name} must be a non-negative integer`);
  const number = Number(value);
  if (number < min || number > max) throw new HttpError(400, `${name} must be between ${min} and ${max}`);
  return number;
}

function isHttp2(req) {
  return req.httpVersionMajor === 2;
}

function sendBody(res, status, contentType, body, extraHeaders = {}) {
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  res.writeHead(status, { 'content-type': contentType, 'content-length': buffer.length, ...extraHeaders });
  res.end(buffer);
}

function sendJson(res, status, value, extraHeaders) {
  sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify(value), extraHeaders);
}

function sendText(res, status, text, extraHeaders) {
  sendBody(res, status, 'text/plain; charset=utf-8', text, extraHeaders);
}

/** Feeds every body chunk to `onChunk`; resolves at the end, rejects if the client goes away. */
function consumeBody(req, onChunk) {
  return new Promise((resolve, reject) => {
    req.on('data', onChunk);
    req.on('end', resolve);
    req.on('error', () => reject(new ClientAbortedError()));
    req.on('aborted', () => reject(new ClientAbortedError()));
  });
}

/** Reads the whole request body; past `limit` bytes it keeps draining but answers 413. */
async function readBody(req, limit) {
  const parts = [];
  let length = 0;
  await consumeBody(req, (chunk) => {
    length += chunk.length;
    if (length <= limit) parts.push(chunk);
  });
  if (length > limit) throw new HttpError(413, `body larger than ${limit} bytes`);
  return Buffer.concat(parts);
}

/**
 * Returns scheduleForResponse(res, ms, callback): runs `callback` after `ms`
 * through the server's timer registry `schedule`, and cancels the timer when
 * the client goes away, so nothing writes to a dead response.
 */
function createResponseScheduler(schedule) {
  return function scheduleForResponse(res, ms, callback) {
    let cancel = null;
    const onClose = () => cancel();
    cancel = schedule(ms, () => {
      res.off('close', onClose);
      callback();
    });
    res.once('close', onClose);
  };
}

module.exports = {
  HttpError,
  ClientAbortedError,
  intParam,
  isHttp2,
  sendBody,
  sendJson,
  sendText,
  consumeBody,
  readBody,
  createResponseScheduler,
};
