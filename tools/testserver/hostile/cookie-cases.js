'use strict';

// Cookie abuse: a huge value, a Domain that is not the server's, and names
// that are special in JavaScript objects, as cookie names and as attribute
// names. Response.cookies is a parse of this response's Set-Cookie headers,
// not a cookie jar, so every cookie is reported exactly as sent.

const { completeResponse } = require('./wire');

const HUGE_VALUE = 'c'.repeat(16 * 1024);
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const NOT_A_JAR = 'Response.cookies parses this response\'s Set-Cookie headers; it is not a cookie jar, so nothing is filtered';

function setCookieCase({ name, setCookies, summary, outcome, expect }) {
  return {
    name,
    family: 'cookie',
    summary,
    outcome,
    expect,
    serve(exchange) {
      exchange.respond(completeResponse('ok', { headers: setCookies.map((value) => ['Set-Cookie', value]) }));
    },
  };
}

const cases = [
  setCookieCase({
    name: 'cookie-huge-value',
    setCookies: [`big=${HUGE_VALUE}; Path=/`],
    summary: 'Set-Cookie "big=ccc...; Path=/" with a 16 KiB value',
    outcome: `succeeds: cookie big with its whole 16 KiB value, reported as sent (${NOT_A_JAR})`,
    expect: { code: 0, status: 200, cookies: { big: HUGE_VALUE } },
  }),
  setCookieCase({
    name: 'cookie-foreign-domain',
    setCookies: ['foreign=1; Domain=example.com; Path=/'],
    summary: 'Set-Cookie "foreign=1; Domain=example.com; Path=/" from 127.0.0.1',
    outcome: `succeeds: cookie foreign "1" with domain attribute "example.com", reported as sent (${NOT_A_JAR})`,
    expect: { code: 0, status: 200, cookies: { foreign: '1' }, cookieAttributes: { foreign: { domain: 'example.com' } } },
  }),
  setCookieCase({
    name: 'cookie-prototype-names',
    setCookies: PROTOTYPE_NAMES.map((cookieName, index) => `${cookieName}=v${index}`),
    summary: `one Set-Cookie per name ${PROTOTYPE_NAMES.join(', ')}, valued v0, v1, ...`,
    outcome: 'succeeds: every cookie present with its own value; none of the names reaches an object\'s prototype',
    expect: {
      code: 0,
      status: 200,
      cookies: Object.fromEntries(PROTOTYPE_NAMES.map((cookieName, index) => [cookieName, `v${index}`])),
    },
  }),
  setCookieCase({
    name: 'cookie-prototype-attributes',
    setCookies: ['a=1; __proto__=x; constructor=y; prototype=z; tostring=w; Path=/'],
    summary: 'Set-Cookie "a=1; __proto__=x; constructor=y; prototype=z; tostring=w; Path=/" (unknown attributes with special names)',
    outcome: 'succeeds: cookie a "1" whose attributes __proto__, constructor, prototype and tostring read back as sent',
    expect: {
      code: 0,
      status: 200,
      cookies: { a: '1' },
      // A computed key: a literal __proto__ member would set the prototype instead.
      cookieAttributes: { a: { ['__proto__']: 'x', constructor: 'y', prototype: 'z', tostring: 'w', path: '/' } },
    },
  }),
];

module.exports = { cases, PROTOTYPE_NAMES, HUGE_VALUE };
