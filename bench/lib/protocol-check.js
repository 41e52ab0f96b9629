'use strict';
// The protocol check: a few requests per client marked ?probe=CLIENT.SCENARIO, which nginx logs with
// the protocol and the request length, prove what each client put on the wire.

const fs = require('node:fs');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { CLIENTS } = require('./plan');
const { wrkPostScript } = require('./sampling');
const { log } = require('./log');

const execFileAsync = promisify(execFile);

/**
 * Proves what each client put on the wire: a short sample per client with ?probe=CLIENT.SCENARIO,
 * which nginx (and only for these requests) logs with the protocol and the request length.
 * `env` is the run's BenchEnvironment, `drivers` its ClientDrivers; returns one check per client and scenario.
 */
async function protocolCheck(env, drivers, scenarios) {
  if (!env.server.probeLog) {
    env.notes.push('The protocol check needs nginx and was skipped.');
    return [];
  }
  const wanted = scenarios.filter((s) => ['get-1k-c16', 'post-256k-c8', 'h2-1k-c64'].includes(s.id));
  log(`protocol check: ${wanted.map((s) => s.id).join(', ')}`);
  for (const scenario of wanted) {
    for (const name of env.participants(scenario)) {
      const probe = `${name}.${scenario.id}`;
      const url = `${env.routeUrl(scenario.route, scenario.tls)}?probe=${probe}`;
      if (CLIENTS[name].runner === 'wrk') {
        const args = ['-t1', '-c2', '-d1s'];
        if (scenario.op === 'post') args.push('-s', wrkPostScript(env.scratch, scenario.size));
        await execFileAsync(env.wrk, [...args, url], { timeout: 60e3 }).catch(() => null);
        continue;
      }
      const parts = [scenario.op, `url=${url}`, 'c=2', `conns=${scenario.h2 ? 1 : 2}`, 'ms=50'];
      parts.push(`expect=${env.expectFor(scenario.route)}`);
      if (scenario.size) parts.push(`size=${scenario.size}`);
      if (scenario.h2) parts.push('h2=1');
      try {
        const driver = await drivers.forClient(name);
        await driver.send(parts.join(' '), 60e3);
      } catch (error) {
        log(`  ${name}: ${error.message.split('\n')[0]}`);
      }
    }
  }
  const seen = new Map();
  for (const line of fs.readFileSync(env.server.probeLog, 'utf8').split('\n')) {
    const [probe, protocol, method, status, length] = line.split(' ');
    if (!probe) continue;
    const entry = seen.get(probe) || { protocols: new Set(), statuses: new Set(), minLength: Infinity, requests: 0 };
    entry.protocols.add(protocol);
    entry.statuses.add(`${method} ${status}`);
    entry.minLength = Math.min(entry.minLength, Number(length));
    entry.requests++;
    seen.set(probe, entry);
  }
  const checks = [];
  for (const scenario of wanted) {
    for (const name of env.participants(scenario)) {
      const entry = seen.get(`${name}.${scenario.id}`);
      const wantProtocol = scenario.h2 ? 'HTTP/2.0' : 'HTTP/1.1';
      const check = {
        client: name,
        scenario: scenario.id,
        requests: entry ? entry.requests : 0,
        protocols: entry ? [...entry.protocols] : [],
        statuses: entry ? [...entry.statuses] : [],
        minRequestBytes: entry ? entry.minLength : null,
      };
      check.ok =
        !!entry &&
        check.protocols.length === 1 &&
        check.protocols[0] === wantProtocol &&
        (!scenario.size || entry.minLength >= scenario.size);
      if (!check.ok) env.notes.push(`Protocol check failed for ${name} in ${scenario.id}: ${JSON.stringify(check)}`);
      checks.push(check);
    }
  }
  log(`  ${checks.filter((c) => c.ok).length} of ${checks.length} clients spoke the expected protocol`);
  return checks;
}

module.exports = { protocolCheck };
