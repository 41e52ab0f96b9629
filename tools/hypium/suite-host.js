'use strict';
// Entry point of one suite's bundle: runs the suite's List.test.ets through hypium in a child process
// and sends the outcome to tools/hypium/run.js over the IPC channel.

const { Hypium, Core } = require('@ohos/hypium');
const { setTestHost } = require('../shims/internal/test-host.js');
const { HostAbilityDelegator, ReportReader } = require('./host-delegator.js');

const config = JSON.parse(process.argv[2]);
const reader = new ReportReader();
// Failures hypium's own summary does not count: load errors, afterAll errors, stray async errors.
const extraFailures = [];

function send(message) {
  return new Promise((resolve) => {
    if (typeof process.send === 'function') {
      process.send(message, () => resolve());
    } else {
      resolve();
    }
  });
}

function describeError(error) {
  return error && error.stack ? error.stack : String(error);
}

// hypium logs every step through console.info next to its report; only the report is kept unless --verbose.
function quietHypiumConsole() {
  const chatter = /^(\[Hypium\]|\n?OHOS_REPORT|\[suite (end|params)\]|\[spec params\]|break description)/;
  for (const method of ['log', 'info', 'debug']) {
    const original = console[method].bind(console);
    console[method] = (...args) => {
      if (typeof args[0] === 'string' && chatter.test(args[0])) {
        return;
      }
      original(...args);
    };
  }
}

function currentSpec() {
  const specService = Core.getInstance().getDefaultService('spec');
  return specService ? specService.getCurrentRunningSpec() : null;
}

// An error thrown from a callback or an unawaited promise fails the running test, or the suite if none runs.
function recordStrayError(error) {
  const spec = currentSpec();
  if (spec) {
    if (!spec.error && !spec.fail) {
      spec.error = error instanceof Error ? error : new Error(String(error));
    }
    process.stderr.write(`hypium: uncaught error during '${spec.description}':\n${describeError(error)}\n`);
    return;
  }
  extraFailures.push(`uncaught error outside any test: ${error && error.message ? error.message : error}`);
  process.stderr.write(`hypium: uncaught error outside any test:\n${describeError(error)}\n`);
}

function reportsError(suite, error) {
  return (
    suite.specs.some((spec) => spec.error === error || spec.fail === error) ||
    suite.childSuites.some((child) => reportsError(child, error))
  );
}

// hypium marks every test failed when beforeAll throws, but only notes an afterAll error in its log.
function unreportedHookErrors(suite) {
  const found = [];
  for (const child of suite.childSuites) {
    if (child.hookError && !reportsError(child, child.hookError)) {
      found.push(`hook error in suite '${child.description}': ${child.hookError.message}`);
    }
    found.push(...unreportedHookErrors(child));
  }
  return found;
}

async function finish(finishMessage) {
  const suiteService = Core.getInstance().getDefaultService('suite');
  if (suiteService) {
    extraFailures.push(...unreportedHookErrors(suiteService.rootSuite));
  }
  if (reader.summary === null) {
    extraFailures.push(`hypium finished without a result: ${finishMessage.trim()}`);
  }
  await send({ type: 'result', summary: reader.summary, extraFailures });
  process.exit(0);
}

async function main() {
  if (!config.verbose) {
    quietHypiumConsole();
  }
  process.on('uncaughtException', recordStrayError);
  process.on('unhandledRejection', recordStrayError);

  const delegator = new HostAbilityDelegator({
    appContext: config.appContext,
    output: process.stdout,
    onPrint: (message) => {
      const outcome = reader.read(message);
      if (outcome) {
        send({ type: 'case', outcome });
      }
    },
    onFinish: (message) => {
      finish(message);
    },
  });
  const args = {
    bundleName: config.bundleName,
    parameters: config.parameters,
    testCaseNames: '',
    testRunnerClassName: 'OpenHarmonyTestRunner',
  };
  setTestHost(delegator, args);

  try {
    const suiteModule = require('rcplib-hypium-suite');
    const testsuite = suiteModule.default;
    if (typeof testsuite !== 'function') {
      throw new Error('List.test.ets must `export default function testsuite()`');
    }
    Hypium.hypiumTest(delegator, args, testsuite);
  } catch (error) {
    process.stderr.write(`hypium: the suite failed to load:\n${describeError(error)}\n`);
    extraFailures.push(`suite failed to load: ${error && error.message ? error.message : error}`);
    await send({ type: 'result', summary: null, extraFailures });
    process.exit(0);
  }
}

main();
