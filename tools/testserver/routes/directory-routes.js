'use strict';

// Routes that describe the test server itself: /stats (connections accepted
// per listener) and /servers (every listener's address).

const { sendJson } = require('./exchange');

/** `connections` and `servers` are the server's functions that return those two snapshots. */
function createDirectoryRoutes({ connections, servers }) {
  return {
    stats({ req, res }) {
      req.resume();
      sendJson(res, 200, connections());
    },

    servers({ req, res }) {
      req.resume();
      sendJson(res, 200, servers());
    },
  };
}

module.exports = { createDirectoryRoutes };
