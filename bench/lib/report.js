'use strict';
// Writes a run's results: latest.json (everything), latest.md (tables and the targets) and latest.svg
// (the chart).

const fs = require('node:fs');
const path = require('node:path');
const { CLIENTS } = require('./plan');
const { renderChart } = require('./chart');

const clientOrder = Object.keys(CLIENTS);

function number(value, digits) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (digits === undefined) digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function spread(summary, digits) {
  if (!summary) return '–';
  return `${number(summary.median, digits)} (${number(summary.min, digits)}–${number(summary.max, digits)})`;
}

function ratio(summary) {
  if (!summary) return '–';
  return `${number(summary.median, 2)}× (${number(summary.min, 2)}–${number(summary.max, 2)})`;
}

function label(name) {
  return CLIENTS[name] ? CLIENTS[name].label : name;
}

function sortedClients(scenario) {
  return Object.keys(scenario.clients).sort((a, b) => clientOrder.indexOf(a) - clientOrder.indexOf(b));
}

/** The issue's targets, judged on this run; `met` is null when the run lacks the numbers. */
function evaluateTargets(results) {
  const scenario = (id) => results.scenarios.find((s) => s.id === id);
  const client = (id, name) => (scenario(id) && scenario(id).clients[name]) || null;
  const targets = [];
  const add = (target, measured, met) => targets.push({ target, measured, met });

  for (const name of ['rcplib-ets']) {
    const r = client('get-1k-c64', name);
    const v = r && r.vsUndici;
    add(`${label(name)} at c=64 ≥ 1.5× undici Pool.request`, v ? ratio(v) : '–', v ? v.median >= 1.5 : null);
  }
  {
    // Not a target: the bound on the one above. libcurl alone on both cores, no JavaScript thread.
    const r = client('get-1k-c64', 'curl-raw-2');
    const v = r && r.vsUndici;
    if (v) add(`(bound, not a target) ${label('curl-raw-2')} at c=64, × undici`, ratio(v), null);
  }
  {
    const r = client('get-1k-c64', 'rcplib-c');
    const v = r && r.vsLibcurl;
    add('rcplib C API at c=64 ≥ 0.9× the raw libcurl loop (wall time)', v ? ratio(v) : '–', v ? v.median >= 0.9 : null);
    const ins = results.instructions;
    if (ins) {
      add(
        'rcplib C API at c=64 ≥ 0.9× the raw libcurl loop (instructions per request, callgrind)',
        `${number(ins.ratioLibcurlOverCapi, 2)}× (${number(ins.libcurlLoopPerRequest, 0)} vs ${number(
          ins.rcplibCapiPerRequest,
          0
        )} instructions)`,
        ins.ratioLibcurlOverCapi >= 0.9
      );
    }
  }
  for (const name of ['rcplib-ets', 'rcplib-c']) {
    const r = client('close-1000', name);
    const s = r && r.summary;
    add(
      `${label(name)}: all ${results.settings.closeRequests.toLocaleString('en-US')} fetches settled within 20 ms of close()`,
      s ? `${spread(s, 1)} ms, worst ${number(s.max, 1)} ms` : '–',
      s ? s.max <= 20 && r.errors === 0 : null
    );
  }
  for (const name of ['rcplib-ets', 'rcplib-c']) {
    const r = client('cycles', name);
    const v = r && r.vsUndici;
    add(`${label(name)}: session cycles ≥ undici create/request/close`, v ? ratio(v) : '–', v ? v.median >= 1 : null);
  }
  for (const name of ['rcplib-ets', 'rcplib-c']) {
    const r = client('idle-1024', name);
    const rss = r && r.extra.usedRssMiB;
    const threads = r && r.extra.usedThreads;
    add(
      `${label(name)}: ${results.settings.idleSessions.toLocaleString('en-US')} idle sessions < 32 MiB RSS above baseline`,
      rss ? `${spread(rss, 1)} MiB (after one request each)` : '–',
      rss ? rss.max < 32 : null
    );
    add(
      `${label(name)}: ${results.settings.idleSessions.toLocaleString('en-US')} idle sessions, ≤ 4 threads of the library`,
      threads ? `${number(threads.max, 0)} thread(s) above baseline` : '–',
      threads ? threads.max <= 4 : null
    );
  }
  return targets;
}

