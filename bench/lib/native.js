'use strict';
// Builds what the bench runs natively, in its own CMake build folder: librcp.so and the host Node
// addon (both Release, from the same CMakeLists.txt and the same sources, so the C API and the ArkTS
// API are measured on the same engine), then the two C drivers.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { findNodeIncludeDir } = require('../../tools/native/build');

const repoRoot = path.resolve(__dirname, '..', '..');
const sourceDir = path.join(repoRoot, 'rcplib', 'src', 'main', 'cpp');
const buildRoot = path.join(repoRoot, 'build', 'bench');
const libDir = path.join(buildRoot, 'librcp');
const binDir = path.join(buildRoot, 'bin');
const driversDir = path.join(repoRoot, 'bench', 'drivers');

function run(command, args, log) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout || ''}${result.stderr || ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${command} failed with exit code ${result.status}:\n${output}`);
  }
}

function parallelJobs() {
  return String(Math.max(1, Math.min(4, require('node:os').cpus().length)));
}

/**
 * librcp.so and rcp.node built with -DCMAKE_BUILD_TYPE=Release (incremental: CMake rebuilds only what
 * changed). The bench keeps its own addon rather than build/host/rcp.node, which other builds replace.
 */
function buildLibrcp(log) {
  run(
    'cmake',
    [
      '-S', sourceDir, '-B', libDir, '-DCMAKE_BUILD_TYPE=Release', '-DRCP_BUILD_TESTS=OFF',
      '-DRCP_BUILD_NODE_ADDON=ON', `-DNODE_API_INCLUDE_DIR=${findNodeIncludeDir()}`,
    ],
    log
  );
  run('cmake', ['--build', libDir, '--target', 'rcp', 'rcp_node', '-j', parallelJobs()], log);
  return { librcp: path.join(libDir, 'librcp.so'), addon: path.join(libDir, 'rcp.node') };
}

function compileDriver(source, output, extraArgs, log) {
  const inputs = [path.join(driversDir, source), path.join(driversDir, 'driver_common.h')];
  const newest = Math.max(...[...inputs, ...extraArgs.deps].map((file) => fs.statSync(file).mtimeMs));
  if (fs.existsSync(output) && fs.statSync(output).mtimeMs >= newest) return output;
  run(
    'cc',
    ['-O2', '-g', '-std=gnu11', '-Wall', '-Wextra', '-Werror', '-o', output, inputs[0], ...extraArgs.flags],
    log
  );
  return output;
}

/** Builds librcp.so and both C drivers; returns their paths. */
function buildNative(log) {
  fs.mkdirSync(binDir, { recursive: true });
  const { librcp, addon } = buildLibrcp(log);
  const capi = compileDriver(
    'rcp_capi_driver.c',
    path.join(binDir, 'rcp_capi_driver'),
    {
      flags: ['-I', path.join(sourceDir, 'include'), '-L', libDir, '-lrcp', '-lpthread', `-Wl,-rpath,${libDir}`],
      deps: [librcp, path.join(sourceDir, 'include', 'rcp', 'rcp.h'), path.join(sourceDir, 'include', 'rcp', 'rcp_types.h')],
    },
    log
  );
  const curl = compileDriver(
    'curl_multi_driver.c',
    path.join(binDir, 'curl_multi_driver'),
    { flags: ['-lcurl'], deps: [] },
    log
  );
  return { librcp, addon, capi, curl };
}

module.exports = { buildNative, buildRoot };
