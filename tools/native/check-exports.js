#!/usr/bin/env node
'use strict';
// Compares what the native module really exports with what
// rcplib/src/main/cpp/types/librcp/index.d.ts declares, in both directions:
// every declared value must exist with the declared kind (function, number, or
// an object whose members are declared by an interface of the same file, as
// the enums of napi/boundary_table.h are), and the module must export nothing
// undeclared.
//
// Usage: node tools/native/check-exports.js [addon] (default build/host/rcp.node)

const fs = require('node:fs');
const path = require('node:path');
const ts = require('ohos-typescript');

const repoRoot = path.resolve(__dirname, '..', '..');
const declarationFile = path.join(repoRoot, 'rcplib', 'src', 'main', 'cpp', 'types', 'librcp', 'index.d.ts');
const defaultAddon = path.join(repoRoot, 'build', 'host', 'rcp.node');

function hasExportModifier(node) {
  return (ts.getModifiers ? ts.getModifiers(node) || [] : node.modifiers || []).some(
    (modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword,
  );
}

/** How an object's members are described: 'object { A: number, B: number }', names sorted. */
function describeObject(members) {
  return `object { ${[...members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, kind]) => `${name}: ${kind}`).join(', ')} }`;
}

/**
 * The JavaScript kind a declared type stands for: 'function', 'number', ..., or for an interface
 * of the same file (`interfaces`: name -> declaration) the description of its members.
 */
function kindOfType(typeNode, where, interfaces = new Map()) {
  if (!typeNode) throw new Error(`${where} has no type annotation`);
  if (ts.isTypeReferenceNode(typeNode) && interfaces.has(typeNode.typeName.getText())) {
    const members = interfaces.get(typeNode.typeName.getText()).members.map((member) => {
      if (!ts.isPropertySignature(member) || !member.name) throw new Error(`${where}: only properties can be read`);
      const name = member.name.getText();
      return [name, kindOfType(member.type, `${where}.${name}`)];
    });
    return describeObject(members);
  }
  switch (typeNode.kind) {
    case ts.SyntaxKind.NumberKeyword:
      return 'number';
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    case ts.SyntaxKind.FunctionType:
      return 'function';
    default:
      throw new Error(`${where}: cannot tell the runtime kind of type '${typeNode.getText()}'`);
  }
}

/**
 * Reads the value exports of a declaration file: `export function f(...)` and
 * `export const c: T`. Interfaces and type aliases exist only at compile time
 * and are skipped. Returns a Map name -> kind.
 */
function declaredExports(file = declarationFile) {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS);
  const declared = new Map();
  const add = (name, kind, node) => {
    if (declared.has(name)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      throw new Error(`${file}:${line + 1}: ${name} is declared twice`);
    }
    declared.set(name, kind);
  };
  const interfaces = new Map(source.statements.filter(ts.isInterfaceDeclaration).map((node) => [node.name.text, node]));
  for (const statement of source.statements) {
    if (!hasExportModifier(statement)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      add(statement.name.text, 'function', statement);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const name = declaration.name.getText();
        add(name, kindOfType(declaration.type, `${path.basename(file)}: ${name}`, interfaces), declaration);
      }
    }
  }
  return declared;
}

function kindOfValue(value) {
  if (typeof value === 'object' && value !== null) {
    return describeObject(Object.keys(value).map((name) => [name, kindOfValue(value[name])]));
  }
  return typeof value;
}

function actualExports(addonFile) {
  const addon = require(addonFile);
  return new Map(Object.keys(addon).map((name) => [name, kindOfValue(addon[name])]));
}

/** Returns the list of differences; empty when the module matches its declaration. */
function compareExports(declared, actual) {
  const problems = [];
  for (const [name, kind] of declared) {
    if (!actual.has(name)) problems.push(`declared but not exported: ${name} (${kind})`);
    else if (actual.get(name) !== kind) problems.push(`${name}: declared ${kind}, exported ${actual.get(name)}`);
  }
  for (const [name, kind] of actual) {
    if (!declared.has(name)) problems.push(`exported but not declared: ${name} (${kind})`);
  }
  return problems;
}

function main() {
  const addonFile = path.resolve(process.argv[2] || defaultAddon);
  if (!fs.existsSync(addonFile)) {
    throw new Error(`${addonFile} does not exist; build it with node tools/native/build.js`);
  }
  const declared = declaredExports();
  const problems = compareExports(declared, actualExports(addonFile));
  if (problems.length > 0) {
    throw new Error(`the module does not match ${path.relative(repoRoot, declarationFile)}:\n  ${problems.join('\n  ')}`);
  }
  process.stdout.write(`${declared.size} exports match ${path.relative(repoRoot, declarationFile)}\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`check-exports: ${error.message}\n`);
    process.exitCode = 1;
  }
}

module.exports = { declaredExports, actualExports, compareExports, declarationFile };
