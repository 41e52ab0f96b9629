'use strict';
// The command line of bench/run.js turned into options, with scenario and client names checked.

const path = require('node:path');
const { CLIENTS, SCENARIOS } = require('./plan');

function parseOptions(argv) {
  const options = {
    smoke: false,
    out: '',
    only: null,
    clients: null,
    rounds: null,
    sampleMs: null,
    nodeServer: false,
    instructions: true,
    render: '',
  };
  for (const arg of argv) {
    let match;
    if (arg === '--smoke') options.smoke = true;
    else if (arg === '--node-server') options.nodeServer = true;
    else if (arg === '--no-instructions') options.instructions = false;
    else if ((match = /^--out=(.+)$/.exec(arg))) options.out = path.resolve(match[1]);
    else if ((match = /^--render=(.+)$/.exec(arg))) options.render = path.resolve(match[1]);
    else if ((match = /^--only=(.+)$/.exec(arg))) options.only = match[1].split(',');
    else if ((match = /^--clients=(.+)$/.exec(arg))) options.clients = match[1].split(',');
    else if ((match = /^--rounds=(\d+)$/.exec(arg))) options.rounds = Number(match[1]);
    else if ((match = /^--sample-ms=(\d+)$/.exec(arg))) options.sampleMs = Number(match[1]);
    else throw new Error(`unknown option ${arg} (see the top of bench/run.js)`);
  }
  for (const id of options.only || []) {
    if (!SCENARIOS.some((s) => s.id === id)) throw new Error(`unknown scenario ${id}`);
  }
  for (const name of options.clients || []) {
    if (!CLIENTS[name]) throw new Error(`unknown client ${name}`);
  }
  return options;
}

module.exports = { parseOptions };
