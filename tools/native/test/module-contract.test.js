'use strict';
// The module's outward contract: its exports match index.d.ts both ways, the
// records of napi/boundary_table.h cross in the table's order both ways (the
// event factory it calls, the fetch() the generated ArkTS caller calls), and it
// imports only Node-API functions that OpenHarmony exports at the project's
// compatibleSdkVersion.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { declaredExports, actualExports, compareExports, declarationFile } = require('../check-exports');
const { checkAddon, readCompatibleSdk, defaultLevelsFile } = require('../check-napi-symbols');
const { parseTable, defaultPaths } = require('../gen-boundary');
const { bundleEts } = require('../../ets/build');
const { startTestServer } = require('../../testserver/server');
const {
  addonPath, loadAddon, compileLayer, compileExactly, sessionDefaults, recordedSession, startFetch, echoOf,
} = require('./native-harness');

const table = parseTable(fs.readFileSync(defaultPaths.table, 'utf8'));

describe('exports against index.d.ts', () => {
  it('declares functions and number constants and nothing the parser cannot classify', () => {
    const declared = declaredExports();
    assert.equal(declared.get('createSession'), 'function');
    assert.equal(declared.get('EVENT_COMPLETE'), 'number');
    assert.equal(declared.get('WANT_PROGRESS'), 'number');
    assert.equal(declared.get('WANT_TIME_INFO'), 'number');
    assert.equal(declared.get('compileLayer'), 'function');
    assert.equal(declared.has('compileOptions'), false);
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

  it('declares each enum of boundary_table.h as an object of its members', () => {
    const declared = declaredExports();
    for (const e of table.enums) {
      const members = e.members.map((member) => `${member.jsName}: number`).sort();
      assert.equal(declared.get(e.name), `object { ${members.join(', ')} }`);
    }
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

  it('compares an exported object\'s members with its interface', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcp-dts-'));
    try {
      const file = path.join(dir, 'enum.d.ts');
      fs.writeFileSync(file, 'interface M { readonly B: number; readonly A: number }\nexport const E: M;\n');
      const declared = declaredExports(file);
      assert.deepEqual([...declared], [['E', 'object { A: number, B: number }']]);
      assert.deepEqual(compareExports(declared, new Map([['E', 'object { A: number, B: number }']])), []);
      assert.deepEqual(compareExports(declared, new Map([['E', 'object { A: number, C: number }']])),
        ['E: declared object { A: number, B: number }, exported object { A: number, C: number }']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
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

describe('the module against boundary_table.h', () => {
  it('exports each enum as a frozen object holding exactly the table\'s members and values', () => {
    const addon = loadAddon();
    for (const e of table.enums) {
      const expected = Object.fromEntries(e.members.map((member) => [member.jsName, member.value]));
      assert.deepEqual({ ...addon[e.name] }, expected, e.name);
      assert.ok(Object.isFrozen(addon[e.name]), `${e.name} is frozen`);
    }
  });

  it('exports the members of each FLAT enum once more under their prefix', () => {
    const addon = loadAddon();
    for (const { enumName, prefix } of table.flatExports) {
      for (const member of table.enums.find((e) => e.name === enumName).members) {
        assert.equal(addon[`${prefix}${member.jsName}`], member.value, `${prefix}${member.jsName}`);
      }
    }
  });

  it('calls the event factory with one argument per field of the NativeEvent record', async () => {
    const addon = loadAddon();
    const fields = table.records.find((record) => record.name === 'NativeEvent').fields;
    const calls = [];
    let done;
    const completed = new Promise((resolve) => {
      done = resolve;
    });
    const limits = { maxConnectionsPerHost: 1, maxTotalConnections: 1 };
    const created = addon.createSession(limits, sessionDefaults(), () => done(), (...args) => {
      calls.push(args);
      return {};
    });
    assert.equal(created.code, 0);
    const ownLayer = compileLayer(addon, { connectTimeoutMs: 2000 });
    // Nothing listens on port 1: the fetch completes with an error, its only event.
    assert.equal(startFetch(created.session, { token: 7, url: 'http://127.0.0.1:1/', ownLayer }), 0);
    await completed;
    created.session.close();
    assert.equal(calls.length, 1);
    assert.equal(calls[0].length, fields.length);
    const slot = (name) => fields.findIndex((field) => field.name === name);
    assert.equal(calls[0][slot('token')], 7);
    assert.equal(calls[0][slot('type')], addon.EventType.COMPLETE);
    assert.ok(calls[0][slot('code')] > 0, 'an error code');
    assert.equal(typeof calls[0][slot('message')], 'string');
  });
});

describe('fetch() against boundary_table.h', () => {
  let servers;
  let workDir;
  let boundary;

  before(async () => {
    servers = await startTestServer();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcp-fetch-call-'));
    // The checked-in ArkTS file, as ArkTS code runs it.
    const bundle = path.join(workDir, 'native_boundary.js');
    await bundleEts(defaultPaths.arkts, bundle);
    boundary = require(bundle);
  });

  after(async () => {
    await servers.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  /**
   * callNativeSessionFetch (generated) of `call` on a recorded session: checks that it passes the
   * fields in the table's order and that the module accepts them; resolves with the completion.
   */
  async function fetchThrough(recorded, call) {
    const fields = table.records.find((record) => record.name === 'NativeFetchCall').fields.map((field) => field.name);
    assert.deepEqual(Object.keys(call).sort(), [...fields].sort(), 'the call sets every field of the record');
    let passed;
    const receiver = {
      fetch: (...args) => {
        passed = args;
        return recorded.session.fetch(...args);
      },
    };
    assert.equal(boundary.callNativeSessionFetch(receiver, call), 0);
    assert.deepEqual(passed, fields.map((name) => call[name]), 'the generated caller passes the table\'s order');
    const completion = await recorded.completion(call.token);
    assert.equal(completion.code, 0, completion.message);
    return completion;
  }

  /** A NativeFetchCall of a plain GET with nothing set; `fields` replaces fields (token and url at least). */
  const plainCall = (fields) => ({
    token: 0, url: '', method: 'GET', headers: [], cookies: [], ranges: [], body: [], defaultContentType: '',
    downloadPath: '', ownLayer: undefined, sessionLayer: undefined, eventMask: 0, ...fields,
  });

  it('reads each field of a NativeFetchCall that the generated callNativeSessionFetch passes where it belongs', async () => {
    const addon = loadAddon();
    const recorded = recordedSession(addon);
    const downloadPath = path.join(workDir, 'echo.json');
    try {
      // Every field is set to a value the request shows: a field read from another field's place
      // (the two layers, say, or two strings) changes what the server or the events see.
      const completion = await fetchThrough(recorded, {
        token: 41,
        url: `${servers.http}/echo?from=url`,
        method: 'POST',
        headers: ['x-from', 'headers'],
        cookies: ['from', 'cookies'],
        ranges: [],
        body: [{ kind: addon.BodySegmentKind.BYTES, data: 'from body' }],
        defaultContentType: 'text/x-from-default',
        downloadPath,
        // The request's layer stacks over the session's: timings are collected only when they are not swapped.
        ownLayer: compileExactly(addon, { collectTimeInfo: true }),
        sessionLayer: compileExactly(addon, { collectTimeInfo: false }),
        eventMask: addon.WantBits.STATUS,
      });
      assert.equal(completion.downloadedTo, downloadPath);
      assert.equal(completion.body, undefined);
      assert.equal(completion.timeInfo?.length, 7, 'ownLayer (timings on) stacks over sessionLayer (timings off)');
      assert.deepEqual(recorded.eventsOf(41).map((event) => event.type),
        [addon.EventType.STATUS, addon.EventType.DATA_END, addon.EventType.COMPLETE]);
      const echo = echoOf({ body: fs.readFileSync(downloadPath) });
      assert.equal(echo.method, 'POST');
      assert.equal(echo.path, '/echo');
      assert.deepEqual(echo.query, { from: 'url' });
      assert.deepEqual(echo.header('x-from'), ['headers']);
      assert.deepEqual(echo.header('cookie'), ['from=cookies']);
      assert.equal(echo.body, 'from body');
      assert.deepEqual(echo.header('content-type'), ['text/x-from-default']);
      // A request with a body sends no Range (libcurl sends it for GET and HEAD only): ranges on their own.
      const ranged = echoOf(await fetchThrough(recorded, plainCall({ token: 43, url: `${servers.http}/echo`, ranges: [0, 4000] })));
      assert.deepEqual(ranged.header('range'), ['bytes=0-4000']);
    } finally {
      recorded.session.close();
    }
  });

  it('refuses a call whose arguments are out of the table\'s order', () => {
    const addon = loadAddon();
    const recorded = recordedSession(addon);
    try {
      const receiver = { fetch: (...args) => recorded.session.fetch(...args.reverse()) };
      const result = boundary.callNativeSessionFetch(receiver, plainCall({ token: 42, url: `${servers.http}/echo` }));
      assert.equal(result.code, 401);
      assert.match(result.detail, /wrong types/);
    } finally {
      recorded.session.close();
    }
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
