'use strict';

// Runs the project validator on a copy of a known-good project, then on copies broken in one
// specific way each, and checks that every break is reported (naming the problem) with exit 1.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const JSON5 = require('json5');

const { copyFixture, runValidator } = require('../lib/valid-fixture');


// Replaces text in a fixture file, failing the test if the text is not there (so a break can
// never silently become a no-op when the fixture changes).
function replaceIn(dir, rel, from, to) {
  const file = path.join(dir, rel);
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${rel} should contain ${JSON.stringify(from)}`);
  fs.writeFileSync(file, text.replace(from, to));
}

function editJson(dir, rel, edit) {
  const file = path.join(dir, rel);
  const value = JSON5.parse(fs.readFileSync(file, 'utf8'));
  edit(value);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

test('the valid fixture project passes', (t) => {
  const dir = copyFixture(t);
  const { status, output } = runValidator(dir);
  assert.equal(status, 0, output);
  assert.match(output, /ohos-project: OK/);
});

const BREAKS = [
  {
    name: 'bad JSON5 syntax in a module.json5',
    mutate: (dir) => fs.writeFileSync(path.join(dir, 'rcplib/src/main/module.json5'), '{ "module": { "name": "rcplib", '),
    expect: /rcplib\/src\/main\/module\.json5: \[json-syntax\] is not valid JSON5 \(line 1/,
  },
  {
    name: 'JSON5-only syntax in a resource .json file',
    mutate: (dir) => replaceIn(dir, 'entry/src/main/resources/base/element/color.json', '"#FFFFFF" }', '"#FFFFFF", }'),
    expect: /element\/color\.json: \[json-syntax\] is not valid strict JSON/,
  },
  {
    name: 'module name mismatch between build-profile and module.json5',
    mutate: (dir) => editJson(dir, 'entry/src/main/module.json5', (v) => { v.module.name = 'demo'; }),
    expect: /\[module-registry\] module\.name is "demo" but build-profile\.json5 declares this module .* as "entry"/,
  },
  {
    name: 'srcPath that does not exist',
    mutate: (dir) => editJson(dir, 'build-profile.json5', (v) => { v.modules[1].srcPath = './library'; }),
    expect: /build-profile\.json5: \[module-registry\] modules\[1\]: srcPath "\.\/library" does not exist/,
  },
  {
    name: 'target applied to an undefined product',
    mutate: (dir) => editJson(dir, 'build-profile.json5', (v) => { v.modules[0].targets[0].applyToProducts = ['store']; }),
    expect: /\[module-registry\] module "entry" target "default" applies to product "store"/,
  },
  {
    name: 'unknown deviceType',
    mutate: (dir) => editJson(dir, 'entry/src/main/module.json5', (v) => { v.module.deviceTypes.push('watch'); }),
    expect: /entry\/src\/main\/module\.json5: \[module-types\] deviceTypes has "watch", which is not a device type/,
  },
  {
    name: 'HAR module declared with the wrong type',
    mutate: (dir) => editJson(dir, 'rcplib/src/main/module.json5', (v) => { v.module.type = 'shared'; }),
    expect: /\[module-types\] module\.type is "shared" but module "rcplib" must be "har"/,
  },
  {
    name: 'hvigorfile task set that does not match the module type',
    mutate: (dir) => fs.writeFileSync(path.join(dir, 'rcplib/hvigorfile.ts'),
      "import { hapTasks } from '@ohos/hvigor-ohos-plugin';\nexport default { system: hapTasks, plugins: [] }\n"),
    expect: /rcplib\/hvigorfile\.ts: \[module-types\] a "har" module must be built with harTasks/,
  },
  {
    name: 'test module that is not a feature module',
    mutate: (dir) => editJson(dir, 'entry/src/ohosTest/module.json5', (v) => { v.module.type = 'entry'; }),
    expect: /entry\/src\/ohosTest\/module\.json5: \[module-types\] module\.type is "entry" but a test module must be "feature"/,
  },
  {
    name: 'page listed in main_pages without a source file',
    mutate: (dir) => editJson(dir, 'entry/src/main/resources/base/profile/main_pages.json', (v) => { v.src.push('pages/Settings'); }),
    expect: /main_pages\.json: \[pages-and-abilities\] page "pages\/Settings" has no source file entry\/src\/main\/ets\/pages\/Settings\.ets/,
  },
  {
    name: 'ability srcEntry that does not exist',
    mutate: (dir) => fs.rmSync(path.join(dir, 'entry/src/main/ets/entryability/EntryAbility.ets')),
    expect: /\[pages-and-abilities\] abilities\[0\] \("EntryAbility"\) srcEntry "\.\/ets\/entryability\/EntryAbility\.ets" names .*which does not exist/,
  },
  {
    name: 'mainElement that names no ability',
    mutate: (dir) => editJson(dir, 'entry/src/main/module.json5', (v) => { v.module.mainElement = 'MainAbility'; }),
    expect: /\[pages-and-abilities\] mainElement "MainAbility" is not a declared ability/,
  },
  {
    name: 'permission usedScene naming an undeclared ability',
    mutate: (dir) => editJson(dir, 'entry/src/main/module.json5', (v) => {
      v.module.requestPermissions[0].usedScene.abilities = ['OtherAbility'];
    }),
    expect: /\[pages-and-abilities\] requestPermissions "ohos\.permission\.INTERNET" usedScene names ability "OtherAbility"/,
  },
  {
    name: 'loadContent of a page the profile does not list',
    mutate: (dir) => replaceIn(dir, 'entry/src/main/ets/entryability/EntryAbility.ets', "'pages/Index'", "'pages/Home'"),
    expect: /EntryAbility\.ets: \[pages-and-abilities\] loadContent\('pages\/Home'\) loads a page that the pages profile does not list/,
  },
  {
    name: 'unresolved $string reference in module.json5',
    mutate: (dir) => editJson(dir, 'entry/src/main/module.json5', (v) => { v.module.description = '$string:x'; }),
    expect: /entry\/src\/main\/module\.json5: \[resource-refs\] \$string:x does not resolve: no string named "x"/,
  },
  {
    name: 'unresolved $r() reference in an .ets page',
    mutate: (dir) => replaceIn(dir, 'entry/src/main/ets/pages/Index.ets', 'app.float.title_font_size', 'app.float.body_font_size'),
    expect: /Index\.ets: \[resource-refs\] \$r\('app\.float\.body_font_size'\) does not resolve/,
  },
  {
    name: 'HAR referencing an AppScope resource it cannot see',
    mutate: (dir) => editJson(dir, 'rcplib/src/main/module.json5', (v) => { v.module.description = '$string:app_name'; }),
    expect: /rcplib\/src\/main\/module\.json5: \[resource-refs\] \$string:app_name does not resolve: no string named "app_name" in base\/ \(rcplib\/src\/main\/resources\) for module rcplib/,
  },
  {
    name: 'misspelled resource type',
    mutate: (dir) => editJson(dir, 'entry/src/main/module.json5', (v) => { v.module.description = '$strings:module_desc'; }),
    expect: /\[resource-refs\] \$strings:module_desc: "strings" is not a resource type/,
  },
  {
    name: '"default" used as a qualifier folder',
    mutate: (dir) => fs.renameSync(path.join(dir, 'entry/src/main/resources/tablet'), path.join(dir, 'entry/src/main/resources/default')),
    expect: /resources\/default: \[resource-folders\] "default" is not a valid resource qualifier folder/,
  },
  {
    name: 'qualifiers in the wrong order',
    mutate: (dir) => fs.renameSync(path.join(dir, 'entry/src/main/resources/tablet'), path.join(dir, 'entry/src/main/resources/dark-tablet')),
    expect: /resources\/dark-tablet: \[resource-folders\] .*"tablet" \(device\) is out of order/,
  },
  {
    name: 'unknown group folder inside a qualifier folder',
    mutate: (dir) => fs.renameSync(path.join(dir, 'entry/src/main/resources/tablet/element'), path.join(dir, 'entry/src/main/resources/tablet/elements')),
    expect: /resources\/tablet\/elements: \[resource-folders\] only element\/, media\/, profile\/ may sit inside tablet\//,
  },
  {
    name: 'media .png that is not a PNG',
    mutate: (dir) => fs.writeFileSync(path.join(dir, 'entry/src/main/resources/base/media/startIcon.png'), 'not an image'),
    expect: /startIcon\.png: \[resource-folders\] has a \.png name but is not a PNG image/,
  },
  {
    name: 'nm_modname that does not match librcp.so',
    mutate: (dir) => replaceIn(dir, 'rcplib/src/main/cpp/napi/module_registration.cpp', '"rcp"', '"Rcp"'),
    expect: /module_registration\.cpp: \[native-library\] registers nm_modname "Rcp"; librcp\.so must register "rcp"/,
  },
  {
    name: 'Node-API sources without a module registration',
    mutate: (dir) => replaceIn(dir, 'rcplib/src/main/cpp/napi/module_registration.cpp', '.nm_modname = "rcp",', ''),
    expect: /rcplib\/src\/main\/cpp\/napi: \[native-library\] no source registers a Node-API module/,
  },
  {
    name: 'CMake target with the wrong name',
    mutate: (dir) => replaceIn(dir, 'rcplib/src/main/cpp/CMakeLists.txt', 'add_library(rcp SHARED', 'add_library(rcplib SHARED'),
    expect: /CMakeLists\.txt: \[native-library\] builds no librcp\.so: .*shared libraries found: librcplib\.so \(target rcplib\)/,
  },
  {
    name: 'CMake OUTPUT_NAME that renames the library',
    mutate: (dir) => fs.appendFileSync(path.join(dir, 'rcplib/src/main/cpp/CMakeLists.txt'),
      'set_target_properties(rcp PROPERTIES OUTPUT_NAME rcp_native)\n'),
    expect: /\[native-library\] builds no librcp\.so: .*librcp_native\.so \(target rcp\)/,
  },
  {
    name: 'types package with the wrong name',
    mutate: (dir) => editJson(dir, 'rcplib/src/main/cpp/types/librcp/oh-package.json5', (v) => { v.name = 'librcp'; }),
    expect: /types\/librcp\/oh-package\.json5: \[native-library\] name is "librcp"; it must be "librcp\.so"/,
  },
  {
    name: 'HAR dependency key that is not librcp.so',
    mutate: (dir) => editJson(dir, 'rcplib/oh-package.json5', (v) => {
      v.dependencies = { 'libRcp.so': 'file:./src/main/cpp/types/librcp' };
    }),
    expect: /rcplib\/oh-package\.json5: \[native-library\] dependencies must have "librcp\.so"/,
  },
  {
    name: 'ArkTS import of a differently spelled .so',
    mutate: (dir) => replaceIn(dir, 'rcplib/src/main/ets/fetch_text.ets', "'librcp.so'", "'libRcp.so'"),
    expect: /fetch_text\.ets: \[native-library\] imports 'libRcp\.so', which rcplib\/oh-package\.json5 does not declare[\s\S]*no \.ets file in module "rcplib" imports 'librcp\.so'/,
  },
  {
    name: 'CMakeLists.txt missing',
    mutate: (dir) => fs.rmSync(path.join(dir, 'rcplib/src/main/cpp/CMakeLists.txt')),
    expect: /CMakeLists\.txt: \[native-library\] is missing[\s\S]*\[native-build\] buildOption\.externalNativeOptions\.path "\.\/src\/main\/cpp\/CMakeLists\.txt" names .*which does not exist/,
  },
  {
    name: 'abiFilters with an unknown ABI',
    mutate: (dir) => editJson(dir, 'rcplib/build-profile.json5', (v) => { v.buildOption.externalNativeOptions.abiFilters = ['arm64-v8a', 'armeabi']; }),
    expect: /rcplib\/build-profile\.json5: \[native-build\] buildOption\.externalNativeOptions\.abiFilters has "armeabi", which is not an ABI/,
  },
  {
    name: 'headerPath that is not a folder',
    mutate: (dir) => fs.rmSync(path.join(dir, 'rcplib/src/main/cpp/include'), { recursive: true }),
    expect: /\[native-build\] buildOption\.nativeLib\.headerPath "src\/main\/cpp\/include" names .*which is not a folder/,
  },
  {
    name: 'obfuscation consumer rules file missing',
    mutate: (dir) => fs.rmSync(path.join(dir, 'rcplib/consumer-rules.txt')),
    expect: /\[native-build\] buildOptionSet\[0\]\.arkOptions\.obfuscation\.consumerFiles names rcplib\/consumer-rules\.txt, which does not exist/,
  },
  {
    name: 'compatibleSdkVersion below 5.1.1(19)',
    mutate: (dir) => editJson(dir, 'build-profile.json5', (v) => { v.app.products[0].compatibleSdkVersion = '5.1.0(18)'; }),
    expect: /build-profile\.json5: \[sdk-version\] product "default": compatibleSdkVersion "5\.1\.0\(18\)" \(API 18\) is below the minimum 5\.1\.1\(19\)/,
  },
  {
    name: 'targetSdkVersion older than compatibleSdkVersion',
    mutate: (dir) => editJson(dir, 'build-profile.json5', (v) => { v.app.products[0].targetSdkVersion = '5.0.0(12)'; }),
    expect: /\[sdk-version\] product "default": targetSdkVersion "5\.0\.0\(12\)" is older than compatibleSdkVersion/,
  },
  {
    name: 'syntax error in an ArkUI page',
    mutate: (dir) => replaceIn(dir, 'entry/src/main/ets/pages/Index.ets', 'Text(this.text)', 'Text(this.text'),
    expect: /entry\/src\/main\/ets\/pages\/Index\.ets: \[ets-syntax\] does not parse as ArkTS \(line 14, column 3\)/,
  },
  {
    name: 'file: dependency that does not exist',
    mutate: (dir) => editJson(dir, 'entry/oh-package.json5', (v) => { v.dependencies.rcplib = 'file:../library'; }),
    expect: /entry\/oh-package\.json5: \[package-paths\] dependencies\["rcplib"\] = "file:\.\.\/library" points at library, which does not exist/,
  },
  {
    name: 'local dependency key that differs from the package name',
    mutate: (dir) => editJson(dir, 'entry/oh-package.json5', (v) => { v.dependencies = { '@example/rcplib': 'file:../rcplib' }; }),
    expect: /\[package-paths\] dependencies\["@example\/rcplib"\] points at package "rcplib" \(rcplib\); the dependency key must equal that package name/,
  },
  {
    name: 'HAR main file missing',
    mutate: (dir) => fs.rmSync(path.join(dir, 'rcplib/Index.ets')),
    expect: /rcplib\/oh-package\.json5: \[package-paths\] "main": "Index\.ets" names rcplib\/Index\.ets, which does not exist/,
  },
  {
    name: 'types file named with the wrong case',
    mutate: (dir) => fs.renameSync(path.join(dir, 'rcplib/src/main/cpp/types/librcp/index.d.ts'),
      path.join(dir, 'rcplib/src/main/cpp/types/librcp/Index.d.ts')),
    expect: /\[package-paths\] "types": "\.\/index\.d\.ts" names .*index\.d\.ts, which does not exist \(names are case-sensitive\)/,
  },
];

for (const brk of BREAKS) {
  test(`reports ${brk.name}`, (t) => {
    const dir = copyFixture(t);
    brk.mutate(dir);
    const { status, output } = runValidator(dir);
    assert.equal(status, 1, `expected exit 1, got ${status}:\n${output}`);
    assert.match(output, brk.expect);
    assert.match(output, /ohos-project: \d+ problem\(s\)/);
  });
}
