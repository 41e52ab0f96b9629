'use strict';
// Error codes are defined once, in core/errors.h; <rcp/rcp_errors.h> and
// errors.ets must agree with it (tools/native/check-error-codes.js). Each case
// below copies the real files, changes one thing, and expects the check to
// name exactly that change.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  arkTsName,
  cName,
  checkErrorCodes,
  defaultFiles,
  readArkTsCodes,
  readCCodes,
  readCoreCodes,
} = require('../check-error-codes');

/**
 * Runs the check on copies of the real files after `edits` ({ place: [from, to] }
 * with place core, messages, c or arkts); each edit must change its file. Extra
 * native sources go in `sources` ({ 'capi/x.cpp': text }).
 */
function checkEditedCopy(edits, sources = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcp-error-codes-'));
  try {
    const files = {};
    for (const [place, original] of Object.entries(defaultFiles)) {
      let text = fs.readFileSync(original, 'utf8');
      for (const [from, to] of edits[place] || []) {
        assert.ok(text.includes(from), `${path.basename(original)} no longer contains ${JSON.stringify(from)}`);
        text = text.replace(from, to);
      }
      files[place] = path.join(dir, `${place}-${path.basename(original)}`);
      fs.writeFileSync(files[place], text);
    }
    const sourceRoot = path.join(dir, 'cpp');
    for (const [name, text] of Object.entries(sources)) {
      fs.mkdirSync(path.dirname(path.join(sourceRoot, name)), { recursive: true });
      fs.writeFileSync(path.join(sourceRoot, name), text);
    }
    return checkErrorCodes(files, sourceRoot);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('error codes: the three places agree', () => {
  it('core/errors.h, rcp_errors.h, errors.ets and errors.cpp agree, and unreported codes are unused', () => {
    assert.deepEqual(checkErrorCodes(), []);
  });

  it('reads each place', () => {
    const core = new Map(readCoreCodes(defaultFiles.core).map((code) => [code.name, code]));
    assert.deepEqual([core.get('kSessionClosed').value, core.get('kSessionClosed').section], [1007900993, 'reports']);
    assert.deepEqual([core.get('kParameterError').value, core.get('kParameterError').section], [401, 'reports']);
    assert.deepEqual([core.get('kPermissionDenied').value, core.get('kPermissionDenied').section], [201, 'never']);
    assert.equal(core.get('kTransportBase').section, 'base');
    assert.equal(readCCodes(defaultFiles.c).get('RCP_ERR_SESSION_CLOSED').value, 1007900993);
    assert.equal(readArkTsCodes(defaultFiles.arkts).get('SESSION_CLOSED').value, 1007900993);
  });

  it('derives the C and ArkTS names from the core constant', () => {
    assert.equal(cName('kSessionClosed'), 'RCP_ERR_SESSION_CLOSED');
    assert.equal(cName('kWriteError'), 'RCP_ERR_WRITE');
    assert.equal(cName('kCouldntResolveHost'), 'RCP_ERR_COULDNT_RESOLVE_HOST');
    assert.equal(cName('kOk'), 'RCP_ERR_NONE');
    assert.equal(arkTsName('kWriteError'), 'WRITE_ERROR');
    assert.equal(arkTsName('kBadDnsRule'), 'BAD_DNS_RULE');
    assert.equal(arkTsName('kOk'), null);
  });

  it('every code the engine reports is in the C header and in ArkTS', () => {
    const c = readCCodes(defaultFiles.c);
    const arkts = readArkTsCodes(defaultFiles.arkts);
    const reported = readCoreCodes(defaultFiles.core).filter((code) => code.section === 'reports');
    assert.ok(reported.length >= 20);
    for (const code of reported) {
      assert.equal(c.get(cName(code.name))?.value, code.value, code.name);
      assert.equal(arkts.get(arkTsName(code.name))?.value, code.value, code.name);
    }
  });
});

describe('error codes: a copy with one change fails', () => {
  it('a number changed in the C header', () => {
    const problems = checkEditedCopy({ c: [['RCP_ERR_SESSION_CLOSED 1007900993U', 'RCP_ERR_SESSION_CLOSED 1007900995U']] });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /^rcp_errors\.h:\d+: RCP_ERR_SESSION_CLOSED is 1007900995, core\/errors\.h has kSessionClosed = 1007900993$/);
  });

  it('a number changed in ArkTS', () => {
    const problems = checkEditedCopy({ arkts: [['SESSION_LIMIT: number = 1007900994', 'SESSION_LIMIT: number = 1007900984']] });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /errors\.ets ErrorCode:\d+: SESSION_LIMIT is 1007900984, core\/errors\.h has kSessionLimit = 1007900994/);
  });

  it('a number changed in the engine: both other places disagree', () => {
    const problems = checkEditedCopy({ core: [['kTimeout = kTransportBase + 28;', 'kTimeout = kTransportBase + 29;']] });
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0], /RCP_ERR_TIMEOUT is 1007900028, core\/errors\.h has kTimeout = 1007900029/);
    assert.match(problems[1], /TIMEOUT is 1007900028, core\/errors\.h has kTimeout = 1007900029/);
  });

  it('a name changed in ArkTS', () => {
    const problems = checkEditedCopy({ arkts: [['static readonly TIMEOUT:', 'static readonly TIMED_OUT:']] });
    assert.deepEqual(problems.map((p) => p.replace(/:\d+:/, ':N:')), [
      'errors.ets ErrorCode: missing TIMEOUT (1007900028, core kTimeout)',
      'errors.ets ErrorCode:N: TIMED_OUT (1007900028) has no constant in core/errors.h',
    ]);
  });

  it('a reported code missing from the C header', () => {
    const problems = checkEditedCopy({ c: [['#define RCP_ERR_RECEIVE 1007900056U\n', '']] });
    assert.deepEqual(problems, ['rcp_errors.h: missing RCP_ERR_RECEIVE (1007900056, core kReceiveError)']);
  });

  it('a code added to the engine alone', () => {
    const added = 'constexpr uint32_t kCannotOpenFile = kTransportBase + 988;\n';
    const problems = checkEditedCopy({
      core: [[added, `${added}constexpr uint32_t kStalled = kTransportBase + 989;\n`]],
    });
    assert.deepEqual(problems, [
      'rcp_errors.h: missing RCP_ERR_STALLED (1007900989, core kStalled)',
      'errors.ets ErrorCode: missing STALLED (1007900989, core kStalled)',
      'core/errors.cpp: errorMessage() has no case kStalled (1007900989)',
    ]);
  });

  it('two names for one number in the engine', () => {
    const problems = checkEditedCopy({
      core: [['kInternalError = kTransportBase + 999;', 'kInternalError = kTransportBase + 998;']],
    });
    assert.ok(problems.includes('core/errors.h: kMethodNotSupported and kInternalError are both 1007900998'), problems.join('\n'));
  });

  it('a message case written as a number instead of a name', () => {
    const problems = checkEditedCopy({
      messages: [['case kCannotCreateDirectory:', 'case kTransportBase + 987:']],
    });
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0], /no case kCannotCreateDirectory/);
    assert.match(problems[1], /case kTransportBase \+ 987: name the code in core\/errors\.h and use the name/);
  });

  it('a code of the "never reports" section used by a native source', () => {
    const problems = checkEditedCopy({}, { 'capi/files.cpp': '// x\nuint32_t f() { return core::kFileSystemError; }\n' });
    assert.deepEqual(problems, [
      'capi/files.cpp:2 uses kFileSystemError, listed under "Kit codes rcplib never reports": ' +
        'move it to "Codes rcplib reports"',
    ]);
  });
});
