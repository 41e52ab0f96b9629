'use strict';
// Reads rcplib/src/main/cpp/napi/boundary_table.h, the one declaration of the native module's
// boundary, as text: the X-macro tables (the format its header comment describes) into records,
// enums and flat exports, checked as far as the table alone can be (known shapes and presences,
// no name twice, 32-bit values). tools/native/gen-boundary.js renders what this returns.

const TABLE_NAME = 'src/main/cpp/napi/boundary_table.h';
// Every record shape (see the header of boundary_table.h), with the kinds of the arguments it
// takes: FACTORY is a bare name, ARGUMENTS(Receiver, method, "return type").
const SHAPES = new Map([
  ['FACTORY', []],
  ['ARGUMENTS', ['identifier', 'identifier', 'string']],
]);
const PRESENCES = new Set(['REQUIRED', 'OPTIONAL']);

/** Splits C source into tokens with their line numbers; comments are dropped. */
function tokenize(text, file) {
  const tokens = [];
  const pattern = /(\/\/[^\n]*)|(\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*")|([A-Za-z_]\w*)|(\d+)|(\\\n)|(\n)|([ \t\r]+)|(.)/g;
  let line = 1;
  let atLineStart = true;
  let match;
  while ((match = pattern.exec(text)) !== null) {
    const [whole, lineComment, blockComment, string, identifier, number, continuation, newline, , other] = match;
    if (newline) {
      tokens.push({ kind: 'newline', line });
      line++;
      atLineStart = true;
      continue;
    }
    if (continuation || blockComment) {
      line += (whole.match(/\n/g) || []).length;
      continue;
    }
    if (lineComment || (whole.trim() === '' && !other)) continue;
    if (string !== undefined) {
      if (string.includes('\\')) throw new Error(`${file}:${line}: no escapes in the table's strings: ${string}`);
      tokens.push({ kind: 'string', value: string.slice(1, -1), line });
    } else if (identifier !== undefined) {
      tokens.push({ kind: 'identifier', value: identifier, line });
    } else if (number !== undefined) {
      tokens.push({ kind: 'number', value: Number(number), line });
    } else if (other === '#' && atLineStart) {
      tokens.push({ kind: 'directive', line });
    } else {
      tokens.push({ kind: 'punct', value: other, line });
    }
    atLineStart = false;
  }
  return tokens;
}

/**
 * The table macros of a header: every `#define NAME(PARAM) body` whose body is a sequence of
 * `PARAM(argument, ...)` entries. Returns Map NAME -> { line, entries: [{ line, args }] }, where an
 * argument is { kind: 'identifier' | 'number' | 'string', value }, or { kind: 'call', value: NAME,
 * args } for `NAME(argument, ...)` (its arguments of the first three kinds). Other directives are
 * skipped.
 */
function readMacros(text, file) {
  const tokens = tokenize(text, file);
  const macros = new Map();
  let i = 0;
  const fail = (token, message) => {
    throw new Error(`${file}:${token ? token.line : '?'}: ${message}`);
  };
  const expect = (kind, value) => {
    const token = tokens[i];
    if (!token || token.kind !== kind || (value !== undefined && token.value !== value)) {
      fail(token, `expected ${value !== undefined ? `'${value}'` : kind}, found ${token ? token.value || token.kind : 'the end'}`);
    }
    i++;
    return token;
  };
  while (i < tokens.length) {
    const token = tokens[i];
    const next = tokens[i + 1];
    if (token.kind !== 'directive' || !next || next.value !== 'define') {
      i++;
      continue;
    }
    i += 2;
    const name = expect('identifier');
    if (!tokens[i] || tokens[i].value !== '(') {
      while (i < tokens.length && tokens[i].kind !== 'newline') i++;  // an object-like macro: not a table
      continue;
    }
    i++;
    const param = expect('identifier').value;
    expect('punct', ')');
    if (macros.has(name.value)) fail(name, `${name.value} is defined twice`);
    // The arguments of `NAME(...)`, up to its ')'; `nested` when NAME is itself an argument.
    const readArguments = (nested) => {
      expect('punct', '(');
      const args = [];
      for (;;) {
        const first = tokens[i];
        if (!first || !['identifier', 'number', 'string'].includes(first.kind)) {
          fail(first, `${name.value}: an argument must be an identifier, a number or a string`);
        }
        i++;
        let value = first.value;
        while (first.kind === 'string' && tokens[i] && tokens[i].kind === 'string') value += tokens[i++].value;
        if (first.kind === 'identifier' && tokens[i] && tokens[i].value === '(') {
          if (nested) fail(first, `${name.value}: ${first.value}(...) is nested too deeply`);
          args.push({ kind: 'call', value, args: readArguments(true) });
        } else {
          args.push({ kind: first.kind, value });
        }
        const separator = expect('punct');
        if (separator.value === ')') break;
        if (separator.value !== ',') fail(separator, `${name.value}: expected ',' or ')', found '${separator.value}'`);
      }
      return args;
    };
    const entries = [];
    while (i < tokens.length && tokens[i].kind !== 'newline') {
      const head = expect('identifier');
      if (head.value !== param) fail(head, `${name.value}: every entry must be ${param}(...), found ${head.value}`);
      entries.push({ line: head.line, args: readArguments(false) });
    }
    macros.set(name.value, { line: name.line, entries });
  }
  return macros;
}

/**
 * The entries of one table, each checked against `kinds` ('identifier', 'number', 'string', or
 * 'shape': an identifier, alone or with arguments). A value is the argument's value; a shape's is
 * { name, args: [{ kind, value }] }.
 */
function tableEntries(macros, name, kinds, file) {
  const macro = macros.get(name);
  if (!macro) throw new Error(`${file}: ${name} is not defined`);
  return macro.entries.map((entry) => {
    if (entry.args.length !== kinds.length) {
      throw new Error(`${file}:${entry.line}: ${name} entries take ${kinds.length} arguments, this one has ${entry.args.length}`);
    }
    entry.args.forEach((arg, index) => {
      const fits = kinds[index] === 'shape' ? ['identifier', 'call'].includes(arg.kind) : arg.kind === kinds[index];
      if (!fits) {
        throw new Error(`${file}:${entry.line}: argument ${index + 1} of this ${name} entry must be a ${kinds[index]}`);
      }
    });
    const values = entry.args.map((arg, index) => {
      if (kinds[index] !== 'shape') return arg.value;
      return { name: arg.value, args: arg.kind === 'call' ? arg.args : [] };
    });
    return { line: entry.line, values };
  });
}

/** A record's shape: its name, plus for ARGUMENTS the method it is passed to. */
function readShape(shape, record, line, file) {
  const kinds = SHAPES.get(shape.name);
  if (!kinds) throw new Error(`${file}:${line}: ${record}: unknown shape ${shape.name} (known: ${[...SHAPES.keys()].join(', ')})`);
  if (shape.args.length !== kinds.length || shape.args.some((arg, index) => arg.kind !== kinds[index])) {
    const form = kinds.length === 0 ? 'a bare name' : `${shape.name}(${kinds.join(', ')})`;
    throw new Error(`${file}:${line}: ${record}: shape ${shape.name} is written as ${form}`);
  }
  if (shape.name !== 'ARGUMENTS') return { shape: shape.name };
  const [receiver, method, returns] = shape.args.map((arg) => arg.value);
  return { shape: shape.name, method: { receiver, name: method, returns } };
}

function checkUnique(names, what, file) {
  const seen = new Set();
  for (const { name, line } of names) {
    if (seen.has(name)) throw new Error(`${file}:${line}: ${what} ${name} is declared twice`);
    seen.add(name);
  }
}

/**
 * Reads boundary_table.h into
 * { records: [{ name, shape, doc, functionDoc, fields: [{ name, tsType, optional, doc }],
 *               method (ARGUMENTS only): { receiver, name, returns } }],
 *   enums: [{ name, doc, members: [{ cppName, jsName, value, doc }] }],
 *   flatExports: [{ enumName, prefix }] }.
 */
function readTable(text, file = TABLE_NAME) {
  const macros = readMacros(text, file);
  const records = tableEntries(macros, 'RCP_BOUNDARY_RECORDS', ['identifier', 'identifier', 'shape', 'string', 'string'], file)
    .map(({ line, values: [name, fieldTable, shapeValue, doc, functionDoc] }) => {
      const shape = readShape(shapeValue, name, line, file);
      const fields = tableEntries(macros, fieldTable, ['identifier', 'string', 'identifier', 'string'], file)
        .map(({ line: fieldLine, values: [fieldName, tsType, presence, fieldDoc] }) => {
          if (!PRESENCES.has(presence)) throw new Error(`${file}:${fieldLine}: ${fieldName}: ${presence} is not REQUIRED or OPTIONAL`);
          return { name: fieldName, tsType, optional: presence === 'OPTIONAL', doc: fieldDoc, line: fieldLine };
        });
      checkUnique(fields, `field of ${name}`, file);
      const clash = fields.find((field) => field.name === 'kCount');
      if (clash) throw new Error(`${file}:${clash.line}: ${clash.name} is taken (the C++ slot count); rename the field`);
      if (fields.length === 0) throw new Error(`${file}:${line}: ${name} has no fields`);
      return { name, ...shape, doc, functionDoc, fields, line };
    });
  const enums = tableEntries(macros, 'RCP_BOUNDARY_ENUMS', ['identifier', 'identifier', 'string'], file)
    .map(({ line, values: [name, memberTable, doc] }) => {
      const members = tableEntries(macros, memberTable, ['identifier', 'identifier', 'number', 'string'], file)
        .map(({ line: memberLine, values: [cppName, jsName, value, memberDoc] }) => {
          if (!/^[A-Z][A-Z0-9_]*$/.test(jsName)) throw new Error(`${file}:${memberLine}: ${jsName}: JavaScript names are UPPER_SNAKE_CASE`);
          if (value > 0xffffffff) throw new Error(`${file}:${memberLine}: ${jsName}: ${value} does not fit 32 bits`);
          return { cppName, jsName, value, doc: memberDoc, line: memberLine };
        });
      if (members.length === 0) throw new Error(`${file}:${line}: ${name} has no members`);
      checkUnique(members.map((m) => ({ name: m.jsName, line: m.line })), `member of ${name}`, file);
      checkUnique(members.map((m) => ({ name: String(m.value), line: m.line })), `value of ${name}`, file);
      return { name, doc, members, line };
    });
  checkUnique([...records, ...enums], 'name', file);
  const flatExports = tableEntries(macros, 'RCP_BOUNDARY_FLAT_EXPORTS', ['identifier', 'string'], file)
    .map(({ line, values: [enumName, prefix] }) => {
      if (!enums.some((e) => e.name === enumName)) throw new Error(`${file}:${line}: ${enumName} is not an enum of the table`);
      return { enumName, prefix };
    });
  return { records, enums, flatExports };
}

module.exports = { readTable, readMacros, checkUnique, TABLE_NAME };
