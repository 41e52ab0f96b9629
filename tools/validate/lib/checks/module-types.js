'use strict';

// Each module must have the type the project needs (rcplib a HAR, entry the entry HAP), a type
// that matches the hvigor task set in its hvigorfile.ts, and only known deviceTypes values.
// The on-device test module (src/ohosTest) is always a feature module.

const {
  DEVICE_TYPES, MODULE_TYPES, TASKS_FOR_MODULE_TYPE, EXPECTED_MODULE_TYPES,
} = require('../ohos-rules');

const ID = 'module-types';

function checkDeviceTypes(file, moduleConfig, report) {
  const deviceTypes = moduleConfig.deviceTypes;
  if (!Array.isArray(deviceTypes) || deviceTypes.length === 0) {
    report(file, `module.deviceTypes must be a non-empty array (allowed: ${DEVICE_TYPES.join(', ')})`);
    return;
  }
  const seen = new Set();
  for (const deviceType of deviceTypes) {
    if (!DEVICE_TYPES.includes(deviceType)) {
      report(file, `deviceTypes has "${deviceType}", which is not a device type ` +
        `(allowed: ${DEVICE_TYPES.join(', ')})`);
    } else if (seen.has(deviceType)) {
      report(file, `deviceTypes lists "${deviceType}" twice`);
    }
    seen.add(deviceType);
  }
}

function checkModuleTypes(model) {
  const problems = [];
  const report = (file, message) => problems.push({ check: ID, file, message });
  for (const name of Object.keys(EXPECTED_MODULE_TYPES)) {
    if (!model.modules.some((m) => m.name === name)) {
      report('build-profile.json5', `module "${name}" (type ${EXPECTED_MODULE_TYPES[name]}) is not declared in modules`);
    }
  }
  for (const mod of model.modules) {
    const moduleJson = mod.moduleJsonPath ? model.json(mod.moduleJsonPath) : undefined;
    if (!moduleJson) {
      continue;
    }
    const config = moduleJson.module || {};
    const type = config.type;
    if (!MODULE_TYPES.includes(type)) {
      report(mod.moduleJsonPath, `module.type "${type}" is not one of ${MODULE_TYPES.join(', ')}`);
    } else {
      const expected = EXPECTED_MODULE_TYPES[mod.name];
      if (expected !== undefined && type !== expected) {
        report(mod.moduleJsonPath, `module.type is "${type}" but module "${mod.name}" must be "${expected}"`);
      }
      const hvigorfile = model.readText(mod.hvigorfilePath);
      const tasks = TASKS_FOR_MODULE_TYPE[type];
      if (hvigorfile !== undefined && !new RegExp(`\\b${tasks}\\b`).test(hvigorfile)) {
        report(mod.hvigorfilePath, `a "${type}" module must be built with ${tasks} from @ohos/hvigor-ohos-plugin`);
      }
    }
    if (type === 'har' && config.pages !== undefined) {
      report(mod.moduleJsonPath, 'a HAR module cannot declare "pages"');
    }
    checkDeviceTypes(mod.moduleJsonPath, config, report);

    const testJson = model.json(mod.testModuleJsonPath);
    if (testJson) {
      const testConfig = testJson.module || {};
      if (testConfig.type !== 'feature') {
        report(mod.testModuleJsonPath, `module.type is "${testConfig.type}" but a test module must be "feature"`);
      }
      if (typeof testConfig.name !== 'string' || testConfig.name === mod.name) {
        report(mod.testModuleJsonPath, `module.name must be set and differ from "${mod.name}" (e.g. "${mod.name}_test")`);
      }
      checkDeviceTypes(mod.testModuleJsonPath, testConfig, report);
    }
  }
  return problems;
}

module.exports = { id: ID, run: checkModuleTypes };
