'use strict';
// A run's results as one object: each scenario's samples summarized per client, what did not run, the
// machine and versions; and the compact copy of a full run kept in history/.

const fs = require('node:fs');
const path = require('node:path');
const { CLIENTS, UNITS, titleOf } = require('./plan');
const { machineInfo, versions } = require('./machine');
const { summarize, pairedRatios } = require('./stats');

function summarizeScenario(run, settings) {
  const values = (name) => (run.samples[name] || []).map((s) => s.value);
  const clients = {};
  for (const name of run.clients) {
    const samples = run.samples[name];
    const extras = {};
    for (const sample of samples) {
      for (const [key, value] of Object.entries(sample.extra || {})) {
        if (typeof value === 'number') (extras[key] = extras[key] || []).push(value);
      }
    }
    clients[name] = {
      samples: values(name),
      summary: summarize(values(name)),
      errors: samples.reduce((sum, s) => sum + (s.errors || 0), 0),
      failures: samples.filter((s) => s.error).map((s) => s.error).slice(0, 3),
      extra: Object.fromEntries(Object.entries(extras).map(([key, list]) => [key, summarize(list)])),
      vsUndici: name === 'undici' ? null : pairedRatios(values(name), run.samples.undici && values('undici')),
      vsLibcurl: name === 'curl-raw' ? null : pairedRatios(values(name), run.samples['curl-raw'] && values('curl-raw')),
    };
  }
  const { scenario } = run;
  return {
    id: scenario.id,
    title: titleOf(scenario, settings),
    shortTitle: titleOf(scenario, settings, true),
    kind: scenario.kind,
    unit: UNITS[scenario.kind],
    lowerIsBetter: scenario.kind === 'close' || scenario.kind === 'idle',
    concurrency: scenario.c || null,
    connections: scenario.conns || scenario.c || null,
    clients,
  };
}

/**
 * The results object writeReports takes. `env` is the run's BenchEnvironment, `drivers` its
 * ClientDrivers, `runs` what runScenario returned, `machineBefore` machineInfo() from the start.
 */
function assembleResults({ env, drivers, runs, instructions, checks, machineBefore }) {
  const scenarios = runs.map((run) => summarizeScenario(run, env.settings));
  const missing = [];
  for (const scenario of scenarios) {
    for (const [name, result] of Object.entries(scenario.clients)) {
      if (!result.summary) missing.push(`${scenario.id}/${name}: ${result.failures[0] || 'no sample'}`);
    }
  }
  return {
    generated: new Date().toISOString(),
    mode: env.mode,
    settings: env.settings,
    machine: { ...machineBefore, loadAverageAfter: machineInfo().loadAverage },
    versions: versions({
      libcurl: drivers.libcurlVersion || null,
      nginx: env.serverSummary && env.serverSummary.kind === 'nginx' ? env.serverSummary.version : null,
    }),
    server: env.serverSummary,
    clients: Object.fromEntries(Object.entries(CLIENTS).map(([name, c]) => [name, { label: c.label, family: c.family }])),
    scenarios,
    instructions,
    protocolChecks: checks,
    notes: env.notes,
    missing,
  };
}

/** Keeps a compact copy of a full run's latest.json in `outDir`/history/, named by its date; returns its path. */
function writeHistory(outDir, generated, latestJsonFile) {
  const historyDir = path.join(outDir, 'history');
  fs.mkdirSync(historyDir, { recursive: true });
  const stamp = generated.replace(/[:.]/g, '-');
  const historyFile = path.join(historyDir, `${stamp}.json`);
  fs.writeFileSync(historyFile, `${JSON.stringify(JSON.parse(fs.readFileSync(latestJsonFile, 'utf8')))}\n`);
  return historyFile;
}

module.exports = { summarizeScenario, assembleResults, writeHistory };
