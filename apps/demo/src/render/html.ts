/**
 * --html output: one self-contained page (no scripts, no external files) with every figure of a
 * result: plots as inline SVG, each followed by the table of its numbers, then tables and text.
 */
import type { Diagram, Figure, Heatmap, LinePlot, Table } from './figures.js';
import { formatNorm, formatTick } from './format.js';
import { escapeXml } from './svg.js';
import { svgHeatmap } from './svg-heatmap.js';
import { linePlotRows, svgLinePlot } from './svg-line-plot.js';
import { formatCell } from './table.js';

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
figure { margin: 1rem 0; } svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.85rem; margin: 0.5rem 0 1.5rem; }
th, td { padding: 0.15rem 0.6rem; border-bottom: 1px solid #e4e4e4; }
th { text-align: left; border-bottom: 1px solid #999; } td.num { text-align: right; }
details { margin-bottom: 1.5rem; } summary { cursor: pointer; color: #555; }
.scroll { max-height: 28rem; overflow: auto; display: inline-block; }
pre { background: #f6f6f6; padding: 0.6rem; overflow: auto; font-size: 0.8rem; }
figure.diagram { overflow-x: auto; max-width: 100%; }
figure.diagram svg { max-width: none; }
`.trim();

export interface HtmlPage {
  readonly title: string;
  /** e.g. the command line that made it, shown under the title. */
  readonly subtitle?: string;
  readonly figures: readonly Figure[];
}

/** `diagrams`: each diagram's picture, already drawn (render/graphviz.ts). */
export function htmlPage(page: HtmlPage, diagrams: ReadonlyMap<Diagram, string> = new Map()): string {
  const body = page.figures.map((figure) => figureHtml(figure, diagrams)).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(page.title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<h1>${escapeXml(page.title)}</h1>
${page.subtitle === undefined ? '' : `<p><code>${escapeXml(page.subtitle)}</code></p>\n`}${body}
</body>
</html>
`;
}

function figureHtml(figure: Figure, diagrams: ReadonlyMap<Diagram, string>): string {
  switch (figure.kind) {
    case 'line':
      return `<figure>${svgLinePlot(figure, { prolog: false })}</figure>\n${numbersOfLine(figure)}`;
    case 'heatmap':
      return `<figure>${svgHeatmap(figure, { prolog: false })}</figure>\n${numbersOfHeatmap(figure)}`;
    case 'table':
      return tableHtml(figure);
    case 'diagram':
      return diagramHtml(figure, diagrams.get(figure));
    case 'text':
      return figure.lines.map((line) => `<p>${escapeXml(line)}</p>`).join('\n');
  }
}

function diagramHtml(diagram: Diagram, svg: string | undefined): string {
  const picture = svg === undefined ? '' : `<figure class="diagram">${svg}</figure>\n`;
  const language = diagram.language === 'dot' ? 'DOT' : 'Mermaid';
  return `<h2>${escapeXml(diagram.title)}</h2>\n${picture}<details><summary>The ${language} source</summary>\n<pre><code>${escapeXml(diagram.text)}</code></pre></details>`;
}

function htmlTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: (col: number) => boolean): string {
  const head = `<tr>${header.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>`;
  const lines = rows.map(
    (row) => `<tr>${row.map((cell, i) => `<td${numeric(i) ? ' class="num"' : ''}>${escapeXml(cell)}</td>`).join('')}</tr>`,
  );
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${lines.join('\n')}\n</tbody>\n</table>`;
}

function numbersOfLine(plot: LinePlot): string {
  const table = htmlTable([plot.xLabel, ...plot.series.map((s) => s.name)], linePlotRows(plot), () => true);
  return `<details open><summary>The numbers: ${escapeXml(plot.yLabel)} for each ${escapeXml(plot.xLabel)}</summary>\n<div class="scroll">${table}</div></details>`;
}

function numbersOfHeatmap(map: Heatmap): string {
  const header = [`${map.yLabel} \\ ${map.xLabel}`, ...map.x.map(formatTick)];
  const rows = map.y
    .map((y, j) => [formatTick(y), ...map.x.map((_, i) => formatNorm(map.values[j]?.[i] ?? NaN))])
    .reverse();
  const table = htmlTable(header, rows, () => true);
  return `<details><summary>The numbers: ${escapeXml(map.valueLabel)} for each (${escapeXml(map.xLabel)}, ${escapeXml(map.yLabel)})</summary>\n<div class="scroll">${table}</div></details>`;
}

function tableHtml(table: Table): string {
  const rows = table.rows.map((row) => table.columns.map((column, i) => formatCell(row[i] ?? '', column)));
  const numeric = (i: number): boolean =>
    table.columns[i].align === 'right' || (table.columns[i].align === undefined && table.rows.some((r) => typeof r[i] === 'number'));
  const title = table.title === undefined ? '' : `<h2>${escapeXml(table.title)}</h2>\n`;
  return title + htmlTable(table.columns.map((c) => c.header), rows, numeric);
}
