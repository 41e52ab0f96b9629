'use strict';
// One benchmark client in its own Node process. Reads commands on stdin ("op key=value ...", one a
// line) and answers each with one JSON line on stdout; bench/README.md ("Driver protocol") lists
// them. The timing loops here are the same for every Node-side client, rcplib's ArkTS API included.
//
//   node --expose-gc bench/drivers/node-driver.js --client=undici [--ca=FILE] [--rcplib=BUNDLE]

const fs = require('node:fs');
const readline = require('node:readline');
const { performance } = require('node:perf_hooks');
const { clients } = require('./node-clients');

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const match = /^--([^=]+)=(.*)$/.exec(arg);
    if (!match) throw new Error(`bad argument ${arg}`);
    return [match[1], match[2]];
  })
);
const clientName = args.client;
const caFile = args.ca || '';

/** The rcplib client, through the bundled ArkTS module (bench/drivers/rcplib_client.ets). */
function rcplibOpener(bundlePath) {
  const bundle = require(bundlePath);
  return ({ origin, conns }) => {
    const client = bundle.openRcplibClient({ conns, caFile: origin.startsWith('https:') ? caFile : '' });
    return {
      get: (path) => client.get(origin + path),
      post: (path, payload) => client.post(origin + path, payload.buffer),
      close: async () => client.close(),
      abortAll: () => client.close(),
    };
  };
}

const open = clientName === 'rcplib-ets' ? rcplibOpener(args.rcplib) : clients[clientName];
if (!open) throw new Error(`unknown client ${clientName}`);

const now = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function processStatus() {
  if (global.gc) global.gc();
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const threads = Number(/^Threads:\s+(\d+)/m.exec(status)[1]);
  return { rssKiB: Math.round(process.memoryUsage.rss() / 1024), threads };
}

/** CPU time of the whole process (every thread, user and system) since `before`, in ms. */
function cpuSince(before) {
  const used = process.cpuUsage(before);
  return { cpuUserMs: used.user / 1000, cpuSystemMs: used.system / 1000 };
}

function parseCommand(line) {
  const [op, ...pairs] = line.trim().split(/\s+/);
  const params = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at > 0) params[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { op, params };
}

function splitUrl(url) {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: parsed.pathname + parsed.search };
}

function describe(error) {
  return error && error.message ? String(error.message) : String(error);
}

// The client of the last throughput command, kept (with its warm connections) while the same kind
// of command repeats, and closed when another kind comes.
let cached = { key: '', handle: null };

async function dropCached() {
  if (cached.handle) await cached.handle.close();
  cached = { key: '', handle: null };
}

/** A body whose bytes live in a fresh ArrayBuffer (what rcplib takes) seen as a Buffer (what the others take). */
function payloadOf(size) {
  const bytes = Buffer.from(new ArrayBuffer(size));
  for (let i = 0; i < size; i++) bytes[i] = 97 + (i % 26);
  return bytes;
}

let payload = null;

async function throughput(op, params) {
  const { origin, path } = splitUrl(params.url);
  const concurrency = Number(params.c || 1);
  const conns = Number(params.conns || concurrency);
  const durationMs = Number(params.ms || 1000);
  const expect = params.expect === undefined ? -1 : Number(params.expect);
  const h2 = params.h2 === '1';
  const key = `${op} ${params.url} ${conns} ${h2}`;
  if (cached.key !== key) {
    await dropCached();
    cached = { key, handle: open({ origin, conns, h2, ca: caFile }) };
  }
  const handle = cached.handle;
  if (op === 'post' && (!payload || payload.length !== Number(params.size))) payload = payloadOf(Number(params.size));
  const send = op === 'post' ? () => handle.post(path, payload) : () => handle.get(path);
  let count = 0;
  let errors = 0;
  let bytes = 0;
  let firstError;
  const cpuBefore = process.cpuUsage();
  const start = now();
  const deadline = start + durationMs;
  const worker = async () => {
    while (now() < deadline && errors < 1000) {
      try {
        const length = await send();
        if (expect >= 0 && length !== expect) {
          errors++;
          firstError = firstError || `body of ${length} bytes, expected ${expect}`;
        } else {
          count++;
          bytes += length;
        }
      } catch (error) {
        errors++;
        firstError = firstError || describe(error);
      }
    }
  };
  const workers = [];
  for (let i = 0; i < concurrency; i++) workers.push(worker());
  await Promise.all(workers);
  const elapsedMs = now() - start;
  return { ok: true, count, errors, elapsedMs, bytes, ...cpuSince(cpuBefore), firstError };
}

