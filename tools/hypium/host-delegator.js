'use strict';
// A stand-in for the device's AbilityDelegator: the object hypium prints its report through and finishes with.

const { execFile } = require('node:child_process');

const statusCodePattern = /^OHOS_REPORT_STATUS_CODE: (-?\d+)$/m;
const resultPattern =
  /^OHOS_REPORT_RESULT: stream=Tests run: (\d+), Failure: (\d+), Error: (\d+), Pass: (\d+), Ignore: (\d+)$/m;

// hypium's OhReport status codes for a finished test case.
const outcomeByStatusCode = new Map([
  [0, 'pass'],
  [-1, 'error'],
  [-2, 'fail'],
  [-3, 'ignore'],
]);

/**
 * Reads hypium's report as it is printed: each finished test case and the final summary.
 * The report is the only output hypium guarantees, so counting from it matches what `aa test` shows.
 */
class ReportReader {
  constructor() {
    this.outcomes = [];
    this.summary = null;
  }

  /** Returns the outcome of a finished test case if `message` reports one, otherwise undefined. */
  read(message) {
    const summaryMatch = resultPattern.exec(message);
    if (summaryMatch) {
      const [total, failure, error, pass, ignore] = summaryMatch.slice(1).map(Number);
      this.summary = { total, failure, error, pass, ignore };
    }
    const statusMatch = statusCodePattern.exec(message);
    const outcome = statusMatch ? outcomeByStatusCode.get(Number(statusMatch[1])) : undefined;
    if (outcome) {
      this.outcomes.push(outcome);
    }
    return outcome;
  }
}

/**
 * Implements the AbilityDelegator calls hypium makes (print, printSync, finishTest, getAppContext,
 * executeShellCommand). `onPrint(message)` sees every report message; `onFinish(message, code)` runs once.
 */
class HostAbilityDelegator {
  constructor({ appContext, output, onPrint, onFinish }) {
    this.appContext = appContext;
    this.output = output;
    this.onPrint = onPrint;
    this.onFinish = onFinish;
    this.finished = false;
  }

  printSync(message) {
    // hypium pads each report block with newlines; trimming them keeps the report free of blank lines.
    const text = String(message).replace(/^\n+|\n+$/g, '');
    if (text !== '') {
      this.output.write(`${text}\n`);
    }
    this.onPrint(String(message));
  }

  print(message, callback) {
    this.printSync(message);
    return settle(callback, undefined);
  }

  finishTest(message, code, callback) {
    if (!this.finished) {
      this.finished = true;
      this.onFinish(String(message), code);
    }
    return settle(callback, undefined);
  }

  getAppContext() {
    return this.appContext;
  }

  executeShellCommand(command, timeoutSecs, callback) {
    if (typeof timeoutSecs === 'function') {
      callback = timeoutSecs;
      timeoutSecs = undefined;
    }
    const timeoutMs = typeof timeoutSecs === 'number' && timeoutSecs > 0 ? timeoutSecs * 1000 : 0;
    const result = new Promise((resolve) => {
      execFile('/bin/sh', ['-c', command], { timeout: timeoutMs }, (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ stdResult: `${stdout}${stderr}`, exitCode });
      });
    });
    if (typeof callback === 'function') {
      result.then((value) => callback(undefined, value));
      return undefined;
    }
    return result;
  }
}

// AbilityDelegator methods take an optional AsyncCallback and otherwise return a promise.
function settle(callback, value) {
  if (typeof callback === 'function') {
    callback(undefined, value);
    return undefined;
  }
  return Promise.resolve(value);
}

module.exports = { HostAbilityDelegator, ReportReader };
