'use strict';
// What the results depend on besides the code: the machine, the load on it, and every version involved.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const repoRoot = path.resolve(__dirname, '..', '..');

function firstLine(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) return null;
  return `${result.stdout || ''}${result.stderr || ''}`.trim().split('\n')[0] || null;
}

function packageVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function cpuModel() {
  const cpus = os.cpus();
  if (cpus.length > 0 && cpus[0].model) return cpus[0].model.trim();
  return 'unknown';
}

function machineInfo() {
  return {
    cpuModel: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    os: (() => {
      try {
        const text = fs.readFileSync('/etc/os-release', 'utf8');
        return (/^PRETTY_NAME="?([^"\n]*)"?/m.exec(text) || [])[1] || null;
      } catch {
        return null;
      }
    })(),
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

function rcplibRevision() {
  const revision = firstLine('git', ['-C', repoRoot, 'rev-parse', '--short', 'HEAD']);
  return revision && /^[0-9a-f]+$/.test(revision) ? revision : null;
}

function versions({ libcurl, nginx }) {
  return {
    node: process.version,
    nodeBundledUndici: process.versions.undici || null,
    openssl: process.versions.openssl,
    libcurl,
    nginx,
    wrk: (firstLine('wrk', ['-v']) || '').replace(/\s*Copyright.*$/, '') || null,
    valgrind: firstLine('valgrind', ['--version']),
    compiler: firstLine('cc', ['--version']),
    rcplib: rcplibRevision(),
    rcplibBuild: 'librcp.so and rcp.node from one CMake Release build (build/bench/librcp)',
    packages: {
      undici: packageVersion('undici'),
      axios: packageVersion('axios'),
      vega: packageVersion('vega'),
      'vega-lite': packageVersion('vega-lite'),
      esbuild: packageVersion('esbuild'),
    },
  };
}

module.exports = { machineInfo, versions };