function throughputTable(scenario) {
  const lines = [
    `| client | ${scenario.unit}, median (min–max) | × undici | × libcurl loop | client CPU µs per ${
      scenario.kind === 'cycles' ? 'cycle' : 'request'
    } (cores busy) | errors |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const name of sortedClients(scenario)) {
    const r = scenario.clients[name];
    const cpu = r.extra.cpuMicrosPerRequest
      ? `${number(r.extra.cpuMicrosPerRequest.median, 1)} (${number(r.extra.cpuCores.median, 2)})`
      : '–';
    lines.push(
      `| ${label(name)} | ${spread(r.summary, 0)} | ${ratio(r.vsUndici)} | ${ratio(r.vsLibcurl)} | ${cpu} | ${
        r.errors
      } |`
    );
  }
  return lines.join('\n');
}

function closeTable(scenario) {
  const lines = [
    '| client | all settled after close, ms | close() call, ms | settled | RSS for the requests in flight, MiB | threads added |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const name of sortedClients(scenario)) {
    const r = scenario.clients[name];
    const e = r.extra;
    lines.push(
      `| ${label(name)} | ${spread(r.summary, 1)} | ${spread(e.closeCallMs, 1)} | ${
        e.settled ? number(e.settled.min, 0) : '–'
      } | ${spread(e.inFlightRssMiB, 1)} | ${e.inFlightThreads ? number(e.inFlightThreads.max, 0) : '–'} |`
    );
  }
  return lines.join('\n');
}

function idleTable(scenario) {
  const lines = [
    '| client | RSS after creating, MiB | RSS after one request each, MiB | RSS after closing, MiB | threads added |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const name of sortedClients(scenario)) {
    const e = scenario.clients[name].extra;
    lines.push(
      `| ${label(name)} | ${spread(e.createdRssMiB, 1)} | ${spread(e.usedRssMiB, 1)} | ${spread(e.closedRssMiB, 1)} | ${
        e.usedThreads ? number(e.usedThreads.max, 0) : '–'
      } |`
    );
  }
  return lines.join('\n');
}

/** One row per client, one column per rate scenario: the median and its ratio to undici. */
function summaryTable(results) {
  const rated = results.scenarios.filter((s) => s.kind === 'throughput' || s.kind === 'cycles');
  const names = clientOrder.filter((name) => rated.some((s) => s.clients[name]));
  const header = `| client | ${rated.map((s) => s.title).join(' | ')} |`;
  const rule = `| --- | ${rated.map(() => '---:').join(' | ')} |`;
  const rows = names.map((name) => {
    const cells = rated.map((s) => {
      const r = s.clients[name];
      if (!r) return 'n/a';
      if (!r.summary) return 'failed';
      const vs = r.vsUndici ? ` (${number(r.vsUndici.median, 2)}×)` : '';
      return `${number(r.summary.median, 0)}${vs}`;
    });
    return `| ${label(name)} | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}

function markdown(results, targets, chartFile) {
  const m = results.machine;
  const v = results.versions;
  const s = results.settings;
  const out = [];
  out.push('# rcplib benchmark results', '');
  out.push(
    `Run ${results.generated} (${results.mode} mode: ${s.rounds} alternating rounds of ${s.sampleMs} ms samples` +
      `${s.warmup ? ' after one warm-up sample per client' : ''}). Method: [bench/README.md](../README.md).`,
    ''
  );
  out.push(
    `- Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os || ''} (${m.kernel}); ` +
      `load average ${m.loadAverage.join(' / ')} before, ${m.loadAverageAfter.join(' / ')} after.`
  );
  out.push(
    `- Server: ${results.server ? results.server.label : '–'} on loopback` +
      `${results.server ? `; routes: ${Object.entries(results.server.routes).map(([k, r]) => `${k} = ${r}`).join(', ')}` : ''}.`
  );
  out.push(
    `- Versions: Node ${v.node} (bundled undici ${v.nodeBundledUndici}), ${v.libcurl || 'libcurl ?'}, ` +
      `nginx ${v.nginx || 'not used'}, ${v.wrk || 'wrk not used'}, undici ${v.packages.undici}, axios ${v.packages.axios}, ` +
      `rcplib ${v.rcplib || '?'} (${v.rcplibBuild}).`
  );
  out.push(`- Every client runs in its own process; connections = concurrency for every client (h2: one connection).`);
  for (const note of results.notes) out.push(`- Note: ${note}`);
  out.push('', `![rcplib benchmark chart](${chartFile})`, '');
  out.push('## Targets', '', '| target | measured (median, min–max) | met |', '| --- | --- | --- |');
  for (const t of targets) out.push(`| ${t.target} | ${t.measured} | ${t.met === null ? '–' : t.met ? 'yes' : 'no'} |`);
  out.push('', '## Rates at a glance (median; ratio to undici, pair by pair)', '', summaryTable(results), '');
  for (const scenario of results.scenarios) {
    out.push(`## ${scenario.title}`, '');
    if (scenario.kind === 'close') out.push(closeTable(scenario));
    else if (scenario.kind === 'idle') out.push(idleTable(scenario));
    else out.push(throughputTable(scenario));
    const failures = Object.entries(scenario.clients).filter(([, r]) => r.failures.length > 0);
    for (const [name, r] of failures) out.push('', `- ${label(name)}: ${r.failures.join('; ')}`);
    out.push('');
  }
  if (results.instructions) {
    const i = results.instructions;
    out.push('## Instructions per request (callgrind, c=64, GET 1 KiB)', '');
    out.push(
      `Counted with \`valgrind --tool=callgrind\` over every thread of the process, as the difference between runs of ` +
        `${i.requests[0]} and ${i.requests[1]} requests (start-up cancels out).`,
      ''
    );
    out.push('| client | instructions per request |', '| --- | ---: |');
    out.push(`| ${label('rcplib-c')} | ${number(i.rcplibCapiPerRequest, 0)} |`);
    out.push(`| ${label('curl-raw')} | ${number(i.libcurlLoopPerRequest, 0)} |`);
    out.push('', `libcurl loop / rcplib C API: ${number(i.ratioLibcurlOverCapi, 2)}×`, '');
  }
  if (results.protocolChecks && results.protocolChecks.length > 0) {
    out.push('## Protocol check', '');
    out.push(
      'Before measuring, each client sent a few requests marked `?probe=`, which nginx logged (nothing else is logged). ' +
        'This is what nginx saw:',
      ''
    );
    out.push('| client | scenario | requests | protocol | smallest request, bytes | as expected |', '| --- | --- | ---: | --- | ---: | --- |');
    for (const c of results.protocolChecks) {
      out.push(
        `| ${label(c.client)} | ${c.scenario} | ${c.requests} | ${c.protocols.join(', ') || '–'} | ${
          c.minRequestBytes === null ? '–' : number(c.minRequestBytes, 0)
        } | ${c.ok ? 'yes' : 'NO'} |`
      );
    }
    out.push('');
  }
  if (results.missing.length > 0) {
    out.push('## Did not run', '', ...results.missing.map((line) => `- ${line}`), '');
  }
  return `${out.join('\n')}\n`;
}

function chartRows(results) {
  const rows = [];
  for (const scenario of results.scenarios) {
    const unit =
      scenario.kind === 'close' ? 'ms, lower better' : scenario.kind === 'idle' ? 'MiB RSS, lower better' : scenario.unit;
    for (const [name, r] of Object.entries(scenario.clients)) {
      if (!r.summary) continue;
      rows.push({
        scenario: `${scenario.shortTitle} (${unit})`,
        client: CLIENTS[name].short,
        family: CLIENTS[name].family,
        median: r.summary.median,
        min: r.summary.min,
        max: r.summary.max,
      });
    }
  }
  // CPU per request is much less disturbed by a busy machine than the rates are: one facet shows it.
  const cpuScenario = results.scenarios.find((s) => s.id === 'get-1k-c64');
  if (cpuScenario) {
    for (const [name, r] of Object.entries(cpuScenario.clients)) {
      const cpu = r.extra.cpuMicrosPerRequest;
      if (!cpu) continue;
      rows.push({
        scenario: 'Client CPU per GET 1 KiB, c=64 (µs, lower better)',
        client: CLIENTS[name].short,
        family: CLIENTS[name].family,
        median: cpu.median,
        min: cpu.min,
        max: cpu.max,
      });
    }
  }
  return rows;
}

/** Writes latest.json, latest.md and latest.svg into `outDir`; returns their paths. */
async function writeReports(results, outDir) {
  const targets = evaluateTargets(results);
  const withTargets = { ...results, targets };
  const jsonFile = path.join(outDir, 'latest.json');
  const mdFile = path.join(outDir, 'latest.md');
  const svgFile = path.join(outDir, 'latest.svg');
  fs.writeFileSync(jsonFile, `${JSON.stringify(withTargets, null, 2)}\n`);
  const rows = chartRows(results);
  const scenarioOrder = [...new Set(rows.map((r) => r.scenario))];
  const m = results.machine;
  const svg = await renderChart({
    title: 'rcplib against Node clients and libcurl, loopback',
    subtitle: [
      `${results.generated.slice(0, 10)} · ${m.cpuModel}, ${m.cores} cores · server: ${
        results.server ? results.server.label : '?'
      } · bars: median of ${results.settings.rounds}, lines: min–max`,
    ],
    rows,
    scenarioOrder,
    clientOrder: clientOrder.map((name) => CLIENTS[name].short),
  });
  fs.writeFileSync(svgFile, svg);
  fs.writeFileSync(mdFile, markdown(withTargets, targets, path.basename(svgFile)));
  return [jsonFile, mdFile, svgFile];
}

module.exports = { writeReports, evaluateTargets };
