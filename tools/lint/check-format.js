#!/usr/bin/env node
'use strict';
// The formatting check of `npm test` (step `format`), in two parts:
//
//  1. Text basics from .editorconfig, on every tracked file a section of it names beyond `[*]`
//     (C/C++, ArkTS/TS/JS, JSON/JSON5, Markdown, shell, CMake): UTF-8, LF line ends, a final
//     newline, no trailing whitespace, and no tab in the indentation where indent_style = space.
//  2. clang-format (with the repository's .clang-format) on the C and C++ files in CPP_SCOPE that
//     tools/lint/clang-format-files.txt lists as already formatted: `clang-format --dry-run --Werror`.
//
//   node tools/lint/check-format.js               runs both parts; exits 1 and names each offending file
//   node tools/lint/check-format.js --fix-cpp     formats every C/C++ file in CPP_SCOPE in place (npm run format:cpp)
//   ... --root DIR                                checks the git work tree at DIR instead of this repository

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

// The C and C++ sources clang-format owns. The same list drives the check and `npm run format:cpp`.
const CPP_SCOPE = [
  'rcplib/src/main/cpp/**/*.{h,hpp,c,cc,cpp}',
  'examples/c/**/*.{h,c}',
  'bench/drivers/**/*.{h,c}',
];
const FORMATTED_LIST = 'tools/lint/clang-format-files.txt';
// Enough files per clang-format call to stay far below the command-line length limit.
const BATCH = 100;

// A glob as .editorconfig and FORMATTED_LIST write them: `*` and `?` within one path segment,
// `**` across segments, `{a,b}` alternatives. Matches the whole relative path.
function globToRegExp(glob) {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else {
          out += '.*';
        }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) {
      out += '|';
    } else {
      out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

// The sections of an .editorconfig file, in order: [{ matches(relPath), properties }].
// A pattern without a slash applies at any depth, as EditorConfig specifies.
function parseEditorConfig(text) {
  const sections = [];
  let current = null;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      let pattern = header[1];
      if (pattern.startsWith('/')) pattern = pattern.slice(1);
      else if (!pattern.includes('/')) pattern = `**/${pattern}`;
      const regExp = globToRegExp(pattern);
      current = { pattern: header[1], matches: (relPath) => regExp.test(relPath), properties: {} };
      sections.push(current);
      continue;
    }
    const property = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (property && current) current.properties[property[1].toLowerCase()] = property[2].toLowerCase();
  }
  return sections;
}

// The merged properties for one file, and whether a section other than `[*]` names it.
function editorConfigFor(relPath, sections) {
  const properties = {};
  let named = false;
  for (const section of sections) {
    if (!section.matches(relPath)) continue;
    Object.assign(properties, section.properties);
    if (section.pattern !== '*') named = true;
  }
  return { properties, named };
}

// The text-basics problems of one file's bytes under its .editorconfig properties, as
// [{ line, message }] (line 0 for a whole-file problem), at most one per kind.
function textProblems(bytes, properties) {
  const problems = [];
  let text;
  if (properties.charset === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return [{ line: 0, message: 'not valid UTF-8' }];
    }
  } else {
    text = bytes.toString('utf8');
  }
  if (text.length === 0) return problems;
  const lines = text.split('\n');
  const firstLine = (test) => {
    const index = lines.findIndex(test);
    return index < 0 ? 0 : index + 1;
  };
  if (properties.end_of_line === 'lf') {
    const line = firstLine((l) => l.includes('\r'));
    if (line) problems.push({ line, message: 'carriage return (line ends must be LF)' });
  }
  if (properties.insert_final_newline === 'true' && !text.endsWith('\n')) {
    problems.push({ line: lines.length, message: 'no newline at the end of the file' });
  }
  if (properties.trim_trailing_whitespace === 'true') {
    const line = firstLine((l) => /[ \t]\r?$/.test(l));
    if (line) problems.push({ line, message: 'trailing whitespace' });
  }
  if (properties.indent_style === 'space') {
    const line = firstLine((l) => /^[ ]*\t/.test(l));
    if (line) problems.push({ line, message: 'tab in the indentation (this file kind indents with spaces)' });
  }
  return problems;
}

function git(root, args) {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error || result.status !== 0) {
    throw new Error(`git ${args.join(' ')} failed in ${root}: ${result.error ? result.error.message : result.stderr}`);
  }
  return result.stdout;
}

// Tracked files that exist in the work tree (a file deleted but not yet committed is skipped).
function trackedFiles(root) {
  return git(root, ['ls-files', '-z'])
    .split('\0')
    .filter((f) => f !== '' && fs.statSync(path.join(root, f), { throwIfNoEntry: false })?.isFile());
}

