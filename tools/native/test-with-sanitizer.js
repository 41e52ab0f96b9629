#!/usr/bin/env node
'use strict';
// Builds the addon with AddressSanitizer + UndefinedBehaviorSanitizer and runs
// the native suites against it. Node itself is not instrumented, so the
// sanitizer runtimes are preloaded; leak detection stays off because Node
// deliberately leaves its own heap behind at exit. Fails on any sanitizer report.
//
// Usage: node tools/native/test-with-sanitizer.js [--no-build]

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync, execFileSync } = require('node:child_process');
const { buildAddon } = require('./build');

const testDir = path.join(__dirname, 'test');

function sanitizerRuntimes() {
  // The addon is built by gcc (CMake's default here), so its runtimes must match.
  return ['libasan.so', 'libubsan.so'].map((name) => {
    const file = execFileSync('gcc', [`-print-file-name=${name}`], { encoding: 'utf8' }).trim();
    if (!path.isAbsolute(file) || !fs.existsSync(file)) throw new Error(`gcc does not know where ${name} is`);
    return file;
  });
}

function main() {
  const addon = process.argv.includes('--no-build')
    ? path.resolve(__dirname, '..', '..', 'build', 'host', 'rcp.address.node')
    : buildAddon({ compiler: 'gcc', sanitize: 'address', out: '' });
  const suites = fs.readdirSync(testDir).filter((name) => name.endsWith('.test.js')).map((name) => path.join(testDir, name));
  const result = spawnSync(process.execPath, ['--test', ...suites], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      RCP_ADDON: addon,
      LD_PRELOAD: sanitizerRuntimes().join(' '),
      ASAN_OPTIONS: 'detect_leaks=0:halt_on_error=1',
      UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1',
    },
  });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const output = `${result.stdout}\n${result.stderr}`;
  if (/ERROR: AddressSanitizer|runtime error:/.test(output)) throw new Error('the sanitizers reported errors (see above)');
  if (result.status !== 0) throw new Error(`the suites failed under the sanitizers (exit code ${result.status})`);
  process.stdout.write('native suites passed under ASan + UBSan\n');
}

try {
  main();
} catch (error) {
  process.stderr.write(`test-with-sanitizer: ${error.message}\n`);
  process.exitCode = 1;
}
