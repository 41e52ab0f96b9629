'use strict';

// The /dns-query route: DNS over HTTPS (RFC 8484) by POST or by GET ?dns=.

const { readQuery, buildAnswer } = require('../dns-message');
const { LIMITS } = require('./limits');
const { HttpError, sendBody, readBody } = require('./exchange');

const DNS_MESSAGE_TYPE = 'application/dns-message';

function createDnsRoutes() {
  return {
    async 'dns-query'({ req, res, url }) {
      let message;
      if (req.method === 'POST') {
        message = await readBody(req, LIMITS.dnsMessageBytes);
      } else {
        req.resume();
        message = Buffer.from(url.searchParams.get('dns') || '', 'base64url');
      }
      const query = readQuery(message);
      if (query === null) throw new HttpError(400, 'not a DNS query with one question');
      sendBody(res, 200, DNS_MESSAGE_TYPE, buildAnswer(query), { 'cache-control': 'max-age=0' });
    },
  };
}

module.exports = { createDnsRoutes };
