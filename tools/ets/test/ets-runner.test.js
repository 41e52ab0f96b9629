'use strict';
// Runs ArkTS fixture programs through `tools/ets/run.js` and checks what a user of `npm run ets` sees.

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { bundleEts } = require('../build');
const { repoRoot } = require('../paths');

const runJs = path.join(repoRoot, 'tools', 'ets', 'run.js');
const fixtures = path.join(repoRoot, 'tools', 'ets', 'fixtures');

function runEts(args, extraEnv = {}) {
  // Settings from the caller's shell must not change what the fixtures print.
  const env = { ...process.env };
  delete env.RCP_HILOG_SHOW_PRIVATE;
  delete env.RCP_ADDON;
  Object.assign(env, extraEnv);
  return spawnSync(process.execPath, [runJs, ...args], { cwd: repoRoot, env, encoding: 'utf8', timeout: 60000 });
}

function lineOf(file, needle) {
  return fs.readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(needle)) + 1;
}

test('runs_an_ets_program_with_its_args_and_exit_code', () => {
  // The addon path points nowhere: a program that never imports librcp.so must not care.
  const result = runEts([path.join(fixtures, 'program', 'main.ets'), 'world', '3'], {
    RCP_ADDON: '/nonexistent/rcp.node',
  });
  assert.equal(result.status, 3, result.stderr);
  const lines = result.stdout.trim().split('\n');
  assert.equal(lines[0], 'hello, world', 'class imported extensionless from greeting.ets');
  assert.equal(lines[1], 'args=world|3');
  assert.equal(lines[2], 'bytes=6 decoded=héllo', 'util.TextEncoder/TextDecoder round trip');
  assert.match(lines[3], /^uuid=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('hilog_writes_to_stderr_and_hides_private_arguments', () => {
  const hidden = runEts([path.join(fixtures, 'program', 'main.ets'), 'x']);
  assert.equal(hidden.status, 0, hidden.stderr);
  assert.match(hidden.stderr, /^I A03200\/fixture: public=shown private=<private> bare=<private>$/m);
  assert.doesNotMatch(hidden.stdout, /fixture:/);

  const shown = runEts([path.join(fixtures, 'program', 'main.ets'), 'x'], { RCP_HILOG_SHOW_PRIVATE: '1' });
  assert.match(shown.stderr, /^I A03200\/fixture: public=shown private=42 bare=hidden$/m);
});

test('an_uncaught_error_fails_the_run_with_a_stack_at_the_ets_line', () => {
  const mainEts = path.join(fixtures, 'program', 'main.ets');
  const result = runEts([mainEts, 'world', '0', 'throw']);
  assert.equal(result.status, 1);
  const throwLine = lineOf(mainEts, "throw new Error('thrown from main.ets')");
  assert.ok(result.stderr.includes('Error: thrown from main.ets'), result.stderr);
  assert.ok(result.stderr.includes(`${mainEts}:${throwLine}:`), result.stderr);
});

test('librcp_so_loads_the_addon_named_by_RCP_ADDON', () => {
  const result = runEts([path.join(fixtures, 'native', 'main.ets')], {
    RCP_ADDON: path.join(fixtures, 'native', 'fake-addon.js'),
  });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.trim(), 'native says fake addon loaded');
});

test('importing_librcp_so_without_an_addon_names_the_missing_file', () => {
  const result = runEts([path.join(fixtures, 'native', 'main.ets')], { RCP_ADDON: '/nonexistent/rcp.node' });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /librcp\.so: the host build of the native module was not found at \/nonexistent\/rcp\.node/);
  assert.equal(result.stdout, '');
});

test('a_kit_without_a_host_shim_is_a_build_error_that_says_where_to_add_it', () => {
  const result = runEts([path.join(fixtures, 'missing-shim', 'main.ets')]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /no host shim for '@kit\.NoSuchKit': add tools\/shims\/@kit\.NoSuchKit\.js/);
  assert.match(result.stderr, /missing-shim\/main\.ets:1:/);
});

test('a_missing_file_is_a_usage_error', () => {
  const result = runEts(['no/such/file.ets']);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /no such file/);
});

test('bundleEts_resolves_rcplib_to_its_index', async () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcplib-ets-test-'));
  try {
    const outFile = path.join(outDir, 'main.js');
    await bundleEts(path.join(fixtures, 'rcplib-import', 'main.ets'), outFile, {
      rcplibIndex: path.join(fixtures, 'rcplib-import', 'fake-rcplib', 'Index.ets'),
    });
    const result = spawnSync(process.execPath, [outFile], { encoding: 'utf8', timeout: 60000 });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'imported fake rcplib');
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
});

test('bundleEts_gives_rcplib_default_import_the_same_namespace_as_the_named_one', async () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcplib-ets-test-'));
  try {
    const outFile = path.join(outDir, 'main.js');
    await bundleEts(path.join(fixtures, 'rcplib-default-import', 'main.ets'), outFile, {
      rcplibIndex: path.join(fixtures, 'rcplib-default-import', 'fake-rcplib', 'Index.ets'),
    });
    const result = spawnSync(process.execPath, [outFile], { encoding: 'utf8', timeout: 60000 });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'default fake rcplib, same namespace true');
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
});
