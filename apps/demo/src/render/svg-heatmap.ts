/**
 * A heatmap as a standalone SVG: one square per grid cell coloured on a log scale (viridis), y upwards,
 * axis ticks and titles, a colour bar with decade ticks, and swatches for "0" (exact 0),
 * overflow and NaN when they occur. Hovering a cell shows its coordinates and value.
 * Grids wider or taller than 200 cells are shrunk by block maxima (pool.ts).
 */
import { OVER_COLOR, MISSING_COLOR, UNDER_COLOR, viridis } from './colormap.js';
import type { Heatmap } from './figures.js';
import { formatNorm, formatTick, NAN_LABEL, OVERFLOW_LABEL, ZERO_LABELS } from './format.js';
import { axisFraction, logAxis, logPosition } from './log-scale.js';
import { poolGrid } from './pool.js';
import { coord, el, powerOfTen, text, XML_PROLOG } from './svg.js';
import type { SvgOptions } from './svg-line-plot.js';
import { niceTicks } from './ticks.js';

const MAX_CELLS = 200;

export function svgHeatmap(map: Heatmap, options: SvgOptions = {}): string {
  const grid = poolGrid(map, MAX_CELLS, MAX_CELLS);
  const nx = Math.max(1, grid.x.length);
  const ny = Math.max(1, grid.y.length);
  const cell = Math.max(1, Math.min((options.plotWidth ?? 520) / nx, (options.plotHeight ?? 420) / ny));
  const plotW = cell * nx;
  const plotH = cell * ny;
  const left = 80;
  const top = 76;
  const plotRight = left + plotW;
  const plotBottom = top + plotH;
  const barX = plotRight + 28;
  const barW = 18;
  const width = barX + barW + 190;
  const height = plotBottom + 66;
  const axis = logAxis(grid.values.flat(), 9);
  const colorOf = (value: number): string => {
    const p = logPosition(value);
    if (p.kind === 'under') return UNDER_COLOR;
    if (p.kind === 'over') return OVER_COLOR;
    if (p.kind === 'missing') return MISSING_COLOR;
    return viridis(axisFraction(axis, p.log));
  };

  const parts: string[] = [el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }), el('title', {}, text(map.title))];
  parts.push(el('text', { x: width / 2, y: 28, 'text-anchor': 'middle', 'font-size': 17, 'font-weight': 'bold' }, text(map.title)));

  const cells: string[] = [];
  grid.y.forEach((y, j) => {
    grid.x.forEach((x, i) => {
      const value = grid.values[j][i];
      cells.push(
        el(
          'rect',
          { x: left + i * cell, y: plotBottom - (j + 1) * cell, width: cell, height: cell, fill: colorOf(value) },
          el('title', {}, text(`${map.xLabel} = ${formatTick(x)}, ${map.yLabel} = ${formatTick(y)}: ${formatNorm(value)}`)),
        ),
      );
    });
  });
  parts.push(el('g', { class: 'cells', 'shape-rendering': 'crispEdges' }, ...cells));
  parts.push(el('rect', { x: left, y: top, width: plotW, height: plotH, fill: 'none', stroke: '#333333' }));

  // Axes: ticks at round coordinates, placed between the first and last cell centres.
  const place = (coords: readonly number[], value: number, start: number, length: number): number => {
    const lo = coords[0];
    const hi = coords[coords.length - 1];
    return hi === lo ? start + length / 2 : start + cell / 2 + ((value - lo) / (hi - lo)) * (length - cell);
  };
  if (grid.x.length > 0) {
    for (const tick of niceTicks(grid.x[0], grid.x[grid.x.length - 1], Math.max(2, Math.floor(plotW / 70)))) {
      const x = place(grid.x, tick, left, plotW);
      parts.push(
        el(
          'g',
          { class: 'x-tick' },
          el('line', { x1: x, x2: x, y1: plotBottom, y2: plotBottom + 5, stroke: '#333333' }),
          el('text', { x, y: plotBottom + 20, 'text-anchor': 'middle' }, text(formatTick(tick))),
        ),
      );
    }
  }
  if (grid.y.length > 0) {
    for (const tick of niceTicks(grid.y[0], grid.y[grid.y.length - 1], Math.max(2, Math.floor(plotH / 50)))) {
      const y = plotBottom - (place(grid.y, tick, top, plotH) - top);
      parts.push(
        el(
          'g',
          { class: 'y-tick' },
          el('line', { x1: left - 5, x2: left, y1: y, y2: y, stroke: '#333333' }),
          el('text', { x: left - 8, y: y + 4, 'text-anchor': 'end' }, text(formatTick(tick))),
        ),
      );
    }
  }
  parts.push(el('text', { x: left + plotW / 2, y: plotBottom + 44, 'text-anchor': 'middle' }, text(map.xLabel)));
  const yTitleX = 24;
  const yTitleY = top + plotH / 2;
  parts.push(
    el('text', { x: yTitleX, y: yTitleY, 'text-anchor': 'middle', transform: `rotate(-90 ${coord(yTitleX)} ${coord(yTitleY)})` }, text(map.yLabel)),
  );

  // Colour bar: the log scale from 10^lo (bottom) to 10^hi (top), decade ticks.
  const bar: string[] = [el('text', { x: barX, y: top - 20 }, text(`${map.valueLabel} (log scale)`))];
  const slices = 64;
  for (let s = 0; s < slices; s++) {
    bar.push(el('rect', { x: barX, y: top + (plotH * (slices - 1 - s)) / slices, width: barW, height: plotH / slices + 0.5, fill: viridis((s + 0.5) / slices) }));
  }
  bar.push(el('rect', { x: barX, y: top, width: barW, height: plotH, fill: 'none', stroke: '#333333' }));
  for (const k of axis.ticks) {
    const y = top + (1 - axisFraction(axis, k)) * plotH;
    bar.push(
      el(
        'g',
        { class: 'bar-tick', 'data-decade': String(k) },
        el('line', { x1: barX + barW, x2: barX + barW + 5, y1: y, y2: y, stroke: '#333333' }),
        el('text', { x: barX + barW + 8, y: y + 4 }, powerOfTen(k)),
      ),
    );
  }
  const flat = grid.values.flat();
  const swatches: [string, string][] = [];
  if (axis.hasUnder) swatches.push([UNDER_COLOR, `${ZERO_LABELS.zero} (exactly 0)`]);
  if (axis.hasOver) swatches.push([OVER_COLOR, `${OVERFLOW_LABEL} (overflow)`]);
  if (flat.some((v) => logPosition(v).kind === 'missing')) swatches.push([MISSING_COLOR, NAN_LABEL]);
  swatches.forEach(([color, label], i) => {
    const y = plotBottom + 14 + i * 20;
    bar.push(el('rect', { x: barX, y, width: barW, height: 14, fill: color, stroke: '#333333' }));
    bar.push(el('text', { x: barX + barW + 8, y: y + 11 }, text(label)));
  });
  parts.push(el('g', { class: 'colorbar' }, ...bar));
  if (grid.pooled) {
    parts.push(
      el('text', { x: left, y: height - 8, 'font-size': 11, fill: '#666666' }, text(`${map.x.length}×${map.y.length} grid shown as ${nx}×${ny}: each cell is its block's largest value`)),
    );
  }

  const svg = el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height: height + swatches.length * 20,
      viewBox: `0 0 ${coord(width)} ${coord(height + swatches.length * 20)}`,
      'font-family': 'system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif',
      'font-size': 13,
      role: 'img',
      'aria-label': map.title,
    },
    ...parts,
  );
  return (options.prolog === false ? '' : XML_PROLOG) + svg + '\n';
}
