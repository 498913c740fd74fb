/**
 * Turns a command's result into output: the terminal figures by default, or --json / --csv on
 * stdout; --svg / --html files besides. Nothing here computes: it only chooses renderers.
 */
import { writeFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { colorWanted, makePaint } from '../render/color.js';
import { figureToCsv } from '../render/csv.js';
import { isPlot, type Figure, type Plot } from '../render/figures.js';
import { htmlPage } from '../render/html.js';
import { toJsonText } from '../render/json.js';
import { svgHeatmap } from '../render/svg-heatmap.js';
import { svgLinePlot } from '../render/svg-line-plot.js';
import { renderTable } from '../render/table.js';
import { terminalChart } from '../render/terminal-chart.js';
import { terminalHeatmap } from '../render/terminal-heatmap.js';
import type { CommandResult } from './command.js';
import type { CommonFlagValues } from './common-flags.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

/** Checked before running, so a long run never ends on an unwritable path or clashing flags. */
export function checkOutputFlags(flags: CommonFlagValues): void {
  if (flags.json && flags.csv) throw new UsageError('--json and --csv cannot be combined: choose one');
  for (const [flag, path] of [
    ['--svg', flags.svg],
    ['--html', flags.html],
  ] as const) {
    if (path === undefined) continue;
    const dir = dirname(resolve(path));
    if (!isDirectory(dir)) throw new UsageError(`${flag}: cannot write ${path}: the folder ${dirname(path)} does not exist`);
    if (isDirectory(resolve(path))) throw new UsageError(`${flag}: ${path} is a folder; give a file name`);
  }
  if (flags.svg !== undefined && flags.svg === flags.html) throw new UsageError('--svg and --html name the same file');
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export interface OutputTarget {
  readonly commandLine: string;
  readonly title: string;
}

export function writeOutput(result: CommandResult, flags: CommonFlagValues, target: OutputTarget, io: Io): void {
  const plots = result.figures.filter(isPlot);
  if (flags.svg !== undefined && plots.length === 0) throw new UsageError('--svg: this command draws no plot');
  if (flags.json) io.stdout.write(toJsonText(result.data));
  else if (flags.csv) io.stdout.write(csvOf(result.figures));
  else io.stdout.write(`${terminalText(result.figures, io)}\n`);

  if (flags.svg !== undefined) {
    plots.forEach((plot, i) => writeFile('--svg', numbered(flags.svg ?? '', i), svgOf(plot), io));
  }
  if (flags.html !== undefined) {
    writeFile('--html', flags.html, htmlPage({ title: target.title, subtitle: target.commandLine, figures: result.figures }), io);
  }
}

function csvOf(figures: readonly Figure[]): string {
  const first = figures.find(isPlot) ?? figures.find((f) => f.kind === 'table');
  const csv = first === undefined ? null : figureToCsv(first);
  if (csv === null) throw new UsageError('--csv: this command has no table of numbers');
  return csv;
}

/** FILE for the first plot; FILE-2.svg, FILE-3.svg… for the others. */
export function numbered(path: string, index: number): string {
  if (index === 0) return path;
  const dot = path.toLowerCase().endsWith('.svg') ? path.length - 4 : path.length;
  return `${path.slice(0, dot)}-${index + 1}${path.slice(dot)}`;
}

function svgOf(plot: Plot): string {
  return plot.kind === 'line' ? svgLinePlot(plot) : svgHeatmap(plot);
}

function writeFile(flag: string, path: string, content: string, io: Io): void {
  try {
    writeFileSync(path, content);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'error';
    throw new UsageError(`${flag}: cannot write ${path} (${code})`);
  }
  io.stderr.write(`wrote ${path}\n`);
}

/** All figures for a terminal, sized to it, coloured when it is one and NO_COLOR is unset. */
export function terminalText(figures: readonly Figure[], io: Io): string {
  const paint = makePaint(colorWanted(io.stdout.isTTY === true, io.env));
  const columns = io.stdout.isTTY === true && io.stdout.columns !== undefined ? io.stdout.columns : 80;
  const width = Math.max(20, Math.min(72, columns - 14));
  return figures
    .map((figure) => {
      switch (figure.kind) {
        case 'line':
          return terminalChart(figure, { width, paint });
        case 'heatmap':
          return terminalHeatmap(figure, { width, paint });
        case 'table':
          return renderTable(figure, paint);
        case 'text':
          return figure.lines.join('\n');
      }
    })
    .join('\n\n');
}
