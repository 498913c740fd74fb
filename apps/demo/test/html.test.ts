import { describe, expect, it } from 'vitest';
import { htmlPage } from '../src/render/html.js';
import { parseXml } from './helpers.js';

describe('htmlPage', () => {
  const page = htmlPage({
    title: 'chainrule demo <1>',
    subtitle: 'chainrule demo --steps 3',
    figures: [
      { kind: 'line', title: 'norms', xLabel: 't', yLabel: 'n', x: [1, 2, 3], series: [{ name: 'RNN', values: [0, 0.5, 1] }] },
      {
        kind: 'line',
        title: 'terms',
        xLabel: 't',
        yLabel: 'n',
        x: [1, 2, 3, 4, 5],
        series: [{ name: 'term', values: [0, 0, 0, 1e-320, 1], zeros: { structural: [0], why: 'h_0 = 0', underflow: [1] } }],
      },
      { kind: 'table', title: 'summary', columns: [{ header: 'a' }, { header: 'b', format: 'norm' }], rows: [['x', 0]] },
      { kind: 'text', lines: ['One finding.'] },
    ],
  });

  it('is one HTML document with the title escaped', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<title>chainrule demo &lt;1&gt;</title>');
    expect(page).toContain('<code>chainrule demo --steps 3</code>');
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('embeds the plot as well-formed SVG without an XML prolog', () => {
    const svgs = [...page.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) expect(() => parseXml(svg)).not.toThrow();
    expect(page).not.toContain('<?xml');
  });

  it('shows the numbers: one table row per t with the zero labelled, and the figures’ tables and text', () => {
    // A zero of unstated cause is "0".
    expect(page).toMatch(/<tr><td class="num">1<\/td><td class="num">0<\/td><\/tr>/);
    expect(page).toMatch(/<tr><td class="num">2<\/td><td class="num">0.500<\/td><\/tr>/);
    expect(page).toContain('<h2>summary</h2>');
    expect(page).toContain('<p>One finding.</p>');
    expect(page).not.toMatch(/NaN|Infinity/);
  });

  it('labels each kind of zero and the subnormals in the numbers, as the chart does', () => {
    const rows = [...page.matchAll(/<tr><td class="num">(\d)<\/td><td class="num">([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
    const terms = rows.slice(3); // after the first plot's three rows
    expect(terms).toEqual([
      ['1', '0 (structural)'],
      ['2', '0 (underflow)'],
      ['3', '0'],
      ['4', '1.00e-320 (subnormal)'],
      ['5', '1.00'],
    ]);
    expect(page).toContain('0 (structural): 0 by construction (h_0 = 0)'); // the chart's legend
  });
});
