'use strict';

// Every .ets file of every module must parse as ArkTS (ohos-typescript in ETS mode, told the
// ArkUI component and decorator names), pages included: a syntax error would otherwise surface
// only when a developer builds in DevEco. Every page in a pages profile must also declare exactly
// one @Entry struct, or the page cannot be loaded.

const ts = require('ohos-typescript');
const { arkuiEtsOptions } = require('../arkui-parse-options');
const { joinRel } = require('../project-model');

const ID = 'ets-syntax';
// Past the first few errors of a file the parser is usually reporting the same mistake again.
const MAX_ERRORS_PER_FILE = 5;

const parseOptions = { ets: arkuiEtsOptions() };

/** Parses `text` as the .ets file `rel`; returns the source file and its syntax errors. */
function parseEts(rel, text) {
  const sourceFile = ts.createSourceFile(rel, text, ts.ScriptTarget.ES2021, true, ts.ScriptKind.ETS, parseOptions);
  const errors = sourceFile.parseDiagnostics.map((diagnostic) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start || 0);
    return { line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ') };
  });
  return { sourceFile, errors };
}

function decoratorNames(node) {
  const decorators = ts.canHaveDecorators(node) ? ts.getDecorators(node) || [] : [];
  return decorators.map((decorator) => {
    const expression = ts.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
    return ts.isIdentifier(expression) ? expression.text : '';
  });
}

/** Names of the top-level structs decorated with @Entry. */
function entryStructs(sourceFile) {
  return sourceFile.statements
    .filter((statement) => statement.kind === ts.SyntaxKind.StructDeclaration && decoratorNames(statement).includes('Entry'))
    .map((statement) => (statement.name ? statement.name.text : '(anonymous)'));
}

// Pages named by the module's pages profile, as module-relative .ets paths.
function pageFiles(model, mod) {
  const moduleJson = mod.moduleJsonPath ? model.json(mod.moduleJsonPath) : undefined;
  const reference = moduleJson && moduleJson.module ? moduleJson.module.pages : undefined;
  const m = typeof reference === 'string' ? /^\$profile:(.+)$/.exec(reference) : null;
  if (!m) {
    return new Set();
  }
  const profile = model.json(joinRel(mod.dir, `src/main/resources/base/profile/${m[1]}.json`));
  const pages = profile && Array.isArray(profile.src) ? profile.src : [];
  return new Set(pages.map((page) => joinRel(mod.dir, `src/main/ets/${page}.ets`)));
}

function checkEtsSyntax(model) {
  const problems = [];
  for (const mod of model.modules) {
    if (mod.dir === null || !model.isDir(mod.dir)) {
      continue;
    }
    const pages = pageFiles(model, mod);
    for (const rel of model.filesUnder(mod.dir).filter((f) => f.endsWith('.ets'))) {
      const { sourceFile, errors } = parseEts(rel, model.readText(rel));
      for (const error of errors.slice(0, MAX_ERRORS_PER_FILE)) {
        problems.push({
          check: ID,
          file: rel,
          message: `does not parse as ArkTS (line ${error.line}, column ${error.column}): ${error.message}`,
        });
      }
      if (errors.length > MAX_ERRORS_PER_FILE) {
        problems.push({ check: ID, file: rel, message: `and ${errors.length - MAX_ERRORS_PER_FILE} more syntax errors` });
      }
      if (errors.length === 0 && pages.has(rel)) {
        const entries = entryStructs(sourceFile);
        if (entries.length !== 1) {
          problems.push({
            check: ID,
            file: rel,
            message: `is a page of the pages profile, so it must declare exactly one @Entry struct (found ${entries.length})`,
          });
        }
      }
    }
  }
  return problems;
}

module.exports = { id: ID, run: checkEtsSyntax, parseEts, entryStructs };
