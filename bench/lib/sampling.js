'use strict';
// One sample of one client in one scenario: the driver command, the reply turned into a sample, the
// multi-process and wrk variants, and failures recorded as samples.

const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { CLIENTS } = require('./plan');
const { log } = require('./log');

const execFileAsync = promisify(execFile);

/** wrk sends a body only from a Lua script; it is written to `scratch`. */
function wrkPostScript(scratch, size) {
  const script = path.join(scratch, `post-${size}.lua`);
  fs.writeFileSync(
    script,
    `wrk.method = "POST"\nwrk.body = string.rep("a", ${size})\n` +
      'wrk.headers["Content-Type"] = "application/octet-stream"\n'
  );
  return script;
}

class Sampler {
  /** `env` is the run's BenchEnvironment, `drivers` its ClientDrivers. */
  constructor(env, drivers) {
    this.env = env;
    this.drivers = drivers;
  }

  /**
   * A throughput sample of a client that runs in several processes at once: each gets an equal share
   * of the concurrency and connections; counts and CPU add up, the elapsed time is the longest.
   */
  async multiProcessSample(scenario, name, timeoutMs) {
    const parts = CLIENTS[name].processes;
    const share = (n) => Math.max(1, Math.round(n / parts));
    const command = this.commandFor({ ...scenario, c: share(scenario.c), conns: share(scenario.conns || scenario.c) });
    const drivers = [];
    for (let part = 0; part < parts; part++) drivers.push(await this.drivers.forClient(name, part));
    const replies = await Promise.all(drivers.map((driver) => driver.send(command, timeoutMs)));
    const failed = replies.find((reply) => !reply.ok);
    if (failed) return this.sampleOf(scenario, failed);
    const sum = (field) => replies.reduce((total, reply) => total + (reply[field] || 0), 0);
    const combined = {
      ok: true,
      count: sum('count'),
      errors: sum('errors'),
      bytes: sum('bytes'),
      elapsedMs: Math.max(...replies.map((reply) => reply.elapsedMs)),
      cpuUserMs: sum('cpuUserMs'),
      cpuSystemMs: sum('cpuSystemMs'),
    };
    const firstError = replies.find((reply) => reply.firstError);
    if (firstError) combined.firstError = firstError.firstError;
    return this.sampleOf(scenario, combined);
  }

  /** The driver protocol's command line for one sample of `scenario` (bench/README.md, "Driver protocol"). */
  commandFor(scenario) {
    const s = this.env.settings;
    const url = this.env.routeUrl(scenario.route, scenario.tls);
    const expect = this.env.expectFor(scenario.route);
    switch (scenario.kind) {
      case 'throughput': {
        const parts = [scenario.op, `url=${url}`, `c=${scenario.c}`, `conns=${scenario.conns || scenario.c}`];
        parts.push(`ms=${s.sampleMs}`, `expect=${expect}`);
        if (scenario.size) parts.push(`size=${scenario.size}`);
        if (scenario.h2) parts.push('h2=1');
        return parts.join(' ');
      }
      case 'cycles':
        return `cycles url=${url} ms=${s.sampleMs} expect=${expect}`;
      case 'close':
        return `close url=${url} n=${s.closeRequests} conns=${scenario.conns} waitMs=${s.closeWaitMs}`;
      case 'idle':
        return `idle url=${url} n=${s.idleSessions} expect=${expect}`;
      default:
        throw new Error(`unknown scenario kind ${scenario.kind}`);
    }
  }

