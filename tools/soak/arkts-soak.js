#!/usr/bin/env node
'use strict';
// Soak of the ArkTS API: 10,000 create / fetch / close cycles (successes, HTTP errors, transport
// errors, timeouts, cancels, close with fetches in flight, use after close) through rcp on Node,
// then a check that the process is back at its baseline:
//
//   open descriptors (/proc/self/fd)   at most baseline + 2
//   threads (/proc/self/task)          at most baseline + 1
//   resident memory (RSS)              at most baseline + 24 MiB
//   V8 heap in use (after full GC)     at most baseline + 4 MiB
//
// and that every cycle ended with its expected outcome. Exits 0 when all hold, 1 otherwise.
//
//   node tools/soak/arkts-soak.js [--cycles N] [--workers N]
//
// The test server runs in this process; the workload runs in a child (measured-process.js) so
// the server's sockets are not counted.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { bundleEts } = require('../ets/build');
const { startTestServer } = require('../testserver/server');
const { runMeasuredChild } = require('./measured-child');

const DEFAULT_CYCLES = 10_000;
// Enough concurrency to overlap the timeouts and cancels, few enough for a busy 2-core machine.
const DEFAULT_WORKERS = 16;
const MIB = 1024 * 1024;
/** How far above the baseline each resource may end. */
const LIMITS = Object.freeze({
  // A keep-alive socket or two still closing in the kernel when the process is sampled.
  extraFds: 2,
  // A resolver or finalizer thread that has not exited yet.
  extraThreads: 1,
  // Allocator pools and fragmentation (about 7 MiB in practice); a leak of 2.5 KiB per cycle over
  // 10,000 cycles exceeds it.
  extraRssBytes: 24 * MIB,
  // JavaScript objects kept alive by the API (records, sessions, responses); a leak of 400 bytes
  // per cycle exceeds it (one leaked Response is about 900).
  extraHeapBytes: 4 * MIB,
});
// A stuck workload must not hang CI.
const CHILD_DEADLINE_MS = 240_000;

function parseArgs(argv) {
  const options = { cycles: DEFAULT_CYCLES, workers: DEFAULT_WORKERS };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = Number(argv[i + 1]);
    if ((flag === '--cycles' || flag === '--workers') && Number.isInteger(value) && value > 0) {
      options[flag.slice(2)] = value;
      i++;
    } else {
      throw new Error(`usage: arkts-soak.js [--cycles N] [--workers N] (bad argument '${flag}')`);
    }
  }
  return options;
}

function runMeasuredProcess(bundle, input) {
  return runMeasuredChild(path.join(__dirname, 'measured-process.js'), [bundle, JSON.stringify(input)],
    { deadlineMs: CHILD_DEADLINE_MS });
}

/** Every way the result breaks the soak's promises, as readable lines; empty when it passes. */
function violations(result, expectedCycles) {
  const found = [];
  const { tally, baseline, after } = result;
  if (tally.cycles !== expectedCycles) found.push(`ran ${tally.cycles} cycles, not ${expectedCycles}`);
  if (tally.unexpectedCount > 0) {
    found.push(`${tally.unexpectedCount} cycles ended unexpectedly:\n  ${tally.unexpected.join('\n  ')}`);
  }
  if (result.warmUp.unexpectedCount > 0) {
    const { unexpectedCount, unexpected } = result.warmUp;
    found.push(`${unexpectedCount} warm-up cycles ended unexpectedly:\n  ${unexpected.join('\n  ')}`);
  }
  const checks = [
    ['open descriptors', after.fds, baseline.fds, LIMITS.extraFds, ''],
    ['threads', after.threads, baseline.threads, LIMITS.extraThreads, ''],
    ['RSS', after.rssBytes / MIB, baseline.rssBytes / MIB, LIMITS.extraRssBytes / MIB, ' MiB'],
    ['V8 heap in use', after.heapUsedBytes / MIB, baseline.heapUsedBytes / MIB, LIMITS.extraHeapBytes / MIB, ' MiB'],
  ];
  for (const [name, now, base, extra, unit] of checks) {
    if (now > base + extra) {
      found.push(`${name}: ${now.toFixed(1)}${unit} after the soak, baseline ${base.toFixed(1)}${unit}, ` +
        `allowed +${extra}${unit}`);
    }
  }
  return found;
}

function describe(result) {
  const { tally, baseline, after, elapsedMs } = result;
  const mib = (bytes) => `${(bytes / MIB).toFixed(1)} MiB`;
  return [
    `arkts-soak: ${tally.cycles} cycles, ${tally.fetches} fetches in ${(elapsedMs / 1000).toFixed(1)} s`,
    `  kinds: ${Object.entries(tally.byKind).map(([kind, count]) => `${kind} ${count}`).join(', ')}`,
    `  descriptors ${baseline.fds} -> ${after.fds} (allowed +${LIMITS.extraFds}), ` +
      `threads ${baseline.threads} -> ${after.threads} (allowed +${LIMITS.extraThreads})`,
    `  RSS ${mib(baseline.rssBytes)} -> ${mib(after.rssBytes)} (allowed +${mib(LIMITS.extraRssBytes)}), ` +
      `heap ${mib(baseline.heapUsedBytes)} -> ${mib(after.heapUsedBytes)} (allowed +${mib(LIMITS.extraHeapBytes)})`,
  ].join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcplib-soak-'));
  const server = await startTestServer();
  try {
    const bundle = path.join(workDir, 'soak-cycles.js');
    await bundleEts(path.join(__dirname, 'soak-cycles.ets'), bundle);
    const plan = { cycles: options.cycles, workers: options.workers, http: server.http, https: server.https,
      caFile: server.caFile };
    const result = await runMeasuredProcess(bundle, { plan, limits: LIMITS });
    process.stdout.write(`${describe(result)}\n`);
    const found = violations(result, options.cycles);
    const verdict = { ok: found.length === 0, violations: found, ...result };
    process.stdout.write(`arkts-soak-result ${JSON.stringify(verdict)}\n`);
    if (found.length > 0) {
      process.stdout.write(`arkts-soak: FAILED\n  ${found.join('\n  ')}\n`);
      return 1;
    }
    process.stdout.write('arkts-soak: passed\n');
    return 0;
  } finally {
    await server.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then((code) => {
  process.exitCode = code;
}, (error) => {
  process.stderr.write(`arkts-soak: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
