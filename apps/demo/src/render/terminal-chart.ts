/**
 * A line chart for the terminal: several named series over t on a log10 y axis, with tick labels,
 * axis titles and a legend. Each series has a glyph of its own, so the chart reads without colour
 * too; series of one group (a curve and its bound or direct path) share a colour, filled glyph and
 * small glyph (series-looks.ts). Where curves run together their glyphs alternate, and every series
 * keeps some marks (chart-grid.ts). The axis reaches the subnormals (a legend line notes them);
 * exact zeros sit in bands below it, one per kind (underflow, structural, unstated: zeros.ts), never
 * at −Infinity; +Infinity in an overflow band; NaN and negative values are gaps. Data within one decade
 * gets a zoomed axis (ticks like 0.5, 1, 2). More groups than one chart can tell apart: one chart each
 * for at most MAX_GROUPS of them (split-plot.ts).
 *
 * Written by hand rather than with asciichart: asciichart throws on −Infinity, draws every series
 * with the same line characters (indistinguishable without colour), and has no x axis or legend.
 */
import { resolveCells, type Claims } from './chart-grid.js';
import { displayWidth, makePaint, type Paint } from './color.js';
import type { LinePlot } from './figures.js';
import { formatTick, OVERFLOW_LABEL, ZERO_LABELS } from './format.js';
import { axisFraction, logAxis, logPosition, logTickLabel } from './log-scale.js';
import { kindNotes, legendName, pointKinds, zeroBands } from './zeros.js';
import { seriesLooks } from './series-looks.js';
import { splitLinePlot } from './split-plot.js';
import { extent, niceTicks } from './ticks.js';

export interface TerminalChartOptions {
  /** Plot columns (not counting the labels); default 64. */
  readonly width?: number;
  /** Rows of the log axis (not counting the floor/overflow bands); default 15. */
  readonly height?: number;
  /** Colours; default none. */
  readonly paint?: Paint;
}

export function terminalChart(plot: LinePlot, options: TerminalChartOptions = {}): string {
  return splitLinePlot(plot)
    .map((part) => oneChart(part, options))
    .join('\n\n');
}

