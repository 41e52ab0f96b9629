'use strict';

// 1xx interim responses: unsolicited 100 Continue, 103 Early Hints with their
// own headers, a long run of 102s, and a 101 Switching Protocols the client
// never asked for (rcplib never sends Upgrade).

const { responseHead, completeResponse } = require('./wire');

const BODY = 'final';
const INTERIM_RUN = 1000;

const interim = (statusLine, headers = []) => responseHead(statusLine, headers);
const finalResponse = () => completeResponse(BODY, { headers: [['x-final', '1']] });

const cases = [
  {
    name: 'interim-100-unsolicited',
    family: 'interim',
    summary: '"HTTP/1.1 100 Continue" to a GET that did not ask for it, then 200 "final"',
    outcome: 'succeeds: 200 "final"; the interim response is skipped (RFC 9110 15.2: a client must accept unexpected 1xx)',
    expect: { code: 0, status: 200, body: BODY },
    serve(exchange) {
      exchange.respond(Buffer.concat([interim('HTTP/1.1 100 Continue'), finalResponse()]));
    },
  },
  {
    name: 'interim-103-early-hints',
    family: 'interim',
    summary: '"HTTP/1.1 103 Early Hints" with "Link: </style.css>; rel=preload" and "x-interim: 1", then 200 "final" with x-final: 1',
    outcome: 'succeeds: 200 "final" with only the final headers (x-final present; link and x-interim absent)',
    expect: { code: 0, status: 200, body: BODY, headers: { 'x-final': '1' }, absentHeaders: ['link', 'x-interim'] },
    serve(exchange) {
      const hints = interim('HTTP/1.1 103 Early Hints', [
        ['Link', '</style.css>; rel=preload'],
        ['x-interim', '1'],
      ]);
      exchange.respond(Buffer.concat([hints, finalResponse()]));
    },
  },
  {
    name: 'interim-many-102',
    family: 'interim',
    summary: `${INTERIM_RUN} "HTTP/1.1 102 Processing" interim responses, then 200 "final"`,
    outcome: 'succeeds: 200 "final"; every interim response is skipped',
    expect: { code: 0, status: 200, body: BODY },
    serve(exchange) {
      const processing = interim('HTTP/1.1 102 Processing');
      exchange.respond(Buffer.concat([...new Array(INTERIM_RUN).fill(processing), finalResponse()]));
    },
  },
  {
    name: 'interim-100-then-close',
    family: 'interim',
    summary: '"HTTP/1.1 100 Continue", then the connection closes with no final response',
    outcome: 'fails with 1007900052: no final response arrived',
    expect: { code: 1007900052 },
    serve(exchange) {
      exchange.end(interim('HTTP/1.1 100 Continue'));
    },
  },
  {
    name: 'switching-protocols-unsolicited',
    family: 'interim',
    summary: '"HTTP/1.1 101 Switching Protocols" with "Upgrade: websocket" to a request that asked for no upgrade, then bytes that are not HTTP',
    outcome: 'fails with 1007900008: a 101 the client did not ask for is a weird server reply (RFC 9110 15.2.2: a server must not switch unasked)',
    expect: { code: 1007900008 },
    serve(exchange) {
      const head = interim('HTTP/1.1 101 Switching Protocols', [
        ['Upgrade', 'websocket'],
        ['Connection', 'Upgrade'],
      ]);
      exchange.write(Buffer.concat([head, Buffer.from([0x81, 0x05]), Buffer.from('hello')]));
      exchange.after(100, () => exchange.end());
    },
  },
];

module.exports = { cases };
