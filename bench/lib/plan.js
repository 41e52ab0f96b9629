'use strict';
// What the bench measures: the clients, the scenarios, which clients take part in which, and the
// sample sizes of the full and smoke modes.

/** Every client, in the order tables and charts list them. `family` colours the chart. */
const CLIENTS = {
  'rcplib-ets': { label: 'rcplib, ArkTS API (Node host)', short: 'rcplib ArkTS', family: 'rcplib', runner: 'node' },
  'rcplib-c': { label: 'rcplib, C API', short: 'rcplib C', family: 'rcplib', runner: 'capi' },
  undici: { label: 'undici Pool.request', short: 'undici', family: 'Node clients', runner: 'node' },
  fetch: { label: 'Node fetch', short: 'fetch', family: 'Node clients', runner: 'node' },
  'node-http': { label: 'node:http, keep-alive Agent', short: 'node:http', family: 'Node clients', runner: 'node' },
  axios: { label: 'axios, keep-alive Agent', short: 'axios', family: 'Node clients', runner: 'node' },
  'node-http2': { label: 'node:http2 session', short: 'node:http2', family: 'Node clients', runner: 'node' },
  'curl-raw': {
    label: 'libcurl multi loop in C (ceiling)',
    short: 'libcurl loop',
    family: 'ceilings',
    runner: 'curl',
  },
  // Two libcurl loops in two processes, half the connections each: what libcurl alone does with both
  // cores of a two-core machine (the server shares them). Nothing built on libcurl with one loop per
  // session, and a JavaScript thread besides, can go faster here.
  'curl-raw-2': {
    label: 'libcurl multi loop in C, 2 processes (ceiling)',
    short: 'libcurl ×2',
    family: 'ceilings',
    runner: 'curl',
    processes: 2,
  },
  wrk: { label: 'wrk, 1 thread (ceiling)', short: 'wrk', family: 'ceilings', runner: 'wrk' },
};

const H1 = ['rcplib-ets', 'rcplib-c', 'undici', 'fetch', 'node-http', 'axios', 'curl-raw', 'wrk'];
const H2 = ['rcplib-ets', 'rcplib-c', 'undici', 'node-http2', 'curl-raw'];
// Node's fetch has no client object to create and close; wrk has no notion of one either.
const LIFECYCLE = ['rcplib-ets', 'rcplib-c', 'undici', 'node-http', 'axios', 'curl-raw'];
const CLOSE = ['rcplib-ets', 'rcplib-c', 'undici', 'fetch', 'node-http', 'axios', 'curl-raw'];

/**
 * kind: throughput (req/s), cycles (cycles/s), close (ms until all settled), idle (footprint).
 * route: small (1 KiB), large (1 MiB), upload (256 KiB POST sink), slow (never answers in time).
 */
const SCENARIOS = [
  { id: 'get-1k-c1', title: 'GET 1 KiB, c=1', kind: 'throughput', op: 'get', route: 'small', c: 1, clients: H1 },
  { id: 'get-1k-c16', title: 'GET 1 KiB, c=16', kind: 'throughput', op: 'get', route: 'small', c: 16, clients: H1 },
  {
    id: 'get-1k-c64',
    title: 'GET 1 KiB, c=64',
    kind: 'throughput',
    op: 'get',
    route: 'small',
    c: 64,
    clients: [...H1.slice(0, -1), 'curl-raw-2', 'wrk'],
  },
  { id: 'get-1k-c256', title: 'GET 1 KiB, c=256', kind: 'throughput', op: 'get', route: 'small', c: 256, clients: H1 },
  { id: 'get-1m-c8', title: 'GET 1 MiB, c=8', kind: 'throughput', op: 'get', route: 'large', c: 8, clients: H1 },
  {
    id: 'post-256k-c8',
    title: 'POST 256 KiB, c=8',
    kind: 'throughput',
    op: 'post',
    route: 'upload',
    c: 8,
    size: 256 * 1024,
    clients: H1,
  },
  {
    id: 'h2-1k-c64',
    title: 'HTTP/2 GET 1 KiB, c=64, one TLS connection',
    short: 'HTTP/2 GET 1 KiB, c=64 (TLS)',
    kind: 'throughput',
    op: 'get',
    route: 'small',
    tls: true,
    h2: true,
    c: 64,
    conns: 1,
    clients: H2,
  },
  {
    id: 'cycles',
    title: 'Session cycles: create, GET 1 KiB, close',
    short: 'Session cycles',
    kind: 'cycles',
    route: 'small',
    clients: LIFECYCLE,
  },
  {
    id: 'close-1000',
    title: 'Close under load: {closeRequests} fetches in flight, then close',
    short: 'Close, {closeRequests} in flight',
    kind: 'close',
    route: 'slow',
    conns: 64,
    clients: CLOSE,
  },
  {
    id: 'idle-1024',
    title: '{idleSessions} idle sessions',
    short: '{idleSessions} idle sessions',
    kind: 'idle',
    route: 'small',
    clients: LIFECYCLE,
  },
];

const UNITS = { throughput: 'req/s', cycles: 'cycles/s', close: 'ms', idle: 'MiB' };

/** Sample sizes. Smoke runs everything once, small and fast, to show that it still works. */
const MODES = {
  full: {
    rounds: 7,
    warmup: true,
    sampleMs: 1000,
    closeRequests: 1000,
    closeWaitMs: 300,
    idleSessions: 1024,
    idleRounds: 3,
    instructionCounts: [2000, 6000],
  },
  smoke: {
    rounds: 1,
    warmup: false,
    sampleMs: 150,
    closeRequests: 100,
    closeWaitMs: 100,
    idleSessions: 16,
    idleRounds: 1,
    instructionCounts: [20, 40],
  },
};

/** A scenario's title (or short title, for the chart) with the mode's counts filled in. */
function titleOf(scenario, settings, short = false) {
  const text = (short && scenario.short) || scenario.title;
  return text.replace(/\{(\w+)\}/g, (whole, key) =>
    typeof settings[key] === 'number' ? settings[key].toLocaleString('en-US') : whole
  );
}

module.exports = { CLIENTS, SCENARIOS, UNITS, MODES, titleOf };
