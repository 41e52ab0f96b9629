#!/usr/bin/env node
'use strict';
// The benchmark: rcplib (ArkTS API and C API) against undici, fetch, node:http, axios and node:http2,
// with a plain libcurl loop and wrk as ceilings, all on loopback against nginx. bench/README.md
// describes the method.
//
//   npm run bench                 full run; writes bench/results/latest.{json,md,svg}
//   npm run bench:smoke           every scenario and client once, tiny counts; writes build/bench/smoke/
//
// Options: --smoke, --out=DIR, --only=SCENARIO[,..], --clients=NAME[,..], --rounds=N, --sample-ms=N,
//          --node-server (skip nginx), --no-instructions (skip the callgrind step),
//          --render=RESULTS.json (only rewrite latest.md and latest.svg from a results file)
// Exit status: 0 when every scenario ran for every available client; 1 otherwise. Never on a number.
//
// This file is the order of a run; each step lives in lib/ (bench/README.md, "Files").

const fs = require('node:fs');
const path = require('node:path');

const { SCENARIOS } = require('./lib/plan');
const { parseOptions } = require('./lib/options');
const { BenchEnvironment, benchDir } = require('./lib/environment');
const { ClientDrivers } = require('./lib/client-drivers');
const { Sampler } = require('./lib/sampling');
const { runScenario } = require('./lib/rounds');
const { protocolCheck } = require('./lib/protocol-check');
const { instructionCounts } = require('./lib/instructions');
const { assembleResults, writeHistory } = require('./lib/results');
const { buildRoot } = require('./lib/native');
const { machineInfo } = require('./lib/machine');
const { writeReports } = require('./lib/report');
const { log } = require('./lib/log');

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.render) {
    // Only the reports: latest.md and latest.svg again from a results file, nothing is measured.
    const results = JSON.parse(fs.readFileSync(options.render, 'utf8'));
    delete results.targets; // judged again by writeReports
    const outDir = options.out || path.dirname(options.render);
    fs.mkdirSync(outDir, { recursive: true });
    const written = await writeReports(results, outDir);
    log(`wrote ${written.join(', ')}`);
    return;
  }
  const env = new BenchEnvironment(options);
  const drivers = new ClientDrivers(env);
  const sampler = new Sampler(env, drivers);
  // Client processes first, then the servers they talk to.
  const teardown = async () => {
    await drivers.stopAll();
    await env.teardown();
  };
  // Smoke results are only proof that everything ran: they go to the (ignored) build folder.
  const outDir = options.out || (options.smoke ? path.join(buildRoot, 'smoke') : path.join(benchDir, 'results'));
  let exitCode = 0;
  const stop = () => {
    teardown().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const machineBefore = machineInfo();
  const runs = [];
  let instructions;
  let checks;
  try {
    await env.setup();
    const selected = SCENARIOS.filter((s) => !options.only || options.only.includes(s.id));
    checks = await protocolCheck(env, drivers, selected);
    for (const scenario of selected) runs.push(await runScenario(env, sampler, scenario));
    instructions = await instructionCounts(env);
  } finally {
    await teardown().catch((error) => log(`teardown: ${error.message}`));
  }
  const results = assembleResults({ env, drivers, runs, instructions, checks, machineBefore });
  const { missing } = results;
  fs.mkdirSync(outDir, { recursive: true });
  const written = await writeReports(results, outDir);
  if (env.mode === 'full' && !options.only && !options.clients) {
    // Every full run is kept (compact), so that run-to-run variation stays visible next to latest.json.
    written.push(writeHistory(outDir, results.generated, written[0]));
  }
  log(`wrote ${written.join(', ')}`);
  if (missing.length > 0) {
    log(`did not run: ${missing.join('; ')}`);
    exitCode = 1;
  } else {
    log('every scenario ran for every client');
  }
  process.exitCode = exitCode;
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack || error}\n`);
  process.exitCode = 1;
});
