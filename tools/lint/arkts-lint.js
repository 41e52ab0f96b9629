#!/usr/bin/env node
'use strict';
// `npm run lint`: checks ArkTS sources with the ArkTS linter that ships in ohos-typescript, plus the
// TypeScript errors a device build would report for the same files.
//
//   node tools/lint/arkts-lint.js            lints rcplib/ and the UI-free parts of entry/
//   node tools/lint/arkts-lint.js a.ets ...  lints the given files only
//
// TypeScript files among the ArkTS sources (src/main/ets/**/*.ts, such as rcplib's header_types.ts)
// are type-checked with them; the ArkTS rules do not apply to TypeScript, as in a device build.
// Calls to functions the SDK declares `@throws` (the shims under tools/shims/ carry the same tags)
// outside a try block are reported as warnings (TS28040), as the SDK's compiler reports them.

const fs = require('node:fs');
const path = require('node:path');
const ts = require('ohos-typescript');
const JSON5 = require('json5');
const { repoRoot, resolveUserPath, displayPath } = require('../ets/paths');

// Where `npm run lint` looks; pages and other UI code under entry/ need the ArkUI SDK and are left out.
const defaultRoots = ['rcplib', 'entry/src/main/ets/model', 'entry/src/ohosTest', 'entry/src/test'];
const etsGlobals = path.join(__dirname, 'declarations', 'ets-globals.d.ts');
const skippedDirectories = new Set(['node_modules', 'oh_modules', 'build', '.preview', '.hvigor', '.cxx', '.test']);

// A TypeScript source among ArkTS sources: under some src/main/ets/, not a declaration file.
function isTypeScriptSource(fullPath) {
  const relative = path.relative(repoRoot, fullPath).split(path.sep).join('/');
  return /(^|\/)src\/main\/ets\//.test(relative) && relative.endsWith('.ts') && !relative.endsWith('.d.ts');
}

function collectSourceFiles(directory, found) {
  let entries;
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const fullPath = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirectories.has(entry.name)) {
        collectSourceFiles(fullPath, found);
      }
    } else if (entry.isFile() && entry.name.endsWith('.ets') && !entry.name.endsWith('.d.ets')) {
      found.push(fullPath);
    } else if (entry.isFile() && isTypeScriptSource(fullPath)) {
      found.push(fullPath);
    }
  }
  return found;
}

// The linter enables some rules by API level, so it is told the level the app is built for.
function readCompatibleApiLevel() {
  try {
    const profile = JSON5.parse(fs.readFileSync(path.join(repoRoot, 'build-profile.json5'), 'utf8'));
    const version = String(profile.app.products[0].compatibleSdkVersion);
    const match = /\((\d+)\)$/.exec(version) || /^(\d+)$/.exec(version);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Compiler options of an ArkTS build, with host declarations standing in for the SDK and ohpm packages. */
function compilerOptions() {
  const hypiumDeclarations = path.join(path.dirname(require.resolve('@ohos/hypium', { paths: [repoRoot] })), 'index.d.ts');
  const options = {
    target: ts.ScriptTarget.ES2021,
    module: ts.ModuleKind.ES2020,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    lib: ['lib.es2021.d.ts'],
    types: [],
    noEmit: true,
    // The linter derives the strict-mode errors itself from a non-strict program.
    strict: false,
    experimentalDecorators: true,
    // Native module declarations use named exports while ArkTS imports them as a default.
    allowSyntheticDefaultImports: true,
    needDoArkTsLinter: true,
    isCompatibleVersion: false,
    baseUrl: repoRoot,
    paths: {
      '@kit.*': ['tools/shims/@kit.*'],
      '@ohos.*': ['tools/shims/@ohos.*'],
      '@ohos/hypium': [hypiumDeclarations],
      'librcp.so': ['rcplib/src/main/cpp/types/librcp/index.d.ts'],
      rcplib: ['rcplib/Index.ets'],
    },
  };
  const apiLevel = readCompatibleApiLevel();
  if (apiLevel !== undefined) {
    options.compatibleSdkVersion = apiLevel;
  }
  return options;
}

function formatDiagnostic(diagnostic) {
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start || 0);
  const severity = diagnostic.category === ts.DiagnosticCategory.Error ? 'error' : 'warning';
  let message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  // ArkTS linter messages end with their rule name; TypeScript's get their code the same way.
  if (!/\(arkts-[\w-]+\)$/.test(message)) {
    message += ` (TS${diagnostic.code})`;
  }
  const missingModule = /^Cannot find module '(@(kit|ohos)\.[^']+)'/.exec(message);
  if (missingModule) {
    message += `; declare it in tools/shims/${missingModule[1]}.d.ts`;
  }
  return {
    file: diagnostic.file.fileName,
    line: line + 1,
    column: character + 1,
    severity,
    text: `${displayPath(diagnostic.file.fileName)}:${line + 1}:${character + 1} ${severity} ${message}`,
  };
}

/** Lints `files` (absolute paths) and returns their diagnostics, sorted by position. */
function lintFiles(files) {
  const wanted = new Set(files.map((file) => path.resolve(file)));
  const program = ts.createIncrementalProgramForArkTs({
    rootNames: [...wanted, etsGlobals],
    options: compilerOptions(),
  });
  const diagnostics = [];
  for (const file of wanted) {
    const sourceFile = program.getSourceFile(file);
    diagnostics.push(...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile));
  }
  diagnostics.push(...ts.ArkTSLinter_1_1.runArkTSLinter(program, undefined, undefined, 'ArkTS_1_1'));

  const seen = new Set();
  return diagnostics
    .filter((diagnostic) => diagnostic.file && wanted.has(path.resolve(diagnostic.file.fileName)))
    .map(formatDiagnostic)
    .filter((entry) => !seen.has(entry.text) && seen.add(entry.text))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

function main() {
  const args = process.argv.slice(2);
  let files;
  if (args.length > 0) {
    files = args.map(resolveUserPath);
    const missing = files.filter((file) => !fs.existsSync(file));
    if (missing.length > 0) {
      process.stderr.write(`arkts-lint: no such file: ${missing.join(', ')}\n`);
      return 2;
    }
  } else {
    files = defaultRoots.flatMap((root) => collectSourceFiles(path.join(repoRoot, root), []));
  }

  const results = files.length > 0 ? lintFiles(files) : [];
  for (const entry of results) {
    process.stdout.write(`${entry.text}\n`);
  }
  const errors = results.filter((entry) => entry.severity === 'error').length;
  const warnings = results.length - errors;
  process.stdout.write(`arkts-lint: ${files.length} files linted, ${errors} errors, ${warnings} warnings\n`);
  return errors > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main();
}

module.exports = { lintFiles, compilerOptions, collectSourceFiles };
