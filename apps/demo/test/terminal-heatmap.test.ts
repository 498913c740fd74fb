import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Heatmap } from '../src/render/figures.js';
import { terminalHeatmap } from '../src/render/terminal-heatmap.js';
import { poolGrid } from '../src/render/pool.js';
import { awkwardValues } from './helpers.js';

const map = (values: number[][], x = values[0].map((_, i) => i), y = values.map((_, j) => j)): Heatmap => ({
  kind: 'heatmap',
  title: 'cliff',
  xLabel: 'w',
  yLabel: 'b',
  valueLabel: '‖g‖',
  x,
  y,
  values,
});

/** Grid rows of the heatmap, top first: the text after the axis character. */
function cells(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => /[┤│]/.test(l))
    .map((l) => l.slice(l.search(/[┤│]/) + 1));
}

describe('terminalHeatmap', () => {
  it('draws y upwards, one character per level, a level per decade', () => {
    // Three decades 1e-3..1 → three levels: '.', '+', '@' (the ends and middle of the ramp).
    const text = terminalHeatmap(map([[1e-3, 1e-2], [1e-1, 1]]));
    expect(cells(text)).toEqual(['@@@@', '..++']); // row y = 1 on top
    expect(text).toContain('. 1e-3–1e-2');
    expect(text).toContain('+ 1e-2–1e-1');
    expect(text).toContain('@ 1e-1–1');
  });

  it('shows zeros, overflow and NaN with their own characters and legend entries', () => {
    const text = terminalHeatmap(map([[0, 1], [Infinity, NaN]]));
    expect(cells(text)).toEqual(['!!??', '__@@']);
    expect(text).toContain('_ 0 (exactly 0)');
    expect(text).not.toMatch(/underflow|structural/); // a grid's zeros come with no cause: none is claimed
    expect(text).toContain('! > 1.8e308');
    expect(text).toContain('? n/a');
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it('labels the axes', () => {
    const xs = [-2, -1, 0, 1, 2];
    const text = terminalHeatmap(map(xs.map(() => xs.map(() => 1)), xs, xs));
    const lines = text.split('\n');
    expect(lines[0]).toBe('cliff');
    expect(lines[1]).toContain('‖g‖ (log scale) over w → and b ↑');
    expect(lines.find((l) => l.trimStart().startsWith('2 ┤'))).toBeDefined();
    expect(lines.find((l) => l.trimStart().startsWith('-2 ┤'))).toBeDefined();
    expect(lines.find((l) => /-2 .* 0 .* 2 +w$/.test(l))).toBeDefined();
  });

  it('shrinks a large grid keeping each block maximum, and says so', () => {
    const values = Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => 1e-3));
    values[57][13] = 1e6; // one spike: the cliff must survive shrinking
    const text = terminalHeatmap(map(values), { width: 40, height: 10 });
    const grid = cells(text);
    expect(grid).toHaveLength(10);
    expect(grid.every((row) => row.length === 40)).toBe(true);
    expect(grid.join('').match(/@/g)).toHaveLength(2); // one cell, two characters wide
    expect(text).toContain('100×100 grid is shown as 20×10');
  });

  it('draws a single cell', () => {
    expect(cells(terminalHeatmap(map([[5]], [1], [2])))).toEqual(['@@']);
  });

  const value = fc.oneof(fc.double({ min: 0, noNaN: true }), fc.constantFrom(...awkwardValues));
  test.prop([fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.array(value, { minLength: 144, maxLength: 144 })])(
    'never prints NaN or Infinity',
    (nx, ny, pool) => {
      const values = Array.from({ length: ny }, (_, j) => Array.from({ length: nx }, (_, i) => pool[j * 12 + i]));
      expect(terminalHeatmap(map(values))).not.toMatch(/NaN|Infinity/);
    },
  );
});

describe('poolGrid', () => {
  it('takes block maxima and block-centre coordinates', () => {
    const pooled = poolGrid(map([[1, 2, 3, 4], [5, 6, 7, 8]], [0, 1, 2, 3], [0, 1]), 2, 1);
    expect(pooled.values).toEqual([[6, 8]]);
    expect(pooled.x).toEqual([0.5, 2.5]);
    expect(pooled.y).toEqual([0.5]);
  });
});
