'use strict';

// The HarmonyOS/OpenHarmony rules the project validator enforces, in one place, so that a
// rule change (a new device type, a higher minimum SDK) is a one-line edit.

// module.json5 deviceTypes values accepted by the module configuration schema.
const DEVICE_TYPES = ['phone', 'tablet', '2in1', 'tv', 'wearable', 'car', 'default'];

// module.json5 module.type values.
const MODULE_TYPES = ['entry', 'feature', 'har', 'shared'];

// The hvigor task set each module type is built with (module hvigorfile.ts).
const TASKS_FOR_MODULE_TYPE = {
  entry: 'hapTasks',
  feature: 'hapTasks',
  har: 'harTasks',
  shared: 'hspTasks',
};

// What each module of this project must be.
const EXPECTED_MODULE_TYPES = {
  entry: 'entry',
  rcplib: 'har',
};

// ABIs the NDK toolchain can build for.
const ABIS = ['arm64-v8a', 'x86_64', 'armeabi-v7a'];

// Remote Communication Kit supports TV from 5.1.1(19), the oldest release the project targets.
const MIN_COMPATIBLE_SDK = { text: '5.1.1(19)', apiLevel: 19 };

const RUNTIME_OS = ['HarmonyOS', 'OpenHarmony'];

// Resource qualifier values understood by the resource compiler (restool).
const QUALIFIER_VALUES = {
  orientation: ['vertical', 'horizontal'],
  device: ['phone', 'tablet', 'car', 'tv', 'wearable', '2in1'],
  colorMode: ['dark', 'light'],
  inputDevice: ['pointingdevice'],
  density: ['sdpi', 'mdpi', 'ldpi', 'xldpi', 'xxldpi', 'xxxldpi'],
};

// Top-level folders of resources/ that are copied verbatim rather than parsed as qualifiers.
const RAW_RESOURCE_DIRS = ['rawfile', 'resfile'];

// Group folders allowed inside base/ and every qualifier folder.
const RESOURCE_GROUP_DIRS = ['element', 'media', 'profile'];

// Element resource kinds (the top-level key of an element/*.json file).
const ELEMENT_TYPES = [
  'string', 'color', 'float', 'integer', 'boolean', 'strarray', 'intarray',
  'plural', 'pattern', 'theme', 'symbol', 'id',
];

// The Node-API library shipped by the HAR, and where each file that names it lives (module-relative).
const NATIVE_LIBRARY = {
  module: 'rcplib',
  fileName: 'librcp.so',
  typesDir: 'src/main/cpp/types/librcp',
  cmakeLists: 'src/main/cpp/CMakeLists.txt',
  napiDir: 'src/main/cpp/napi',
};

// Folders never scanned: dependency caches, build output and tool state.
const IGNORED_DIRS = [
  'node_modules', 'oh_modules', 'build', '.hvigor', '.cxx', '.git', '.idea', '.preview', '.test',
  '.appanalyzer',
];

module.exports = {
  DEVICE_TYPES,
  MODULE_TYPES,
  TASKS_FOR_MODULE_TYPE,
  EXPECTED_MODULE_TYPES,
  ABIS,
  MIN_COMPATIBLE_SDK,
  RUNTIME_OS,
  QUALIFIER_VALUES,
  RAW_RESOURCE_DIRS,
  RESOURCE_GROUP_DIRS,
  ELEMENT_TYPES,
  NATIVE_LIBRARY,
  IGNORED_DIRS,
};