  /** Turns a driver's reply into a sample: { value, errors, error?, extra }. */
  sampleOf(scenario, reply) {
    if (!reply.ok) return { value: null, errors: 1, error: reply.error || 'failed' };
    const MiB = (kib) => Math.round((kib / 1024) * 100) / 100;
    switch (scenario.kind) {
      case 'throughput':
      case 'cycles': {
        const seconds = reply.elapsedMs / 1000;
        const value = reply.count > 0 ? reply.count / seconds : null;
        const extra = { count: reply.count, elapsedMs: Math.round(reply.elapsedMs * 10) / 10 };
        // CPU per request (all threads of the client process) is far less disturbed by a busy machine than wall time.
        if (reply.count > 0 && typeof reply.cpuUserMs === 'number') {
          extra.cpuMicrosPerRequest = Math.round(((reply.cpuUserMs + reply.cpuSystemMs) * 1000) / reply.count * 10) / 10;
          extra.cpuCores = Math.round(((reply.cpuUserMs + reply.cpuSystemMs) / reply.elapsedMs) * 100) / 100;
        }
        const sample = { value, errors: reply.errors, extra };
        if (reply.firstError) sample.error = reply.firstError;
        if (value === null) sample.error = sample.error || 'no request succeeded';
        return sample;
      }
      case 'close': {
        const expected = this.env.settings.closeRequests;
        const sample = {
          value: reply.settleMs,
          errors: reply.settled === expected ? 0 : expected - reply.settled,
          extra: {
            closeCallMs: Math.round(reply.closeCallMs * 1000) / 1000,
            settled: reply.settled,
            canceled: reply.canceled,
            inFlightRssMiB: MiB(reply.rssInFlightKiB - reply.rssBeforeKiB),
            inFlightThreads: reply.threadsInFlight - reply.threadsBefore,
          },
        };
        if (reply.settled !== expected) sample.error = `${reply.settled} of ${expected} settled`;
        return sample;
      }
      case 'idle':
        return {
          value: MiB(reply.used.rssKiB - reply.baseline.rssKiB),
          errors: reply.errors,
          extra: {
            createdRssMiB: MiB(reply.created.rssKiB - reply.baseline.rssKiB),
            usedRssMiB: MiB(reply.used.rssKiB - reply.baseline.rssKiB),
            closedRssMiB: MiB(reply.closed.rssKiB - reply.baseline.rssKiB),
            untouchedThreads: reply.untouched.threads,
            usedThreads: reply.used.threads - reply.untouched.threads,
            closedThreads: reply.closed.threads - reply.untouched.threads,
          },
        };
      default:
        return { value: null, errors: 1, error: 'unknown kind' };
    }
  }

  async wrkSample(scenario) {
    const seconds = Math.max(1, Math.round(this.env.settings.sampleMs / 1000));
    const args = ['-t1', `-c${scenario.c}`, `-d${seconds}s`, '--timeout', '30s'];
    if (scenario.op === 'post') args.push('-s', wrkPostScript(this.env.scratch, scenario.size));
    args.push(this.env.routeUrl(scenario.route, scenario.tls));
    const { stdout } = await execFileAsync(this.env.wrk, args, { timeout: seconds * 1000 + 60e3 });
    const rate = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
    const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout);
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
    const errors = (non2xx ? Number(non2xx[1]) : 0) + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
    const requests = /(\d+) requests in ([\d.]+)s/.exec(stdout);
    return {
      value: rate ? Number(rate[1]) : null,
      errors,
      extra: requests ? { count: Number(requests[1]), elapsedMs: Number(requests[2]) * 1000 } : {},
      ...(rate ? {} : { error: `wrk printed no rate: ${stdout.slice(0, 200)}` }),
    };
  }

  /** One sample of one client; failures become samples with a null value and the reason. */
  async sample(scenario, name) {
    if (this.drivers.isRetired(name)) return { value: null, errors: 1, error: this.drivers.failureOf(name) };
    try {
      if (CLIENTS[name].runner === 'wrk') return await this.wrkSample(scenario);
      const timeoutMs = this.env.settings.sampleMs + 120e3;
      if (scenario.kind === 'idle') {
        // Footprint needs a process that has done nothing else: a fresh one per sample.
        const { driver } = await this.drivers.start(name);
        try {
          return this.sampleOf(scenario, await driver.send(this.commandFor(scenario), timeoutMs));
        } finally {
          await driver.stop();
        }
      }
      if (CLIENTS[name].processes > 1) {
        if (scenario.kind !== 'throughput') throw new Error('several processes only make sense for throughput');
        return await this.multiProcessSample(scenario, name, timeoutMs);
      }
      const driver = await this.drivers.forClient(name);
      return this.sampleOf(scenario, await driver.send(this.commandFor(scenario), timeoutMs));
    } catch (error) {
      const message = error.message.split('\n')[0];
      log(`  ${name} failed: ${message}`);
      // A driver that died or hung is left out of the rest of the run rather than restarted mid-way.
      await this.drivers.retire(name, message);
      return { value: null, errors: 1, error: message };
    }
  }
}

module.exports = { Sampler, wrkPostScript };
