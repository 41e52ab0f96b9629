#!/usr/bin/env node
'use strict';
// Runs hypium suites (each a List.test.ets) on Node and ends with one `N passed, N failed` line.
//
//   node tools/hypium/run.js --suite path/to/List.test.ets [--suite ...] [--param key=value ...]
//                            [--suite-timeout-ms N] [--verbose]
//
// `--param key=value` reaches the suite as AbilityDelegatorArgs.parameters['-s key'], the form
// `aa test ... -s key value` produces on a device; hypium's own keys (timeout, class, ...) work the same way.

const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const JSON5 = require('json5');
const { bundleEts } = require('../ets/build');
const { repoRoot, resolveUserPath, displayPath } = require('../ets/paths');

const defaultSuiteTimeoutMs = 5 * 60 * 1000;
const suiteHost = path.join(__dirname, 'suite-host.js');

function usage(message) {
  process.stderr.write(
    `${message}\nusage: node tools/hypium/run.js --suite List.test.ets [--suite ...] ` +
      '[--param key=value ...] [--suite-timeout-ms N] [--verbose]\n'
  );
  process.exit(2);
}

function parseArgs(argv) {
  const options = { suites: [], parameters: {}, suiteTimeoutMs: defaultSuiteTimeoutMs, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const needValue = () => {
      if (i + 1 >= argv.length) {
        usage(`${flag} needs a value`);
      }
      return argv[++i];
    };
    if (flag === '--suite') {
      options.suites.push(resolveUserPath(needValue()));
    } else if (flag === '--param') {
      const pair = needValue();
      const separator = pair.indexOf('=');
      if (separator <= 0) {
        usage(`--param expects key=value, got '${pair}'`);
      }
      options.parameters[`-s ${pair.slice(0, separator)}`] = pair.slice(separator + 1);
    } else if (flag === '--suite-timeout-ms') {
      options.suiteTimeoutMs = Number(needValue());
      if (!Number.isInteger(options.suiteTimeoutMs) || options.suiteTimeoutMs <= 0) {
        usage('--suite-timeout-ms expects a positive integer');
      }
    } else if (flag === '--verbose') {
      options.verbose = true;
    } else {
      usage(`unknown argument '${flag}'`);
    }
  }
  if (options.suites.length === 0) {
    usage('no --suite given');
  }
  return options;
}

// The device reports the app's bundle name in AbilityDelegatorArgs; the host uses the same one.
function readBundleName() {
  try {
    const appConfig = JSON5.parse(fs.readFileSync(path.join(repoRoot, 'AppScope', 'app.json5'), 'utf8'));
    return appConfig.app.bundleName;
  } catch {
    return 'rcplib.host';
  }
}

function makeAppContext(dir) {
  const context = {};
  for (const [field, name] of [
    ['filesDir', 'files'],
    ['cacheDir', 'cache'],
    ['tempDir', 'temp'],
    ['databaseDir', 'database'],
    ['preferencesDir', 'preferences'],
  ]) {
    context[field] = path.join(dir, name);
    fs.mkdirSync(context[field], { recursive: true });
  }
  return context;
}

/** Runs one bundled suite in a child process; resolves to { passed, failed, problems }. */
function runBundle(bundleFile, childConfig, suiteTimeoutMs) {
  return new Promise((resolve) => {
    const tally = { pass: 0, fail: 0 };
    const problems = [];
    let result = null;
    let timedOut = false;

    const child = fork(bundleFile, [JSON.stringify(childConfig)], {
      execArgv: ['--enable-source-maps'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // The per-test timeout cannot stop a test that blocks the event loop; this bound can.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, suiteTimeoutMs);

    child.on('message', (message) => {
      if (message.type === 'case') {
        if (message.outcome === 'pass') {
          tally.pass++;
        } else if (message.outcome === 'fail' || message.outcome === 'error') {
          tally.fail++;
        }
      } else if (message.type === 'result') {
        result = message;
      }
    });

    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      let passed = tally.pass;
      let failed = tally.fail;
      if (result && result.summary) {
        passed = result.summary.pass;
        failed = result.summary.failure + result.summary.error;
      }
      if (result) {
        problems.push(...result.extraFailures);
      } else if (timedOut) {
        problems.push(`the suite did not finish within ${suiteTimeoutMs} ms and was stopped`);
      } else {
        problems.push(`the suite process ended without a result (exit code ${code}, signal ${signal})`);
      }
      resolve({ passed, failed: failed + problems.length, problems });
    });
  });
}

async function runSuite(suiteFile, options, workDir, index) {
  const label = displayPath(suiteFile);
  process.stdout.write(`hypium: running ${label}\n`);
  if (!fs.existsSync(suiteFile)) {
    return { passed: 0, failed: 1, problems: [`no such suite file: ${suiteFile}`] };
  }
  const bundleFile = path.join(workDir, `suite-${index}.js`);
  try {
    await bundleEts(suiteHost, bundleFile, { aliases: { 'rcplib-hypium-suite': suiteFile } });
  } catch (error) {
    return { passed: 0, failed: 1, problems: [error.message] };
  }
  const childConfig = {
    bundleName: readBundleName(),
    parameters: { '-s unittest': 'OpenHarmonyTestRunner', ...options.parameters },
    appContext: makeAppContext(path.join(workDir, `app-${index}`)),
    verbose: options.verbose,
  };
  return runBundle(bundleFile, childConfig, options.suiteTimeoutMs);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcplib-hypium-'));
  let passed = 0;
  let failed = 0;
  try {
    for (const [index, suiteFile] of options.suites.entries()) {
      const outcome = await runSuite(suiteFile, options, workDir, index);
      for (const problem of outcome.problems) {
        process.stdout.write(`hypium: FAILED ${displayPath(suiteFile)}: ${problem}\n`);
      }
      process.stdout.write(
        `hypium: ${displayPath(suiteFile)}: passed ${outcome.passed}, failed ${outcome.failed}\n`
      );
      passed += outcome.passed;
      failed += outcome.failed;
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  if (passed + failed === 0) {
    process.stdout.write('hypium: no test ran, which counts as a failure of the run\n');
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.stdout.write('0 passed, 1 failed\n');
  process.exitCode = 1;
});
