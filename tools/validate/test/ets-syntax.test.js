'use strict';

// The ets-syntax check: ArkTS pages and modules parse with ohos-typescript in ETS mode, a syntax
// error anywhere in a module fails the validator, and every page declares one @Entry struct.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const ts = require('ohos-typescript');
const { parseEts, entryStructs, run: checkEtsSyntax } = require('../lib/checks/ets-syntax');
const { arkuiEtsOptions } = require('../lib/arkui-parse-options');
const { loadProject } = require('../lib/project-model');

const { copyFixture, runValidator } = require('../lib/valid-fixture');
const REPO_ROOT = path.join(__dirname, '..', '..', '..');
const FIXTURE_PAGE = 'entry/src/main/ets/pages/Index.ets';

// The ArkUI constructs the demo's page relies on, in one page.
const PAGE_WITH_EVERY_CONSTRUCT = `
@Entry
@Component
struct Index {
  @State items: string[] = ['a', 'b'];
  @State wide: boolean = false;

  @Styles
  focusRing() {
    .border({ width: 3, color: Color.Blue })
  }

  @Builder
  Row2(label: string) {
    Row() {
      Text(label).layoutWeight(1)
    }
  }

  build() {
    GridRow({ columns: { sm: 4, md: 8 } }) {
      GridCol({ span: { sm: 4, md: 4 } }) {
        Column({ space: 8 }) {
          Button('Fetch')
            .stateStyles({ focused: this.focusRing, normal: { .border({ width: 0 }) } })
            .defaultFocus(true)
          if (this.wide) {
            Text('wide')
          } else {
            this.Row2('narrow')
          }
          ForEach(this.items, (item: string) => {
            Text(item)
          }, (item: string): string => item)
          Child({ title: 'x' })
        }
      }
    }
    .onBreakpointChange((breakpoint: string) => {
      this.wide = breakpoint !== 'sm';
    })
  }
}

@Component
struct Child {
  @Prop title: string = '';

  build() {
    Text(this.title)
  }
}

@Extend(Text)
function large() {
  .fontSize(30)
}
`;


test('every ArkUI construct the demo page uses parses without errors', () => {
  const { sourceFile, errors } = parseEts('Index.ets', PAGE_WITH_EVERY_CONSTRUCT);
  assert.deepEqual(errors, []);
  assert.deepEqual(entryStructs(sourceFile), ['Index']);
});

test('the parse depends on the component list: without it a component with children is an error', () => {
  const bare = ts.createSourceFile('Index.ets', PAGE_WITH_EVERY_CONSTRUCT, ts.ScriptTarget.ES2021, true,
    ts.ScriptKind.ETS, { ets: arkuiEtsOptions([]) });
  assert.ok(bare.parseDiagnostics.length > 0, 'a page should not parse when no component is known');
});

test('every .ets file of this repository parses and every page has one @Entry struct', () => {
  const model = loadProject(REPO_ROOT);
  const etsFiles = model.modules.flatMap((mod) => model.filesUnder(mod.dir).filter((f) => f.endsWith('.ets')));
  assert.ok(etsFiles.includes('entry/src/main/ets/pages/Index.ets'), 'the demo page should be among the files checked');
  assert.ok(etsFiles.includes('rcplib/Index.ets'), 'the HAR entry should be among the files checked');
  assert.deepEqual(checkEtsSyntax(model), []);
});

const BROKEN_PAGES = [
  {
    name: 'an unclosed component argument list',
    edit: (text) => text.replace('Text(this.text)', 'Text(this.text'),
    expect: /Index\.ets: \[ets-syntax\] does not parse as ArkTS \(line 14, column 3\): ',' expected\./,
  },
  {
    name: 'a missing closing brace of build()',
    edit: (text) => text.replace(/\n  }\n}\n$/, '\n}\n'),
    expect: /Index\.ets: \[ets-syntax\] does not parse as ArkTS \(line \d+, column \d+\): '}' expected\./,
  },
  {
    name: 'a doubled dot in an attribute chain',
    edit: (text) => text.replace('.fontSize(', '..fontSize('),
    expect: /Index\.ets: \[ets-syntax\] does not parse as ArkTS \(line 10, column \d+\)/,
  },
];

for (const broken of BROKEN_PAGES) {
  test(`a page with ${broken.name} fails the validator`, (t) => {
    const dir = copyFixture(t);
    const file = path.join(dir, FIXTURE_PAGE);
    const before = fs.readFileSync(file, 'utf8');
    const after = broken.edit(before);
    assert.notEqual(after, before, 'the edit should change the page');
    fs.writeFileSync(file, after);
    const { status, output } = runValidator(dir);
    assert.equal(status, 1, output);
    assert.match(output, broken.expect);
  });
}

test('a syntax error in a non-UI module file fails the validator', (t) => {
  const dir = copyFixture(t);
  fs.writeFileSync(path.join(dir, 'rcplib/src/main/ets/broken.ets'), 'export function f(: string {\n}\n');
  const { status, output } = runValidator(dir);
  assert.equal(status, 1, output);
  assert.match(output, /rcplib\/src\/main\/ets\/broken\.ets: \[ets-syntax\] does not parse as ArkTS \(line 1, column 19\)/);
});

test('a file with many errors reports the first five and counts the rest', (t) => {
  const dir = copyFixture(t);
  const lines = Array.from({ length: 12 }, (_, i) => `const v${i}: number = ;`).join('\n');
  fs.writeFileSync(path.join(dir, 'rcplib/src/main/ets/broken.ets'), `${lines}\n`);
  const { status, output } = runValidator(dir);
  assert.equal(status, 1, output);
  const reported = output.split('\n').filter((line) => line.includes('broken.ets: [ets-syntax] does not parse'));
  assert.equal(reported.length, 5, output);
  assert.match(output, /broken\.ets: \[ets-syntax\] and 7 more syntax errors/);
});

test('a page without an @Entry struct is reported', (t) => {
  const dir = copyFixture(t);
  const file = path.join(dir, FIXTURE_PAGE);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('@Entry\n', ''));
  const { status, output } = runValidator(dir);
  assert.equal(status, 1, output);
  assert.match(output, /Index\.ets: \[ets-syntax\] is a page of the pages profile, so it must declare exactly one @Entry struct \(found 0\)/);
});

test('a page with two @Entry structs is reported, a component file without one is not', (t) => {
  const dir = copyFixture(t);
  const file = path.join(dir, FIXTURE_PAGE);
  fs.appendFileSync(file, '\n@Entry\n@Component\nstruct Second {\n  build() {\n    Column() {\n    }\n  }\n}\n');
  fs.writeFileSync(path.join(dir, 'entry/src/main/ets/pages/Panel.ets'),
    '@Component\nexport struct Panel {\n  build() {\n    Row() {\n      Text(\'x\')\n    }\n  }\n}\n');
  const { status, output } = runValidator(dir);
  assert.equal(status, 1, output);
  assert.match(output, /Index\.ets: \[ets-syntax\] .*exactly one @Entry struct \(found 2\)/);
  assert.doesNotMatch(output, /Panel\.ets/);
});