function oneChart(plot: LinePlot, options: TerminalChartOptions): string {
  const width = Math.max(2, Math.floor(options.width ?? 64));
  const height = Math.max(3, Math.floor(options.height ?? 15));
  const paint = options.paint ?? makePaint(false);
  const looks = seriesLooks(plot.series);
  const axis = logAxis(
    plot.series.flatMap((s) => s.values),
    Math.floor((height - 1) / 2) + 1,
    { zoom: true },
  );

  // Grid rows: [overflow band, blank], the axis rows, [blank, one band per kind of zero].
  const kinds = pointKinds(plot.series);
  const bands = zeroBands(kinds);
  const top = axis.hasOver ? 2 : 0;
  const firstBand = top + height + 1;
  const rowCount = top + height + (bands.length > 0 ? 1 + bands.length : 0);

  const xRange = extent(plot.x);
  const xMin = xRange?.min ?? 0;
  const xMax = xRange?.max ?? 0;
  const colOf = (x: number): number =>
    xMax === xMin ? Math.floor((width - 1) / 2) : Math.round(((x - xMin) / (xMax - xMin)) * (width - 1));
  const rowOf = (value: number, series: number, i: number): number | null => {
    const position = logPosition(value);
    if (position.kind === 'over') return 0;
    if (position.kind === 'missing') return null;
    if (position.kind === 'under') {
      const kind = kinds[series][i];
      return firstBand + bands.indexOf(kind === 'structural' || kind === 'underflow' ? kind : 'zero');
    }
    return top + Math.round((1 - axisFraction(axis, position.log)) * (height - 1));
  };

  // The cells each series would draw: its points, and the cells joining neighbouring points on the
  // axis (a band is not on the scale: a line into it would pass through values nothing has).
  const onAxis = (row: number) => row >= top && row < top + height;
  const claims: Claims[] = plot.series.map(({ values }, series) => {
    const cells: [number, number][] = [];
    let previous: { col: number; row: number } | null = null;
    for (let i = 0; i < plot.x.length; i++) {
      const row = i < values.length ? rowOf(values[i], series, i) : null;
      if (row === null || !Number.isFinite(plot.x[i])) {
        previous = null;
        continue;
      }
      const col = colOf(plot.x[i]);
      if (previous !== null && Math.abs(col - previous.col) > 1 && (previous.row === row || (onAxis(row) && onAxis(previous.row)))) {
        const span = col - previous.col;
        const stepDir = Math.sign(span);
        for (let c: number = previous.col + stepDir; c !== col; c += stepDir) {
          cells.push([Math.round(previous.row + ((row - previous.row) * (c - previous.col)) / span), c]);
        }
      }
      cells.push([row, col]);
      previous = { col, row };
    }
    return cells;
  });
  const grid = resolveCells(
    claims,
    plot.series.map((s) => s.style === 'bound'),
    rowCount,
    width,
  );

  // Labels on the y axis.
  const labels = new Map<number, string>();
  for (const k of axis.ticks) labels.set(top + Math.round((1 - axisFraction(axis, k)) * (height - 1)), logTickLabel(axis, k));
  if (axis.hasOver) labels.set(0, OVERFLOW_LABEL);
  bands.forEach((kind, b) => labels.set(firstBand + b, ZERO_LABELS[kind]));
  const labelWidth = Math.max(...[...labels.values()].map((l) => l.length));

  const lines: string[] = [];
  lines.push(paint(plot.title, 'bold'));
  lines.push(`${' '.repeat(labelWidth)}  ${plot.yLabel} (log scale)`);
  for (let r = 0; r < rowCount; r++) {
    const label = labels.get(r);
    const isGap = (axis.hasOver && r === 1) || (bands.length > 0 && r === firstBand - 1);
    const axisChar = isGap ? '┊' : label === undefined ? '│' : '┤';
    const body = grid[r].map((s) => (s < 0 ? ' ' : paint(looks[s].glyph, looks[s].terminalColor))).join('');
    lines.push(`${(label ?? '').padStart(labelWidth)} ${axisChar}${body}`.trimEnd());
  }

  // The x axis: ticks on round values of x, labels centred under them, the title after them.
  const xTicks = xRange === undefined ? [] : niceTicks(xMin, xMax, Math.max(2, Math.floor(width / 10)));
  const axisLine = Array<string>(width).fill('─');
  const labelLine = Array<string>(width + 16).fill(' ');
  let freeFrom = 0;
  for (const tick of xTicks) {
    const col = colOf(tick);
    if (col < 0 || col >= width) continue;
    axisLine[col] = '┬';
    const text = formatTick(tick);
    const start = Math.max(0, col - Math.floor((text.length - 1) / 2));
    if (start < freeFrom) continue;
    for (let j = 0; j < text.length; j++) labelLine[start + j] = text[j];
    freeFrom = start + text.length + 1;
  }
  lines.push(`${' '.repeat(labelWidth)} └${axisLine.join('')}`);
  const tickLabels = labelLine.join('').trimEnd();
  lines.push(`${' '.repeat(labelWidth + 2)}${tickLabels}   ${plot.xLabel}`);

  // Legend, wrapped to the chart's width.
  const items = plot.series.map((s, i) => {
    const look = looks[i];
    const sample = s.style === 'bound' ? look.glyph.repeat(3) : look.glyph;
    return `${paint(sample, look.terminalColor)} ${legendName(s, kinds[i])}`;
  });
  const indent = ' '.repeat(labelWidth + 2);
  let line = '';
  for (const item of items) {
    if (line !== '' && displayWidth(line) + 3 + displayWidth(item) > width) {
      lines.push(indent + line);
      line = '';
    }
    line = line === '' ? item : `${line}   ${item}`;
  }
  if (line !== '') lines.push(indent + line);
  for (const note of kindNotes(plot.series, kinds)) lines.push(`${indent}${note.text}`);
  return lines.join('\n');
}
