'use strict';
// The process whose memory the dropped-sessions test measures. It loads the bundled workload
// (dropped-sessions.ets), drops sessions to warm up, takes a baseline, drops the planned sessions,
// collects garbage until their finalizers have run, and prints one JSON line:
// { warmUp, tally, caContentBytes, baselineRssBytes, peakRssBytes, afterRssBytes, openSessionsAfter }.
//
//   node --expose-gc dropped-sessions-process.js BUNDLE PLAN_JSON
//
// PLAN_JSON: { sessions, warmUpSessions, workers, url, caFile, caBytes }. The CA text is built
// here (it is too large for a command line): the PEM in caFile, repeated to at least caBytes.

const fs = require('node:fs');
const path = require('node:path');
const { loadRcpAddon } = require('../ets/native-addon');

// Node runs Node-API finalizers after a collection, on a later turn of the event loop, and a
// finalized session stops its engine loop: collect and yield, at least MIN_COLLECT_ROUNDS times
// and until every session is gone (or the deadline passes, and the test reports what is left).
const MIN_COLLECT_ROUNDS = 10;
const COLLECT_PAUSE_MS = 50;
const COLLECT_DEADLINE_MS = 10_000;

/** The PEM in `caFile` repeated until the text is at least `bytes` long (each copy a valid certificate). */
function largeCaContent(caFile, bytes) {
  const pem = fs.readFileSync(caFile, 'utf8').trim();
  const copies = Math.ceil(bytes / (pem.length + 1));
  return Array.from({ length: copies }, () => pem).join('\n');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function collectGarbage(openSessionCount) {
  const deadline = Date.now() + COLLECT_DEADLINE_MS;
  for (let round = 0; round < MIN_COLLECT_ROUNDS || (openSessionCount() > 0 && Date.now() < deadline); round++) {
    global.gc();
    await sleep(COLLECT_PAUSE_MS);
  }
}

async function main() {
  const [bundle, planJson] = process.argv.slice(2);
  const { sessions, warmUpSessions, workers, url, caFile, caBytes } = JSON.parse(planJson);
  if (typeof global.gc !== 'function') throw new Error('run with --expose-gc');
  const { dropSessions } = require(bundle);
  // The same module instance the bundle uses (RCP_ADDON or the default build).
  const addon = loadRcpAddon(path.resolve(__dirname, '..', '..'));
  const openSessionCount = () => addon.openSessionCount();
  const plan = { sessions, workers, url, caContent: largeCaContent(caFile, caBytes) };

  // Loads the engine, compiled code and the pools, which stay for the life of the process.
  const warmUp = await dropSessions({ ...plan, sessions: warmUpSessions });
  await collectGarbage(openSessionCount);
  const baselineRssBytes = process.memoryUsage().rss;
  const tally = await dropSessions(plan);
  const peakRssBytes = process.memoryUsage().rss;
  await collectGarbage(openSessionCount);
  const afterRssBytes = process.memoryUsage().rss;
  const openSessionsAfter = openSessionCount();
  const caContentBytes = plan.caContent.length;
  process.stdout.write(`${JSON.stringify({ warmUp, tally, caContentBytes, baselineRssBytes, peakRssBytes,
    afterRssBytes, openSessionsAfter })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
