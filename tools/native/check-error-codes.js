#!/usr/bin/env node
'use strict';
// Holds the three places that name error codes to the one that defines them:
// core/errors.h (the engine's constants, in sections) is the source;
// <rcp/rcp_errors.h> (RCP_ERR_*) and errors.ets (ErrorCode.*) must carry every
// code under "Codes rcplib reports" with the same number, and any other code
// they name must exist in core/errors.h with the same number. core/errors.cpp
// must have a message case for every named code that is not a CURLcode, and no
// code of the "never reports" section may be used by the native sources.
// The naming rule is written at the top of core/errors.h.
//
// Usage: node tools/native/check-error-codes.js

const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const cppDir = path.join(repoRoot, 'rcplib', 'src', 'main', 'cpp');
const defaultFiles = {
  core: path.join(cppDir, 'core', 'errors.h'),
  messages: path.join(cppDir, 'core', 'errors.cpp'),
  c: path.join(cppDir, 'include', 'rcp', 'rcp_errors.h'),
  arkts: path.join(repoRoot, 'rcplib', 'src', 'main', 'ets', 'errors.ets'),
};
// The layers whose sources may use a code (errors.{h,cpp} themselves excepted).
const nativeLayers = ['core', 'capi', 'napi'];

// The section headings of core/errors.h, as the comment that opens each one begins.
const sections = [
  { heading: '// Success and the base of the transport codes', name: 'base' },
  { heading: '// Codes rcplib reports', name: 'reports' },
  { heading: '// Kit codes rcplib never reports', name: 'never' },
];
const transportBase = 1007900000;
// libcurl's codes stay below this (CURL_LAST is 99 in 7.88); errorMessage() reads their text from libcurl.
const curlCodeLimit = transportBase + 100;

/** kSessionClosed -> SESSION_CLOSED */
function upperSnake(constant) {
  return constant
    .replace(/^k/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase();
}

/** The RCP_ERR_* name of a core constant (see core/errors.h). */
function cName(constant) {
  if (constant === 'kOk') return 'RCP_ERR_NONE';
  return `RCP_ERR_${upperSnake(constant).replace(/_ERROR$/, '')}`;
}

/** The ErrorCode member of a core constant, or null for the two that have none. */
function arkTsName(constant) {
  if (constant === 'kOk' || constant === 'kTransportBase') return null;
  return upperSnake(constant);
}

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length;
}

/** core/errors.h: [{ name, value, section, line }] in file order. */
function readCoreCodes(file) {
  const text = fs.readFileSync(file, 'utf8');
  const codes = [];
  const values = new Map();
  let section = null;
  text.split('\n').forEach((line, index) => {
    const opened = sections.find((s) => line.startsWith(s.heading));
    if (opened) section = opened.name;
    const match = /^constexpr uint32_t (k\w+) = ([^;]+);/.exec(line);
    if (!match) return;
    const where = `${file}:${index + 1}`;
    const expression = match[2].trim();
    let value;
    const literal = /^(\d+)U?$/.exec(expression);
    const offset = /^(k\w+) \+ (\d+)$/.exec(expression);
    if (literal) {
      value = Number(literal[1]);
    } else if (offset && values.has(offset[1])) {
      value = values.get(offset[1]) + Number(offset[2]);
    } else {
      throw new Error(`${where}: cannot evaluate ${expression} (write a number or kEarlierCode + number)`);
    }
    if (section === null) throw new Error(`${where}: ${match[1]} is outside the sections of the file`);
    values.set(match[1], value);
    codes.push({ name: match[1], value, section, line: index + 1 });
  });
  return codes;
}

