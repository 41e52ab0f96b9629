'use strict';

// Unrequested bytes and endings on an idle keep-alive connection. Each case
// answers "first" with a Content-Length and keeps the connection, then 100 ms
// later does something to the idle connection. The suite's follow-up fetch of
// /case/<name>/next (300 ms after the first settled) must get its own 200
// "second", whichever connection it arrives on: a client that reused the
// spoiled connection would read the stray bytes as its answer.

const { completeResponse } = require('./wire');

const FIRST_BODY = 'first';
const IDLE_DELAY_MS = 100;
const FOLLOW_UP_DELAY_MS = 300;
const STRAY_RESPONSE = completeResponse('unrequested');
const STRAY_GARBAGE = Buffer.from('\u0000\u00ffgarbage on an idle connection\r\n', 'latin1');
const FOLLOW_UP = Object.freeze({
  delayMs: FOLLOW_UP_DELAY_MS,
  expect: { code: 0, status: 200, body: 'second' },
});

function idleConnectionCase({ name, summary, outcome, onIdle }) {
  return {
    name,
    family: 'keep-alive',
    summary: `200 "first" (Content-Length, connection kept), then ${IDLE_DELAY_MS} ms later ${summary}`,
    outcome,
    expect: { code: 0, status: 200, body: FIRST_BODY },
    then: FOLLOW_UP,
    serve(exchange) {
      exchange.respond(completeResponse(FIRST_BODY));
      exchange.after(IDLE_DELAY_MS, () => onIdle(exchange));
    },
  };
}

const NOT_REUSED = 'the follow-up gets its own 200 "second": a connection that received unrequested bytes is not reused';

const cases = [
  idleConnectionCase({
    name: 'stray-response-after-response',
    summary: 'a whole unrequested response (200 "unrequested") on the idle connection',
    outcome: `succeeds with "first"; ${NOT_REUSED}`,
    onIdle: (exchange) => exchange.write(STRAY_RESPONSE),
  }),
  idleConnectionCase({
    name: 'stray-crlf-after-response',
    summary: 'a stray CRLF on the idle connection',
    outcome: `succeeds with "first"; ${NOT_REUSED}`,
    onIdle: (exchange) => exchange.write(Buffer.from('\r\n', 'latin1')),
  }),
  idleConnectionCase({
    name: 'stray-garbage-after-response',
    summary: 'bytes that are not HTTP on the idle connection',
    outcome: `succeeds with "first"; ${NOT_REUSED}`,
    onIdle: (exchange) => exchange.write(STRAY_GARBAGE),
  }),
  idleConnectionCase({
    name: 'fin-on-idle-connection',
    summary: 'the server half-closes the idle connection (FIN)',
    outcome: 'succeeds with "first"; the follow-up gets its own 200 "second" on a new connection',
    onIdle: (exchange) => exchange.end(),
  }),
  idleConnectionCase({
    name: 'reset-on-idle-connection',
    summary: 'the server resets the idle connection (RST)',
    outcome: 'succeeds with "first"; the follow-up gets its own 200 "second" on a new connection',
    onIdle: (exchange) => exchange.reset(),
  }),
];

module.exports = { cases, STRAY_RESPONSE, STRAY_GARBAGE, IDLE_DELAY_MS };
