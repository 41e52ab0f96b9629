'use strict';
// Sessions dropped without close() give their native memory back once they are garbage-collected:
// 400 sessions, each with a 200 KiB CA in its requestConfiguration and one fetch, are dropped
// together, and after a full collection the process's resident memory is back near where it started. The
// compiled options of each session (the CA included) belong to an object the garbage collector
// frees; when they were kept in a table until close(), these 400 sessions kept about 80 MiB.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { bundleEts } = require('../../ets/build');
const { startTestServer } = require('../../testserver/server');
const { runMeasuredChild } = require('../measured-child');

const MIB = 1024 * 1024;
const SESSIONS = 400;
// As many as the measured run: the runtime's and the allocator's pools (threads, connections, TLS)
// grow to that run's high-water mark before the baseline, so what the run leaves above it is a leak.
const WARM_UP_SESSIONS = SESSIONS;
const WORKERS = 8;
const CA_BYTES = 200 * 1024;
// What a second batch leaves in the allocator's per-thread pools (4 to 9 MiB in practice, as much
// before compiled options were collected); the leak this guards against is 80 MiB.
const ALLOWED_GROWTH_BYTES = 20 * MIB;
const CHILD_DEADLINE_MS = 120_000;
// With its default settings glibc keeps freed blocks of a size it has seen freed before for reuse,
// so RSS would show the allocator's high-water mark, which depends on when the garbage collector
// happened to run, rather than what is still allocated. A fixed threshold gives every block of
// 64 KiB or more (each copy of the CA) its own mapping, returned to the system when it is freed.
const CHILD_ENV = { ...process.env, MALLOC_MMAP_THRESHOLD_: String(64 * 1024) };

function runMeasuredProcess(bundle, plan) {
  return runMeasuredChild(path.join(__dirname, '..', 'dropped-sessions-process.js'), [bundle, JSON.stringify(plan)],
    { deadlineMs: CHILD_DEADLINE_MS, env: CHILD_ENV, captureStderr: true });
}

test(`${SESSIONS} sessions with a 200 KiB CA dropped without close() give their memory back after GC`,
  { timeout: CHILD_DEADLINE_MS + 30_000 }, async (t) => {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcplib-dropped-'));
    const server = await startTestServer();
    try {
      const bundle = path.join(workDir, 'dropped-sessions.js');
      await bundleEts(path.join(__dirname, '..', 'dropped-sessions.ets'), bundle);
      const result = await runMeasuredProcess(bundle, { sessions: SESSIONS, warmUpSessions: WARM_UP_SESSIONS,
        workers: WORKERS, url: `${server.http}/json`, caFile: server.caFile, caBytes: CA_BYTES });
      const mib = (bytes) => `${(bytes / MIB).toFixed(1)} MiB`;
      const summary = `RSS ${mib(result.baselineRssBytes)} at baseline, ${mib(result.peakRssBytes)} with ` +
        `${SESSIONS} sessions dropped, ${mib(result.afterRssBytes)} after GC`;
      t.diagnostic(summary);
      assert.ok(result.caContentBytes >= CA_BYTES);
      // Every session really fetched: the memory measured is that of sessions that were used.
      assert.deepEqual(result.tally, { sessions: SESSIONS, outcomes: { 200: SESSIONS } });
      // Every dropped session was finalized, which closes its engine session.
      assert.equal(result.openSessionsAfter, 0);
      assert.ok(result.afterRssBytes - result.baselineRssBytes < ALLOWED_GROWTH_BYTES,
        `${summary}; allowed growth ${mib(ALLOWED_GROWTH_BYTES)}`);
    } finally {
      await server.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  });
