'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { cmakeSharedLibraries, napiModuleNames, etsNativeImports } = require('../lib/native-names');

test('finds shared libraries and the file names CMake gives them', () => {
  const cmake = [
    'project(demo)',
    '# add_library(commented SHARED x.cpp)',
    'set(LIB_NAME rcp)',
    'add_library(${LIB_NAME} SHARED napi/a.cpp $<TARGET_OBJECTS:core>)',
    'add_library(core OBJECT core/a.cpp)',
    'add_library(curl STATIC IMPORTED)',
    'add_library(${PROJECT_NAME}_plugin MODULE p.cpp)',
    'set_target_properties(demo_plugin PROPERTIES PREFIX "" SUFFIX ".node")',
  ].join('\n');
  assert.deepEqual(cmakeSharedLibraries(cmake), [
    { target: 'rcp', fileName: 'librcp.so' },
    { target: 'demo_plugin', fileName: 'demo_plugin.node' },
  ]);
});

test('honours OUTPUT_NAME', () => {
  const cmake = 'add_library(rcp_impl SHARED a.cpp)\nset_target_properties(rcp_impl PROPERTIES OUTPUT_NAME rcp)\n';
  assert.deepEqual(cmakeSharedLibraries(cmake), [{ target: 'rcp_impl', fileName: 'librcp.so' }]);
});

test('finds nm_modname in designated initializers and NAPI_MODULE, not in comments', () => {
  const source = [
    '// .nm_modname = "old",',
    'static napi_module m = { .nm_version = 1, .nm_modname = "rcp", .nm_priv = nullptr };',
    'NAPI_MODULE(other, Init)',
  ].join('\n');
  assert.deepEqual(napiModuleNames(source), ['rcp', 'other']);
});

test('finds lib*.so specifiers in imports, re-exports and dynamic imports', () => {
  const source = [
    "import native from 'librcp.so';",
    'export { a } from "libother.so";',
    "const m = import('libdyn.so');",
    "import { rcp } from 'rcplib';",
  ].join('\n');
  assert.deepEqual(etsNativeImports(source), ['librcp.so', 'libother.so', 'libdyn.so']);
});
