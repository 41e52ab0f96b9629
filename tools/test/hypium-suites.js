#!/usr/bin/env node
// Runs rcplib's hypium suites on Node against the shared test server: starts
// the server, passes its addresses as hypium test parameters (the same names a
// device run gets with `aa test ... -s serverHttp <url>`), and exits with the
// runner's status. The runner prints the closing `N passed, N failed` line.
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { startTestServer } = require('../testserver/server.js');

const root = path.resolve(__dirname, '..', '..');
const suites = [
  'rcplib/src/test/List.test.ets',
  'rcplib/src/ohosTest/ets/test/List.test.ets',
  'entry/src/ohosTest/ets/test/List.test.ets',
];

async function main() {
  const server = await startTestServer();
  const params = {
    serverHttp: server.http,
    serverH2c: server.h2c,
    serverHttps: server.https,
    serverHttpsSelfSigned: server.httpsSelfSigned,
    serverCaFile: server.caFile,
    serverPinHttps: server.pins.https,
    serverHostile: server.hostile,
  };
  const args = [path.join(root, 'tools/hypium/run.js')];
  for (const suite of suites) args.push('--suite', suite);
  for (const [key, value] of Object.entries(params)) args.push('--param', `${key}=${value}`);
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('close', (status, signal) => resolve(signal ? 1 : status));
  });
  await server.close();
  return code;
}

main().then((code) => process.exit(code), (err) => {
  console.error(err);
  process.exit(1);
});
