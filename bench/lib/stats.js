'use strict';
// Summaries of samples: median with min and max, and ratios taken pair by pair (sample i of one
// client over sample i of another, both from round i), which cancels much of a noisy machine's drift.

function median(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** { median, min, max, n } of the finite numbers in `values`, or null when there are none. */
function summarize(values) {
  const finite = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return null;
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite), n: finite.length };
}

/** Ratios x[i] / reference[i] for every round where both have a number; summarized. */
function pairedRatios(samples, referenceSamples) {
  if (!referenceSamples) return null;
  const ratios = [];
  const rounds = Math.min(samples.length, referenceSamples.length);
  for (let i = 0; i < rounds; i++) {
    const x = samples[i];
    const r = referenceSamples[i];
    if (typeof x === 'number' && typeof r === 'number' && Number.isFinite(x) && Number.isFinite(r) && r !== 0) {
      ratios.push(x / r);
    }
  }
  const summary = summarize(ratios);
  return summary ? { ...summary, values: ratios } : null;
}

module.exports = { median, summarize, pairedRatios };
