/**
 * A line chart for the terminal: several named series over t on a log10 y axis, with tick labels,
 * axis titles and a legend. Each series has its own glyph, so the chart reads without colour too;
 * bound lines are dotted. Exact zeros sit in a floor band labelled "< 1e-308" (never −Infinity),
 * +Infinity in an overflow band; NaN and negative values are gaps.
 *
 * Written by hand rather than with asciichart: asciichart throws on −Infinity, draws every series
 * with the same line characters (indistinguishable without colour), and has no x axis or legend.
 */
import { displayWidth, makePaint, type Color, type Paint } from './color.js';
import type { LinePlot, Series } from './figures.js';
import { decadeLabel, FLOOR_LABEL, formatTick, OVERFLOW_LABEL } from './format.js';
import { axisFraction, logAxis, logPosition } from './log-scale.js';
import { extent, niceTicks } from './ticks.js';

export interface TerminalChartOptions {
  /** Plot columns (not counting the labels); default 64. */
  readonly width?: number;
  /** Rows of the log axis (not counting the floor/overflow bands); default 15. */
  readonly height?: number;
  /** Colours; default none. */
  readonly paint?: Paint;
}

const MEASURED_GLYPHS = ['●', '▲', '■', '◆', '○', '△', '□', '◇'] as const;
const MEASURED_COLORS: readonly Color[] = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'];
const BOUND_GLYPHS = ['·', '∘', '×', '+', '~', '-'] as const;

interface Look {
  readonly glyph: string;
  readonly color: Color;
}

/** The glyph and colour of each series, in order; shared with the legend. */
export function seriesLooks(series: readonly Series[]): Look[] {
  let measured = 0;
  let bound = 0;
  return series.map((s) =>
    s.style === 'bound'
      ? { glyph: BOUND_GLYPHS[bound++ % BOUND_GLYPHS.length], color: 'gray' }
      : {
          glyph: MEASURED_GLYPHS[measured % MEASURED_GLYPHS.length],
          color: MEASURED_COLORS[measured++ % MEASURED_COLORS.length],
        },
  );
}

export function terminalChart(plot: LinePlot, options: TerminalChartOptions = {}): string {
  const width = Math.max(2, Math.floor(options.width ?? 64));
  const height = Math.max(3, Math.floor(options.height ?? 15));
  const paint = options.paint ?? makePaint(false);
  const looks = seriesLooks(plot.series);
  const axis = logAxis(
    plot.series.flatMap((s) => s.values),
    Math.floor((height - 1) / 2) + 1,
  );

  // Grid rows: [overflow band, blank], the axis rows, [blank, floor band].
  const top = axis.hasOver ? 2 : 0;
  const underRow = top + height + 1;
  const rowCount = top + height + (axis.hasUnder ? 2 : 0);
  const cells: (Look | null)[][] = Array.from({ length: rowCount }, () => Array<Look | null>(width).fill(null));

  const xRange = extent(plot.x);
  const xMin = xRange?.min ?? 0;
  const xMax = xRange?.max ?? 0;
  const colOf = (x: number): number =>
    xMax === xMin ? Math.floor((width - 1) / 2) : Math.round(((x - xMin) / (xMax - xMin)) * (width - 1));
  const rowOf = (value: number): number | null => {
    const position = logPosition(value);
    if (position.kind === 'over') return 0;
    if (position.kind === 'under') return underRow;
    if (position.kind === 'missing') return null;
    return top + Math.round((1 - axisFraction(axis, position.log)) * (height - 1));
  };

  // Bound lines first, so measured curves are drawn over them.
  const order = plot.series.map((_, i) => i).sort((a, b) => rank(plot.series[a]) - rank(plot.series[b]));
  for (const index of order) {
    const look = looks[index];
    const values = plot.series[index].values;
    let previous: { col: number; row: number } | null = null;
    for (let i = 0; i < plot.x.length; i++) {
      const row = i < values.length ? rowOf(values[i]) : null;
      if (row === null || !Number.isFinite(plot.x[i])) {
        previous = null;
        continue;
      }
      const col = colOf(plot.x[i]);
      if (previous !== null && Math.abs(col - previous.col) > 1) {
        // Join neighbouring points across the columns between them.
        const span = col - previous.col;
        const stepDir = Math.sign(span);
        for (let c: number = previous.col + stepDir; c !== col; c += stepDir) {
          const r = Math.round(previous.row + ((row - previous.row) * (c - previous.col)) / span);
          cells[r][c] = look;
        }
      }
      cells[row][col] = look;
      previous = { col, row };
    }
  }

  // Labels on the y axis.
  const labels = new Map<number, string>();
  for (const k of axis.ticks) labels.set(top + Math.round((1 - axisFraction(axis, k)) * (height - 1)), decadeLabel(k));
  if (axis.hasOver) labels.set(0, OVERFLOW_LABEL);
  if (axis.hasUnder) labels.set(underRow, FLOOR_LABEL);
  const labelWidth = Math.max(...[...labels.values()].map((l) => l.length));

  const lines: string[] = [];
  lines.push(paint(plot.title, 'bold'));
  lines.push(`${' '.repeat(labelWidth)}  ${plot.yLabel} (log scale)`);
  for (let r = 0; r < rowCount; r++) {
    const label = labels.get(r);
    const isGap = (axis.hasOver && r === 1) || (axis.hasUnder && r === underRow - 1);
    const axisChar = isGap ? '┊' : label === undefined ? '│' : '┤';
    const body = cells[r].map((look) => (look === null ? ' ' : paint(look.glyph, look.color))).join('');
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
    return `${paint(sample, look.color)} ${s.name}`;
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
  if (axis.hasUnder) lines.push(`${indent}${FLOOR_LABEL}: underflow — the value is exactly 0 in float64`);
  if (axis.hasOver) lines.push(`${indent}${OVERFLOW_LABEL}: overflow — too large for float64`);
  return lines.join('\n');
}

function rank(series: Series): number {
  return series.style === 'bound' ? 0 : 1;
}
