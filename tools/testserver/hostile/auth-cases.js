'use strict';

// Server authentication: a Basic challenge answered with the right, wrong or
// no credentials, and a challenge in a scheme nobody knows.

const { responseHead, completeResponse } = require('./wire');

const USER = 'hostile-user';
const PASSWORD = 'hostile-password';
const RIGHT_AUTHORIZATION = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const DENIED_BODY = 'credentials required';

function challenge(wwwAuthenticate) {
  const body = Buffer.from(DENIED_BODY);
  return Buffer.concat([
    responseHead('HTTP/1.1 401 Unauthorized', [
      ['WWW-Authenticate', wwwAuthenticate],
      ['Content-Type', 'text/plain'],
      ['Content-Length', String(body.length)],
    ]),
    body,
  ]);
}

/** 200 "authenticated" for the right Basic credentials, else the challenge. */
function basicProtected(exchange) {
  if (exchange.request.header('authorization') === RIGHT_AUTHORIZATION) exchange.respond(completeResponse('authenticated'));
  else exchange.respond(challenge('Basic realm="x"'));
}

const cases = [
  {
    name: 'auth-basic-challenge',
    family: 'auth',
    summary: '401 with "WWW-Authenticate: Basic realm=\\"x\\"" unless the request carries the right Basic credentials, then 200 "authenticated"; fetched with auth {type "auto"}',
    outcome: 'succeeds: 200 "authenticated"; only the 200 is reported (status and header callbacks once each)',
    request: { options: { auth: { user: USER, password: PASSWORD, type: 'auto' } } },
    expect: { code: 0, status: 200, body: 'authenticated' },
    serve: basicProtected,
  },
  {
    name: 'auth-basic-wrong-credentials',
    family: 'auth',
    summary: 'the same Basic-protected route, fetched with a wrong password',
    outcome: 'succeeds with the 401 itself: the wrong credentials are tried once, then the challenge is the answer',
    request: { options: { auth: { user: USER, password: 'wrong', type: 'auto' } } },
    expect: { code: 0, status: 401, body: DENIED_BODY },
    serve: basicProtected,
  },
  {
    name: 'auth-basic-no-credentials',
    family: 'auth',
    summary: 'the same Basic-protected route, fetched without credentials',
    outcome: 'succeeds with the 401 itself and its WWW-Authenticate header',
    expect: { code: 0, status: 401, body: DENIED_BODY, headers: { 'www-authenticate': 'Basic realm="x"' } },
    serve: basicProtected,
  },
  {
    name: 'auth-unknown-scheme',
    family: 'auth',
    summary: 'always 401 with "WWW-Authenticate: Hostile realm=\\"x\\"" (a scheme nobody implements); fetched with auth {type "auto"}',
    outcome: 'succeeds with the 401 itself: no known scheme was offered, so no credentials are sent',
    request: { options: { auth: { user: USER, password: PASSWORD, type: 'auto' } } },
    expect: { code: 0, status: 401, body: DENIED_BODY },
    serve(exchange) {
      exchange.respond(challenge('Hostile realm="x"'));
    },
  },
];

module.exports = { cases, USER, PASSWORD, RIGHT_AUTHORIZATION };