async function cycles(params) {
  await dropCached();
  const { origin, path } = splitUrl(params.url);
  const durationMs = Number(params.ms || 1000);
  const expect = params.expect === undefined ? -1 : Number(params.expect);
  let count = 0;
  let errors = 0;
  let firstError;
  const cpuBefore = process.cpuUsage();
  const start = now();
  const deadline = start + durationMs;
  while (now() < deadline && errors < 1000) {
    const handle = open({ origin, conns: 6, h2: false, ca: caFile, forCycle: true });
    try {
      const length = await handle.get(path);
      if (expect < 0 || length === expect) count++;
      else errors++;
    } catch (error) {
      errors++;
      firstError = firstError || describe(error);
    }
    await handle.close();
  }
  const elapsedMs = now() - start;
  return { ok: true, count, errors, elapsedMs, ...cpuSince(cpuBefore), firstError };
}

async function closeUnderLoad(params) {
  await dropCached();
  const { origin, path } = splitUrl(params.url);
  const n = Number(params.n || 1000);
  const conns = Number(params.conns || 64);
  const waitMs = Number(params.waitMs || 300);
  const handle = open({ origin, conns, h2: false, ca: caFile });
  const before = processStatus();
  let settled = 0;
  let canceled = 0;
  let lastSettled = 0;
  const promises = [];
  for (let i = 0; i < n; i++) {
    promises.push(
      handle.get(path).then(
        () => {
          settled++;
          lastSettled = now();
        },
        () => {
          settled++;
          canceled++;
          lastSettled = now();
        }
      )
    );
  }
  await sleep(waitMs);
  const inFlight = processStatus();
  const settledEarly = settled;
  const t0 = now();
  handle.abortAll();
  const t1 = now();
  await Promise.all(promises);
  const t2 = now();
  return {
    ok: true,
    settleMs: Math.max(t2, lastSettled) - t0,
    closeCallMs: t1 - t0,
    settled,
    canceled,
    settledEarly,
    rssBeforeKiB: before.rssKiB,
    rssInFlightKiB: inFlight.rssKiB,
    threadsBefore: before.threads,
    threadsInFlight: inFlight.threads,
  };
}

async function idle(params) {
  await dropCached();
  const { origin, path } = splitUrl(params.url);
  const n = Number(params.n || 1024);
  const expect = params.expect === undefined ? -1 : Number(params.expect);
  // Threads are counted from before the library did anything; RSS from after one warm-up request,
  // so that loading code and first-use caches are not charged to the sessions.
  const untouched = processStatus();
  const warm = open({ origin, conns: 6, h2: false, ca: caFile });
  await warm.get(path);
  await warm.close();
  const baseline = processStatus();
  const handles = [];
  for (let i = 0; i < n; i++) handles.push(open({ origin, conns: 6, h2: false, ca: caFile }));
  const created = processStatus();
  let errors = 0;
  let firstError;
  for (const handle of handles) {
    try {
      const length = await handle.get(path);
      if (expect >= 0 && length !== expect) errors++;
    } catch (error) {
      errors++;
      firstError = firstError || describe(error);
    }
  }
  const used = processStatus();
  for (const handle of handles) await handle.close();
  handles.length = 0;
  const closed = processStatus();
  return { ok: true, errors, sessions: n, untouched, baseline, created, used, closed, firstError };
}

async function handle(line) {
  const { op, params } = parseCommand(line);
  switch (op) {
    case 'get':
    case 'post':
      return throughput(op, params);
    case 'cycles':
      return cycles(params);
    case 'close':
      return closeUnderLoad(params);
    case 'idle':
      return idle(params);
    default:
      return { ok: false, error: `unknown op ${op}` };
  }
}

async function main() {
  process.stdout.write(`${JSON.stringify({ ok: true, ready: clientName })}\n`);
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim() === 'quit') break;
    if (line.trim() === '') continue;
    let reply;
    try {
      reply = await handle(line);
    } catch (error) {
      reply = { ok: false, error: describe(error) };
    }
    process.stdout.write(`${JSON.stringify(reply)}\n`);
  }
  await dropCached();
  // Clients with sockets still open (fetch's global pool) would keep the process alive.
  process.exit(0);
}

main();
