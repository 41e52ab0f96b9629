'use strict';
// Instructions per request of the C API and of the raw libcurl loop, counted by callgrind.

const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { SMALL_BYTES } = require('./servers');
const { log } = require('./log');

/**
 * Instructions per request of the C API and of the raw libcurl loop, from two callgrind runs each.
 * `env` is the run's BenchEnvironment; returns null when valgrind is missing or the step failed (with a note).
 */
async function instructionCounts(env) {
  if (!env.valgrind) return null;
  const [small, large] = env.settings.instructionCounts;
  const url = env.routeUrl('small', false);
  // Asynchronous on purpose: the fallback Node test server runs in this process and must keep answering.
  const measure = async (binary, n) => {
    const outFile = path.join(env.scratch, `callgrind-${path.basename(binary)}-${n}.out`);
    const child = execFile(
      env.valgrind,
      ['--tool=callgrind', `--callgrind-out-file=${outFile}`, binary, env.caFileFor()],
      { encoding: 'utf8', timeout: 900e3, maxBuffer: 16 * 1024 * 1024 }
    );
    const output = new Promise((resolve) => {
      child.on('close', () => resolve());
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.stdin.end(`get url=${url} c=64 conns=64 n=${n} expect=${SMALL_BYTES}\nquit\n`);
    await output;
    const reply = stdout.split('\n').filter((l) => l.startsWith('{')).pop() || '{}';
    const parsed = JSON.parse(reply);
    if (!parsed.ok || parsed.count !== n) throw new Error(`${binary} under callgrind: ${reply} ${stderr}`);
    const text = fs.readFileSync(outFile, 'utf8');
    const total = /^(?:summary|totals):\s+(\d+)/m.exec(text);
    if (!total) throw new Error(`no totals in ${outFile}`);
    return Number(total[1]);
  };
  const perRequest = async (binary) => ((await measure(binary, large)) - (await measure(binary, small))) / (large - small);
  log(`callgrind: instructions per request at c=64 (${small} and ${large} requests)`);
  try {
    const capi = await perRequest(env.native.capi);
    const raw = await perRequest(env.native.curl);
    log(`  rcplib C API ${Math.round(capi)}, libcurl loop ${Math.round(raw)} instructions per request`);
    return {
      requests: [small, large],
      concurrency: 64,
      rcplibCapiPerRequest: Math.round(capi),
      libcurlLoopPerRequest: Math.round(raw),
      ratioLibcurlOverCapi: Math.round((raw / capi) * 1000) / 1000,
    };
  } catch (error) {
    log(`  callgrind step failed: ${error.message.split('\n')[0]}`);
    env.notes.push(`The callgrind step failed: ${error.message.split('\n')[0]}`);
    return null;
  }
}

module.exports = { instructionCounts };
