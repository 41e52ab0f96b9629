'use strict';
// A benchmark client running in its own child process, spoken to with the line protocol: one
// command line in, one JSON line out (bench/README.md, "Driver protocol").

const { spawn } = require('node:child_process');
const readline = require('node:readline');

class DriverProcess {
  constructor(name, command, args, options = {}) {
    this.name = name;
    this.command = command;
    this.args = args;
    this.env = options.env || process.env;
    this.child = null;
    this.waiting = null;
    this.stderr = '';
    this.exitInfo = null;
  }

  /** Starts the process and waits for its first line ({"ok":true,"ready":...}); resolves with it. */
  start(timeoutMs = 30e3) {
    this.child = spawn(this.command, this.args, { stdio: ['pipe', 'pipe', 'pipe'], env: this.env });
    this.child.stderr.on('data', (chunk) => {
      // Keep the tail only: a driver that logs a lot must not grow the bench's memory.
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.child.once('exit', (code, signal) => {
      this.exitInfo = { code, signal };
      if (this.waiting) {
        const { reject } = this.waiting;
        this.waiting = null;
        reject(new Error(`${this.name} exited (${signal || code}): ${this.stderr.trim().slice(-800)}`));
      }
    });
    this.child.stdin.on('error', () => {});
    const lines = readline.createInterface({ input: this.child.stdout });
    lines.on('line', (line) => {
      if (!this.waiting) return;
      let reply;
      try {
        reply = JSON.parse(line);
      } catch {
        return; // not a protocol line (a library printing something): ignore it
      }
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve(reply);
    });
    return this.expectReply(timeoutMs, 'start');
  }

  expectReply(timeoutMs, what) {
    return new Promise((resolve, reject) => {
      if (this.exitInfo) {
        reject(new Error(`${this.name} is not running: ${this.stderr.trim().slice(-800)}`));
        return;
      }
      const timer = setTimeout(() => {
        this.waiting = null;
        // A late answer would be read as the reply to the next command: the process is ended instead.
        if (this.child && !this.exitInfo) this.child.kill('SIGKILL');
        reject(new Error(`${this.name} did not answer '${what}' within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  /** Sends one command and resolves with the reply object; rejects on timeout or exit. */
  send(line, timeoutMs) {
    const reply = this.expectReply(timeoutMs, line);
    this.child.stdin.write(`${line}\n`);
    return reply;
  }

  /** Asks the process to quit, and kills it if it has not gone within a few seconds. */
  async stop() {
    if (!this.child || this.exitInfo) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end('quit\n');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}

module.exports = { DriverProcess };
