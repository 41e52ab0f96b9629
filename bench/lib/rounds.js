'use strict';
// The rounds of one scenario: an optional warm-up sample per client, then every client once per round
// in an order that rotates from round to round.

const { UNITS, titleOf } = require('./plan');
const { log } = require('./log');

function rotate(list, by) {
  const shift = by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

function formatValue(value) {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(2);
}

/** Runs `scenario` with `sampler` (a Sampler); returns { scenario, clients, samples } for summarizeScenario. */
async function runScenario(env, sampler, scenario) {
  const clients = env.participants(scenario);
  const rounds = scenario.kind === 'idle' ? env.settings.idleRounds : env.settings.rounds;
  const unit = UNITS[scenario.kind];
  log(`${scenario.id}: ${titleOf(scenario, env.settings)} (${clients.join(', ')})`);
  if (env.settings.warmup && scenario.kind !== 'idle') {
    for (const name of clients) await sampler.sample(scenario, name);
  }
  const samples = Object.fromEntries(clients.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of rotate(clients, round)) {
      const sample = await sampler.sample(scenario, name);
      samples[name].push(sample);
      const shown = sample.value === null ? `failed (${sample.error})` : `${formatValue(sample.value)} ${unit}`;
      const warn = sample.errors ? ` [${sample.errors} errors${sample.error ? `: ${sample.error}` : ''}]` : '';
      log(`  round ${round + 1}/${rounds} ${name}: ${shown}${warn}`);
    }
  }
  return { scenario, clients, samples };
}

module.exports = { runScenario };
