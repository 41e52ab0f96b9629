'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { parseQualifierDir } = require('../lib/resource-qualifiers');

test('accepts base, device types, color modes and the documented combined forms', () => {
  for (const name of ['base', 'phone', 'tablet', '2in1', 'tv', 'wearable', 'car', 'dark', 'light',
    'zh', 'zh_CN', 'zh_Hans_CN', 'en_GB-vertical-car-mdpi', 'zh_CN-car-ldpi', 'mcc460_mnc01-zh_CN',
    'tablet-dark', 'horizontal-tv-dark-pointingdevice-xxldpi', 'es_419']) {
    assert.equal(parseQualifierDir(name).ok, true, name);
  }
});

test('rejects default, unknown words, bad case and wrong order', () => {
  for (const name of ['default', 'watch', 'Tablet', 'zh-cn', 'dark-tablet', 'mdpi-phone', 'phone-tablet',
    'zh_CN_Hans', 'mcc46', 'element', '']) {
    assert.equal(parseQualifierDir(name).ok, false, name);
  }
});

test('reads the parts of a combined qualifier', () => {
  assert.deepEqual(parseQualifierDir('en_GB-vertical-car-mdpi').qualifiers, {
    locale: { language: 'en', region: 'GB' },
    orientation: 'vertical',
    device: 'car',
    density: 'mdpi',
  });
  // Two-letter device names are devices, never languages.
  assert.deepEqual(parseQualifierDir('tv').qualifiers, { device: 'tv' });
});
