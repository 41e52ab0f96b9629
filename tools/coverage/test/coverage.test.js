'use strict';
// tools/coverage/coverage.js on a small namespace: which kit members it finds, how partial.tsv marks them,
// and that the generated table of the real sources is the one checked in.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { measure, render } = require('../coverage');
const { repoRoot } = require('../../ets/paths');

const fixtures = path.join(__dirname, 'fixtures');
const files = (partial, uses = 'Uses.ets') => ({
  kit: path.join(fixtures, 'kit.tsv'),
  partial: path.join(fixtures, partial),
  index: path.join(fixtures, 'Index.ets'),
  uses: path.join(fixtures, uses),
});
const statusOf = (measured, owner, member) =>
  measured.rows.find((row) => row.owner === owner && row.member === member).status;

test('namespace members are found by name, missing ones are ✖, partial ones ◐', () => {
  const measured = measure(files('partial.tsv'));
  assert.deepEqual(measured.problems, []);
  assert.equal(statusOf(measured, '', 'make'), '✔');
  assert.equal(statusOf(measured, '', 'Box'), '✔');
  assert.equal(statusOf(measured, '', 'Gone'), '✖');
  assert.equal(statusOf(measured, '', 'Destination'), '◐');
  assert.equal(measured.rows.find((row) => row.member === 'Destination' && row.owner === '').note, 'no keepLocal');
});

test('properties, index signatures and properties of any shape of a union are found', () => {
  const measured = measure(files('partial.tsv'));
  assert.equal(statusOf(measured, 'Box', 'value'), '✔');
  assert.equal(statusOf(measured, 'Box', 'missing'), '✖');
  assert.equal(statusOf(measured, 'Bag', 'size'), '✔');
  assert.equal(statusOf(measured, 'Bag', '[name: string]'), '✔');
  assert.equal(statusOf(measured, 'Destination', 'path'), '✔');
  assert.equal(statusOf(measured, 'Destination', 'file'), '✔');
  assert.equal(statusOf(measured, 'Destination', 'keepLocal'), '✖');
  assert.equal(statusOf(measured, 'Gone', 'close'), '✖');
});

test('constructors and construct signatures are matched by their number of parameters', () => {
  const measured = measure(files('partial.tsv'));
  assert.equal(statusOf(measured, 'Box', 'constructor(value: string)'), '✔');
  assert.equal(statusOf(measured, 'Box', 'constructor(value: string, size: number)'), '✖');
  assert.equal(statusOf(measured, 'BoxMaker', 'new(): Box'), '✔');
  assert.equal(statusOf(measured, 'BoxMaker', 'new(size: number, label: Record<string, number>): Box'), '✔');
  assert.equal(statusOf(measured, 'BoxMaker', 'new(size: number, label: string, extra: number): Box'), '✖');
});

test('a partial note for a member the kit lacks or the namespace does not declare is a problem', () => {
  const measured = measure(files('partial-stale.tsv'));
  assert.equal(measured.problems.length, 2);
  assert.match(measured.problems.join('\n'), /Gone\.close, which rcplib does not declare/);
  assert.match(measured.problems.join('\n'), /Box\.nothing, which the kit does not have/);
});

test('a declared member the compile-only file does not use is a problem', () => {
  assert.deepEqual(measure(files('partial.tsv', 'UsesLess.ets')).problems,
    ['tools/coverage/test/fixtures/UsesLess.ets does not use Box.value, which rcplib declares']);
});

test('the table counts by since-version and lists the names the namespace adds', () => {
  const text = render(measure(files('partial.tsv')));
  assert.match(text, /Namespace members: 6 in the kit: 4 ✔, 1 ◐, 1 ✖\./);
  assert.match(text, /\| 6\.0\.0\(20\) \| 1 \| 0 \| 0 \| 1 \|/);
  assert.match(text, /\| `Destination` \| type \| 5\.0\.0\(12\) \| ◐ no keepLocal \|/);
  assert.match(text, /`Folder`, `Target`\./);
});

test('rcplib/COVERAGE.md is what the sources say', () => {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'tools', 'coverage', 'coverage.js'), '--check'],
    { cwd: repoRoot, encoding: 'utf8', timeout: 120000 });
  assert.equal(result.status, 0, result.stderr);
});