/** <rcp/rcp_errors.h>: Map RCP_ERR_* -> { value, line }. */
function readCCodes(file) {
  const text = fs.readFileSync(file, 'utf8');
  const codes = new Map();
  for (const match of text.matchAll(/^#define (RCP_ERR_\w+) (\d+)U?\s*$/gm)) {
    codes.set(match[1], { value: Number(match[2]), line: lineOf(text, match.index) });
  }
  return codes;
}

/** errors.ets: Map member -> { value, line } of `export class ErrorCode`. */
function readArkTsCodes(file) {
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf('export class ErrorCode {');
  if (start < 0) throw new Error(`${file}: no "export class ErrorCode {"`);
  const end = text.indexOf('\n}', start);
  const codes = new Map();
  const body = /static readonly (\w+): number = (\d+);/g;
  for (const match of text.slice(start, end).matchAll(body)) {
    codes.set(match[1], { value: Number(match[2]), line: lineOf(text, start + match.index) });
  }
  return codes;
}

/** core/errors.cpp: { named: Set of `case kName:` labels, unnamed: case labels that are not a bare name }. */
function readMessageCases(file) {
  const text = fs.readFileSync(file, 'utf8');
  const named = new Set();
  const unnamed = [];
  for (const match of text.matchAll(/\bcase\s+([^:]+):/g)) {
    const label = match[1].trim();
    if (/^k\w+$/.test(label)) named.add(label);
    else unnamed.push(`${file}:${lineOf(text, match.index)}: case ${label}`);
  }
  return { named, unnamed };
}

/** Names of "never reports" codes that a native source uses, with where. */
function usedUnreportedCodes(core, sourceRoot) {
  const unreported = core.filter((code) => code.section === 'never').map((code) => code.name);
  const uses = [];
  for (const layer of nativeLayers) {
    const dir = path.join(sourceRoot, layer);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (!/\.(h|cpp)$/.test(name) || (layer === 'core' && /^errors\.(h|cpp)$/.test(name))) continue;
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      for (const constant of unreported) {
        const found = new RegExp(`\\b${constant}\\b`).exec(text);
        if (found) uses.push(`${layer}/${name}:${lineOf(text, found.index)} uses ${constant}`);
      }
    }
  }
  return uses;
}

/**
 * Every disagreement between the places, as readable lines (empty when they agree).
 * `core` is readCoreCodes' list, `c` and `arkts` the maps of readCCodes and
 * readArkTsCodes, `messages` readMessageCases' result.
 */
function compareErrorCodes({ core, c, arkts, messages }) {
  const problems = [];
  const byCName = new Map(core.map((code) => [cName(code.name), code]));
  const byArkTsName = new Map(core.filter((code) => arkTsName(code.name)).map((code) => [arkTsName(code.name), code]));
  const seenValues = new Map();
  for (const code of core) {
    if (seenValues.has(code.value)) {
      problems.push(`core/errors.h: ${code.name} and ${seenValues.get(code.value)} are both ${code.value}`);
    }
    seenValues.set(code.value, code.name);
  }
  const mustCarry = (code, place) => code.section === 'reports' || (code.section === 'base' && place === 'c');
  const places = [
    { place: 'c', label: 'rcp_errors.h', names: c, nameOf: cName },
    { place: 'arkts', label: 'errors.ets ErrorCode', names: arkts, nameOf: arkTsName },
  ];
  for (const { place, label, names, nameOf } of places) {
    for (const code of core) {
      const name = nameOf(code.name);
      if (name === null) continue;
      const entry = names.get(name);
      if (!entry) {
        if (mustCarry(code, place)) problems.push(`${label}: missing ${name} (${code.value}, core ${code.name})`);
      } else if (entry.value !== code.value) {
        problems.push(`${label}:${entry.line}: ${name} is ${entry.value}, core/errors.h has ${code.name} = ${code.value}`);
      }
    }
    const known = place === 'c' ? byCName : byArkTsName;
    for (const [name, entry] of names) {
      if (!known.has(name)) {
        problems.push(`${label}:${entry.line}: ${name} (${entry.value}) has no constant in core/errors.h`);
      }
    }
  }
  for (const code of core) {
    const ownCode = code.value < transportBase || code.value >= curlCodeLimit;
    if (code.section !== 'base' && ownCode && !messages.named.has(code.name)) {
      problems.push(`core/errors.cpp: errorMessage() has no case ${code.name} (${code.value})`);
    }
  }
  for (const label of messages.unnamed) problems.push(`${label}: name the code in core/errors.h and use the name`);
  return problems;
}

/** Reads the four files (and the native sources) and returns the problems found. */
function checkErrorCodes(files = defaultFiles, sourceRoot = cppDir) {
  const core = readCoreCodes(files.core);
  const problems = compareErrorCodes({
    core,
    c: readCCodes(files.c),
    arkts: readArkTsCodes(files.arkts),
    messages: readMessageCases(files.messages),
  });
  for (const use of usedUnreportedCodes(core, sourceRoot)) {
    problems.push(`${use}, listed under "Kit codes rcplib never reports": move it to "Codes rcplib reports"`);
  }
  return problems;
}

function main() {
  const problems = checkErrorCodes();
  if (problems.length > 0) {
    throw new Error(`error codes disagree:\n  ${problems.join('\n  ')}`);
  }
  const core = readCoreCodes(defaultFiles.core);
  process.stdout.write(`error codes: ${core.length} in core/errors.h, rcp_errors.h and errors.ets agree\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`check-error-codes: ${error.message}\n`);
    process.exitCode = 1;
  }
}

module.exports = {
  arkTsName,
  cName,
  checkErrorCodes,
  compareErrorCodes,
  defaultFiles,
  readArkTsCodes,
  readCCodes,
  readCoreCodes,
  readMessageCases,
  usedUnreportedCodes,
};
