#!/usr/bin/env node
'use strict';

// Runs the test servers as a child process for test suites written in other
// languages. Prints one JSON line with the URLs on stdout, then serves until
// SIGTERM, SIGINT or end of stdin (so it dies with a parent holding the pipe).
// Pass --verbose (or set RCPLIB_TESTSERVER_VERBOSE=1) to log requests to stderr,
// and --ignore-stdin to keep serving when stdin is closed or /dev/null.

const { startTestServer } = require('./server');

async function main() {
  const verbose = process.argv.includes('--verbose') || process.env.RCPLIB_TESTSERVER_VERBOSE === '1';
  const log = verbose ? (line) => process.stderr.write(`testserver: ${line}\n`) : undefined;
  const servers = await startTestServer({ log });

  let stopping = false;
  const stop = (why) => {
    if (stopping) return;
    stopping = true;
    if (log) log(`stopping (${why})`);
    servers.close().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`testserver: close failed: ${err.stack || err}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Scripts that start it in the background with stdin at /dev/null opt out.
  if (!process.argv.includes('--ignore-stdin')) {
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('error', () => stop('stdin error'));
    process.stdin.resume();
  }

  const announcement = {
    http: servers.http,
    h2c: servers.h2c,
    https: servers.https,
    httpsSelfSigned: servers.httpsSelfSigned,
    httpsExpired: servers.httpsExpired,
    hostile: servers.hostile,
    silentTcp: servers.silentTcp,
    garbageTcp: servers.garbageTcp,
    caFile: servers.caFile,
    selfSignedCertFile: servers.selfSignedCertFile,
    pins: servers.pins,
    pid: process.pid,
  };
  process.stdout.write(`${JSON.stringify(announcement)}\n`);
}

main().catch((err) => {
  process.stderr.write(`testserver: failed to start: ${err.stack || err}\n`);
  process.exit(1);
});
