'use strict';
// tools/native/check-layering.js: the real tree keeps the layering, each
// forbidden edge is reported at its file and line, and what a layer may use
// (or what only looks like an include) is not.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { checkLayering, includesOf } = require('../check-layering');

const fixtures = path.join(__dirname, '..', 'fixtures', 'layering');
const checker = path.join(__dirname, '..', 'check-layering.js');

function where(violation) {
  return `${violation.file}:${violation.line} ${violation.include}`;
}

describe('check-layering', () => {
  it('finds no forbidden include in rcplib/src/main/cpp', () => {
    const { filesChecked, violations } = checkLayering();
    assert.ok(filesChecked > 50, `only ${filesChecked} files were read`);
    assert.deepEqual(violations.map(where), []);
  });

  it('accepts every include a layer may use, and ignores tests, vendored code, comments and strings', () => {
    const { filesChecked, violations } = checkLayering(path.join(fixtures, 'clean'));
    assert.equal(filesChecked, 9, 'thirdparty/ is skipped, everything else is read');
    assert.deepEqual(violations.map(where), []);
  });

  it('reports each forbidden edge at its file and line', () => {
    const { violations } = checkLayering(path.join(fixtures, 'forbidden'));
    assert.deepEqual(violations.map(where).sort(), [
      'capi/includes_napi.cpp:2 napi/js_values.h', // capi -> napi/
      'capi/includes_node_api.cpp:3 node_api.h', // capi -> node_api.h
      'core/climbs_to_napi.cpp:2 ../napi/js_values.h', // core -> napi/ through ".."
      'core/includes_capi.cpp:3 capi/objects.h', // core -> capi/
      'core/includes_js_native_api.cpp:2 js_native_api.h', // core -> js_native_api.h
      'core/includes_napi.cpp:2 napi/env_state.h', // core -> napi/
      'core/includes_node_api.h:3 node_api.h', // core -> node_api.h
      'core/includes_ohos_napi.cpp:2 napi/native_api.h', // core -> the OHOS Node-API header
      'include/rcp/rcp.h:2 core/errors.h', // public header -> core/
      'napi/includes_capi.cpp:2 capi/objects.h', // napi -> capi/
      'napi/includes_curl.cpp:3 curl/curl.h', // napi -> curl/
    ]);
    const byFile = new Map(violations.map((violation) => [violation.file, violation]));
    assert.equal(byFile.get('napi/includes_curl.cpp').layer, 'napi');
    assert.match(byFile.get('napi/includes_curl.cpp').reason, /libcurl/);
    assert.match(byFile.get('core/includes_node_api.h').reason, /Node-API/);
  });

  it('reads includes in both spellings and skips the ones inside comments', () => {
    const text = [
      '#include "a.h"',
      '  #  include <b/c.h>',
      '// #include "d.h"',
      '/* #include "e.h"',
      '#include "f.h" */',
      'const char* s = "/*"; // not a comment opener',
      '#include <h.h>',
    ].join('\n');
    assert.deepEqual(includesOf(text), [
      { line: 1, spec: 'a.h', quoted: true },
      { line: 2, spec: 'b/c.h', quoted: false },
      { line: 7, spec: 'h.h', quoted: false },
    ]);
  });

  it('exits non-zero and lists file:line on the command line', () => {
    const failing = spawnSync(process.execPath, [checker, path.join(fixtures, 'forbidden')], { encoding: 'utf8' });
    assert.equal(failing.status, 1);
    assert.match(failing.stderr, /includes_curl\.cpp:3: napi\/ must not include "curl\/curl\.h"/);
    assert.match(failing.stderr, /11 forbidden include\(s\)/);
    const passing = spawnSync(process.execPath, [checker, path.join(fixtures, 'clean')], { encoding: 'utf8' });
    assert.equal(passing.status, 0, passing.stderr);
    assert.match(passing.stdout, /9 C\/C\+\+ files, no forbidden include/);
  });
});
