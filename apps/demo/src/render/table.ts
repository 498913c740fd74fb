/** A table with aligned columns for the terminal: numbers right-aligned, text left-aligned. */
import { displayWidth, makePaint, type Paint } from './color.js';
import type { Cell, Column, Table } from './figures.js';
import { formatNorm, formatNumber } from './format.js';

/** How one cell reads: strings as given, numbers by the column's format. */
export function formatCell(cell: Cell, column: Column): string {
  if (typeof cell === 'string') return cell;
  switch (column.format ?? 'number') {
    case 'norm':
      return formatNorm(cell);
    case 'integer':
      return Number.isFinite(cell) ? String(cell) : formatNumber(cell);
    case 'number':
      return formatNumber(cell);
  }
}

export function renderTable(table: Table, paint: Paint = makePaint(false)): string {
  const texts = table.rows.map((row) => table.columns.map((column, i) => formatCell(row[i] ?? '', column)));
  const widths = table.columns.map((column, i) =>
    texts.reduce((width, row) => Math.max(width, displayWidth(row[i])), displayWidth(column.header)),
  );
  const alignOf = (i: number): 'left' | 'right' => {
    const given = table.columns[i].align;
    if (given !== undefined) return given;
    return table.rows.some((row) => typeof row[i] === 'number') ? 'right' : 'left';
  };
  const pad = (text: string, i: number): string => {
    const gap = ' '.repeat(widths[i] - displayWidth(text));
    return alignOf(i) === 'right' ? gap + text : text + gap;
  };
  const line = (cells: readonly string[]): string => cells.map(pad).join('  ').trimEnd();
  const out: string[] = [];
  if (table.title !== undefined) out.push(paint(table.title, 'bold'));
  out.push(line(table.columns.map((c) => c.header)));
  out.push(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of texts) out.push(line(row));
  return out.join('\n');
}
