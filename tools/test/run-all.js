#!/usr/bin/env node
// `npm test`: every check of the project, in order, with one summary line at
// the end ("N passed, N failed", summed over every step that reports counts).
// `node tools/test/run-all.js --only native-gcc,hypium` runs a subset;
// `--list` prints the step names.
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..', '..');
const cppDir = path.join(root, 'rcplib', 'src', 'main', 'cpp');
const jobs = String(Math.max(2, require('node:os').cpus().length));

// Counts from the output formats our runners print.
function parseCounts(output) {
  let passed = 0;
  let failed = 0;
  let found = false;
  // GoogleTest's own summary; under `ctest -V` each line has an "N: " prefix.
  for (const m of output.matchAll(/^(?:\d+: )?\[  PASSED  \] (\d+) tests?\./gm)) { passed += Number(m[1]); found = true; }
  for (const m of output.matchAll(/^(?:\d+: )?\[  FAILED  \] (\d+) tests?, listed below/gm)) {
    failed += Number(m[1]);
    found = true;
  }
  for (const m of output.matchAll(/^# pass (\d+)$/gm)) { passed += Number(m[1]); found = true; }
  for (const m of output.matchAll(/^# fail (\d+)$/gm)) { failed += Number(m[1]); found = true; }
  for (const m of output.matchAll(/^(\d+) passed, (\d+) failed$/gm)) {
    passed += Number(m[1]);
    failed += Number(m[2]);
    found = true;
  }
  return found ? { passed, failed } : null;
}

function nativeBuild(name, cxx, sanitize) {
  const dir = path.join(root, 'build', `native-${name}`);
  const env = { ...process.env, CXX: cxx, CC: cxx === 'clang++' ? 'clang' : 'gcc' };
  if (sanitize === 'address') env.ASAN_OPTIONS = 'detect_leaks=1:abort_on_error=1';
  if (sanitize === 'address') env.UBSAN_OPTIONS = 'print_stacktrace=1:halt_on_error=1';
  if (sanitize === 'thread') env.TSAN_OPTIONS = 'halt_on_error=1:second_deadlock_stack=1';
  return {
    name: `native-${name}`,
    env,
    commands: [
      ['cmake', '-S', cppDir, '-B', dir, '-DCMAKE_BUILD_TYPE=' + (sanitize ? 'RelWithDebInfo' : 'Debug'),
        `-DRCP_SANITIZE=${sanitize}`, '-Wno-dev'],
      ['cmake', '--build', dir, '-j', jobs],
      ['ctest', '--test-dir', dir, '--output-on-failure', '-V'],
    ],
  };
}

const steps = [
  // The ArkTS linter, then ESLint on the JavaScript of tools/ and bench/ (eslint.config.js).
  { name: 'lint', commands: [['node', 'tools/lint/arkts-lint.js'], ['node', 'node_modules/eslint/bin/eslint.js', '.']] },
  // .editorconfig basics on every tracked file; clang-format on the C/C++ files in tools/lint/clang-format-files.txt.
  { name: 'format', commands: [['node', 'tools/lint/check-format.js']] },
  { name: 'project', commands: [['node', 'tools/validate/ohos-project.js']] },
  {
    name: 'tools',
    commands: [['node', '--test', ...['tools/validate/test', 'tools/testserver/test', 'tools/ets/test',
      'tools/hypium/test', 'tools/lint/test', 'tools/coverage/test'].filter((d) => fs.existsSync(path.join(root, d)))]],
  },
  // Rules of the native sources that need no build: no core/ file includes Node-API or the C API, no
  // napi/ file libcurl or the C API, no capi/ file Node-API (the CMake targets enforce most of it; this
  // also sees headers on the system include path); the C header and ArkTS name error codes as
  // core/errors.h defines them; the generated ArkTS side of the module boundary (index.d.ts's generated
  // region, ets/native_boundary.ets) matches napi/boundary_table.h, and the generator's own tests.
  {
    name: 'native-rules',
    commands: [
      ['node', 'tools/native/check-layering.js'],
      ['node', 'tools/native/check-error-codes.js'],
      ['node', 'tools/native/gen-boundary.js', '--check'],
      ['node', '--test', 'tools/native/test/gen-boundary.test.js'],
    ],
  },
  nativeBuild('gcc', 'g++', ''),
  nativeBuild('clang', 'clang++', ''),
  nativeBuild('asan', 'clang++', 'address'),
  nativeBuild('tsan', 'clang++', 'thread'),
  // Every C++ suite under valgrind memcheck, on the plain gcc build above.
  { name: 'valgrind', commands: [['bash', 'tools/valgrind/run.sh', 'build/native-gcc']] },
  // Each libFuzzer target for a short while from its seed corpus.
  { name: 'fuzz', commands: [['bash', 'tools/fuzz/run.sh', '10']] },
  {
    // The host Node addon built from the same sources, checked against the
    // Node-API functions OpenHarmony exports at the project's compatibleSdkVersion
    // and against its declaration.
    name: 'addon',
    commands: [
      ['node', 'tools/native/build.js'],
      ['node', 'tools/native/check-napi-symbols.js'],
      ['node', 'tools/native/check-exports.js'],
      ['node', '--test', 'tools/native/test/'],
    ],
  },
  { name: 'addon-asan', commands: [['node', 'tools/native/test-with-sanitizer.js']] },
  { name: 'hypium', commands: [['node', 'tools/test/hypium-suites.js']] },
  // 10,000 create/fetch/close cycles through the ArkTS API; fds, threads and RSS back at baseline.
  { name: 'soak', commands: [['node', '--test', 'tools/soak/test/']] },
  // The examples and `npm start`, run as users run them (they need the addon).
  { name: 'examples', commands: [['node', '--test', 'tools/test/test/', 'tools/demo/test/']] },
  // The benchmark harness with tiny counts, so it keeps working; it never judges a number.
  { name: 'bench-smoke', commands: [['node', 'bench/run.js', '--smoke']] },
];

function run(command, env) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (stream, sink) => stream.on('data', (chunk) => {
      output += chunk;
      sink.write(chunk);
    });
    collect(child.stdout, process.stdout);
    collect(child.stderr, process.stderr);
    child.on('error', (err) => resolve({ code: 127, output: output + String(err) }));
    child.on('close', (code, signal) => resolve({ code: signal ? 128 : code, output }));
  });
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const s of steps) console.log(s.name);
    return 0;
  }
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? new Set(args[onlyIndex + 1].split(',')) : null;
  let passed = 0;
  let failed = 0;
  const failedSteps = [];
  for (const step of steps) {
    if (only && !only.has(step.name)) continue;
    console.log(`\n=== ${step.name}`);
    let stepOk = true;
    let stepPassed = 0;
    let stepFailed = 0;
    let counted = false;
    for (const command of step.commands) {
      const result = await run(command, step.env || process.env);
      const counts = parseCounts(result.output);
      if (counts) {
        stepPassed += counts.passed;
        stepFailed += counts.failed;
        counted = true;
      }
      if (result.code !== 0) {
        stepOk = false;
        break;
      }
    }
    if (!stepOk) failedSteps.push(step.name);
    // A step without countable tests (a build, a linter) counts as one check,
    // and a failing step always counts at least one failure.
    if (!counted) {
      if (stepOk) stepPassed = 1; else stepFailed = 1;
    } else if (!stepOk && stepFailed === 0) {
      stepFailed = 1;
    }
    passed += stepPassed;
    failed += stepFailed;
  }
  console.log(`\nsteps failed: ${failedSteps.length ? failedSteps.join(', ') : 'none'}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failedSteps.length === 0 && failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
