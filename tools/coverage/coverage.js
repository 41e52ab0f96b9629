#!/usr/bin/env node
'use strict';
// Writes rcplib/COVERAGE.md: for every member of the kit's ArkTS surface (tools/coverage/kit-surface.tsv),
// its since-version and whether rcplib's `rcp` namespace (rcplib/Index.ets) has it, read off the sources
// with the TypeScript checker the ArkTS linter uses:
//
//   ✔  the name is declared (and, for a property or method, the interface or class declares it);
//   ◐  declared, but narrower or without effect: a row of tools/coverage/partial.tsv says why;
//   ✖  not declared.
//
// Every member rcplib declares must also be used by the compile-only file
// rcplib/src/ohosTest/ets/compile/KitSurface.ets, the way an application uses it (a namespace name named, a
// property read, written, implemented or set in an object literal, a constructor called with as many arguments
// as the kit's signature has), so the kit's own code shapes are type-checked and linted in `npm test`.
//
// Usage: node tools/coverage/coverage.js [--check]
//   --check   writes nothing; exits 1 when rcplib/COVERAGE.md differs from what the sources say
//   Either way the exit code is 1 when partial.tsv names a member the kit does not have or rcplib does not
//   declare, or when the compile-only file does not use a member rcplib declares.

const fs = require('node:fs');
const path = require('node:path');
const ts = require('ohos-typescript');
const { compilerOptions } = require('../lint/arkts-lint');
const { repoRoot } = require('../ets/paths');

const paths = {
  kit: path.join(__dirname, 'kit-surface.tsv'),
  partial: path.join(__dirname, 'partial.tsv'),
  index: path.join(repoRoot, 'rcplib', 'Index.ets'),
  uses: path.join(repoRoot, 'rcplib', 'src', 'ohosTest', 'ets', 'compile', 'KitSurface.ets'),
  output: path.join(repoRoot, 'rcplib', 'COVERAGE.md'),
  etsGlobals: path.join(repoRoot, 'tools', 'lint', 'declarations', 'ets-globals.d.ts'),
};

/** Rows of a tab-separated file without its `#` comment lines, each split into `columns` named fields. */
function readTsv(file, columns) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .map((line, index) => {
      const cells = line.split('\t');
      if (cells.length !== columns.length) {
        throw new Error(`${path.basename(file)}: row ${index + 1} has ${cells.length} cells, expected ${columns.length}`);
      }
      return Object.fromEntries(columns.map((name, i) => [name, cells[i]]));
    });
}

/** The exports of the `rcp` namespace that rcplib/Index.ets exports, by name. */
function rcpNamespace(index, uses) {
  const program = ts.createProgram({ rootNames: [index, uses, paths.etsGlobals], options: compilerOptions() });
  const checker = program.getTypeChecker();
  const indexModule = checker.getSymbolAtLocation(program.getSourceFile(index));
  const rcpExport = indexModule && checker.getExportsOfModule(indexModule).find((symbol) => symbol.name === 'rcp');
  if (!rcpExport) {
    throw new Error(`${path.relative(repoRoot, index)} exports no \`rcp\``);
  }
  let rcp = rcpExport;
  while (rcp.flags & ts.SymbolFlags.Alias) {
    rcp = checker.getAliasedSymbol(rcp);
  }
  const members = new Map();
  for (const symbol of checker.getExportsOfModule(rcp)) {
    let target = symbol;
    while (target.flags & ts.SymbolFlags.Alias) {
      target = checker.getAliasedSymbol(target);
    }
    members.set(symbol.name, target);
  }
  return { checker, members, used: usedMembers(program, checker, members, uses) };
}

/** The name of the interface, class or type alias that declares `declaration`, a member of it. */
function ownerName(declaration) {
  let parent = declaration.parent;
  if (parent && ts.isTypeLiteralNode(parent) && parent.parent && ts.isTypeAliasDeclaration(parent.parent)) {
    parent = parent.parent;
  }
  return parent && (ts.isInterfaceDeclaration(parent) || ts.isClassDeclaration(parent) ||
    ts.isTypeAliasDeclaration(parent)) && parent.name ? parent.name.text : undefined;
}

