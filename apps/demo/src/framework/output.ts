/**
 * Turns a command's result into output: the terminal figures by default, or --json / --csv on
 * stdout; --svg / --html files besides. Nothing here computes: it only chooses renderers.
 */
import { writeFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { colorWanted, makePaint } from '../render/color.js';
import { figureToCsv } from '../render/csv.js';
import { isPicture, isPlot, type Diagram, type Figure, type Picture } from '../render/figures.js';
import { dotToSvg } from '../render/graphviz.js';
import { htmlPage } from '../render/html.js';
import { toJsonText } from '../render/json.js';
import { svgHeatmap } from '../render/svg-heatmap.js';
import { svgLinePlot } from '../render/svg-line-plot.js';
import { XML_PROLOG } from '../render/svg.js';
import { splitLinePlot } from '../render/split-plot.js';
import { renderTable } from '../render/table.js';
import { terminalChart } from '../render/terminal-chart.js';
import { terminalHeatmap } from '../render/terminal-heatmap.js';
import type { Command, CommandResult } from './command.js';
import { OUTPUT_FLAGS, type CommonFlagValues } from './common-flags.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

/** Checked before running, so a long run never ends on an unwritable path or clashing flags. */
export function checkOutputFlags(flags: CommonFlagValues, command: Pick<Command, 'name' | 'outputs'>): void {
  for (const flag of OUTPUT_FLAGS) {
    const given = flag === 'json' || flag === 'csv' ? flags[flag] : flags[flag] !== undefined;
    if (given && !command.outputs.includes(flag)) {
      const takes = command.outputs.map((o) => `--${o}`).join(', ');
      throw new UsageError(`--${flag}: ${command.name} ${WHY_NOT[flag]}; it takes ${takes === '' ? 'no output flag' : takes}`);
    }
  }
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

const WHY_NOT: Readonly<Record<(typeof OUTPUT_FLAGS)[number], string>> = {
  json: 'has no JSON form',
  csv: 'has no table of numbers',
  svg: 'draws no picture',
  html: 'has no page',
};

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

export async function writeOutput(result: CommandResult, flags: CommonFlagValues, target: OutputTarget, io: Io): Promise<void> {
  // Line plots with more groups of series than one chart tells apart are drawn as several (small multiples).
  const drawn: Figure[] = result.figures.flatMap((f): Figure[] => (f.kind === 'line' ? splitLinePlot(f) : [f]));
  const pictures = drawn.filter(isPicture);
  if (flags.svg !== undefined && pictures.length === 0) throw new UsageError('--svg: this command draws no picture');
  // Diagrams are drawn (by Graphviz) before anything is printed, so a failure prints nothing.
  const wantsDrawing = flags.svg !== undefined || flags.html !== undefined;
  const diagrams = wantsDrawing ? await drawDiagrams(result.figures) : new Map<Diagram, string>();
  if (flags.json) io.stdout.write(toJsonText(result.data));
  else if (flags.csv) io.stdout.write(csvOf(result.figures));
  else io.stdout.write(`${terminalText(result.figures, io)}\n`);

  if (flags.svg !== undefined) {
    pictures.forEach((picture, i) => writeFile('--svg', numbered(flags.svg ?? '', i), svgOf(picture, diagrams), io));
  }
  if (flags.html !== undefined) {
    const page = htmlPage({ title: target.title, subtitle: target.commandLine, figures: drawn }, diagrams);
    writeFile('--html', flags.html, page, io);
  }
}

async function drawDiagrams(figures: readonly Figure[]): Promise<Map<Diagram, string>> {
  const drawn = new Map<Diagram, string>();
  for (const figure of figures) if (figure.kind === 'diagram') drawn.set(figure, await dotToSvg(figure.dot));
  return drawn;
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

function svgOf(picture: Picture, diagrams: ReadonlyMap<Diagram, string>): string {
  if (picture.kind === 'diagram') return `${XML_PROLOG}${diagrams.get(picture) ?? ''}`;
  return picture.kind === 'line' ? svgLinePlot(picture) : svgHeatmap(picture);
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
        case 'diagram':
          return figure.text;
        case 'text':
          return figure.lines.join('\n');
      }
    })
    .join('\n\n');
}
