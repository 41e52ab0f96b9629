#!/usr/bin/env node
// `npm start`: the fetch-then-close demo on the host. Builds the native addon
// if needed, starts the embedded test server (unless a URL is given), runs the
// ArkTS example against it, and stops everything: no process or port is left.
//
//   npm start               fetch from the embedded server
//   npm start -- <url>      fetch from <url> instead
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { buildAddon } = require('../native/build.js');
const { bundleEts } = require('../ets/build.js');

const root = path.resolve(__dirname, '..', '..');

async function main() {
  const addon = process.env.RCP_ADDON || path.join(root, 'build', 'host', 'rcp.node');
  if (!fs.existsSync(addon)) buildAddon({ compiler: '', sanitize: '', out: '' });
  const urlArg = process.argv[2];
  let server = null;
  let url = urlArg;
  if (!url) {
    const { startTestServer } = require('../testserver/server.js');
    server = await startTestServer();
    url = `${server.http}/json`;
    console.log(`embedded server at ${server.http}`);
  }
  const bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rcplib-demo-')), 'demo.js');
  await bundleEts(path.join(root, 'examples/ets/fetch_then_close.ets'), bundle);
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, url], { stdio: 'inherit' });
    child.on('close', (status) => resolve(status === null ? 1 : status));
  });
  if (server) await server.close();
  fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
  return code;
}

main().then((code) => process.exit(code), (err) => {
  console.error(err.stack || String(err));
  process.exit(1);
});
