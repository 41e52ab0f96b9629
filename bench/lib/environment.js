'use strict';
// What a run measures on: its settings and notes, the native builds and the ArkTS bundle, the tools,
// the server (nginx, or the Node test server) and where each route is served.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { MODES } = require('./plan');
const { startNginx, startNodeServer, findExecutable, SMALL_BYTES, LARGE_BYTES } = require('./servers');
const { buildNative, buildRoot } = require('./native');
const { ensureTool } = require('./host-tools');
const { log } = require('./log');
const { bundleEts } = require('../../tools/ets/build');

const benchDir = path.join(__dirname, '..');

class BenchEnvironment {
  constructor(options) {
    this.options = options;
    this.mode = options.smoke ? 'smoke' : 'full';
    this.settings = { ...MODES[this.mode] };
    if (options.rounds) this.settings.rounds = options.rounds;
    if (options.sampleMs) this.settings.sampleMs = options.sampleMs;
    this.notes = [];
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

  /** The clients of a scenario that take part in this run (chosen by --clients, and wrk only when installed). */
  participants(scenario) {
    return scenario.clients.filter((name) => {
      if (this.options.clients && !this.options.clients.includes(name)) return false;
      if (name === 'wrk' && !this.wrk) return false;
      return true;
    });
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

  /** Stops the servers and removes the scratch folder; the client drivers are stopped before this. */
  async teardown() {
    if (this.server) await this.server.stop();
    if (this.fallbackRoutes) await this.fallbackRoutes.stop();
    this.server = null;
    this.fallbackRoutes = null;
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }
}

module.exports = { BenchEnvironment, benchDir };