function matchesAny(relPath, regExps) {
  return regExps.some((r) => r.test(relPath));
}

function cppFiles(files) {
  const scope = CPP_SCOPE.map(globToRegExp);
  return files.filter((f) => matchesAny(f, scope));
}

// The globs of FORMATTED_LIST: one a line, `#` starts a comment.
function formattedGlobs(root) {
  const file = path.join(root, FORMATTED_LIST);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
}

function clangFormat(root, args, files) {
  const outputs = [];
  for (let i = 0; i < files.length; i += BATCH) {
    const result = spawnSync('clang-format', [...args, ...files.slice(i, i + BATCH)], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) {
      const hint = result.error.code === 'ENOENT' ? ' (install it with tools/setup/ensure-deps.sh)' : '';
      return { error: `cannot run clang-format: ${result.error.message}${hint}` };
    }
    outputs.push({ status: result.status, stderr: result.stderr });
  }
  return { outputs };
}

function clangFormatVersion() {
  const result = spawnSync('clang-format', ['--version'], { encoding: 'utf8' });
  return result.error ? 'unknown' : result.stdout.trim();
}

// The files clang-format would change, as { file: first line }, or { error }.
function clangFormatViolations(root, files) {
  const run = clangFormat(root, ['--dry-run', '--Werror', '--style=file'], files);
  if (run.error) return { error: run.error };
  const violations = new Map();
  for (const { status, stderr } of run.outputs) {
    for (const m of stderr.matchAll(/^(.+?):(\d+):\d+: (?:error|warning): code should be clang-formatted/gm)) {
      const file = path.relative(root, path.resolve(root, m[1]));
      if (!violations.has(file)) violations.set(file, Number(m[2]));
    }
    if (status !== 0 && violations.size === 0) return { error: `clang-format failed: ${stderr.trim()}` };
  }
  return { violations };
}

function check(root) {
  const problems = [];
  const notes = [];
  const editorConfigPath = path.join(root, '.editorconfig');
  if (!fs.existsSync(editorConfigPath)) {
    problems.push('.editorconfig: missing');
    return { problems, notes, checkedText: 0, checkedCpp: 0 };
  }
  const sections = parseEditorConfig(fs.readFileSync(editorConfigPath, 'utf8'));
  const files = trackedFiles(root);
  let checkedText = 0;
  for (const file of files) {
    const { properties, named } = editorConfigFor(file, sections);
    if (!named) continue;
    checkedText++;
    for (const { line, message } of textProblems(fs.readFileSync(path.join(root, file)), properties)) {
      problems.push(`${file}${line ? `:${line}` : ''}: ${message}`);
    }
  }

  const listed = formattedGlobs(root).map(globToRegExp);
  const cpp = cppFiles(files).filter((f) => matchesAny(f, listed));
  if (cpp.length > 0) {
    const result = clangFormatViolations(root, cpp);
    if (result.error) {
      problems.push(result.error);
    } else {
      for (const [file, line] of result.violations) {
        problems.push(`${file}:${line}: not formatted by .clang-format (npm run format:cpp, or clang-format -i ${file})`);
      }
      if (result.violations.size > 0) notes.push(`clang-format used: ${clangFormatVersion()}`);
    }
  }
  return { problems, notes, checkedText, checkedCpp: cpp.length };
}

function fixCpp(root) {
  const files = cppFiles(trackedFiles(root));
  const run = clangFormat(root, ['-i', '--style=file'], files);
  if (run.error) {
    console.error(run.error);
    return 1;
  }
  const failed = run.outputs.filter((o) => o.status !== 0);
  for (const o of failed) process.stderr.write(o.stderr);
  console.log(`format:cpp: ran ${clangFormatVersion()} on ${files.length} files`);
  return failed.length ? 1 : 0;
}

function main(argv) {
  const rootIndex = argv.indexOf('--root');
  const root = path.resolve(rootIndex >= 0 ? argv[rootIndex + 1] : path.join(__dirname, '..', '..'));
  if (argv.includes('--fix-cpp')) return fixCpp(root);
  const { problems, notes, checkedText, checkedCpp } = check(root);
  for (const line of [...problems, ...notes]) console.error(line);
  console.log(`format: ${checkedText} files checked against .editorconfig, ${checkedCpp} against .clang-format; ` +
    `${problems.length ? `${problems.length} problems` : 'all clean'}`);
  return problems.length ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { CPP_SCOPE, globToRegExp, parseEditorConfig, editorConfigFor, textProblems, cppFiles, check };
