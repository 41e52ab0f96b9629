'use strict';

// Response headers named like the members every JavaScript object inherits.
// A front-end that stores headers in a plain object would lose them or
// change its own behaviour; each must read back exactly as sent.

const { completeResponse } = require('./wire');

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

// Object.fromEntries defines own members, so "__proto__" stays a plain key.
const expectedHeaders = (entries) => Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), value]));

const NAMED_HEADERS = PROTOTYPE_NAMES.map((name, index) => [name, `value-${index}`]);
const REPEATED_HEADERS = [
  ['__proto__', 'first'],
  ['__proto__', 'second'],
  ['constructor', 'one'],
  ['constructor', 'two'],
];

const cases = [
  {
    name: 'prototype-header-names',
    family: 'prototype',
    summary: `headers ${PROTOTYPE_NAMES.map((name, index) => `"${name}: value-${index}"`).join(', ')}`,
    outcome: 'succeeds: every header reads back under its lower-cased name with exactly its value',
    expect: { code: 0, status: 200, body: 'ok', headers: expectedHeaders(NAMED_HEADERS) },
    serve(exchange) {
      exchange.respond(completeResponse('ok', { headers: NAMED_HEADERS }));
    },
  },
  {
    name: 'prototype-header-repeated',
    family: 'prototype',
    summary: 'headers "__proto__: first", "__proto__: second", "constructor: one", "constructor: two"',
    outcome: 'succeeds: __proto__ reads back as ["first", "second"] and constructor as ["one", "two"], in order',
    expect: {
      code: 0,
      status: 200,
      body: 'ok',
      headers: Object.fromEntries([
        ['__proto__', ['first', 'second']],
        ['constructor', ['one', 'two']],
      ]),
      headerCounts: Object.fromEntries([
        ['__proto__', 2],
        ['constructor', 2],
      ]),
    },
    serve(exchange) {
      exchange.respond(completeResponse('ok', { headers: REPEATED_HEADERS }));
    },
  },
];

module.exports = { cases, PROTOTYPE_NAMES };
