'use strict';
// The results chart: a Vega-Lite specification rendered to SVG by Vega in Node (no browser, no canvas).

const vega = require('vega');
const vegaLite = require('vega-lite');

const FAMILY_COLORS = {
  rcplib: '#d9480f',
  'Node clients': '#4c6ef5',
  ceilings: '#adb5bd',
};

function compact(value) {
  if (value >= 10000) return `${(value / 1000).toFixed(0)}k`;
  if (value >= 1000) return `${(value / 1000).toFixed(1)}k`;
  if (value >= 100) return value.toFixed(0);
  return value.toFixed(1);
}

/**
 * Renders one horizontal bar chart per scenario (median, with a rule from min to max) and returns
 * the SVG text. `rows`: { scenario, client, family, median, min, max }; `scenarioOrder` and
 * `clientOrder` fix the layout so that charts from different runs line up.
 */
async function renderChart({ title, subtitle, rows, scenarioOrder, clientOrder }) {
  const values = rows.map((row) => ({ ...row, text: compact(row.median) }));
  const y = { field: 'client', type: 'nominal', sort: clientOrder, title: null, axis: { labelLimit: 120 } };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, subtitle, anchor: 'start', fontSize: 15, subtitleFontSize: 11 },
    data: { values },
    facet: {
      field: 'scenario',
      type: 'nominal',
      sort: scenarioOrder,
      title: null,
      header: { labelFontSize: 12, labelFontWeight: 'bold', labelLimit: 0 },
    },
    columns: 3,
    spec: {
      width: 230,
      height: { step: 15 },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            y,
            x: { field: 'median', type: 'quantitative', title: null, axis: { format: '~s', tickCount: 4 } },
            color: {
              field: 'family',
              type: 'nominal',
              scale: { domain: Object.keys(FAMILY_COLORS), range: Object.values(FAMILY_COLORS) },
              legend: { title: null, orient: 'top', direction: 'horizontal' },
            },
          },
        },
        {
          mark: { type: 'rule', color: '#212529' },
          encoding: { y, x: { field: 'min', type: 'quantitative' }, x2: { field: 'max' } },
        },
        {
          mark: { type: 'text', align: 'left', dx: 4, fontSize: 10 },
          encoding: { y, x: { field: 'max', type: 'quantitative' }, text: { field: 'text' } },
        },
      ],
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
    config: { view: { stroke: null }, font: 'Helvetica, Arial, sans-serif' },
  };
  // Independent scales per facet make Vega-Lite warn about shared fields, which is what is wanted here.
  const quiet = vega.logger(vega.Error);
  const compiled = vegaLite.compile(spec, { logger: quiet }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger: quiet });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

module.exports = { renderChart, FAMILY_COLORS };
