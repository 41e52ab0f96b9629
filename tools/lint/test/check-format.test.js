'use strict';
// Runs tools/lint/check-format.js on small git work trees made for each test, with the repository's own
// .editorconfig and .clang-format: clean trees pass; each kind of violation fails and names its file.

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { globToRegExp, parseEditorConfig, editorConfigFor } = require('../check-format');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const checkJs = path.join(repoRoot, 'tools', 'lint', 'check-format.js');

const FORMATTED_CPP = [
  '// A fixture the repository\'s .clang-format leaves as it is.',
  '#include <string>',
  '',
  'namespace fixture {',
  '',
  'int twice(int value) { return value * 2; }',
  '',
  'std::string greeting(const std::string& name) { return "hello " + name; }',
  '',
  '}  // namespace fixture',
  '',
].join('\n');
const UNFORMATTED_CPP = FORMATTED_CPP.replace('int twice(int value) { return value * 2; }', 'int twice( int value ){return value*2;}');

const CLEAN_FILES = {
  'tools/example.js': "'use strict';\n\nmodule.exports = function twice(value) {\n  return value * 2;\n};\n",
  'README.md': '# Fixture\n\n1. A list item\n   continued under its text.\n',
  'build-profile.json5': '{\n  // a comment\n  "app": {}\n}\n',
  'run.sh': '#!/usr/bin/env bash\nif true; then\n  echo ok\nfi\n',
  'CMakeLists.txt': 'if(ON)\n  message(STATUS "ok")\nendif()\n',
  'rcplib/src/main/cpp/core/twice.cpp': FORMATTED_CPP,
  // Not a kind .editorconfig names, so its trailing space and missing newline are its own business.
  'LICENSE': 'Some licence text \nwithout a final newline',
};

// A git work tree holding `files` (all added to the index) and the repository's style files.
function makeTree(t, files, formattedGlobs = ['**']) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'check-format-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const all = {
    '.editorconfig': fs.readFileSync(path.join(repoRoot, '.editorconfig')),
    '.clang-format': fs.readFileSync(path.join(repoRoot, '.clang-format')),
    'tools/lint/clang-format-files.txt': ['# already formatted', ...formattedGlobs, ''].join('\n'),
    ...files,
  };
  for (const [name, content] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  const git = (...args) => {
    const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  };
  git('init', '-q');
  git('add', '--', ...Object.keys(all));
  return root;
}

function runCheck(root, ...args) {
  return spawnSync(process.execPath, [checkJs, '--root', root, ...args], { encoding: 'utf8', timeout: 60000 });
}

function assertFails(result, fileAndMessage) {
  assert.equal(result.status, 1, `expected a failure\n${result.stdout}${result.stderr}`);
  assert.match(result.stderr, fileAndMessage);
}

test('a clean tree passes, with the listed C++ file checked by clang-format', (t) => {
  const root = makeTree(t, CLEAN_FILES);
  const result = runCheck(root);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /format: 8 files checked against \.editorconfig, 1 against \.clang-format; all clean/);
});

test('trailing whitespace fails and names the file and line', (t) => {
  const root = makeTree(t, { ...CLEAN_FILES, 'tools/example.js': "'use strict';\n\nconst a = 1; \nmodule.exports = a;\n" });
  assertFails(runCheck(root), /^tools\/example\.js:3: trailing whitespace$/m);
});

test('a missing final newline fails', (t) => {
  const root = makeTree(t, { ...CLEAN_FILES, 'README.md': '# Fixture\n\nNo newline at the end' });
  assertFails(runCheck(root), /^README\.md:3: no newline at the end of the file$/m);
});

test('a tab in the indentation fails where the style indents with spaces', (t) => {
  const root = makeTree(t, { ...CLEAN_FILES, 'run.sh': '#!/usr/bin/env bash\nif true; then\n\techo ok\nfi\n' });
  assertFails(runCheck(root), /^run\.sh:3: tab in the indentation/m);
});

test('CRLF line ends and invalid UTF-8 fail', (t) => {
  const root = makeTree(t, {
    ...CLEAN_FILES,
    'build-profile.json5': '{\r\n  "app": {}\r\n}\r\n',
    'CMakeLists.txt': Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]),
  });
  const result = runCheck(root);
  assertFails(result, /^build-profile\.json5:1: carriage return/m);
  assert.match(result.stderr, /^CMakeLists\.txt: not valid UTF-8$/m);
});

test('a clang-format violation in a listed C++ file fails and names the file', (t) => {
  const root = makeTree(t, { ...CLEAN_FILES, 'rcplib/src/main/cpp/core/twice.cpp': UNFORMATTED_CPP });
  const result = runCheck(root);
  assertFails(result, /^rcplib\/src\/main\/cpp\/core\/twice\.cpp:6: not formatted by \.clang-format/m);
  assert.match(result.stderr, /clang-format used: .*clang-format version/);
});

test('a C++ file not yet in the formatted list is left to the later reformat', (t) => {
  const root = makeTree(t, { ...CLEAN_FILES, 'rcplib/src/main/cpp/core/twice.cpp': UNFORMATTED_CPP }, [
    'rcplib/src/main/cpp/napi/**',
  ]);
  const result = runCheck(root);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /0 against \.clang-format; all clean/);
});

test('untracked files are not checked', (t) => {
  const root = makeTree(t, CLEAN_FILES);
  fs.writeFileSync(path.join(root, 'scratch.js'), 'let x = 1;   \n\tno newline');
  assert.equal(runCheck(root).status, 0);
});

test('--fix-cpp formats every C/C++ file in scope, after which the check passes', (t) => {
  const root = makeTree(t, { ...CLEAN_FILES, 'rcplib/src/main/cpp/core/twice.cpp': UNFORMATTED_CPP });
  const fix = runCheck(root, '--fix-cpp');
  assert.equal(fix.status, 0, fix.stdout + fix.stderr);
  assert.match(fix.stdout, /on 1 files/);
  assert.equal(fs.readFileSync(path.join(root, 'rcplib/src/main/cpp/core/twice.cpp'), 'utf8'), FORMATTED_CPP);
  assert.equal(runCheck(root).status, 0);
});

test('globs and .editorconfig sections match the way EditorConfig reads them', () => {
  assert.ok(globToRegExp('rcplib/src/main/cpp/**/*.{h,cpp}').test('rcplib/src/main/cpp/core/session.h'));
  assert.ok(globToRegExp('rcplib/src/main/cpp/**/*.{h,cpp}').test('rcplib/src/main/cpp/a.cpp'));
  assert.ok(!globToRegExp('rcplib/src/main/cpp/**/*.{h,cpp}').test('rcplib/src/main/cpp/a.js'));
  assert.ok(!globToRegExp('bench/drivers/*.c').test('bench/drivers/sub/a.c'));
  const sections = parseEditorConfig('root = true\n[*]\ninsert_final_newline = true\n[*.md]\nindent_style = space\n' +
    '[.ci/run]\nindent_size = 2\n');
  assert.deepEqual(editorConfigFor('docs/deep/a.md', sections), {
    properties: { insert_final_newline: 'true', indent_style: 'space' },
    named: true,
  });
  assert.equal(editorConfigFor('.ci/run', sections).named, true);
  assert.equal(editorConfigFor('x/.ci/run', sections).named, false);
  assert.equal(editorConfigFor('LICENSE', sections).named, false);
});
