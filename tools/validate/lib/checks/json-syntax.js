'use strict';

// Every *.json5 file and every resource *.json file must parse: hvigor, ohpm and the resource
// compiler stop at the first file they cannot read. Resource .json files are strict JSON.

const ID = 'json-syntax';

function checkJsonSyntax(model) {
  const problems = [];
  for (const [rel, result] of model.parsed) {
    if (result.error) {
      const where = result.error.line !== undefined
        ? ` (line ${result.error.line}, column ${result.error.column})` : '';
      const kind = rel.endsWith('.json5') ? 'JSON5' : 'strict JSON';
      problems.push({ check: ID, file: rel, message: `is not valid ${kind}${where}: ${result.error.message}` });
    }
  }
  return problems;
}

module.exports = { id: ID, run: checkJsonSyntax };
