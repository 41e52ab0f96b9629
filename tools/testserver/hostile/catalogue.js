'use strict';

// The hostile case catalogue: every family's cases in one list, checked
// against the shared contract when this module loads, with the JSON entries
// the suites read from GET /cases. A case is
//   { name, family, summary, outcome, request, expect, then?, serve(exchange), serveNext?(exchange) }
// where serve writes the hostile bytes and serveNext answers <path>/next
// (200 "second" when absent). request.path defaults to /case/<name>,
// then.path to /case/<name>/next, expect.maxElapsedMs to DEFAULT_MAX_ELAPSED_MS.

const FAMILY_MODULES = [
  require('./header-flood-cases'),
  require('./status-line-cases'),
  require('./framing-cases'),
  require('./decompression-cases'),
  require('./interim-cases'),
  require('./redirect-cases'),
  require('./cookie-cases'),
  require('./keep-alive-cases'),
  require('./half-close-cases'),
  require('./slow-drip-cases'),
  require('./prototype-cases'),
  require('./trailers-cases'),
  require('./auth-cases'),
];

const FAMILIES = Object.freeze([
  'header-flood',
  'status-line',
  'framing',
  'decompression',
  'interim',
  'redirect',
  'cookie',
  'keep-alive',
  'half-close',
  'slow-drip',
  'prototype',
  'trailers',
  'auth',
]);
// Generous: a case that has not settled by then is hanging.
const DEFAULT_MAX_ELAPSED_MS = 10_000;
const NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const REQUEST_MEMBERS = new Set(['path', 'method', 'options']);
const OPTION_MEMBERS = new Set(['inactivityMs', 'transferMs', 'maxBodySize', 'autoRedirect', 'maxRedirects', 'auth', 'headers', 'cookies']);
const EXPECT_MEMBERS = new Set([
  'code',
  'status',
  'reason',
  'body',
  'bodyLength',
  'headers',
  'headerCounts',
  'absentHeaders',
  'cookies',
  'absentCookies',
  'cookieAttributes',
  'minElapsedMs',
  'maxElapsedMs',
  'bodyIncludes',
  'bodyExcludes',
]);
const THEN_MEMBERS = new Set(['delayMs', 'path', 'expect']);

function checkMembers(object, allowed, where) {
  for (const key of Object.keys(object)) {
    if (!allowed.has(key)) throw new Error(`hostile catalogue: ${where} has unknown member "${key}"`);
  }
}

function checkExpect(expect, where) {
  checkMembers(expect, EXPECT_MEMBERS, where);
  if (!Number.isInteger(expect.code)) throw new Error(`hostile catalogue: ${where}.code is missing`);
  if (expect.code === 0 && !Number.isInteger(expect.status)) throw new Error(`hostile catalogue: ${where}.status is missing`);
  if (expect.code !== 0 && expect.status !== undefined) throw new Error(`hostile catalogue: ${where} has a status but fails`);
  for (const name of [...Object.keys(expect.headers || {}), ...Object.keys(expect.headerCounts || {}), ...(expect.absentHeaders || [])]) {
    if (name !== name.toLowerCase()) throw new Error(`hostile catalogue: ${where} header name "${name}" is not lower-case`);
  }
}

/** The JSON entry of a case: its definition without the handlers, defaults filled in. */
function entryOf(definition) {
  const { name, family, summary, outcome, request, expect, then } = definition;
  const entry = {
    name,
    family,
    summary,
    outcome,
    request: { path: `/case/${name}`, ...request },
    expect: { maxElapsedMs: DEFAULT_MAX_ELAPSED_MS, ...expect },
  };
  if (then) {
    entry.then = {
      delayMs: then.delayMs,
      path: then.path || `/case/${name}/next`,
      expect: { maxElapsedMs: DEFAULT_MAX_ELAPSED_MS, ...then.expect },
    };
  }
  return entry;
}

function checkEntry(entry) {
  const where = `case "${entry.name}"`;
  if (!NAME_PATTERN.test(entry.name)) throw new Error(`hostile catalogue: ${where} is not kebab-case`);
  if (!FAMILIES.includes(entry.family)) throw new Error(`hostile catalogue: ${where} has unknown family "${entry.family}"`);
  for (const member of ['summary', 'outcome']) {
    if (typeof entry[member] !== 'string' || entry[member] === '') throw new Error(`hostile catalogue: ${where} has no ${member}`);
  }
  checkMembers(entry.request, REQUEST_MEMBERS, `${where}.request`);
  checkMembers(entry.request.options || {}, OPTION_MEMBERS, `${where}.request.options`);
  checkExpect(entry.expect, `${where}.expect`);
  if (entry.then) {
    checkMembers(entry.then, THEN_MEMBERS, `${where}.then`);
    checkExpect(entry.then.expect, `${where}.then.expect`);
  }
}

function buildCatalogue() {
  const casesByName = new Map();
  const helperRoutes = {};
  for (const family of FAMILY_MODULES) {
    for (const definition of family.cases) {
      if (casesByName.has(definition.name)) throw new Error(`hostile catalogue: case "${definition.name}" is defined twice`);
      if (typeof definition.serve !== 'function') throw new Error(`hostile catalogue: case "${definition.name}" has no serve()`);
      checkEntry(entryOf(definition));
      casesByName.set(definition.name, definition);
    }
    Object.assign(helperRoutes, family.helperRoutes);
  }
  for (const name of Object.keys(helperRoutes)) {
    if (casesByName.has(name)) throw new Error(`hostile catalogue: helper route "${name}" shadows a case`);
  }
  const entries = [...casesByName.values()].map(entryOf);
  return { casesByName, helperRoutes, entries: () => entries };
}

const CATALOGUE = buildCatalogue();

module.exports = { CATALOGUE, FAMILIES, DEFAULT_MAX_ELAPSED_MS, entryOf };
