'use strict';
// tools/native/check-napi-symbols.js without a build: the levels file and
// build-profile.json5 are read as written, and an import passes only when
// OpenHarmony exports it at the project's compatibleSdkVersion. The check of
// the real addon is in module-contract.test.js.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const JSON5 = require('json5');
const {
  checkImports,
  readCompatibleSdk,
  readSymbolLevels,
  defaultLevelsFile,
} = require('../check-napi-symbols');

const fixtures = path.join(__dirname, '..', 'fixtures', 'napi-levels');
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const fixtureLevels = () => readSymbolLevels(path.join(fixtures, 'levels.tsv'));
const api19 = () => readCompatibleSdk(path.join(fixtures, 'build-profile-harmonyos.json5'));

describe('check-napi-symbols: API levels', () => {
  it('passes functions from every release, below the compatible level and at it', () => {
    const result = checkImports(['napi_in_every_release', 'napi_below_level', 'napi_at_level'], fixtureLevels(), api19());
    assert.deepEqual(result, { missing: [], tooNew: [] });
  });

  it('fails a function whose API level is above compatibleSdkVersion', () => {
    const result = checkImports(['napi_at_level', 'napi_above_level'], fixtureLevels(), api19());
    assert.deepEqual(result, { missing: [], tooNew: [{ name: 'napi_above_level', level: '20' }] });
  });

  it('fails a function OpenHarmony does not export at all', () => {
    const result = checkImports(['napi_at_level', 'napi_adjust_external_memory'], fixtureLevels(), api19());
    assert.deepEqual(result, { missing: ['napi_adjust_external_memory'], tooNew: [] });
  });

  it('compares a level known only as a release with the compatible release', () => {
    const levels = fixtureLevels();
    assert.deepEqual(checkImports(['napi_release_only'], levels, api19()).tooNew, [
      { name: 'napi_release_only', level: '26.1.0' },
    ]);
    const newer = { apiLevel: 40, release: [26, 1, 0], text: '26.1.0(40)' };
    assert.deepEqual(checkImports(['napi_release_only'], levels, newer).tooNew, []);
    // An OpenHarmony level has no release to compare with, so it cannot be shown to exist.
    const bareLevel = { apiLevel: 40, release: null, text: '40' };
    assert.equal(checkImports(['napi_release_only'], levels, bareLevel).tooNew.length, 1);
  });

  it('takes the oldest compatibleSdkVersion of all products, in either spelling', () => {
    assert.equal(api19().apiLevel, 19);
    const openHarmony = readCompatibleSdk(path.join(fixtures, 'build-profile-openharmony.json5'));
    assert.equal(openHarmony.apiLevel, 12);
    assert.deepEqual(checkImports(['napi_below_level', 'napi_at_level'], fixtureLevels(), openHarmony).tooNew, [
      { name: 'napi_at_level', level: '19' },
    ]);
  });

  it('reads the project\'s own compatibleSdkVersion from build-profile.json5', () => {
    const profile = JSON5.parse(fs.readFileSync(path.join(repoRoot, 'build-profile.json5'), 'utf8'));
    const written = profile.app.products[0].compatibleSdkVersion;
    const compatible = readCompatibleSdk();
    assert.equal(compatible.text, String(written));
    assert.equal(compatible.apiLevel, Number(/\((\d+)\)$/.exec(written)[1]));
  });
});

describe('check-napi-symbols: the levels file', () => {
  it('holds every exported function with its level, in the repository', () => {
    const levels = readSymbolLevels(defaultLevelsFile);
    assert.ok(levels.size > 150, `only ${levels.size} functions`);
    assert.equal(levels.get('napi_wrap'), null, 'in every release');
    assert.equal(levels.get('napi_create_threadsafe_function'), null);
    assert.equal(levels.get('napi_fatal_exception').apiLevel, 12);
    assert.equal(levels.get('napi_wrap_enhance').apiLevel, 18);
    assert.equal(levels.get('napi_throw_business_error').apiLevel, 23);
    assert.deepEqual(levels.get('napi_get_global_handle_count').release, [26, 1, 0]);
    assert.equal(levels.has('napi_adjust_external_memory'), false, 'OpenHarmony does not export it');
  });

  it('refuses a malformed line or a function listed twice, naming the line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcp-levels-'));
    try {
      const malformed = path.join(dir, 'malformed.tsv');
      fs.writeFileSync(malformed, '# header\nnapi_wrap\t\nnapi_unwrap\tnineteen\n');
      assert.throws(() => readSymbolLevels(malformed), /malformed\.tsv:3: expected/);
      const twice = path.join(dir, 'twice.tsv');
      fs.writeFileSync(twice, 'napi_wrap\t\nnapi_wrap\t12\n');
      assert.throws(() => readSymbolLevels(twice), /twice\.tsv:2: napi_wrap is listed twice/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
