import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { LinePlot, Series } from '../src/render/figures.js';
import { svgLinePlot } from '../src/render/svg-line-plot.js';
import { markerIndices } from '../src/render/svg-markers.js';
import { awkwardValues, elements, numAttr, parseXml } from './helpers.js';

const plot = (series: readonly Series[], x: readonly number[]): LinePlot => ({
  kind: 'line',
  title: 'Gradient norms <&> "per step"',
  xLabel: 't',
  yLabel: '‖dE/dh_t‖',
  x,
  series,
});

/** The points of a path "M1,2L3,4M5,6" as [x, y] pairs per subpath. */
function subpaths(d: string): number[][][] {
  return d
    .split('M')
    .filter((s) => s !== '')
    .map((s) => s.split('L').map((p) => p.split(',').map(Number)));
}

describe('svgLinePlot', () => {
  const x = [1, 2, 3, 4, 5, 6];
  const values = [1e2, 10, 1, 0.1, 0.01, 1e-3];
  const svg = svgLinePlot(plot([{ name: 'tanh RNN', values }, { name: 'bound', values: values.map((v) => Math.sqrt(v * 100)), style: 'bound' }], x));
  const doc = parseXml(svg);

  it('is well-formed XML with an svg root, a title, and escaped text', () => {
    expect(doc.documentElement?.tagName).toBe('svg');
    expect(doc.documentElement?.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(elements(doc, 'title')[0].textContent).toBe('Gradient norms <&> "per step"');
    expect(svg).toContain('&lt;&amp;&gt;');
  });

  it('puts one tick per decade 10^-3..10^2, evenly spaced down the log region', () => {
    const region = elements(doc, 'rect').find((r) => r.getAttribute('class') === 'log-region');
    expect(region).toBeDefined();
    const top = numAttr(region!, 'y');
    const height = numAttr(region!, 'height');
    const ticks = elements(doc, 'g').filter((g) => g.getAttribute('class') === 'y-tick');
    expect(ticks.map((g) => Number(g.getAttribute('data-decade')))).toEqual([-3, -2, -1, 0, 1, 2]);
    for (const tick of ticks) {
      const k = Number(tick.getAttribute('data-decade'));
      const y = numAttr(elements(tick, 'line')[0], 'y1');
      // 10^2 at the top edge, 10^-3 at the bottom edge, linear in the exponent between.
      expect(y).toBeCloseTo(top + ((2 - k) / 5) * height, 1);
      // The label reads 10 with the exponent raised (a real minus sign for negatives).
      const label = elements(tick, 'text')[0];
      expect(label.textContent).toBe(`10${k < 0 ? '\u2212' : ''}${Math.abs(k)}`);
      expect(elements(label, 'tspan')[0].getAttribute('dy')).toBe('-7');
    }
  });

  it('draws each point at its log position, and the x axis linear in t', () => {
    const region = elements(doc, 'rect').find((r) => r.getAttribute('class') === 'log-region')!;
    const [left, top, width, height] = ['x', 'y', 'width', 'height'].map((a) => numAttr(region, a));
    const series = elements(doc, 'g').find((g) => g.getAttribute('data-name') === 'tanh RNN')!;
    const [points] = subpaths(elements(series, 'path')[0].getAttribute('d')!);
    expect(points).toHaveLength(6);
    points.forEach(([px, py], i) => {
      expect(px).toBeCloseTo(left + ((x[i] - 1) / 5) * width, 1);
      expect(py).toBeCloseTo(top + ((2 - Math.log10(values[i])) / 5) * height, 1);
    });
  });

  it('dashes the bound, not the measured series, and lists both in the legend', () => {
    const bound = elements(doc, 'g').find((g) => g.getAttribute('data-name') === 'bound')!;
    const measured = elements(doc, 'g').find((g) => g.getAttribute('data-name') === 'tanh RNN')!;
    expect(elements(bound, 'path')[0].getAttribute('stroke-dasharray')).toBeTruthy();
    expect(elements(measured, 'path')[0].getAttribute('stroke-dasharray')).toBeNull();
    const legend = elements(doc, 'g').find((g) => g.getAttribute('class') === 'legend')!;
    expect(elements(legend, 'text').map((t) => t.textContent)).toEqual(['tanh RNN', 'bound']);
  });

  it('series of one group share a colour and differ in dash and marker fill; markers sit above every line', () => {
    const d = parseXml(
      svgLinePlot(
        plot(
          [
            { name: 'full', values: [1, 0.1, 0.01, 1e-3], group: 'b0' },
            { name: 'direct', values: [1, 0.2, 0.04, 8e-3], style: 'bound', group: 'b0' },
            { name: 'full 2', values: [1, 0.5, 0.25, 0.125], group: 'b1' },
          ],
          [1, 2, 3, 4],
        ),
      ),
    );
    const line = (name: string) => elements(elements(d, 'g').find((g) => g.getAttribute('class')?.startsWith('series') && g.getAttribute('data-name') === name)!, 'path')[0];
    expect(line('full').getAttribute('stroke')).toBe(line('direct').getAttribute('stroke'));
    expect(line('full 2').getAttribute('stroke')).not.toBe(line('full').getAttribute('stroke'));
    expect(line('full').getAttribute('stroke-dasharray')).toBeNull();
    expect(line('direct').getAttribute('stroke-dasharray')).toBeTruthy();
    const groups = elements(d, 'g').filter((g) => g.parentNode === d.documentElement);
    const lastLine = Math.max(...groups.map((g, i) => (g.getAttribute('class')?.startsWith('series') ? i : -1)));
    const firstMarkers = groups.findIndex((g) => g.getAttribute('class') === 'markers');
    expect(firstMarkers).toBeGreaterThan(lastLine);
    const fills = (name: string) => elements(groups.find((g) => g.getAttribute('class') === 'markers' && g.getAttribute('data-name') === name)!, 'circle').map((c) => c.getAttribute('fill'));
    expect(fills('direct').every((f) => f === '#ffffff')).toBe(true);
    expect(fills('full').every((f) => f === line('full').getAttribute('stroke'))).toBe(true);
  });

  it('series lying on top of each other each get their markers', () => {
    const values = Array.from({ length: 200 }, (_, i) => 2 ** -i);
    const d = parseXml(svgLinePlot(plot([0, 1, 2, 3].map((k) => ({ name: `s${k}`, values })), values.map((_, i) => i + 1))));
    const layers = elements(d, 'g').filter((g) => g.getAttribute('class') === 'markers');
    expect(layers.map((g) => g.getAttribute('data-name'))).toEqual(['s0', 's1', 's2', 's3']);
    for (const g of layers) expect(elements(g, 'circle').length + elements(g, 'path').length + elements(g, 'rect').length).toBe(12);
  });

  test.prop([fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 12 })])(
    'markerIndices: every series gets some, within range, and no two series share a point while n ≥ count',
    (n, count) => {
      const all = Array.from({ length: count }, (_, s) => markerIndices(n, s, count));
      for (const own of all) {
        expect(own.length).toBeGreaterThanOrEqual(1);
        for (const i of own) expect(i >= 0 && i < n).toBe(true);
      }
      if (n >= count) expect(new Set(all.flat()).size).toBe(all.flat().length);
      expect(all.flat().length).toBeLessThanOrEqual(Math.max(60, n <= 40 ? n : 0, 4 * count));
    },
  );

  it('has axis titles', () => {
    const texts = elements(doc, 'text').map((t) => t.textContent);
    expect(texts).toContain('t');
    expect(texts).toContain('‖dE/dh_t‖ (log scale)');
  });

  it('draws zeros in bands below every decade, one per kind, each labelled as what it is', () => {
    const svg0 = svgLinePlot(
      plot([{ name: 'term', values: [0, 0, 1e-3, 1e-300, 0, 0], zeros: { structural: [0], why: 'h_0 = 0', underflow: [1] } }], [1, 2, 3, 4, 5, 6]),
    );
    const d0 = parseXml(svg0);
    const bandOf = (kind: string) => elements(d0, 'g').find((g) => g.getAttribute('class') === `zero-band ${kind}`)!;
    expect(elements(bandOf('structural'), 'text')[0].textContent).toBe('0 (structural)');
    expect(elements(bandOf('underflow'), 'text')[0].textContent).toBe('0 (underflow)');
    expect(elements(bandOf('zero'), 'text')[0].textContent).toBe('0');
    const rectOf = (kind: string) => elements(bandOf(kind), 'rect')[0];
    const inside = (y: number, kind: string) => y > numAttr(rectOf(kind), 'y') && y < numAttr(rectOf(kind), 'y') + numAttr(rectOf(kind), 'height');
    // The curve's points: t = 1 in the structural band, t = 2 in the underflow band, t = 5, 6 in the band of
    // unexplained zeros; every band below the lowest decade tick.
    const ys = subpaths(elements(d0, 'path').find((p) => p.getAttribute('stroke-width') === '2')!.getAttribute('d')!).flat().map(([, y]) => y);
    const lowestTick = Math.max(...elements(d0, 'g').filter((g) => g.getAttribute('class') === 'y-tick').map((g) => numAttr(elements(g, 'line')[0], 'y1')));
    expect(ys).toHaveLength(6);
    expect(inside(ys[0], 'structural')).toBe(true);
    expect(inside(ys[1], 'underflow')).toBe(true);
    expect(inside(ys[4], 'zero') && inside(ys[5], 'zero')).toBe(true);
    for (const y of [ys[0], ys[1], ys[4], ys[5]]) expect(y).toBeGreaterThan(lowestTick);
    // t = 1 and t = 2 are each alone in their band (no line to show them): each has a marker there.
    const marks = elements(elements(d0, 'g').find((g) => g.getAttribute('class') === 'markers')!, 'circle').map((c) => numAttr(c, 'cy'));
    expect(marks.some((y) => inside(y, 'structural'))).toBe(true);
    expect(marks.some((y) => inside(y, 'underflow'))).toBe(true);
    // The legend says what each band is.
    const legend = elements(elements(d0, 'g').find((g) => g.getAttribute('class') === 'legend')!, 'text').map((t) => t.textContent);
    expect(legend).toContain('0 (structural): 0 by construction (h_0 = 0)');
    expect(legend.some((t) => t!.startsWith('0 (underflow): the true value is above 0 but below 4.9e-324'))).toBe(true);
    expect(legend).toContain('0: exactly 0');
    expect(svg0).not.toMatch(/NaN|Infinity/);
  });

  it('a single point in a band gets a marker even when markers are spread over a long series', () => {
    const values = Array.from({ length: 300 }, (_, i) => (i === 140 ? 0 : 2 ** -i));
    const d = parseXml(svgLinePlot(plot([{ name: 'long', values, zeros: { structural: [140], why: 'test' } }], values.map((_, i) => i + 1))));
    const rect = elements(elements(d, 'g').find((g) => g.getAttribute('class') === 'zero-band structural')!, 'rect')[0];
    const cys = elements(elements(d, 'g').find((g) => g.getAttribute('class') === 'markers')!, 'circle').map((c) => numAttr(c, 'cy'));
    expect(cys.filter((y) => y > numAttr(rect, 'y') && y < numAttr(rect, 'y') + numAttr(rect, 'height'))).toHaveLength(1);
  });

  it('draws a subnormal at its value, in a shaded region below 2.2e-308, noted in the legend', () => {
    const d = parseXml(svgLinePlot(plot([{ name: 's', values: [1, 1e-200, 1e-320] }], [1, 2, 3])));
    expect(elements(d, 'g').some((g) => g.getAttribute('class')?.startsWith('zero-band'))).toBe(false);
    const region = elements(d, 'rect').find((r) => r.getAttribute('class') === 'subnormal-region')!;
    const ys = subpaths(elements(d, 'path').find((p) => p.getAttribute('stroke-width') === '2')!.getAttribute('d')!).flat().map(([, y]) => y);
    // 1e-320 lies inside the region, 1e-200 above it.
    expect(ys[2]).toBeGreaterThan(numAttr(region, 'y'));
    expect(ys[2]).toBeLessThanOrEqual(numAttr(region, 'y') + numAttr(region, 'height'));
    expect(ys[1]).toBeLessThan(numAttr(region, 'y'));
    // On a linear map of log10: 200/320 of the way down, to the coordinates' rounding (0.01 px at each end).
    expect(Math.abs((ys[1] - ys[0]) / (ys[2] - ys[0]) - 200 / 320)).toBeLessThanOrEqual(0.02 / (ys[2] - ys[0]));
    const legend = elements(elements(d, 'g').find((g) => g.getAttribute('class') === 'legend')!, 'text').map((t) => t.textContent);
    expect(legend.some((t) => t!.startsWith('below 2.2e-308: subnormal'))).toBe(true);
    // The note's swatch is the region's shade, and the note says which kind it explains.
    const note = elements(d, 'text').find((t) => t.getAttribute('class') === 'kind-note')!;
    expect(note.getAttribute('data-kind')).toBe('subnormal');
    const swatch = note.previousSibling as unknown as typeof note;
    expect(swatch.getAttribute('fill')).toBe(region.getAttribute('fill'));
  });

  it('draws a single point as a marker, and breaks lines at NaN', () => {
    const d1 = parseXml(svgLinePlot(plot([{ name: 'one', values: [0.5] }], [3])));
    const group = elements(d1, 'g').find((g) => g.getAttribute('class') === 'markers' && g.getAttribute('data-name') === 'one')!;
    expect(elements(group, 'circle')).toHaveLength(1);
    const d2 = parseXml(svgLinePlot(plot([{ name: 'gap', values: [1, 2, NaN, 3, 4] }], [1, 2, 3, 4, 5])));
    const gap = elements(d2, 'g').find((g) => g.getAttribute('data-name') === 'gap')!;
    expect(subpaths(elements(gap, 'path')[0].getAttribute('d')!).map((s) => s.length)).toEqual([2, 2]);
  });

  it('handles an all-equal series', () => {
    const d = parseXml(svgLinePlot(plot([{ name: 'flat', values: [1, 1, 1] }], [1, 2, 3])));
    const group = elements(d, 'g').find((g) => g.getAttribute('data-name') === 'flat')!;
    const ys = subpaths(elements(group, 'path')[0].getAttribute('d')!)[0].map(([, y]) => y);
    expect(new Set(ys).size).toBe(1);
  });

  const value = fc.oneof(fc.double({ min: 0, noNaN: true }), fc.constantFrom(...awkwardValues));
  test.prop([fc.array(fc.array(value, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 3 })])(
    'is well-formed and never contains NaN or Infinity for any non-negative values',
    (seriesValues) => {
      const length = Math.min(...seriesValues.map((v) => v.length));
      const svgText = svgLinePlot(
        plot(
          seriesValues.map((v, i) => ({ name: `s${i}`, values: v.slice(0, length), style: i === 1 ? 'bound' : 'measured' })),
          Array.from({ length }, (_, i) => i + 1),
        ),
      );
      expect(svgText).not.toMatch(/NaN|Infinity/);
      expect(() => parseXml(svgText)).not.toThrow();
    },
  );
});
