'use strict';
// The module's outward contract: its exports match index.d.ts both ways, and
// it imports only Node-API functions that OpenHarmony exports at the
// project's compatibleSdkVersion.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { declaredExports, actualExports, compareExports, declarationFile } = require('../check-exports');
const { checkAddon, readCompatibleSdk, defaultLevelsFile } = require('../check-napi-symbols');
const { addonPath, loadAddon } = require('./native-harness');

describe('exports against index.d.ts', () => {
  it('declares functions and number constants and nothing the parser cannot classify', () => {
    const declared = declaredExports();
    assert.equal(declared.get('createSession'), 'function');
    assert.equal(declared.get('EVENT_COMPLETE'), 'number');
    assert.equal(declared.get('WANT_PROGRESS'), 'number');
    assert.equal(declared.has('NativeSession'), false, 'interfaces are types, not exports');
    assert.equal(declared.has('NativeEventHandler'), false, 'type aliases are types, not exports');
  });

  it('the addon exports exactly what index.d.ts declares, with the declared kinds', () => {
    assert.deepEqual(compareExports(declaredExports(), actualExports(addonPath)), []);
  });

  it('event types are distinct and eventMask bits are distinct single bits', () => {
    const addon = loadAddon();
    const declared = [...declaredExports().keys()];
    const eventTypes = declared.filter((name) => name.startsWith('EVENT_')).map((name) => addon[name]);
    assert.equal(new Set(eventTypes).size, eventTypes.length);
    const bits = declared.filter((name) => name.startsWith('WANT_')).map((name) => addon[name]);
    assert.ok(bits.every((bit) => Number.isInteger(bit) && bit > 0 && (bit & (bit - 1)) === 0));
    assert.equal(bits.reduce((all, bit) => all | bit, 0), bits.reduce((sum, bit) => sum + bit, 0));
  });

  it('reports missing, undeclared and mistyped exports', () => {
    const declared = new Map([['a', 'function'], ['b', 'number'], ['c', 'number']]);
    const actual = new Map([['a', 'function'], ['b', 'function'], ['d', 'number']]);
    assert.deepEqual(compareExports(declared, actual), [
      'b: declared number, exported function',
      'declared but not exported: c (number)',
      'exported but not declared: d (number)',
    ]);
  });

  it('parses `export const f: (...) => T` as a function and refuses types it cannot map', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcp-dts-'));
    try {
      const good = path.join(dir, 'good.d.ts');
      fs.writeFileSync(good, 'export const f: (a: string) => number;\nexport function g(): void;\ninterface I { x: number }\n');
      assert.deepEqual([...declaredExports(good)], [['f', 'function'], ['g', 'function']]);
      const bad = path.join(dir, 'bad.d.ts');
      fs.writeFileSync(bad, 'export const v: string[];\n');
      assert.throws(() => declaredExports(bad), /cannot tell the runtime kind/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the real declaration file', () => {
    assert.ok(fs.existsSync(declarationFile));
  });
});

describe('Node-API imports against the OpenHarmony export list', () => {
  it('the addon imports only functions OpenHarmony exports at the project\'s compatibleSdkVersion', () => {
    const { imported, missing, tooNew, compatible } = checkAddon(addonPath);
    assert.ok(imported.includes('napi_create_threadsafe_function'), 'the imports were read');
    assert.ok(imported.includes('napi_module_register'));
    assert.equal(compatible.apiLevel, readCompatibleSdk().apiLevel);
    assert.deepEqual(missing, []);
    assert.deepEqual(tooNew, []);
  });

  it('flags an import missing from the list', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcp-symbols-'));
    try {
      const list = path.join(dir, 'levels.tsv');
      const lines = fs.readFileSync(defaultLevelsFile, 'utf8').split('\n').filter((line) => !line.startsWith('napi_wrap\t'));
      fs.writeFileSync(list, lines.join('\n'));
      const { missing, tooNew } = checkAddon(addonPath, { levelsFile: list });
      assert.deepEqual(missing, ['napi_wrap']);
      assert.deepEqual(tooNew, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('flags an import newer than an older compatibleSdkVersion, and the command fails on it', () => {
    const oldProfile = path.join(__dirname, '..', 'fixtures', 'napi-levels', 'build-profile-api11.json5');
    const { imported, tooNew } = checkAddon(addonPath, { buildProfile: oldProfile });
    assert.ok(imported.includes('napi_fatal_exception'), 'the module uses an API 12 function');
    assert.deepEqual(tooNew, [{ name: 'napi_fatal_exception', level: '12' }]);
    const checker = path.join(__dirname, '..', 'check-napi-symbols.js');
    const run = spawnSync(process.execPath, [checker, addonPath, `--build-profile=${oldProfile}`], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /napi_fatal_exception: needs API 12, above compatibleSdkVersion 4\.1\.0\(11\)/);
    const passing = spawnSync(process.execPath, [checker, addonPath], { encoding: 'utf8' });
    assert.equal(passing.status, 0, passing.stderr);
  });
});
