'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { parseSdkVersion } = require('../lib/sdk-version');

test('reads HarmonyOS release strings and OpenHarmony API integers', () => {
  assert.deepEqual(parseSdkVersion('5.1.1(19)'), { apiLevel: 19, release: [5, 1, 1] });
  assert.deepEqual(parseSdkVersion('6.0.1(21)'), { apiLevel: 21, release: [6, 0, 1] });
  assert.deepEqual(parseSdkVersion(12), { apiLevel: 12, release: null });
});

test('rejects values that are not versions', () => {
  for (const value of ['5.1.1', '19', '(19)', 'latest', 0, 12.5, undefined, null]) {
    assert.equal(parseSdkVersion(value), null, String(value));
  }
});
