'use strict';

// Routes whose answer is content the client checks: /echo describes the
// request back, /status, /text and /json send fixed or chosen bodies, and
// /response-headers sends the headers the query names.

const http = require('node:http');
const iconv = require('iconv-lite');
const { LIMITS } = require('./limits');
const { HttpError, intParam, isHttp2, sendBody, sendJson, readBody } = require('./exchange');

const JSON_BODY = Object.freeze({
  name: 'rcplib',
  version: 1,
  ok: true,
  tags: ['http', 'test'],
  nested: { count: 3, ratio: 0.5, empty: null },
  greeting: '你好',
});

const DEFAULT_TEXT = 'Hello, 世界! rcplib text body.';

// Headers that frame the message: /response-headers does not let a query set them.
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'trailer']);

function headerPairs(rawHeaders) {
  const pairs = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i], rawHeaders[i + 1]]);
  return pairs;
}

function describeRequest(ctx, body) {
  const { req, url } = ctx;
  const socket = req.socket;
  return {
    method: req.method,
    path: url.pathname,
    url: req.url,
    query: Object.fromEntries(url.searchParams),
    rawQuery: url.search.slice(1),
    headers: headerPairs(req.rawHeaders),
    body: body.toString('utf8'),
    bodyBase64: body.toString('base64'),
    bodyLength: body.length,
    httpVersion: req.httpVersion,
    server: ctx.server.name,
    tls: Boolean(socket && socket.encrypted),
    alpn: (socket && socket.alpnProtocol) || null,
    remotePort: socket ? socket.remotePort : null,
  };
}

function createContentRoutes() {
  return {
    async echo(ctx) {
      const body = await readBody(ctx.req, LIMITS.echoBodyBytes);
      sendJson(ctx.res, 200, describeRequest(ctx, body));
    },

    status({ req, res, url, segments }) {
      const code = intParam(segments[1], { name: 'status code', min: 200, max: 599 });
      const reason = url.searchParams.get('reason');
      if (reason !== null && /[\r\n]/.test(reason)) throw new HttpError(400, 'reason must be one line');
      req.resume();
      const headers = { 'content-type': 'text/plain; charset=utf-8' };
      let body = '';
      if (code === 205) headers['content-length'] = 0;
      else if (code !== 204 && code !== 304) {
        body = `${code} ${reason ?? http.STATUS_CODES[code] ?? 'Status'}\n`;
        headers['content-length'] = Buffer.byteLength(body);
      }
      // HTTP/2 has no reason phrase, so it is only set on HTTP/1.x.
      if (reason !== null && !isHttp2(req)) res.writeHead(code, reason, headers);
      else res.writeHead(code, headers);
      res.end(body);
    },

    text({ req, res, url }) {
      const charset = url.searchParams.get('charset') || 'utf-8';
      const text = url.searchParams.get('text') ?? DEFAULT_TEXT;
      if (!iconv.encodingExists(charset)) throw new HttpError(400, `unknown charset ${charset}`);
      req.resume();
      sendBody(res, 200, `text/plain; charset=${charset}`, iconv.encode(text, charset));
    },

    json({ req, res }) {
      req.resume();
      sendJson(res, 200, JSON_BODY);
    },

    // Each query pair becomes one response header line, in order: a repeated name is sent as
    // repeated lines (HTTP/2 cannot repeat a single-value header such as content-type, so there a
    // repeated name is refused with 400). Framing headers are refused; the body lists the pairs.
    'response-headers'({ req, res, url }) {
      req.resume();
      const byName = new Map();
      for (const [name, value] of url.searchParams) {
        const key = name.toLowerCase();
        if (FRAMING_HEADERS.has(key)) throw new HttpError(400, `${key} is not settable here`);
        try {
          http.validateHeaderName(key);
          http.validateHeaderValue(key, value);
        } catch (err) {
          throw new HttpError(400, err.message);
        }
        if (!byName.has(key)) byName.set(key, []);
        byName.get(key).push(value);
      }
      if (isHttp2(req) && [...byName.values()].some((values) => values.length > 1)) {
        throw new HttpError(400, 'repeated header names need HTTP/1.x');
      }
      const body = Buffer.from(JSON.stringify({ headers: [...url.searchParams] }), 'utf8');
      const headers = { 'content-type': 'application/json; charset=utf-8' };
      for (const [name, values] of byName) headers[name] = values.length === 1 ? values[0] : values;
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(body);
    },
  };
}

module.exports = { createContentRoutes, JSON_BODY, DEFAULT_TEXT };
