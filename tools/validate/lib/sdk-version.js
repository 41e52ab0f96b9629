'use strict';

// Reads SDK versions as written in build-profile.json5: HarmonyOS strings such as "5.1.1(19)"
// (release plus API level) or OpenHarmony integers such as 12 (API level only).
// Returns { apiLevel, release } or null when the value is not a version.
function parseSdkVersion(value) {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) {
    return { apiLevel: value, release: null };
  }
  if (typeof value !== 'string') {
    return null;
  }
  const m = /^(\d+)\.(\d+)\.(\d+)\((\d+)\)$/.exec(value.trim());
  if (!m) {
    return null;
  }
  return { apiLevel: Number(m[4]), release: [Number(m[1]), Number(m[2]), Number(m[3])] };
}

module.exports = { parseSdkVersion };
