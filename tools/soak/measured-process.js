'use strict';
// The process whose resources the soak measures. It loads the bundled ArkTS workload
// (soak-cycles.ets), warms up, takes a baseline of open descriptors, threads and memory, runs the
// cycles, lets the process settle, measures again, and prints one JSON line for arkts-soak.js.
//
//   node --expose-gc measured-process.js BUNDLE PLAN_JSON
//
// Nothing else runs here (the test server lives in the parent), so every descriptor and thread
// counted belongs to the runtime, the native module and the workload.

const fs = require('node:fs');

// A warm-up loads TLS, the engine's loop, compiled code and allocator pools, which stay for the
// life of the process and are not leaks.
const WARM_UP_CYCLES = 400;
// How long resources may take to drain after the last close(): threads exit, sockets close.
const SETTLE_DEADLINE_MS = 10_000;
const SETTLE_POLL_MS = 100;

function countEntries(directory) {
  return fs.readdirSync(directory).length;
}

function collectGarbage() {
  // Several passes: finalizers queued by one pass free more in the next.
  for (let i = 0; i < 4; i++) global.gc();
}

function usage() {
  collectGarbage();
  const memory = process.memoryUsage();
  return {
    fds: countEntries('/proc/self/fd'),
    threads: countEntries('/proc/self/task'),
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
  };
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until descriptors and threads are back within `limits` of `baseline`, or the deadline passes. */
async function settledUsage(baseline, limits) {
  const deadline = Date.now() + SETTLE_DEADLINE_MS;
  for (;;) {
    const now = usage();
    const settled = now.fds <= baseline.fds + limits.extraFds && now.threads <= baseline.threads + limits.extraThreads;
    if (settled || Date.now() >= deadline) return now;
    await sleep(SETTLE_POLL_MS);
  }
}

async function main() {
  const [bundle, planJson] = process.argv.slice(2);
  const { plan, limits } = JSON.parse(planJson);
  if (typeof global.gc !== 'function') throw new Error('run with --expose-gc');
  const { runSoakCycles } = require(bundle);

  const warmUp = await runSoakCycles({ ...plan, cycles: WARM_UP_CYCLES });
  await sleep(200);
  const baseline = usage();
  const started = Date.now();
  const tally = await runSoakCycles(plan);
  const elapsedMs = Date.now() - started;
  const peak = usage();
  const after = await settledUsage(baseline, limits);
  process.stdout.write(`${JSON.stringify({ warmUp, tally, baseline, peak, after, elapsedMs })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
