'use strict';
// The client processes of a run: one long-lived driver per client (more for multi-process clients),
// started on first use, and retired for the rest of the run when one dies or hangs.

const path = require('node:path');
const { CLIENTS } = require('./plan');
const { DriverProcess } = require('./driver-process');
const { benchDir } = require('./environment');

class ClientDrivers {
  /** `env` is the run's BenchEnvironment, set up (native builds, bundle, CA file). */
  constructor(env) {
    this.env = env;
    this.drivers = new Map();
    this.failedClients = new Map();
    this.libcurlVersion = null;
  }

  command(name) {
    const ca = this.env.caFileFor();
    const client = CLIENTS[name];
    if (client.runner === 'node') {
      const args = ['--expose-gc', path.join(benchDir, 'drivers', 'node-driver.js'), `--client=${name}`, `--ca=${ca}`];
      if (name === 'rcplib-ets') args.push(`--rcplib=${this.env.bundle}`);
      return [process.execPath, args];
    }
    if (client.runner === 'capi') return [this.env.native.capi, [ca]];
    if (client.runner === 'curl') return [this.env.native.curl, [ca]];
    return null;
  }

  /** A new process of client `name`, not kept: the caller stops it. */
  async start(name) {
    const [command, args] = this.command(name);
    // The ArkTS client loads the addon built next to librcp.so (tools/ets/native-addon.js reads RCP_ADDON).
    const driver = new DriverProcess(name, command, args, { env: { ...process.env, RCP_ADDON: this.env.native.addon } });
    const ready = await driver.start();
    return { driver, ready };
  }

  /** The long-lived process of a client (one per client for the whole run; `part` numbers the extra ones). */
  async forClient(name, part = 0) {
    const key = part === 0 ? name : `${name}#${part}`;
    if (this.drivers.has(key)) return this.drivers.get(key);
    const { driver, ready } = await this.start(name);
    if (name === 'curl-raw') this.libcurlVersion = ready.ready;
    this.drivers.set(key, driver);
    return driver;
  }

  /** Whether a client was retired, and why. */
  isRetired(name) {
    return this.failedClients.has(name);
  }

  failureOf(name) {
    return this.failedClients.get(name);
  }

  /** Stops every process of a client that died or hung; it is left out of the rest of the run rather than restarted mid-way. */
  async retire(name, message) {
    const keys = [...this.drivers.keys()].filter((key) => key === name || key.startsWith(`${name}#`));
    if (keys.length > 0) this.failedClients.set(name, message);
    for (const key of keys) {
      await this.drivers.get(key).stop();
      this.drivers.delete(key);
    }
  }

  async stopAll() {
    for (const driver of this.drivers.values()) await driver.stop();
    this.drivers.clear();
  }
}

module.exports = { ClientDrivers };
