#!/usr/bin/env node
'use strict';
// Fails when a C/C++ file of rcplib's native layers includes a header its layer
// may not use, and lists each such include as file:line. The arrows point one
// way (ArkTS API -> napi -> core <- capi):
//   core     the engine: core/, libcurl and the C++ library; no Node-API, no C API
//   capi     the C API: include/rcp, capi/ and core/; no Node-API
//   napi     the Node-API module: napi/, core/ and Node-API; no libcurl, no C API
//   include  the public C headers: stand alone, nothing of the implementation
// The CMake targets give each layer only its own include roots, so most wrong
// includes also fail to compile; this check also catches headers that the host
// finds on the system include path (<curl/curl.h>, <node_api.h>).
//
// Usage: node tools/native/check-layering.js [source-root] (default rcplib/src/main/cpp)

const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const defaultSourceRoot = path.join(repoRoot, 'rcplib', 'src', 'main', 'cpp');
const sourceExtensions = new Set(['.c', '.cc', '.cpp', '.cxx', '.h', '.hh', '.hpp', '.hxx', '.inc']);
// Prebuilt third-party libraries (libcurl's headers on OHOS) are not ours to check.
const skippedFolders = new Set(['thirdparty']);

const nodeApiHeaders = ['node_api.h', 'node_api_types.h', 'js_native_api.h', 'js_native_api_types.h'];
const nodeApi = [
  { folder: 'napi', reason: 'napi/ is the Node-API module (and <napi/...> the OHOS Node-API headers)' },
  ...nodeApiHeaders.map((header) => ({ header, reason: 'Node-API belongs to napi/' })),
];
const cApi = [
  { folder: 'capi', reason: 'the C API is a front-end of its own' },
  { folder: 'rcp', reason: 'the public C API headers belong to capi/' },
  { folder: 'RemoteCommunicationKit', reason: 'the public C API headers belong to capi/' },
];

/** What each layer (a folder under the source root) must not include. */
const forbiddenIncludes = {
  core: [...nodeApi, ...cApi],
  capi: nodeApi,
  napi: [
    { folder: 'curl', reason: 'libcurl is the engine\'s business; napi/ talks to core/' },
    ...cApi,
  ],
  include: [
    { folder: 'core', reason: 'public headers must not expose the engine' },
    { folder: 'capi', reason: 'public headers must not expose the C API\'s internals' },
    { folder: 'curl', reason: 'public headers must not expose libcurl' },
    ...nodeApi,
  ],
};

/**
 * The text with comments replaced by spaces (line breaks kept, so line numbers
 * stay right); string and character literals are skipped so a "/*" inside one
 * does not hide the includes after it.
 */
function withoutComments(text) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === '"' || c === '\'') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Every `#include` of a file: { line, spec, quoted }. */
function includesOf(text) {
  const found = [];
  withoutComments(text)
    .split('\n')
    .forEach((lineText, index) => {
      const match = /^\s*#\s*include(?:_next)?\s*([<"])([^>"]+)[>"]/.exec(lineText);
      if (match) found.push({ line: index + 1, spec: match[2].trim(), quoted: match[1] === '"' });
    });
  return found;
}

/**
 * The include as seen from the source root ("core/errors.h"): a quoted include
 * that names a file beside the including one, or climbs out with "..", is
 * resolved to where it really lands; anything else is taken as written.
 */
function includeFromRoot(sourceRoot, file, include) {
  if (include.quoted) {
    const resolved = path.resolve(path.dirname(file), include.spec);
    const climbs = include.spec.split(/[\\/]/).includes('..');
    if (climbs || fs.existsSync(resolved)) {
      const relative = path.relative(sourceRoot, resolved);
      if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
    }
  }
  return include.spec.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

function ruleBroken(rules, fromRoot) {
  const parts = fromRoot.split('/');
  const folder = parts.length > 1 ? parts[0] : '';
  const header = parts[parts.length - 1];
  return rules.find((rule) => (rule.folder !== undefined ? rule.folder === folder : rule.header === header));
}

function sourceFiles(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) sourceFiles(full, found);
    } else if (entry.isFile() && sourceExtensions.has(path.extname(entry.name))) {
      found.push(full);
    }
  }
  return found;
}

/**
 * Checks every C/C++ file under sourceRoot. Returns { filesChecked, violations }
 * where each violation is { file, line, layer, include, reason } (file relative
 * to sourceRoot). Files outside the layer folders (tests, fuzzers) have no rules.
 */
function checkLayering(sourceRoot = defaultSourceRoot) {
  const files = sourceFiles(sourceRoot);
  const violations = [];
  for (const file of files) {
    const relative = path.relative(sourceRoot, file).split(path.sep).join('/');
    const layer = relative.split('/')[0];
    const rules = forbiddenIncludes[layer];
    if (!rules) continue;
    for (const include of includesOf(fs.readFileSync(file, 'utf8'))) {
      const fromRoot = includeFromRoot(sourceRoot, file, include);
      // A layer's own files are always fine, whatever they are called.
      if (fromRoot.startsWith(`${layer}/`) && include.quoted) continue;
      const rule = ruleBroken(rules, fromRoot);
      if (rule) violations.push({ file: relative, line: include.line, layer, include: include.spec, reason: rule.reason });
    }
  }
  return { filesChecked: files.length, violations };
}

function formatViolation(sourceRoot, violation) {
  const where = path.relative(process.cwd(), path.join(sourceRoot, violation.file)) || violation.file;
  return `${where}:${violation.line}: ${violation.layer}/ must not include "${violation.include}": ${violation.reason}`;
}

function main() {
  const sourceRoot = path.resolve(process.argv[2] || defaultSourceRoot);
  const { filesChecked, violations } = checkLayering(sourceRoot);
  if (filesChecked === 0) throw new Error(`no C/C++ files under ${sourceRoot}`);
  if (violations.length > 0) {
    for (const violation of violations) process.stderr.write(`${formatViolation(sourceRoot, violation)}\n`);
    throw new Error(`${violations.length} forbidden include(s) in ${filesChecked} files`);
  }
  process.stdout.write(`layering: ${filesChecked} C/C++ files, no forbidden include\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`check-layering: ${error.message}\n`);
    process.exitCode = 1;
  }
}

module.exports = { checkLayering, includesOf, forbiddenIncludes, formatViolation, defaultSourceRoot };
