'use strict';
// Runs the hypium runner on fixture suites and checks its closing line, counts and exit code.

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { repoRoot } = require('../../ets/paths');

const runJs = path.join(repoRoot, 'tools', 'hypium', 'run.js');
const fixtures = path.join(repoRoot, 'tools', 'hypium', 'fixtures');
const summaryPattern = /^\d+ passed, \d+ failed$/;

function suite(name) {
  return path.join(fixtures, name, 'List.test.ets');
}

function runHypium(args) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [runJs, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120000,
  });
  const lines = result.stdout.trimEnd().split('\n');
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    lastLine: lines[lines.length - 1],
    summaryLines: lines.filter((line) => summaryPattern.test(line)),
    elapsedMs: Date.now() - started,
  };
}

function assertSummary(run, expected, expectedStatus) {
  assert.equal(run.lastLine, expected, `${run.stdout}\n${run.stderr}`);
  assert.deepEqual(run.summaryLines, [expected], 'exactly one summary line, and it is the last');
  assert.equal(run.status, expectedStatus);
}

test('passing_suite_reports_every_test_and_exits_zero', () => {
  const run = runHypium(['--suite', suite('passing'), '--param', 'greeting=hello']);
  assertSummary(run, '7 passed, 0 failed', 0);
  assert.match(run.stdout, /^OHOS_REPORT_RESULT: stream=Tests run: 7, Failure: 0, Error: 0, Pass: 7, Ignore: 0$/m);
  for (const name of ['awaits_in_an_async_test', 'finishes_when_done_is_called', 'awaits_then_calls_done']) {
    assert.match(run.stdout, new RegExp(`^OHOS_REPORT_STATUS: test=${name}$`, 'm'));
  }
});

test('param_reaches_the_suite_as_a_dash_s_parameter', () => {
  const run = runHypium(['--suite', suite('passing')]);
  assertSummary(run, '6 passed, 1 failed', 1);
  assert.match(run.stdout, /Error in reads_a_runner_parameter\nexpect undefined equals hello/);
});

test('failing_expectation_is_counted_and_exits_nonzero', () => {
  const run = runHypium(['--suite', suite('failing')]);
  assertSummary(run, '2 passed, 1 failed', 1);
  assert.match(run.stdout, /Error in fails_an_expectation\nexpect 2 equals 3/);
  assert.match(run.stderr, /Failing\.test\.ets:10:\d+/, 'stack points at the .ets line of the expectation');
});

test('counts_add_up_across_suites', () => {
  const run = runHypium(['--suite', suite('passing'), '--suite', suite('failing'), '--param', 'greeting=hello']);
  assertSummary(run, '9 passed, 1 failed', 1);
});

test('a_suite_that_throws_while_loading_fails_the_run', () => {
  const run = runHypium(['--suite', suite('load-error'), '--suite', suite('passing'), '--param', 'greeting=hello']);
  assertSummary(run, '7 passed, 1 failed', 1);
  assert.match(run.stdout, /suite failed to load: broken suite module/);
});

test('a_test_that_never_finishes_fails_by_timeout_and_the_next_one_runs', () => {
  const run = runHypium(['--suite', suite('hang'), '--param', 'timeout=300']);
  assertSummary(run, '1 passed, 1 failed', 1);
  assert.match(run.stdout, /Error in never_calls_done\nexecute timeout 300ms/);
});

test('a_suite_that_blocks_the_event_loop_is_stopped_by_the_suite_timeout', () => {
  const run = runHypium(['--suite', suite('busy'), '--suite-timeout-ms', '2000']);
  assertSummary(run, '1 passed, 1 failed', 1);
  assert.match(run.stdout, /did not finish within 2000 ms/);
  assert.ok(run.elapsedMs < 60000, `took ${run.elapsedMs} ms`);
});

test('an_afterAll_error_is_a_failure', () => {
  const run = runHypium(['--suite', suite('after-all-error')]);
  assertSummary(run, '1 passed, 1 failed', 1);
  assert.match(run.stdout, /hook error in suite 'after_all_error': cleanup failed/);
});

test('a_run_where_no_test_executes_fails', () => {
  const run = runHypium(['--suite', suite('empty')]);
  assertSummary(run, '0 passed, 0 failed', 1);
});

test('a_missing_suite_file_is_a_failure', () => {
  const run = runHypium(['--suite', path.join(fixtures, 'nowhere', 'List.test.ets')]);
  assertSummary(run, '0 passed, 1 failed', 1);
});
