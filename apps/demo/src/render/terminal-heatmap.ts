/**
 * A heatmap for the terminal: a 2-D grid (e.g. over w and b) on a log scale, one character per level
 * (so it reads without colour), y upwards, with axis labels and a legend of the decades each
 * character stands for. Large grids are shrunk by taking each block's maximum (see pool.ts).
 */
import { makePaint, type Color, type Paint } from './color.js';
import type { Heatmap } from './figures.js';
import { decadeLabel, formatTick, NAN_LABEL, OVERFLOW_LABEL, ZERO_LABELS } from './format.js';
import { logAxis, logPosition } from './log-scale.js';
import { poolGrid } from './pool.js';
import { extent, niceTicks } from './ticks.js';

export interface TerminalHeatmapOptions {
  /** Columns available for the cells (each cell is 2 columns wide); default 64. */
  readonly width?: number;
  /** Most rows shown; default 24. */
  readonly height?: number;
  readonly paint?: Paint;
}

const RAMP = ['.', ':', '-', '=', '+', '*', '#', '%', '@'] as const;
const RAMP_COLORS: readonly Color[] = ['blue', 'blue', 'cyan', 'cyan', 'green', 'green', 'yellow', 'red', 'red'];
const UNDER_GLYPH = '_';
const OVER_GLYPH = '!';
const MISSING_GLYPH = '?';

export interface HeatLevels {
  /** Lower decade of each level, ascending; level i covers [edges[i], edges[i] + step). */
  readonly edges: readonly number[];
  readonly step: number;
  /** Index into RAMP for each level. */
  readonly glyphs: readonly string[];
  readonly colors: readonly Color[];
  readonly hasUnder: boolean;
  readonly hasOver: boolean;
  readonly hasMissing: boolean;
  /** Some value is drawable on the scale (not all zeros / Infinity / NaN). */
  readonly hasValues: boolean;
}

/** At most 9 levels, each a whole number of decades. */
export function heatLevels(values: readonly (readonly number[])[]): HeatLevels {
  const flat = values.flat();
  const axis = logAxis(flat, RAMP.length + 1);
  const count = Math.max(1, Math.round((axis.hi - axis.lo) / axis.step));
  const edges: number[] = [];
  const glyphs: string[] = [];
  const colors: Color[] = [];
  for (let i = 0; i < count; i++) {
    edges.push(axis.lo + i * axis.step);
    const r = count === 1 ? RAMP.length - 1 : Math.round((i * (RAMP.length - 1)) / (count - 1));
    glyphs.push(RAMP[r]);
    colors.push(RAMP_COLORS[r]);
  }
  return {
    edges,
    step: axis.step,
    glyphs,
    colors,
    hasUnder: axis.hasUnder,
    hasOver: axis.hasOver,
    hasMissing: flat.some((v) => logPosition(v).kind === 'missing'),
    hasValues: flat.some((v) => logPosition(v).kind === 'value'),
  };
}

/** Which level a value falls in: an index, or 'under' / 'over' / 'missing'. */
export function levelOf(levels: HeatLevels, value: number): number | 'under' | 'over' | 'missing' {
  const position = logPosition(value);
  if (position.kind !== 'value') return position.kind;
  const i = Math.floor((position.log - levels.edges[0]) / levels.step);
  return Math.min(levels.edges.length - 1, Math.max(0, i));
}

export function terminalHeatmap(map: Heatmap, options: TerminalHeatmapOptions = {}): string {
  const paint = options.paint ?? makePaint(false);
  const grid = poolGrid(map, Math.floor((options.width ?? 64) / 2), options.height ?? 24);
  const levels = heatLevels(grid.values);
  const cell = (value: number): string => {
    const level = levelOf(levels, value);
    if (level === 'under') return UNDER_GLYPH.repeat(2);
    if (level === 'over') return paint(OVER_GLYPH.repeat(2), 'red');
    if (level === 'missing') return MISSING_GLYPH.repeat(2);
    return paint(levels.glyphs[level].repeat(2), levels.colors[level]);
  };

  // Label the rows and columns nearest to round values of y and x.
  // At most one label every other row; column labels (cells are 2 wide) about 5 characters apart.
  const rowLabels = nearestLabels(grid.y, Math.max(2, Math.floor((grid.y.length - 1) / 2) + 1));
  const colLabels = nearestLabels(grid.x, Math.max(3, Math.floor((2 * grid.x.length) / 5)));
  const labelWidth = Math.max(1, ...[...rowLabels.values()].map((l) => l.length));

  const lines: string[] = [];
  lines.push(paint(map.title, 'bold'));
  lines.push(`${' '.repeat(labelWidth)}  ${map.valueLabel} (log scale) over ${map.xLabel} → and ${map.yLabel} ↑`);
  for (let j = grid.y.length - 1; j >= 0; j--) {
    const label = rowLabels.get(j);
    const body = grid.values[j].map(cell).join('');
    lines.push(`${(label ?? '').padStart(labelWidth)} ${label === undefined ? '│' : '┤'}${body}`);
  }
  const axisLine = Array<string>(grid.x.length * 2).fill('─');
  const labelLine = Array<string>(grid.x.length * 2 + 12).fill(' ');
  let freeFrom = 0;
  for (const [i, text] of colLabels) {
    const col = i * 2;
    axisLine[col] = '┬';
    const start = Math.max(0, col - Math.floor((text.length - 1) / 2));
    if (start < freeFrom) continue;
    for (let k = 0; k < text.length; k++) labelLine[start + k] = text[k];
    freeFrom = start + text.length + 1;
  }
  lines.push(`${' '.repeat(labelWidth)} └${axisLine.join('')}`);
  lines.push(`${' '.repeat(labelWidth + 2)}${labelLine.join('').trimEnd()}   ${map.xLabel}`);

  const indent = ' '.repeat(labelWidth + 2);
  const legend = levels.hasValues
    ? levels.edges.map(
        (edge, i) => `${paint(levels.glyphs[i], levels.colors[i])} ${decadeLabel(edge)}–${decadeLabel(edge + levels.step)}`,
      )
    : [];
  if (levels.hasUnder) legend.unshift(`${UNDER_GLYPH} ${ZERO_LABELS.zero} (exactly 0)`);
  if (levels.hasOver) legend.push(`${paint(OVER_GLYPH, 'red')} ${OVERFLOW_LABEL}`);
  if (levels.hasMissing) legend.push(`${MISSING_GLYPH} ${NAN_LABEL}`);
  lines.push(`${indent}scale: ${legend.join('  ')}`);
  if (grid.pooled) {
    lines.push(
      `${indent}(the ${map.x.length}×${map.y.length} grid is shown as ${grid.x.length}×${grid.y.length}: each cell shows the largest value of its block)`,
    );
  }
  return lines.join('\n');
}

/** For each round tick value, the index of the nearest coordinate (cell), labelled with the tick. */
function nearestLabels(coords: readonly number[], maxCount: number): Map<number, string> {
  const labels = new Map<number, string>();
  const range = extent(coords);
  if (range === undefined) return labels;
  const ticks = niceTicks(range.min, range.max, maxCount);
  for (const tick of ticks) {
    let best = 0;
    for (let i = 1; i < coords.length; i++) {
      if (Math.abs(coords[i] - tick) < Math.abs(coords[best] - tick)) best = i;
    }
    if (!labels.has(best)) labels.set(best, formatTick(tick));
  }
  return labels;
}
