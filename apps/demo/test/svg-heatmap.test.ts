import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { viridis } from '../src/render/colormap.js';
import type { Heatmap } from '../src/render/figures.js';
import { svgHeatmap } from '../src/render/svg-heatmap.js';
import { awkwardValues, elements, numAttr, parseXml } from './helpers.js';

const map = (values: number[][]): Heatmap => ({
  kind: 'heatmap',
  title: 'cliff',
  xLabel: 'w',
  yLabel: 'b',
  valueLabel: '‖g‖',
  x: values[0].map((_, i) => i),
  y: values.map((_, j) => j),
  values,
});

describe('svgHeatmap', () => {
  it('draws one square per cell, y upwards, coloured by log value', () => {
    const doc = parseXml(svgHeatmap(map([[1e-2, 1], [0, 1e2]])));
    const cells = elements(elements(doc, 'g').find((g) => g.getAttribute('class') === 'cells')!, 'rect');
    expect(cells).toHaveLength(4);
    const at = (i: number, j: number) => cells[j * 2 + i];
    // Row j = 1 is drawn above row j = 0.
    expect(numAttr(at(0, 1), 'y')).toBeLessThan(numAttr(at(0, 0), 'y'));
    // 1e-2 is the bottom of the scale 1e-2..1e2, 1 the middle, 1e2 the top.
    expect(at(0, 0).getAttribute('fill')).toBe(viridis(0));
    expect(at(1, 0).getAttribute('fill')).toBe(viridis(0.5));
    expect(at(1, 1).getAttribute('fill')).toBe(viridis(1));
    // The zero gets the floor colour and a swatch labelled as an exact 0 (a grid's zeros come with no cause).
    expect(at(0, 1).getAttribute('fill')).not.toMatch(/^#(44|fd)/);
    expect(elements(doc, 'text').map((t) => t.textContent)).toContain('0 (exactly 0)');
    expect(elements(at(1, 1), 'title')[0].textContent).toBe('w = 1, b = 1: 100');
  });

  it('has a colour bar with decade ticks, axis titles and a title', () => {
    const doc = parseXml(svgHeatmap(map([[1e-2, 1], [1e-1, 1e2]])));
    const ticks = elements(doc, 'g').filter((g) => g.getAttribute('class') === 'bar-tick');
    expect(ticks.map((g) => Number(g.getAttribute('data-decade')))).toEqual([-2, -1, 0, 1, 2]);
    const ys = ticks.map((g) => numAttr(elements(g, 'line')[0], 'y1'));
    const gaps = ys.slice(1).map((y, i) => ys[i] - y);
    for (const gap of gaps) expect(gap).toBeCloseTo(gaps[0], 1); // evenly spaced, upwards
    expect(gaps[0]).toBeGreaterThan(0);
    const texts = elements(doc, 'text').map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['cliff', 'w', 'b', '‖g‖ (log scale)']));
  });

  it('stays small for large grids by pooling', () => {
    const values = Array.from({ length: 300 }, () => Array.from({ length: 300 }, () => 1));
    const svg = svgHeatmap(map(values));
    // Cells are the rects carrying a hover title (parsing 40,000 of them would be slow).
    expect(svg.match(/<rect [^>]*[^/]><title>/g)).toHaveLength(200 * 200);
    expect(svg).toContain('300×300 grid shown as 200×200');
  });

  const value = fc.oneof(fc.double({ min: 0, noNaN: true }), fc.constantFrom(...awkwardValues));
  test.prop([fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.array(value, { minLength: 36, maxLength: 36 })])(
    'is well-formed and never contains NaN or Infinity',
    (nx, ny, pool) => {
      const svg = svgHeatmap(map(Array.from({ length: ny }, (_, j) => Array.from({ length: nx }, (_, i) => pool[j * 6 + i]))));
      expect(svg).not.toMatch(/NaN|Infinity/);
      expect(() => parseXml(svg)).not.toThrow();
    },
  );
});
