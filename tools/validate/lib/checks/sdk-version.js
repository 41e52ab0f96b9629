'use strict';

// Every product must be installable on the oldest release the project supports, and its
// target/compile SDK may not be older than its compatible SDK.

const { MIN_COMPATIBLE_SDK, RUNTIME_OS } = require('../ohos-rules');
const { parseSdkVersion } = require('../sdk-version');

const ID = 'sdk-version';
const FILE = 'build-profile.json5';

function checkSdkVersion(model) {
  const problems = [];
  const report = (message) => problems.push({ check: ID, file: FILE, message });
  const profile = model.rootBuildProfile;
  if (!profile) {
    return problems;
  }
  const products = profile.app && Array.isArray(profile.app.products) ? profile.app.products : [];
  if (products.length === 0) {
    report('app.products must define at least one product');
  }
  for (const product of products) {
    const label = `product "${product && product.name}"`;
    if (!RUNTIME_OS.includes(product.runtimeOS)) {
      report(`${label}: runtimeOS "${product.runtimeOS}" must be one of ${RUNTIME_OS.join(', ')}`);
    }
    const compatible = parseSdkVersion(product.compatibleSdkVersion);
    if (compatible === null) {
      report(`${label}: compatibleSdkVersion ${JSON.stringify(product.compatibleSdkVersion)} is not a version ` +
        'such as "5.1.1(19)" (HarmonyOS) or 19 (OpenHarmony)');
      continue;
    }
    if (product.runtimeOS === 'HarmonyOS' && compatible.release === null) {
      report(`${label}: HarmonyOS products write compatibleSdkVersion as "x.y.z(api)", not ${product.compatibleSdkVersion}`);
    }
    if (compatible.apiLevel < MIN_COMPATIBLE_SDK.apiLevel) {
      report(`${label}: compatibleSdkVersion ${JSON.stringify(product.compatibleSdkVersion)} (API ${compatible.apiLevel}) ` +
        `is below the minimum ${MIN_COMPATIBLE_SDK.text}`);
    }
    for (const field of ['targetSdkVersion', 'compileSdkVersion']) {
      if (product[field] === undefined) {
        continue;
      }
      const version = parseSdkVersion(product[field]);
      if (version === null) {
        report(`${label}: ${field} ${JSON.stringify(product[field])} is not a version`);
      } else if (version.apiLevel < compatible.apiLevel) {
        report(`${label}: ${field} ${JSON.stringify(product[field])} is older than compatibleSdkVersion ` +
          JSON.stringify(product.compatibleSdkVersion));
      }
    }
  }
  return problems;
}

module.exports = { id: ID, run: checkSdkVersion };
