'use strict';
// The module's outward contract: its exports match index.d.ts both ways, and
// it imports only Node-API functions that OpenHarmony exports.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { declaredExports, actualExports, compareExports, declarationFile } = require('../check-exports');
const { checkAddon, readAllowedSymbols, allowedListFile } = require('../check-napi-symbols');
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
  it('the addon imports only functions OpenHarmony exports', () => {
    const { imported, missing } = checkAddon(addonPath);
    assert.ok(imported.includes('napi_create_threadsafe_function'), 'the imports were read');
    assert.ok(imported.includes('napi_module_register'));
    assert.deepEqual(missing, []);
  });

  it('the list committed beside the checker matches the reference list when both exist', () => {
    const bundled = path.join(__dirname, '..', 'ohos-napi-symbols.txt');
    const bundledNames = readAllowedSymbols(bundled);
    assert.ok(bundledNames.has('napi_wrap'));
    assert.equal(bundledNames.has('napi_adjust_external_memory'), false);
    if (allowedListFile() !== bundled) {
      assert.deepEqual([...readAllowedSymbols(allowedListFile())].sort(), [...bundledNames].sort());
    }
  });

  it('flags an import missing from the list', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcp-symbols-'));
    try {
      const list = path.join(dir, 'list.txt');
      const everythingButWrap = [...readAllowedSymbols()].filter((name) => name !== 'napi_wrap');
      fs.writeFileSync(list, `${everythingButWrap.join('\n')}\n`);
      assert.deepEqual(checkAddon(addonPath, list).missing, ['napi_wrap']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
