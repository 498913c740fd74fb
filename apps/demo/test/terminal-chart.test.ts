import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { makePaint, stripAnsi } from '../src/render/color.js';
import type { LinePlot, Series } from '../src/render/figures.js';
import { terminalChart } from '../src/render/terminal-chart.js';
import { awkwardValues } from './helpers.js';

const plot = (series: readonly Series[], x: readonly number[] = series[0].values.map((_, i) => i + 1)): LinePlot => ({
  kind: 'line',
  title: 'T',
  xLabel: 't',
  yLabel: 'norm',
  x,
  series,
});

/** The plot rows: [label, cells] for each line that has an axis character. */
function rows(chart: string): { label: string; cells: string }[] {
  return chart
    .split('\n')
    .filter((line) => /[┤│┊]/.test(line))
    .map((line) => {
      const at = line.search(/[┤│┊]/);
      return { label: line.slice(0, at).trim(), cells: line.slice(at + 1) };
    });
}

describe('terminalChart', () => {
  it('draws one decade per row on a log axis, with the decade labels', () => {
    // 1, 0.1, …, 1e-4 over t = 1..5 on 5 rows and 5 columns: a diagonal.
    const chart = terminalChart(plot([{ name: 'a', values: [1, 0.1, 0.01, 1e-3, 1e-4] }]), { width: 5, height: 5 });
    const grid = rows(chart);
    expect(grid).toHaveLength(5);
    grid.forEach((row, r) => expect(row.cells.indexOf('●')).toBe(r));
    // 3 labels fit on 5 rows (each at least 2 rows apart): 1, 1e-2, 1e-4.
    expect(grid.map((r) => r.label)).toEqual(['1', '', '1e-2', '', '1e-4']);
  });

  it('puts an exact zero of unstated cause in a band labelled "0" below the axis, never at -Infinity', () => {
    const chart = terminalChart(plot([{ name: 'sigmoid RNN', values: [1, 1e-5, 0, 0] }]), { width: 4, height: 5 });
    const grid = rows(chart);
    const floor = grid[grid.length - 1];
    expect(floor.label).toBe('0');
    expect(floor.cells).toBe('  ●●');
    expect(grid[grid.length - 2].label).toBe(''); // the gap row between the axis and the band
    expect(chart).toContain('0: exactly 0');
    // Nothing says why it is 0: the chart must not claim underflow or structure.
    expect(chart).not.toMatch(/underflow|structural|Infinity|NaN/);
  });

  it('tells the kinds of zero apart: one band each, labelled, with a legend line saying what each is', () => {
    const chart = terminalChart(
      plot([{ name: 'term', values: [0, 0, 0, 1e-300, 1], zeros: { structural: [0], why: 'h_0 = 0', underflow: [1] } }]),
      { width: 5, height: 5 },
    );
    const grid = rows(chart);
    const band = (label: string) => grid.find((r) => r.label === label)?.cells;
    // t = 1 structural, t = 2 underflow, t = 3 a zero the experiment did not explain.
    expect(band('0 (structural)')).toBe('●');
    expect(band('0 (underflow)')).toBe(' ●');
    expect(band('0')).toBe('  ●');
    expect(chart).toContain('0 (structural): 0 by construction (h_0 = 0)');
    expect(chart).toContain('0 (underflow): the true value is above 0 but below 4.9e-324');
    expect(chart).toContain('0: exactly 0');
    expect(chart).not.toContain('subnormal'); // 1e-300 is a normal number
  });

  it('draws a subnormal at its value on the axis, not in a zero band, and notes it', () => {
    // 1e-320 and 1: the axis runs from 10^-320 (or below) to 1; the subnormal is on the lowest row.
    const chart = terminalChart(plot([{ name: 's', values: [1e-320, 1] }]), { width: 2, height: 5 });
    const grid = rows(chart);
    expect(grid).toHaveLength(5); // no band: there is no zero
    expect(grid[4].cells).toBe('●');
    expect(grid[0].cells).toBe(' ●');
    expect(chart).toContain('below 2.2e-308: subnormal');
    expect(chart).not.toMatch(/underflow|exactly 0/);
  });

  it('says in the legend when a series has no value to draw (all NaN), instead of a glyph with no marks', () => {
    const chart = terminalChart(plot([{ name: 'ρ = 10', values: [NaN, NaN, NaN] }, { name: 'ok', values: [1, 0.1, 0.01] }]), { width: 3, height: 5 });
    expect(chart).toContain('ρ = 10 (not drawn: no value is a number)');
    expect(chart).not.toContain('ok (not drawn');
  });

  it('draws a single point mid-chart', () => {
    // One value, 0.5: the zoomed axis runs from the round value below (0.4) to the one above (0.6);
    // log 0.5 is 55% of the way up, row 2 of rows 0..4. One x goes to the middle column.
    const chart = terminalChart(plot([{ name: 'one', values: [0.5] }], [7]), { width: 9, height: 5 });
    const marks = rows(chart).flatMap((r, i) => [...r.cells].map((c, j) => (c === '●' ? [i, j] : null)).filter((p) => p !== null));
    expect(marks).toEqual([[2, 4]]);
    expect(chart).toContain('7');
  });

  it('draws an all-equal series on one row', () => {
    const chart = terminalChart(plot([{ name: 'flat', values: [3, 3, 3, 3] }]), { width: 4, height: 7 });
    const hit = rows(chart).filter((r) => r.cells.includes('●'));
    expect(hit).toHaveLength(1);
    expect(hit[0].cells).toBe('●●●●');
  });

  it('joins points across empty columns; a measured series covers a bound except for the bound’s few marks', () => {
    const chart = terminalChart(
      plot([
        { name: 'bound', values: [1, 1], style: 'bound' },
        { name: 'm', values: [1, 1] },
      ]),
      { width: 10, height: 3 },
    );
    const hit = rows(chart).find((r) => r.cells.includes('▲'));
    // The bound, a group of its own (the first: its small glyph '∘'), keeps 3 cells; 'm' has the rest.
    expect(hit?.cells.replaceAll('▲', '').length).toBe(3);
    expect([...(hit?.cells ?? '')].filter((c) => c === '▲')).toHaveLength(7);
    expect(chart).toContain('∘∘∘ bound'); // a bound's legend sample is three small glyphs
    expect(chart).toContain('▲ m');
  });

  it('curves that lie on top of each other alternate their glyphs: both stay visible', () => {
    const values = Array.from({ length: 30 }, (_, i) => 10 ** -i);
    const chart = terminalChart(plot([{ name: 'a', values }, { name: 'b', values }]), { width: 30, height: 10 });
    const body = rows(chart).map((r) => r.cells).join('');
    const a = [...body].filter((c) => c === '●').length;
    const b = [...body].filter((c) => c === '▲').length;
    expect(a + b).toBe(30);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(2);
  });

  it('a group shares a colour: filled glyph for its curve, small glyph for its bound', () => {
    const p = plot([
      { name: 'h', values: [1, 0.1], group: 'g' },
      { name: 'other', values: [1, 0.5] },
      { name: 'h bound', values: [2, 0.2], style: 'bound', group: 'g' },
    ]);
    const coloured = terminalChart(p, { paint: makePaint(true) });
    expect(coloured).toContain('\u001b[36m●\u001b[39m h');
    expect(coloured).toContain('\u001b[36m∘∘∘\u001b[39m h bound');
    expect(coloured).toContain('\u001b[35m▲\u001b[39m other');
  });

  it('more groups than one chart tells apart: one chart per six groups, the shared baseline in each', () => {
    const x = [1, 2, 3];
    const series: Series[] = [
      ...Array.from({ length: 8 }, (_, k) => ({ name: `c${k}`, values: [1, 10 ** -k, 10 ** (-2 * k)] })),
      { name: 'baseline', values: [1, 1, 1], style: 'bound' as const },
    ];
    const chart = terminalChart(plot(series, x), { width: 20 });
    expect(chart).toContain('T (1 of 2)');
    expect(chart).toContain('T (2 of 2)');
    expect(chart.split('baseline')).toHaveLength(3);
    for (let k = 0; k < 8; k++) expect(chart).toContain(` c${k}`);
  });

  it('data within one decade fills the chart: a zoomed axis with round ticks', () => {
    const chart = terminalChart(plot([{ name: 'loss', values: [1.2, 1.0, 0.8, 0.7, 0.65, 0.6] }]), { width: 6, height: 11 });
    const grid = rows(chart);
    const used = grid.filter((r) => r.cells.trim() !== '');
    expect(used.length).toBeGreaterThanOrEqual(6);
    expect(grid[0].label).toBe('1.2');
    expect(grid[grid.length - 1].label).toBe('0.6');
  });

  it('has a title, axis titles, x tick labels and a legend with every series', () => {
    const x = Array.from({ length: 100 }, (_, i) => i + 1);
    const chart = terminalChart(
      {
        kind: 'line',
        title: 'gradient norms',
        xLabel: 't',
        yLabel: '‖dE/dh_t‖',
        x,
        series: [
          { name: 'sigmoid RNN', values: x.map((t) => 0.25 ** (100 - t)) },
          { name: 'tanh RNN', values: x.map((t) => 0.9 ** (100 - t)) },
          { name: 'LSTM', values: x.map(() => 0.5) },
          { name: 'bound', values: x.map((t) => 0.3 ** (100 - t)), style: 'bound' },
        ],
      },
      { width: 60 },
    );
    const lines = chart.split('\n');
    expect(lines[0]).toBe('gradient norms');
    expect(lines[1]).toContain('‖dE/dh_t‖ (log scale)');
    const tickLine = lines.find((l) => /\b20\b.*\b40\b.*\b60\b.*\b80\b.*\b100\b/.test(l));
    expect(tickLine).toMatch(/t$/);
    for (const name of ['● sigmoid RNN', '▲ tanh RNN', '■ LSTM', '◇◇◇ bound']) expect(chart).toContain(name);
  });

  it('colours only when asked, and the colours carry no other change', () => {
    const p = plot([{ name: 'a', values: [1, 0.1] }]);
    const plain = terminalChart(p);
    const coloured = terminalChart(p, { paint: makePaint(true) });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[36m');
    expect(stripAnsi(coloured)).toBe(plain);
  });

  const value = fc.oneof(fc.double({ min: 0, noNaN: true }), fc.constantFrom(...awkwardValues));
  test.prop([fc.array(fc.array(value, { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 8, max: 80 })])(
    'never prints NaN or Infinity for any non-negative values (0, 1e-320 and Infinity included)',
    (seriesValues, width) => {
      const length = Math.min(...seriesValues.map((v) => v.length));
      const chart = terminalChart(
        plot(
          seriesValues.map((v, i) => ({ name: `s${i}`, values: v.slice(0, length), style: i === 0 ? 'bound' : 'measured' })),
          Array.from({ length }, (_, i) => i + 1),
        ),
        { width },
      );
      expect(chart).not.toMatch(/NaN|Infinity/);
      expect(chart.split('\n').length).toBeGreaterThan(5);
      // Every series with a drawable value has at least one mark (each series has its own glyph),
      // as long as it has as many points as there are series to share cells with.
      const body = rows(chart).map((r) => r.cells).join('');
      const glyphs = ['∘', '▲', '■', '◆'];
      seriesValues.forEach((v, i) => {
        const drawable = v.slice(0, length).filter((value) => value >= 0).length;
        if (drawable >= seriesValues.length) expect(body, `s${i}`).toContain(glyphs[i]);
      });
    },
  );
});
