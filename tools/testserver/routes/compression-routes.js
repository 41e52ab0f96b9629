'use strict';

// Routes with a Content-Encoding: the compressed text (/gzip, /deflate, /br,
// /zstd) and decompression bombs (/bomb).

const { ENCODINGS, MAX_BOMB_MIB } = require('../compressed-bodies');
const { MIB } = require('./limits');
const { HttpError, intParam, sendBody } = require('./exchange');

/** `bodies` is the server's CompressedBodies, which builds and caches the bodies. */
function createCompressionRoutes({ bodies }) {
  return {
    compressed({ req, res, segments }) {
      const encoding = segments[0];
      req.resume();
      sendBody(res, 200, 'text/plain; charset=utf-8', bodies.text(encoding), { 'content-encoding': encoding });
    },

    async bomb({ req, res, url }) {
      const encoding = url.searchParams.get('encoding') || 'gzip';
      if (!ENCODINGS.includes(encoding)) throw new HttpError(400, `encoding must be one of ${ENCODINGS.join(', ')}`);
      const mebibytes = intParam(url.searchParams.get('mb'), { name: 'mb', fallback: 10, min: 1, max: MAX_BOMB_MIB });
      req.resume();
      const body = await bodies.bomb(encoding, mebibytes);
      sendBody(res, 200, 'application/octet-stream', body, {
        'content-encoding': encoding,
        'x-decoded-length': mebibytes * MIB,
      });
    },
  };
}

module.exports = { createCompressionRoutes };
