'use strict';
// The Node HTTP clients rcplib is compared with, each wrapped in the same small interface:
//   open({ origin, conns, h2, ca, forCycle }) -> { get(path), post(path, payload), close(), abortAll() }
// get/post resolve with the length of the body, read fully into memory (as rcplib's Response.body
// is), and reject on any status but 200. close() is the graceful verb; abortAll() is the one that
// matches rcp's session.close(): everything in flight settles at once.

const fs = require('node:fs');
const http = require('node:http');
const http2 = require('node:http2');

const POST_HEADERS = { 'content-type': 'application/octet-stream' };

function statusError(status) {
  return new Error(`status ${status}`);
}

function readCa(ca) {
  return ca ? fs.readFileSync(ca) : undefined;
}

/** undici's Pool.request (a Client for session cycles, as undici's own create/request/close does). */
function openUndici({ origin, conns, h2, ca, forCycle }) {
  const undici = require('undici');
  const connect = ca ? { ca: readCa(ca) } : undefined;
  // HTTP/2 multiplexes on one connection; undici lets `pipelining` requests run on it at once.
  const options = h2
    ? { connections: 1, allowH2: true, pipelining: conns, connect }
    : { connections: conns, pipelining: 1, keepAliveTimeout: 600e3, connect };
  const dispatcher = forCycle ? new undici.Client(origin, { connect }) : new undici.Pool(origin, options);
  const consume = async ({ statusCode, body }) => {
    const bytes = await body.arrayBuffer();
    if (statusCode !== 200) throw statusError(statusCode);
    return bytes.byteLength;
  };
  return {
    get: (path) => dispatcher.request({ path, method: 'GET' }).then(consume),
    post: (path, payload) =>
      dispatcher.request({ path, method: 'POST', headers: POST_HEADERS, body: payload }).then(consume),
    close: () => dispatcher.close(),
    abortAll: () => dispatcher.destroy(),
  };
}

/** Node's global fetch (its bundled undici, default dispatcher: one connection per request in flight). */
function openFetch({ origin }) {
  let controller = new AbortController();
  const consume = async (response) => {
    const bytes = await response.arrayBuffer();
    if (response.status !== 200) throw statusError(response.status);
    return bytes.byteLength;
  };
  return {
    get: (path) => fetch(origin + path, { signal: controller.signal }).then(consume),
    post: (path, payload) =>
      fetch(origin + path, { method: 'POST', headers: POST_HEADERS, body: payload, signal: controller.signal }).then(
        consume
      ),
    close: async () => {},
    abortAll: () => {
      controller.abort();
      controller = new AbortController();
    },
  };
}

/** node:http with a keep-alive Agent limited to `conns` sockets. */
function openNodeHttp({ origin, conns }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: conns, maxFreeSockets: conns, keepAliveMsecs: 600e3 });
  const base = new URL(origin);
  let controller = new AbortController();
  const send = (path, method, payload) =>
    new Promise((resolve, reject) => {
      const headers = payload ? { ...POST_HEADERS, 'content-length': payload.length } : undefined;
      const request = http.request(
        { hostname: base.hostname, port: base.port, path, method, agent, headers, signal: controller.signal },
        (response) => {
          const chunks = [];
          let length = 0;
          response.on('data', (chunk) => {
            chunks.push(chunk);
            length += chunk.length;
          });
          response.on('end', () => {
            Buffer.concat(chunks, length);
            if (response.statusCode === 200) resolve(length);
            else reject(statusError(response.statusCode));
          });
          response.on('error', reject);
        }
      );
      request.on('error', reject);
      request.end(payload);
    });
  return {
    get: (path) => send(path, 'GET'),
    post: (path, payload) => send(path, 'POST', payload),
    close: async () => agent.destroy(),
    abortAll: () => {
      controller.abort();
      controller = new AbortController();
      agent.destroy();
    },
  };
}

/** axios with a keep-alive node:http Agent limited to `conns` sockets. */
function openAxios({ origin, conns }) {
  const axios = require('axios');
  const agent = new http.Agent({ keepAlive: true, maxSockets: conns, maxFreeSockets: conns, keepAliveMsecs: 600e3 });
  const instance = axios.create({ baseURL: origin, httpAgent: agent, responseType: 'arraybuffer', proxy: false });
  let controller = new AbortController();
  const consume = (response) => {
    if (response.status !== 200) throw statusError(response.status);
    return response.data.byteLength;
  };
  return {
    get: (path) => instance.get(path, { signal: controller.signal }).then(consume),
    post: (path, payload) =>
      instance.post(path, payload, { headers: POST_HEADERS, signal: controller.signal }).then(consume),
    close: async () => agent.destroy(),
    abortAll: () => {
      controller.abort();
      controller = new AbortController();
      agent.destroy();
    },
  };
}

/** node:http2: one session, every request a stream on it (Node's own HTTP/2 client). */
function openNodeHttp2({ origin, ca }) {
  const session = http2.connect(origin, { ca: readCa(ca) });
  session.on('error', () => {});
  const send = (path, method, payload) =>
    new Promise((resolve, reject) => {
      const headers = { ':path': path, ':method': method };
      if (payload) Object.assign(headers, POST_HEADERS, { 'content-length': payload.length });
      const stream = session.request(headers, { endStream: !payload });
      let status = 0;
      const chunks = [];
      let length = 0;
      stream.on('response', (responseHeaders) => {
        status = responseHeaders[':status'];
      });
      stream.on('data', (chunk) => {
        chunks.push(chunk);
        length += chunk.length;
      });
      stream.on('end', () => {
        Buffer.concat(chunks, length);
        if (status === 200) resolve(length);
        else reject(statusError(status));
      });
      stream.on('error', reject);
      stream.on('close', () => reject(new Error('stream closed')));
      if (payload) stream.end(payload);
    });
  return {
    get: (path) => send(path, 'GET'),
    post: (path, payload) => send(path, 'POST', payload),
    close: async () => new Promise((resolve) => session.close(resolve)),
    abortAll: () => session.destroy(),
  };
}

const clients = {
  undici: openUndici,
  fetch: openFetch,
  'node-http': openNodeHttp,
  axios: openAxios,
  'node-http2': openNodeHttp2,
};

module.exports = { clients };
