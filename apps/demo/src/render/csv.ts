/**
 * --csv output: a header line, then one row per t (line plots), per grid cell (heatmaps) or per
 * table row. Numbers are written exactly (0 stays 0; NaN/Infinity as in JSON: "NaN", "Infinity").
 * A line plot's series with a subnormal or a zero among its values gets a second column,
 * "<name> (kind)", saying what each such value is: subnormal, underflow (a true value below
 * 4.9e-324), structural (0 by construction), zero (exactly 0, cause not stated); empty elsewhere.
 * Fields with commas, quotes or line breaks are quoted (RFC 4180); lines end with "\n".
 */
import type { Cell, Figure, Series } from './figures.js';
import { pointKind } from './zeros.js';

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}

function field(cell: Cell): string {
  // String() is the shortest exact form, and "NaN" / "Infinity" / "-Infinity" for the rest.
  const text = typeof cell === 'number' ? String(cell) : cell;
  return /[",\n\r]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV of one figure, or null for text and diagrams. */
export function figureToCsv(figure: Figure): string | null {
  switch (figure.kind) {
    case 'line': {
      const noted = (s: Series) => s.values.some((_, i) => kindColumnText(s, i) !== '');
      return toCsv(
        [figure.xLabel, ...figure.series.flatMap((s) => (noted(s) ? [s.name, `${s.name} (kind)`] : [s.name]))],
        figure.x.map((x, i) => [x, ...figure.series.flatMap((s) => (noted(s) ? [s.values[i] ?? NaN, kindColumnText(s, i)] : [s.values[i] ?? NaN]))]),
      );
    }
    case 'heatmap':
      return toCsv(
        [figure.xLabel, figure.yLabel, figure.valueLabel],
        figure.y.flatMap((y, j) => figure.x.map((x, i) => [x, y, figure.values[j]?.[i] ?? NaN])),
      );
    case 'table':
      return toCsv(
        figure.columns.map((c) => c.header),
        figure.rows,
      );
    case 'diagram':
    case 'text':
      return null;
  }
}

/** What value i of a series is, where it is a subnormal or an exact zero; '' otherwise. */
function kindColumnText(series: Series, i: number): string {
  const kind = pointKind(series, i);
  return kind === 'subnormal' || kind === 'underflow' || kind === 'structural' || kind === 'zero' ? kind : '';
}
