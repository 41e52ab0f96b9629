'use strict';
// Runs the ArkTS linter CLI on fixtures: valid ArkTS passes, each forbidden construct is an error.

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('../../ets/paths');

const lintJs = path.join(repoRoot, 'tools', 'lint', 'arkts-lint.js');
const fixtures = 'tools/lint/fixtures';

function lint(files) {
  return spawnSync(process.execPath, [lintJs, ...files], { cwd: repoRoot, encoding: 'utf8', timeout: 120000 });
}

function etsFilesUnder(relativeDir) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
      const child = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(child);
      } else if (entry.name.endsWith('.ets')) {
        found.push(child);
      }
    }
  };
  walk(relativeDir);
  return found;
}

test('valid_arkts_passes', () => {
  const result = lint([`${fixtures}/valid.ets`]);
  assert.equal(result.stdout, 'arkts-lint: 1 files linted, 0 errors, 0 warnings\n', result.stderr);
  assert.equal(result.status, 0);
});

test('any_is_an_error', () => {
  const result = lint([`${fixtures}/uses-any.ets`]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /^tools\/lint\/fixtures\/uses-any\.ets:1:33 error .*\(arkts-no-any-unknown\)$/m);
  assert.match(result.stdout, /^tools\/lint\/fixtures\/uses-any\.ets:1:39 error .*\(arkts-no-any-unknown\)$/m);
});

test('an_untyped_object_literal_is_an_error', () => {
  const result = lint([`${fixtures}/untyped-object-literal.ets`]);
  assert.equal(result.status, 1);
  assert.match(
    result.stdout,
    /^tools\/lint\/fixtures\/untyped-object-literal\.ets:2:17 error .*\(arkts-no-untyped-obj-literals\)$/m
  );
});

test('destructuring_is_an_error', () => {
  const result = lint([`${fixtures}/destructuring.ets`]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /^tools\/lint\/fixtures\/destructuring\.ets:2:9 error .*\(arkts-no-destruct-decls\)$/m);
});

test('a_type_error_is_reported_like_a_device_build_would', () => {
  const result = lint([`${fixtures}/type-mismatch.ets`]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /^tools\/lint\/fixtures\/type-mismatch\.ets:2:9 error .*\(TS2322\)$/m);
});

test('errors_are_counted_over_all_files_given', () => {
  const files = ['valid', 'uses-any', 'untyped-object-literal', 'destructuring'].map((name) => `${fixtures}/${name}.ets`);
  const result = lint(files);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /^arkts-lint: 4 files linted, 4 errors, 0 warnings$/m);
  assert.doesNotMatch(result.stdout, /valid\.ets:/);
});

test('hypium_and_ets_runner_fixtures_are_valid_arkts', () => {
  const files = [...etsFilesUnder('tools/hypium/fixtures'), ...etsFilesUnder('tools/ets/fixtures/program')];
  assert.ok(files.length >= 10, `found ${files.length} fixture files`);
  const result = lint(files);
  assert.equal(result.stdout, `arkts-lint: ${files.length} files linted, 0 errors, 0 warnings\n`);
  assert.equal(result.status, 0);
});

test('a_missing_file_is_a_usage_error', () => {
  const result = lint([`${fixtures}/no-such-file.ets`]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /no such file/);
});

test('a_call_the_sdk_declares_throws_outside_a_try_block_is_warned_as_TS28040', () => {
  const result = lint([`${fixtures}/throws-unhandled.ets`]);
  assert.equal(result.status, 0, result.stdout);
  assert.match(result.stdout,
    /^tools\/lint\/fixtures\/throws-unhandled\.ets:6:10 warning Function may throw exceptions\. .*\(TS28040\)$/m);
  assert.match(result.stdout, /^arkts-lint: 1 files linted, 0 errors, 1 warnings$/m);
});

test('a_typescript_file_is_type_checked', () => {
  const result = lint([`${fixtures}/type-mismatch.ts`]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /^tools\/lint\/fixtures\/type-mismatch\.ts:2:14 error .*\(TS2322\)$/m);
});

test('typescript_sources_under_src_main_ets_are_collected_and_build_scripts_are_not', () => {
  const { collectSourceFiles } = require('../arkts-lint');
  const found = collectSourceFiles(path.join(repoRoot, 'rcplib'), []).map((file) =>
    path.relative(repoRoot, file).split(path.sep).join('/'));
  assert.ok(found.includes('rcplib/src/main/ets/header_types.ts'), found.join('\n'));
  assert.ok(found.includes('rcplib/Index.ets'));
  assert.ok(!found.includes('rcplib/hvigorfile.ts'));
});
