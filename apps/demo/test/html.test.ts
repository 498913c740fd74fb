import { describe, expect, it } from 'vitest';
import { htmlPage } from '../src/render/html.js';
import { parseXml } from './helpers.js';

describe('htmlPage', () => {
  const page = htmlPage({
    title: 'chainrule demo <1>',
    subtitle: 'chainrule demo --steps 3',
    figures: [
      { kind: 'line', title: 'norms', xLabel: 't', yLabel: 'n', x: [1, 2, 3], series: [{ name: 'RNN', values: [0, 0.5, 1] }] },
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
    const svg = /<svg[\s\S]*<\/svg>/.exec(page)?.[0];
    expect(svg).toBeDefined();
    expect(() => parseXml(svg!)).not.toThrow();
    expect(page).not.toContain('<?xml');
  });

  it('shows the numbers: one table row per t with the zero labelled, and the figures’ tables and text', () => {
    expect(page).toMatch(/<tr><td class="num">1<\/td><td class="num">&lt; 1e-308<\/td><\/tr>/);
    expect(page).toMatch(/<tr><td class="num">2<\/td><td class="num">0.500<\/td><\/tr>/);
    expect(page).toContain('<h2>summary</h2>');
    expect(page).toContain('<p>One finding.</p>');
    expect(page).not.toMatch(/NaN|Infinity/);
  });
});
