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

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFile, spawnSync } = require('node:child_process');
const { promisify } = require('node:util');

const { CLIENTS, SCENARIOS, UNITS, MODES, titleOf } = require('./lib/plan');
const { DriverProcess } = require('./lib/driver-process');
const { startNginx, startNodeServer, findExecutable, SMALL_BYTES, LARGE_BYTES } = require('./lib/servers');
const { buildNative, buildRoot } = require('./lib/native');
const { machineInfo, versions } = require('./lib/machine');
const { summarize, pairedRatios } = require('./lib/stats');
const { writeReports } = require('./lib/report');
const { bundleEts } = require('../tools/ets/build');

const execFileAsync = promisify(execFile);
const benchDir = __dirname;
const startedAt = Date.now();

function log(line) {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[bench ${seconds}s] ${line}\n`);
}

function parseOptions(argv) {
  const options = {
    smoke: false,
    out: '',
    only: null,
    clients: null,
    rounds: null,
    sampleMs: null,
    nodeServer: false,
    instructions: true,
    render: '',
  };
  for (const arg of argv) {
    let match;
    if (arg === '--smoke') options.smoke = true;
    else if (arg === '--node-server') options.nodeServer = true;
    else if (arg === '--no-instructions') options.instructions = false;
    else if ((match = /^--out=(.+)$/.exec(arg))) options.out = path.resolve(match[1]);
    else if ((match = /^--render=(.+)$/.exec(arg))) options.render = path.resolve(match[1]);
    else if ((match = /^--only=(.+)$/.exec(arg))) options.only = match[1].split(',');
    else if ((match = /^--clients=(.+)$/.exec(arg))) options.clients = match[1].split(',');
    else if ((match = /^--rounds=(\d+)$/.exec(arg))) options.rounds = Number(match[1]);
    else if ((match = /^--sample-ms=(\d+)$/.exec(arg))) options.sampleMs = Number(match[1]);
    else throw new Error(`unknown option ${arg} (see the top of bench/run.js)`);
  }
  for (const id of options.only || []) {
    if (!SCENARIOS.some((s) => s.id === id)) throw new Error(`unknown scenario ${id}`);
  }
  for (const name of options.clients || []) {
    if (!CLIENTS[name]) throw new Error(`unknown client ${name}`);
  }
  return options;
}

function rotate(list, by) {
  const shift = by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

/** wrk and valgrind come from Debian; installed when missing (and left out, with a note, when that fails). */
function ensureTool(binary, debianPackage, notes) {
  let found = findExecutable(binary);
  if (found) return found;
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const command = asRoot ? 'apt-get' : 'sudo';
  const args = [...(asRoot ? [] : ['-n', 'apt-get']), 'install', '-y', '--no-install-recommends', debianPackage];
  log(`${binary} is missing: ${command} ${args.join(' ')}`);
  spawnSync(command, args, { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  found = findExecutable(binary);
  if (!found) notes.push(`${binary} (Debian ${debianPackage}) is not available: left out.`);
  return found;
}

class Bench {
  constructor(options) {
    this.options = options;
    this.mode = options.smoke ? 'smoke' : 'full';
    this.settings = { ...MODES[this.mode] };
    if (options.rounds) this.settings.rounds = options.rounds;
    if (options.sampleMs) this.settings.sampleMs = options.sampleMs;
    this.notes = [];
    this.drivers = new Map();
    this.failedClients = new Map();
    this.server = null;
    this.fallbackRoutes = null;
    this.scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rcplib-bench-'));
  }

  async setup() {
    log(`mode ${this.mode}: ${JSON.stringify(this.settings)}`);
    this.native = buildNative(log);
    this.bundle = path.join(buildRoot, 'rcplib-client.js');
    await bundleEts(path.join(benchDir, 'drivers', 'rcplib_client.ets'), this.bundle);
    this.wrk = ensureTool('wrk', 'wrk', this.notes);
    // Smoke mode uses valgrind when it is there but does not install it just to prove the step runs.
    if (this.options.instructions && this.mode === 'full') this.valgrind = ensureTool('valgrind', 'valgrind', this.notes);
    else if (this.options.instructions) this.valgrind = findExecutable('valgrind');
    else this.valgrind = null;

    if (!this.options.nodeServer) {
      const workers = Math.max(1, Math.min(4, os.cpus().length));
      const { server, why } = await startNginx({ log, workers });
      this.server = server;
      if (!server) {
        log(`nginx cannot be used: ${why}`);
        this.notes.push(`nginx was not available (${why}); every result comes from the Node test server.`);
      }
    }
    if (!this.server) this.server = await startNodeServer();
    if (!this.server.paths.upload || !this.server.paths.slow) {
      this.fallbackRoutes = await startNodeServer();
      this.notes.push('nginx has no echo module here: the POST sink and the slow route come from the Node test server.');
    }
    log(`server: ${this.server.label}; http ${this.server.http}, https ${this.server.https}`);
    this.serverSummary = {
      kind: this.server.kind,
      label: this.server.label,
      version: this.server.version,
      workers: this.server.workers,
      routes: Object.fromEntries(
        ['small', 'large', 'upload', 'slow'].map((route) => [
          route,
          `${this.routeServer(route)} ${new URL(this.routeUrl(route, false)).pathname}`,
        ])
      ),
    };
    await this.preflight();
  }

  /** Where `route` is served, over TLS or not. */
  routeUrl(route, tls) {
    const own = this.server.paths[route];
    const server = own ? this.server : this.fallbackRoutes;
    return `${tls ? server.https : server.http}${server.paths[route]}`;
  }

  routeServer(route) {
    return this.server.paths[route] ? this.server.kind : this.fallbackRoutes.kind;
  }

  caFileFor() {
    return this.server.caFile;
  }

  /** The body length every good response of a route has (-1: not checked). */
  expectFor(route) {
    if (route === 'small') return SMALL_BYTES;
    if (route === 'large') return LARGE_BYTES;
    if (route === 'upload') return this.routeServer('upload') === 'nginx' ? 3 : -1;
    return -1;
  }

  /** Checks the routes with undici before anything is measured: sizes, the upload sink, h2 over TLS. */
  async preflight() {
    const undici = require('undici');
    const check = async (url, init, verify) => {
      const dispatcher = new undici.Agent({
        connect: { ca: fs.readFileSync(this.caFileFor()) },
        allowH2: url.startsWith('https:'),
      });
      try {
        const response = await undici.request(url, { ...init, dispatcher });
        const body = Buffer.from(await response.body.arrayBuffer());
        const problem = verify(response, body);
        if (problem) throw new Error(`${url}: ${problem}`);
      } finally {
        await dispatcher.close();
      }
    };
    const sized = (size) => (response, body) =>
      response.statusCode !== 200 || body.length !== size ? `status ${response.statusCode}, ${body.length} bytes` : '';
    await check(this.routeUrl('small', false), {}, sized(SMALL_BYTES));
    await check(this.routeUrl('large', false), {}, sized(LARGE_BYTES));
    await check(this.routeUrl('small', true), {}, sized(SMALL_BYTES));
    const payload = Buffer.alloc(256 * 1024, 7);
    if (this.server.paths.uploadVerify) {
      // The verification route is the upload route's twin that sends the body back: it proves nginx read all of it.
      const url = `${this.server.http}${this.server.paths.uploadVerify}`;
      await check(url, { method: 'POST', body: payload }, (response, body) =>
        response.statusCode === 200 && body.equals(payload) ? '' : 'the POST sink did not read the whole body'
      );
    }
    await check(this.routeUrl('upload', false), { method: 'POST', body: payload }, (response) =>
      response.statusCode === 200 ? '' : `status ${response.statusCode}`
    );
    log('preflight: 1 KiB, 1 MiB, 1 KiB over TLS, POST sink reads the whole body: ok');
  }

  driverCommand(name) {
    const ca = this.caFileFor();
    const client = CLIENTS[name];
    if (client.runner === 'node') {
      const args = ['--expose-gc', path.join(benchDir, 'drivers', 'node-driver.js'), `--client=${name}`, `--ca=${ca}`];
      if (name === 'rcplib-ets') args.push(`--rcplib=${this.bundle}`);
      return [process.execPath, args];
    }
    if (client.runner === 'capi') return [this.native.capi, [ca]];
    if (client.runner === 'curl') return [this.native.curl, [ca]];
    return null;
  }

  async startDriver(name) {
    const [command, args] = this.driverCommand(name);
    // The ArkTS client loads the addon built next to librcp.so (tools/ets/native-addon.js reads RCP_ADDON).
    const driver = new DriverProcess(name, command, args, { env: { ...process.env, RCP_ADDON: this.native.addon } });
    const ready = await driver.start();
    return { driver, ready };
  }

  /** The long-lived process of a client (one per client for the whole run; `part` numbers the extra ones). */
  async driverFor(name, part = 0) {
    const key = part === 0 ? name : `${name}#${part}`;
    if (this.drivers.has(key)) return this.drivers.get(key);
    const { driver, ready } = await this.startDriver(name);
    if (name === 'curl-raw') this.libcurlVersion = ready.ready;
    this.drivers.set(key, driver);
    return driver;
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
    for (let part = 0; part < parts; part++) drivers.push(await this.driverFor(name, part));
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

  commandFor(scenario) {
    const s = this.settings;
    const url = this.routeUrl(scenario.route, scenario.tls);
    const expect = this.expectFor(scenario.route);
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
        const expected = this.settings.closeRequests;
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

  /** wrk sends a body only from a Lua script. */
  wrkPostScript(size) {
    const script = path.join(this.scratch, `post-${size}.lua`);
    fs.writeFileSync(
      script,
      `wrk.method = "POST"\nwrk.body = string.rep("a", ${size})\n` +
        'wrk.headers["Content-Type"] = "application/octet-stream"\n'
    );
    return script;
  }

  async wrkSample(scenario) {
    const seconds = Math.max(1, Math.round(this.settings.sampleMs / 1000));
    const args = ['-t1', `-c${scenario.c}`, `-d${seconds}s`, '--timeout', '30s'];
    if (scenario.op === 'post') args.push('-s', this.wrkPostScript(scenario.size));
    args.push(this.routeUrl(scenario.route, scenario.tls));
    const { stdout } = await execFileAsync(this.wrk, args, { timeout: seconds * 1000 + 60e3 });
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
    if (this.failedClients.has(name)) return { value: null, errors: 1, error: this.failedClients.get(name) };
    try {
      if (CLIENTS[name].runner === 'wrk') return await this.wrkSample(scenario);
      const timeoutMs = this.settings.sampleMs + 120e3;
      if (scenario.kind === 'idle') {
        // Footprint needs a process that has done nothing else: a fresh one per sample.
        const { driver } = await this.startDriver(name);
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
      const driver = await this.driverFor(name);
      return this.sampleOf(scenario, await driver.send(this.commandFor(scenario), timeoutMs));
    } catch (error) {
      const message = error.message.split('\n')[0];
      log(`  ${name} failed: ${message}`);
      // A driver that died or hung is left out of the rest of the run rather than restarted mid-way.
      const keys = [...this.drivers.keys()].filter((key) => key === name || key.startsWith(`${name}#`));
      if (keys.length > 0) this.failedClients.set(name, message);
      for (const key of keys) {
        await this.drivers.get(key).stop();
        this.drivers.delete(key);
      }
      return { value: null, errors: 1, error: message };
    }
  }

  participants(scenario) {
    return scenario.clients.filter((name) => {
      if (this.options.clients && !this.options.clients.includes(name)) return false;
      if (name === 'wrk' && !this.wrk) return false;
      return true;
    });
  }

  async runScenario(scenario) {
    const clients = this.participants(scenario);
    const rounds = scenario.kind === 'idle' ? this.settings.idleRounds : this.settings.rounds;
    const unit = UNITS[scenario.kind];
    log(`${scenario.id}: ${titleOf(scenario, this.settings)} (${clients.join(', ')})`);
    if (this.settings.warmup && scenario.kind !== 'idle') {
      for (const name of clients) await this.sample(scenario, name);
    }
    const samples = Object.fromEntries(clients.map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const name of rotate(clients, round)) {
        const sample = await this.sample(scenario, name);
        samples[name].push(sample);
        const shown = sample.value === null ? `failed (${sample.error})` : `${formatValue(sample.value)} ${unit}`;
        const warn = sample.errors ? ` [${sample.errors} errors${sample.error ? `: ${sample.error}` : ''}]` : '';
        log(`  round ${round + 1}/${rounds} ${name}: ${shown}${warn}`);
      }
    }
    return { scenario, clients, samples };
  }

  /**
   * Proves what each client put on the wire: a short sample per client with ?probe=CLIENT.SCENARIO,
   * which nginx (and only for these requests) logs with the protocol and the request length.
   */
  async protocolCheck(scenarios) {
    if (!this.server.probeLog) {
      this.notes.push('The protocol check needs nginx and was skipped.');
      return [];
    }
    const wanted = scenarios.filter((s) => ['get-1k-c16', 'post-256k-c8', 'h2-1k-c64'].includes(s.id));
    log(`protocol check: ${wanted.map((s) => s.id).join(', ')}`);
    for (const scenario of wanted) {
      for (const name of this.participants(scenario)) {
        const probe = `${name}.${scenario.id}`;
        const url = `${this.routeUrl(scenario.route, scenario.tls)}?probe=${probe}`;
        if (CLIENTS[name].runner === 'wrk') {
          const args = ['-t1', '-c2', '-d1s'];
          if (scenario.op === 'post') args.push('-s', this.wrkPostScript(scenario.size));
          await execFileAsync(this.wrk, [...args, url], { timeout: 60e3 }).catch(() => null);
          continue;
        }
        const parts = [scenario.op, `url=${url}`, 'c=2', `conns=${scenario.h2 ? 1 : 2}`, 'ms=50'];
        parts.push(`expect=${this.expectFor(scenario.route)}`);
        if (scenario.size) parts.push(`size=${scenario.size}`);
        if (scenario.h2) parts.push('h2=1');
        try {
          const driver = await this.driverFor(name);
          await driver.send(parts.join(' '), 60e3);
        } catch (error) {
          log(`  ${name}: ${error.message.split('\n')[0]}`);
        }
      }
    }
    const seen = new Map();
    for (const line of fs.readFileSync(this.server.probeLog, 'utf8').split('\n')) {
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
      for (const name of this.participants(scenario)) {
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
        if (!check.ok) this.notes.push(`Protocol check failed for ${name} in ${scenario.id}: ${JSON.stringify(check)}`);
        checks.push(check);
      }
    }
    log(`  ${checks.filter((c) => c.ok).length} of ${checks.length} clients spoke the expected protocol`);
    return checks;
  }

  /** Instructions per request of the C API and of the raw libcurl loop, from two callgrind runs each. */
  async instructionCounts() {
    if (!this.valgrind) return null;
    const [small, large] = this.settings.instructionCounts;
    const url = this.routeUrl('small', false);
    // Asynchronous on purpose: the fallback Node test server runs in this process and must keep answering.
    const measure = async (binary, n) => {
      const outFile = path.join(this.scratch, `callgrind-${path.basename(binary)}-${n}.out`);
      const child = execFile(
        this.valgrind,
        ['--tool=callgrind', `--callgrind-out-file=${outFile}`, binary, this.caFileFor()],
        { encoding: 'utf8', timeout: 900e3, maxBuffer: 16 * 1024 * 1024 }
      );
      const output = new Promise((resolve) => {
        child.on('close', () => resolve());
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk) => {
        stderr = (stderr + chunk).slice(-2000);
      });
      child.stdin.end(`get url=${url} c=64 conns=64 n=${n} expect=${SMALL_BYTES}\nquit\n`);
      await output;
      const reply = stdout.split('\n').filter((l) => l.startsWith('{')).pop() || '{}';
      const parsed = JSON.parse(reply);
      if (!parsed.ok || parsed.count !== n) throw new Error(`${binary} under callgrind: ${reply} ${stderr}`);
      const text = fs.readFileSync(outFile, 'utf8');
      const total = /^(?:summary|totals):\s+(\d+)/m.exec(text);
      if (!total) throw new Error(`no totals in ${outFile}`);
      return Number(total[1]);
    };
    const perRequest = async (binary) => ((await measure(binary, large)) - (await measure(binary, small))) / (large - small);
    log(`callgrind: instructions per request at c=64 (${small} and ${large} requests)`);
    try {
      const capi = await perRequest(this.native.capi);
      const raw = await perRequest(this.native.curl);
      log(`  rcplib C API ${Math.round(capi)}, libcurl loop ${Math.round(raw)} instructions per request`);
      return {
        requests: [small, large],
        concurrency: 64,
        rcplibCapiPerRequest: Math.round(capi),
        libcurlLoopPerRequest: Math.round(raw),
        ratioLibcurlOverCapi: Math.round((raw / capi) * 1000) / 1000,
      };
    } catch (error) {
      log(`  callgrind step failed: ${error.message.split('\n')[0]}`);
      this.notes.push(`The callgrind step failed: ${error.message.split('\n')[0]}`);
      return null;
    }
  }

  async teardown() {
    for (const driver of this.drivers.values()) await driver.stop();
    this.drivers.clear();
    if (this.server) await this.server.stop();
    if (this.fallbackRoutes) await this.fallbackRoutes.stop();
    this.server = null;
    this.fallbackRoutes = null;
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }
}

function formatValue(value) {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(2);
}

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
  const bench = new Bench(options);
  // Smoke results are only proof that everything ran: they go to the (ignored) build folder.
  const outDir = options.out || (options.smoke ? path.join(buildRoot, 'smoke') : path.join(benchDir, 'results'));
  let exitCode = 0;
  const stop = () => {
    bench.teardown().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const machineBefore = machineInfo();
  const runs = [];
  let instructions = null;
  let checks = [];
  try {
    await bench.setup();
    const selected = SCENARIOS.filter((s) => !options.only || options.only.includes(s.id));
    checks = await bench.protocolCheck(selected);
    for (const scenario of selected) runs.push(await bench.runScenario(scenario));
    instructions = await bench.instructionCounts();
  } finally {
    await bench.teardown().catch((error) => log(`teardown: ${error.message}`));
  }
  const scenarios = runs.map((run) => summarizeScenario(run, bench.settings));
  const missing = [];
  for (const scenario of scenarios) {
    for (const [name, result] of Object.entries(scenario.clients)) {
      if (!result.summary) missing.push(`${scenario.id}/${name}: ${result.failures[0] || 'no sample'}`);
    }
  }
  const results = {
    generated: new Date().toISOString(),
    mode: bench.mode,
    settings: bench.settings,
    machine: { ...machineBefore, loadAverageAfter: machineInfo().loadAverage },
    versions: versions({
      libcurl: bench.libcurlVersion || null,
      nginx: bench.serverSummary && bench.serverSummary.kind === 'nginx' ? bench.serverSummary.version : null,
    }),
    server: bench.serverSummary,
    clients: Object.fromEntries(Object.entries(CLIENTS).map(([name, c]) => [name, { label: c.label, family: c.family }])),
    scenarios,
    instructions,
    protocolChecks: checks,
    notes: bench.notes,
    missing,
  };
  fs.mkdirSync(outDir, { recursive: true });
  const written = await writeReports(results, outDir);
  if (bench.mode === 'full' && !options.only && !options.clients) {
    // Every full run is kept (compact), so that run-to-run variation stays visible next to latest.json.
    const historyDir = path.join(outDir, 'history');
    fs.mkdirSync(historyDir, { recursive: true });
    const stamp = results.generated.replace(/[:.]/g, '-');
    const historyFile = path.join(historyDir, `${stamp}.json`);
    fs.writeFileSync(historyFile, `${JSON.stringify(JSON.parse(fs.readFileSync(written[0], 'utf8')))}\n`);
    written.push(historyFile);
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