/**
 * What the compile-only file `uses` uses of the namespace, as keys `.Name` (a namespace member) and
 * `Owner.member` (a property or method, read, written, implemented or set in an object literal), plus
 * `Owner.constructor#N` for a construction with N arguments and `Owner.[index]` for an object literal of an
 * indexed type.
 */
function usedMembers(program, checker, members, uses) {
  const used = new Set();
  const source = program.getSourceFile(uses);
  if (!source) {
    return used;
  }
  const memberNames = new Map();
  for (const [name, symbol] of members) {
    memberNames.set(symbol, name);
  }
  const addProperty = (symbol) => {
    for (const declaration of (symbol && symbol.declarations) || []) {
      const owner = ownerName(declaration);
      if (owner !== undefined) {
        used.add(`${owner}.${symbol.name}`);
      }
    }
  };
  // A property of a type, or of any shape of a union (also counted for the union's alias name).
  const addPropertyOf = (type, name) => {
    for (const part of type ? (type.isUnion() ? type.types : [type]) : []) {
      const property = checker.getPropertyOfType(part, name);
      addProperty(property);
      if (property && type.aliasSymbol) {
        used.add(`${type.aliasSymbol.name}.${name}`);
      }
    }
  };
  const visit = (node) => {
    if (ts.isIdentifier(node)) {
      let symbol = checker.getSymbolAtLocation(node);
      while (symbol && symbol.flags & ts.SymbolFlags.Alias) {
        symbol = checker.getAliasedSymbol(symbol);
      }
      if (symbol && memberNames.has(symbol)) {
        used.add(`.${memberNames.get(symbol)}`);
      }
    }
    if (ts.isPropertyAccessExpression(node)) {
      addProperty(checker.getSymbolAtLocation(node.name));
    } else if (ts.isObjectLiteralExpression(node)) {
      const type = checker.getContextualType(node);
      for (const part of type ? (type.isUnion() ? type.types : [type]) : []) {
        const alias = part.aliasSymbol || part.getSymbol();
        if (alias && checker.getIndexInfoOfType(part, ts.IndexKind.String)) {
          used.add(`${alias.name}.[index]`);
        }
      }
      for (const property of node.properties) {
        if (property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
          addPropertyOf(type, property.name.text);
        }
      }
    } else if (ts.isClassDeclaration(node)) {
      for (const clause of node.heritageClauses || []) {
        for (const implemented of clause.types) {
          const type = checker.getTypeAtLocation(implemented);
          for (const member of node.members) {
            if (member.name && ts.isIdentifier(member.name)) {
              addPropertyOf(type, member.name.text);
            }
          }
        }
      }
    } else if (ts.isNewExpression(node)) {
      const signature = checker.getResolvedSignature(node);
      const declaration = signature && signature.declaration;
      const owner = declaration && (ts.isConstructorDeclaration(declaration) || ts.isConstructSignatureDeclaration(declaration))
        ? ownerName(declaration) : undefined;
      if (owner !== undefined) {
        used.add(`${owner}.constructor#${(node.arguments || []).length}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return used;
}

/** Whether `used` (see usedMembers) has the kit row's member. */
function isUsed(used, row) {
  if (row.owner === '') {
    return used.has(`.${row.member}`);
  }
  if (/^\[\w+: string\]$/.test(row.member)) {
    return used.has(`${row.owner}.[index]`);
  }
  const construct = /^(?:new|constructor)\((.*)\)/.exec(row.member);
  if (construct) {
    return used.has(`${row.owner}.constructor#${parameterCount(construct[1])}`);
  }
  if (row.member === 'constructor') {
    return [...used].some((key) => key.startsWith(`${row.owner}.constructor#`));
  }
  return used.has(`${row.owner}.${row.member}`);
}

/** The types a property of `symbol` (an interface, class or type alias) may be declared on. */
function instanceTypes(checker, symbol) {
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  return type.isUnion() ? type.types : [type];
}

/** How many parameters a signature's parameter text declares (commas inside <> or () do not count). */
function parameterCount(text) {
  if (text.trim() === '') {
    return 0;
  }
  let depth = 0;
  let count = 1;
  for (const character of text) {
    if ('<(['.includes(character)) {
      depth += 1;
    } else if ('>)]'.includes(character)) {
      depth -= 1;
    } else if (character === ',' && depth === 0) {
      count += 1;
    }
  }
  return count;
}

/** Whether rcplib's declaration `symbol` has the kit's member `member` of its interface or class. */
function hasMember(checker, symbol, member) {
  const construct = /^(?:new|constructor)\((.*)\)/.exec(member);
  if (construct || member === 'constructor') {
    const parameters = construct ? parameterCount(construct[1]) : undefined;
    const holder = symbol.flags & ts.SymbolFlags.Class
      ? checker.getTypeOfSymbolAtLocation(symbol, symbol.valueDeclaration)
      : checker.getDeclaredTypeOfSymbol(symbol);
    return holder.getConstructSignatures().some((signature) =>
      parameters === undefined || signature.getParameters().length === parameters ||
      (signature.getParameters().length > parameters && signature.minArgumentCount <= parameters));
  }
  if (/^\[\w+: string\]$/.test(member)) {
    return instanceTypes(checker, symbol).some((type) => checker.getIndexInfoOfType(type, ts.IndexKind.String));
  }
  return instanceTypes(checker, symbol).some((type) => checker.getPropertyOfType(type, member) !== undefined);
}

/**
 * The coverage of each kit row: its status and, for ◐, the reason; the names rcplib adds; and the rows of
 * partial.tsv that do not fit and the declared members the compile-only file does not use (`problems`).
 * `files` may replace the kit list, partial.tsv, Index.ets and the compile-only file (kit, partial, index, uses).
 */
function measure(files = {}) {
  const kit = readTsv(files.kit || paths.kit, ['owner', 'member', 'kind', 'since']);
  const partial = readTsv(files.partial || paths.partial, ['owner', 'member', 'note']);
  const uses = files.uses || paths.uses;
  const { checker, members, used } = rcpNamespace(files.index || paths.index, uses);
  const notes = new Map(partial.map((row) => [`${row.owner}.${row.member}`, row.note]));
  const problems = [];
  const kitKeys = new Set(kit.map((row) => `${row.owner}.${row.member}`));
  for (const row of partial) {
    if (!kitKeys.has(`${row.owner}.${row.member}`)) {
      problems.push(`partial.tsv names ${row.owner ? `${row.owner}.` : ''}${row.member}, which the kit does not have`);
    }
  }
  const rows = kit.map((row) => {
    const owner = row.owner === '' ? undefined : members.get(row.owner);
    const declared = row.owner === '' ? members.has(row.member) : owner !== undefined && hasMember(checker, owner, row.member);
    const note = notes.get(`${row.owner}.${row.member}`);
    if (!declared && note !== undefined) {
      problems.push(`partial.tsv explains ${row.owner ? `${row.owner}.` : ''}${row.member}, which rcplib does not declare`);
    }
    if (declared && !isUsed(used, row)) {
      problems.push(`${path.relative(repoRoot, uses)} does not use ${row.owner ? `${row.owner}.` : ''}${row.member}, ` +
        'which rcplib declares');
    }
    return { ...row, status: declared ? (note === undefined ? '✔' : '◐') : '✖', note: declared ? note : undefined };
  });
  const kitNames = new Set(kit.filter((row) => row.owner === '').map((row) => row.member));
  const extensions = [...members.keys()].filter((name) => !kitNames.has(name)).sort();
  return { rows, extensions, problems };
}

function countsBySince(rows) {
  const bySince = new Map();
  for (const row of rows) {
    const counts = bySince.get(row.since) || { all: 0, '✔': 0, '◐': 0, '✖': 0 };
    counts.all += 1;
    counts[row.status] += 1;
    bySince.set(row.since, counts);
  }
  const apiLevel = (since) => Number(/\((\d+)\)/.exec(since)[1]);
  return [...bySince.entries()].sort((a, b) => apiLevel(a[0]) - apiLevel(b[0]));
}

function countTable(rows) {
  const lines = ['| since | in the kit | ✔ | ◐ | ✖ |', '| --- | --- | --- | --- | --- |'];
  for (const [since, counts] of countsBySince(rows)) {
    lines.push(`| ${since} | ${counts.all} | ${counts['✔']} | ${counts['◐']} | ${counts['✖']} |`);
  }
  return lines;
}

function statusCell(row) {
  return row.note === undefined ? row.status : `${row.status} ${row.note}`;
}

/** rcplib/COVERAGE.md's text. */
function render({ rows, extensions }) {
  const namespace = rows.filter((row) => row.owner === '');
  const properties = rows.filter((row) => row.owner !== '');
  const total = (list, status) => list.filter((row) => row.status === status).length;
  const summary = (list) =>
    `${list.length} in the kit: ${total(list, '✔')} ✔, ${total(list, '◐')} ◐, ${total(list, '✖')} ✖`;
  const lines = [
    '# rcplib and the kit\'s ArkTS API, member by member',
    '',
    '<!-- Generated by tools/coverage/coverage.js from tools/coverage/kit-surface.tsv, tools/coverage/partial.tsv',
    '     and rcplib/Index.ets; `npm test` fails when this file is out of date. Do not edit. -->',
    '',
    'Every name of Remote Communication Kit\'s `rcp` namespace, and every property, method and constructor of',
    'its interfaces and classes, with the kit version that introduced it and whether `import { rcp } from',
    '\'rcplib\'` has it:',
    '',
    '- ✔ declared with a type that accepts what the kit\'s type accepts, and in effect;',
    '- ◐ declared, but narrower, or accepted without effect (a hint): the reason follows;',
    '- ✖ not declared: code that names it does not compile against rcplib.',
    '',
    `Namespace members: ${summary(namespace)}.`,
    '',
    ...countTable(namespace),
    '',
    `Properties, methods and constructors: ${summary(properties)}.`,
    '',
    ...countTable(properties),
    '',
    '## Namespace members',
    '',
    '| member | kind | since | rcplib |',
    '| --- | --- | --- | --- |',
    ...namespace.map((row) => `| \`${row.member}\` | ${row.kind} | ${row.since} | ${statusCell(row)} |`),
    '',
    '## Properties, methods and constructors',
  ];
  let owner;
  for (const row of properties) {
    if (row.owner !== owner) {
      owner = row.owner;
      lines.push('', `### ${owner}`, '', '| member | since | rcplib |', '| --- | --- | --- |');
    }
    lines.push(`| \`${row.member.replace(/\|/g, '\\|')}\` | ${row.since} | ${statusCell(row)} |`);
  }
  lines.push(
    '',
    '## Names rcplib adds',
    '',
    'Declared by rcplib\'s `rcp` namespace and not by the kit\'s (each documented as an rcplib extension):',
    '',
    extensions.map((name) => `\`${name}\``).join(', ') + '.',
    '',
  );
  return lines.join('\n');
}

function main() {
  const check = process.argv.includes('--check');
  const measured = measure();
  for (const problem of measured.problems) {
    process.stderr.write(`coverage: ${problem}\n`);
  }
  const text = render(measured);
  const current = fs.existsSync(paths.output) ? fs.readFileSync(paths.output, 'utf8') : '';
  if (check) {
    if (current !== text) {
      process.stderr.write('coverage: rcplib/COVERAGE.md is out of date; run node tools/coverage/coverage.js\n');
      return 1;
    }
    return measured.problems.length > 0 ? 1 : 0;
  }
  if (current !== text) {
    fs.writeFileSync(paths.output, text);
  }
  const namespace = measured.rows.filter((row) => row.owner === '');
  process.stdout.write(`coverage: wrote rcplib/COVERAGE.md (${namespace.filter((r) => r.status !== '✖').length} of ` +
    `${namespace.length} namespace members, ${measured.rows.filter((r) => r.owner !== '' && r.status !== '✖').length} of ` +
    `${measured.rows.length - namespace.length} properties)\n`);
  return measured.problems.length > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main();
}

module.exports = { measure, render, readTsv };
