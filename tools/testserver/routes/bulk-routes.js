'use strict';

// Routes that move a chosen amount of data: pattern downloads, uploads hashed
// as they arrive, and header blocks of a chosen size.

const { createHash } = require('node:crypto');
const { KIB, LIMITS } = require('./limits');
const { intParam, isHttp2, sendJson, consumeBody } = require('./exchange');
const { streamPattern } = require('./pattern');

function createBulkRoutes() {
  return {
    bytes({ req, res, url, segments }) {
      const total = intParam(segments[1], { name: 'byte count', min: 0, max: LIMITS.bytes });
      const chunked = url.searchParams.get('chunked') === '1';
      req.resume();
      const headers = { 'content-type': 'application/octet-stream' };
      if (!chunked) headers['content-length'] = total;
      // HTTP/2 frames every body itself; leaving out the length is its equivalent.
      else if (!isHttp2(req)) headers['transfer-encoding'] = 'chunked';
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else streamPattern(res, total);
    },

    async upload({ req, res }) {
      const hash = createHash('sha256');
      let bytes = 0;
      await consumeBody(req, (chunk) => {
        bytes += chunk.length;
        hash.update(chunk);
      });
      sendJson(res, 200, { bytes, sha256: hash.digest('hex'), contentType: req.headers['content-type'] ?? null });
    },

    'huge-headers'({ req, res, url }) {
      const kib = intParam(url.searchParams.get('kb'), { name: 'kb', fallback: 16, min: 1, max: LIMITS.hugeHeadersKib });
      req.resume();
      for (let i = 0; i < kib; i++) {
        const name = `x-huge-${String(i).padStart(5, '0')}`;
        // "name: value\r\n" is then exactly 1 KiB on an HTTP/1.1 wire.
        res.setHeader(name, 'v'.repeat(KIB - name.length - 4));
      }
      sendJson(res, 200, { headerCount: kib, kb: kib });
    },
  };
}

module.exports = { createBulkRoutes };
