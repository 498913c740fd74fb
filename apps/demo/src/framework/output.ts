/**
 * Turns a command's result into output: the terminal figures by default, or --json / --csv on
 * stdout; --svg / --html files besides. Nothing here computes: it only chooses renderers.
 */
import { resolve } from 'node:path';
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
import { checkDistinct, checkOutputPath, realFs, writeAllOrNothing, type CheckedPath, type OutputFile } from './output-files.js';

/** An input file the command reads (--model, --input): an output may not overwrite it. */
export interface InputPath {
  readonly flag: string;
  readonly path: string;
}

/**
 * Checked before running, so a long run never ends on an unwritable path or clashing flags: every
 * output path must take a new file, be no folder, device or read-only file, and name a file of its
 * own (not another output's, not an input's). Returns the checked paths for writeOutput.
 */
export function checkOutputFlags(
  flags: CommonFlagValues,
  command: Pick<Command, 'name' | 'outputs'>,
  inputs: readonly InputPath[] = [],
  io: Pick<Io, 'fs'> = {},
): CheckedPath[] {
  for (const flag of OUTPUT_FLAGS) {
    const given = flag === 'json' || flag === 'csv' ? flags[flag] : flags[flag] !== undefined;
    if (given && !command.outputs.includes(flag)) {
      const takes = command.outputs.map((o) => `--${o}`).join(', ');
      throw new UsageError(`--${flag}: ${command.name} ${WHY_NOT[flag]}; it takes ${takes === '' ? 'no output flag' : takes}`);
    }
  }
  if (flags.json && flags.csv) throw new UsageError('--json and --csv cannot be combined: choose one');
  const fs = io.fs ?? realFs;
  const checked: CheckedPath[] = [];
  if (flags.svg !== undefined) checked.push(checkOutputPath('--svg', flags.svg, fs));
  if (flags.html !== undefined) checked.push(checkOutputPath('--html', flags.html, fs));
  checkDistinct(checked, inputs, fs);
  const svg = checked.find((c) => c.flag === '--svg');
  const html = checked.find((c) => c.flag === '--html');
  if (svg !== undefined && html !== undefined && isNumberedSvg(svg.target, html.target)) {
    throw new UsageError(`--html ${html.path} is where --svg ${svg.path} puts a further chart (FILE-2.svg, …): give another name`);
  }
  return checked;
}

/** True when `other` is `svg`'s FILE-N.svg (N ≥ 2). */
function isNumberedSvg(svg: string, other: string): boolean {
  const dot = svg.toLowerCase().endsWith('.svg') ? svg.length - 4 : svg.length;
  const stem = svg.slice(0, dot);
  const ext = svg.slice(dot);
  if (!other.startsWith(`${stem}-`) || !other.endsWith(ext)) return false;
  const middle = other.slice(stem.length + 1, other.length - ext.length);
  return /^[1-9]\d*$/.test(middle) && Number(middle) >= 2;
}

const WHY_NOT: Readonly<Record<(typeof OUTPUT_FLAGS)[number], string>> = {
  json: 'has no JSON form',
  csv: 'has no table of numbers',
  svg: 'draws no picture',
  html: 'has no page',
};

export interface OutputTarget {
  readonly commandLine: string;
  readonly title: string;
}

/**
 * Prints the result and writes its files. Everything is rendered first; then the files are written
 * all-or-nothing (output-files.ts); stdout is printed only after they are in place, so a failure
 * prints one line and changes nothing.
 */
export async function writeOutput(
  result: CommandResult,
  flags: CommonFlagValues,
  target: OutputTarget,
  io: Io,
  checked: readonly CheckedPath[] = [],
  inputs: readonly InputPath[] = [],
): Promise<void> {
  // Line plots with more groups of series than one chart tells apart are drawn as several (small multiples).
  const drawn: Figure[] = result.figures.flatMap((f): Figure[] => (f.kind === 'line' ? splitLinePlot(f) : [f]));
  const pictures = drawn.filter(isPicture);
  if (flags.svg !== undefined && pictures.length === 0) throw new UsageError('--svg: this command draws no picture');
  // Diagrams are drawn (by Graphviz) before anything is printed, so a failure prints nothing.
  const wantsDrawing = flags.svg !== undefined || flags.html !== undefined;
  const diagrams = wantsDrawing ? await drawDiagrams(result.figures) : new Map<Diagram, string>();
  const stdout = flags.json ? toJsonText(result.data) : flags.csv ? csvOf(result.figures) : `${terminalText(result.figures, io)}\n`;

  const files: OutputFile[] = [];
  const where = (flag: string, path: string | undefined): CheckedPath => {
    const found = checked.find((c) => c.flag === flag);
    return found ?? { flag, path: path ?? '', target: resolve(path ?? '') };
  };
  if (flags.svg !== undefined) {
    const svg = where('--svg', flags.svg);
    pictures.forEach((picture, i) =>
      files.push({
        flag: '--svg',
        path: numbered(svg.path, i),
        target: i === 0 ? svg.target : numbered(resolve(svg.path), i),
        content: svgOf(picture, diagrams),
      }),
    );
  }
  if (flags.html !== undefined) {
    const page = htmlPage({ title: target.title, subtitle: target.commandLine, figures: drawn }, diagrams);
    const html = where('--html', flags.html);
    files.push({ flag: '--html', path: html.path, target: html.target, content: page });
  }
  const fs = io.fs ?? realFs;
  // The further charts' names (FILE-2.svg, …) are known only now: check them like the others.
  if (files.length > checked.length) checkDistinct(files, inputs, fs);
  writeAllOrNothing(files, fs);
  io.stdout.write(stdout);
  for (const file of files) io.stderr.write(`wrote ${file.path}\n`);
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
