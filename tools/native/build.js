#!/usr/bin/env node
'use strict';
// Builds the host Node addon (rcp.node) from rcplib's C++ sources with the same
// CMakeLists.txt that hvigor uses for librcp.so, and copies it to build/host/.
//
// Usage: node tools/native/build.js [--compiler=gcc|clang] [--sanitize=address|thread] [--out=<file>]
//   --compiler   pick g++/gcc or clang++/clang (default: CMake's choice); each gets its own build folder
//   --sanitize   build with ASan+UBSan or TSan (output defaults to build/host/rcp.<sanitizer>.node)
//   --out        where to copy the addon (default build/host/rcp.node)

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const repoRoot = path.resolve(__dirname, '..', '..');
const sourceDir = path.join(repoRoot, 'rcplib', 'src', 'main', 'cpp');
const compilers = {
  gcc: { c: 'gcc', cxx: 'g++' },
  clang: { c: 'clang', cxx: 'clang++' },
};
const sanitizers = new Set(['address', 'thread']);

function parseArguments(argv) {
  const options = { compiler: '', sanitize: '', out: '' };
  for (const argument of argv) {
    const match = /^--(compiler|sanitize|out)=(.+)$/.exec(argument);
    if (!match) throw new Error(`unknown argument ${argument} (see the usage at the top of ${__filename})`);
    options[match[1]] = match[2];
  }
  if (options.compiler && !compilers[options.compiler]) {
    throw new Error(`--compiler must be one of ${Object.keys(compilers).join(', ')}`);
  }
  if (options.sanitize && !sanitizers.has(options.sanitize)) {
    throw new Error(`--sanitize must be one of ${[...sanitizers].join(', ')}`);
  }
  return options;
}

/**
 * Node's C headers (node_api.h): NODE_API_INCLUDE_DIR if set, else beside the
 * running node binary (<prefix>/include/node, as official tarballs and nvm lay
 * them out), else the distribution's /usr/include/node.
 */
function findNodeIncludeDir() {
  const candidates = [
    process.env.NODE_API_INCLUDE_DIR,
    path.resolve(path.dirname(process.execPath), '..', 'include', 'node'),
    '/usr/include/node',
    '/usr/local/include/node',
  ].filter(Boolean);
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'node_api.h')));
  if (!found) {
    throw new Error(`node_api.h not found in ${candidates.join(', ')}; set NODE_API_INCLUDE_DIR to Node's include/node`);
  }
  return found;
}

function run(command, args) {
  process.stdout.write(`$ ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} failed with exit code ${result.status}`);
}

function buildAddon(options) {
  const suffix = [options.compiler, options.sanitize].filter(Boolean).join('-');
  const buildDir = path.join(repoRoot, 'build', suffix ? `host-cmake-${suffix}` : 'host-cmake');
  const defaultOut = options.sanitize ? `rcp.${options.sanitize}.node` : 'rcp.node';
  const outFile = path.resolve(repoRoot, options.out || path.join('build', 'host', defaultOut));
  const configure = [
    '-S', sourceDir,
    '-B', buildDir,
    '-DRCP_BUILD_NODE_ADDON=ON',
    `-DNODE_API_INCLUDE_DIR=${findNodeIncludeDir()}`,
    '-DRCP_BUILD_TESTS=OFF',
    `-DRCP_SANITIZE=${options.sanitize}`,
    // Release-level optimisation with symbols, so sanitizer reports have line numbers.
    '-DCMAKE_BUILD_TYPE=RelWithDebInfo',
  ];
  if (options.compiler) {
    const { c, cxx } = compilers[options.compiler];
    configure.push(`-DCMAKE_C_COMPILER=${c}`, `-DCMAKE_CXX_COMPILER=${cxx}`);
  }
  run('cmake', configure);
  // Two jobs: the build machines this runs on are small.
  run('cmake', ['--build', buildDir, '--target', 'rcp_node', '--parallel', '2']);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.copyFileSync(path.join(buildDir, 'rcp.node'), outFile);
  process.stdout.write(`built ${path.relative(process.cwd(), outFile) || outFile}\n`);
  return outFile;
}

if (require.main === module) {
  try {
    buildAddon(parseArguments(process.argv.slice(2)));
  } catch (error) {
    process.stderr.write(`native build: ${error.message}\n`);
    process.exitCode = 1;
  }
}

module.exports = { buildAddon, findNodeIncludeDir };
