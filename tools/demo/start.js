#!/usr/bin/env node
// `npm start`: the demo app's model on the host. It fetches one URL with fetch-then-close once per
// device profile (phone, tablet, 2in1, wearable, tv), each session tuned by its profile, and prints a
// table per profile: status, bytes, time to first byte, total time, close() time and the settings.
//
//   npm start               fetch /json from the embedded test server
//   npm start -- <url>      fetch <url> instead
//
// The model runs in a child process, so this process can always stop the embedded server; the child
// must exit by itself once every session is closed. Exit status: 0 when every fetch got a response,
// 1 when one failed (or the child misbehaved), 2 for bad arguments.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fork } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..');
const tourSource = path.join(root, 'entry', 'src', 'main', 'ets', 'model', 'ProfileTour.ets');
const childFlag = '--run-profile-tour';
// Liveness bounds only: generous, because the machine may be busy.
const tourLimitMs = 5 * 60 * 1000;
const exitLimitMs = 30 * 1000;

/** Child side: runs the tour from the bundle and sends the results to the parent. */
async function runTourInChild(bundle, url) {
  const { fetchWithEveryProfile } = require(bundle);
  const stops = await fetchWithEveryProfile(url);
  // JSON keeps exactly the data fields; the parent needs nothing else.
  process.send({ stops: JSON.parse(JSON.stringify(stops)) }, () => process.disconnect());
}

/** Starts the child and resolves with its stops once it has exited; rejects if it does not. */
function runTour(bundle, url) {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [childFlag, bundle, url], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--enable-source-maps'],
    });
    let stops = null;
    let failure = null;
    let timer = setTimeout(() => {
      failure = `the demo did not finish within ${tourLimitMs} ms`;
      child.kill('SIGKILL');
    }, tourLimitMs);
    child.on('message', (message) => {
      stops = message.stops;
      clearTimeout(timer);
      // Every session is closed now, so nothing may keep the child alive.
      timer = setTimeout(() => {
        failure = `the demo process did not exit within ${exitLimitMs} ms after its last session closed`;
        child.kill('SIGKILL');
      }, exitLimitMs);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (failure) {
        reject(new Error(failure));
      } else if (stops === null) {
        reject(new Error(`the demo process ended without results (exit code ${code}, signal ${signal})`));
      } else {
        resolve({ stops, pid: child.pid });
      }
    });
  });
}

/** A two-column table of rows ({ label, value }), in groups separated by a rule. */
function renderTable(title, groups) {
  const rows = groups.flat();
  const labelWidth = Math.max(...rows.map((row) => row.label.length));
  const valueWidth = Math.max(...rows.map((row) => row.value.length));
  const rule = `  +${'-'.repeat(labelWidth + 2)}+${'-'.repeat(valueWidth + 2)}+`;
  const lines = [title, rule];
  for (const group of groups) {
    for (const row of group) {
      lines.push(`  | ${row.label.padEnd(labelWidth)} | ${row.value.padEnd(valueWidth)} |`);
    }
    lines.push(rule);
  }
  return lines.join('\n');
}

function usage() {
  process.stderr.write('usage: npm start [-- URL]\n');
  return 2;
}

async function main(args) {
  if (args.length > 1) {
    return usage();
  }
  const addon = process.env.RCP_ADDON || path.join(root, 'build', 'host', 'rcp.node');
  if (!fs.existsSync(addon)) {
    require('../native/build.js').buildAddon({ compiler: '', sanitize: '', out: '' });
  }

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcplib-demo-'));
  let server = null;
  try {
    let url = args[0];
    if (!url) {
      const { startTestServer } = require('../testserver/server.js');
      server = await startTestServer();
      url = `${server.http}/json`;
      console.log(`embedded test server at ${server.http}`);
    }
    const bundle = path.join(workDir, 'profile-tour.js');
    await require('../ets/build.js').bundleEts(tourSource, bundle);
    const { stops, pid } = await runTour(bundle, url);

    console.log(`GET ${url}, one new session per profile, closed after the fetch\n`);
    for (const stop of stops) {
      console.log(renderTable(`${stop.deviceClass} profile`, [stop.results, stop.settings]));
      console.log('');
    }
    const failed = stops.filter((stop) => stop.report.outcome !== 'ok');
    const closed = stops.filter((stop) => stop.report.sessionClosed).length;
    console.log(`${stops.length} profiles, ${stops.length - failed.length} fetched, ${failed.length} failed; ` +
      `${closed} of ${stops.length} sessions closed; the demo process (pid ${pid}) has exited`);
    return failed.length === 0 && closed === stops.length ? 0 : 1;
  } finally {
    if (server) {
      await server.close();
      console.log('embedded test server stopped');
    }
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === childFlag) {
  runTourInChild(process.argv[3], process.argv[4]).catch((error) => {
    console.error(error.stack || String(error));
    process.exit(1);
  });
} else {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
    console.error(error.stack || String(error));
    process.exit(1);
  });
}
