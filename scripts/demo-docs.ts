// The demo's output in the docs, generated, never pasted. A block of Markdown between
//
//   <!-- demo: pnpm demo tour -->
//   ```text
//   $ pnpm demo tour
//   …what the command prints…
//   ```
//   <!-- demo: end -->
//
// is what the command in its marker prints, rewritten by `pnpm docs:demo` (scripts/update-demo-docs.ts)
// and checked by apps/demo/test/demo-docs.test.ts. The marker may add, after ` # `, options separated
// by `;`:
//   - `the tables`: keep only the tables of the output (title line, header, ─ rule, rows);
//   - `slow`: the command takes too long for the test suite (training): the script runs it, and the
//     test checks only its layout (every line with its numbers masked) against a short run of the same
//     command with the flags of SLOW_CHECK_FLAGS, so a renamed column or a new row still fails.
// This module is shared by the script and the test, so both read and run the blocks the same way.
// It is a docs check: the numbers it compares come from the demo itself, so it proves the docs show
// what the demo prints today, never that what the demo prints is right (the tests of the
// experiments, against the maths and PyTorch, do that).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registry } from '../apps/demo/src/commands/index.js';
import { main } from '../apps/demo/src/framework/main.js';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The command that regenerates the blocks, as the staleness messages name it. */
export const UPDATE_COMMAND = 'pnpm docs:demo';

/** How a reader runs the demo from the repository root, and the installed bin: both are accepted in a marker. */
const PREFIXES = ['pnpm demo', 'chainrule'] as const;

/** Flags that turn a slow command into a short run with the same layout (the test's check of a slow block). */
export const SLOW_CHECK_FLAGS: Readonly<Record<string, readonly string[]>> = {
  train: ['--iterations', '2', '--eval-every', '1', '--eval-size', '8', '--batch', '4'],
  remedies: ['--seeds', '1', '--iterations', '2', '--eval-every', '1', '--eval-size', '8', '--batch', '4'],
};

export interface DemoBlock {
  /** The Markdown file, relative to the repository root. */
  readonly file: string;
  /** 1-based line of the opening marker. */
  readonly line: number;
  /** The command as written in the marker, e.g. `pnpm demo train --seed 1`. */
  readonly command: string;
  /** The arguments after the prefix, e.g. ['train', '--seed', '1']. */
  readonly argv: readonly string[];
  readonly tablesOnly: boolean;
  readonly slow: boolean;
  /** Offsets in the file of what the script rewrites: from after the opening marker's line to the closing marker. */
  readonly start: number;
  readonly end: number;
  /** The text between the markers now. */
  readonly current: string;
}

const OPEN = /^<!-- demo: (.+?) -->$/;
const CLOSE = '<!-- demo: end -->';

/** "README.md:37 (pnpm demo tour)": how messages name a block. */
export function blockName(block: DemoBlock): string {
  return `${block.file}:${block.line} (${block.command}${block.tablesOnly ? ', the tables' : ''})`;
}

/** The demo blocks of one Markdown text. Throws on a marker it cannot read, naming the file and line. */
export function findBlocks(file: string, text: string): DemoBlock[] {
  const blocks: DemoBlock[] = [];
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    offset += lines[i].length + 1;
    const open = OPEN.exec(lines[i]);
    if (open === null || open[1] === 'end') {
      if (lines[i].trim() === CLOSE) throw new Error(`${file}:${i + 1}: ${CLOSE} without an opening <!-- demo: COMMAND -->`);
      continue;
    }
    const [commandPart, ...optionParts] = open[1].split(' # ');
    const command = commandPart.trim();
    const options = optionParts.flatMap((part) => part.split(';').map((o) => o.trim()));
    const prefix = PREFIXES.find((p) => command === p || command.startsWith(`${p} `));
    if (prefix === undefined) throw new Error(`${file}:${i + 1}: a demo marker's command starts with ${PREFIXES.map((p) => `"${p}"`).join(' or ')}, got "${command}"`);
    const unknown = options.filter((o) => o !== 'the tables' && o !== 'slow');
    if (unknown.length > 0) throw new Error(`${file}:${i + 1}: unknown demo marker option "${unknown[0]}" (options: "the tables", "slow")`);
    let j = i + 1;
    while (j < lines.length && lines[j].trim() !== CLOSE) {
      if (OPEN.test(lines[j])) break;
      j++;
    }
    if (j >= lines.length || lines[j].trim() !== CLOSE) throw new Error(`${file}:${i + 1}: <!-- demo: ${command} --> has no ${CLOSE} before the next marker or the end`);
    const start = offset;
    const end = lines.slice(0, j).reduce((sum, l) => sum + l.length + 1, 0);
    blocks.push({
      file,
      line: i + 1,
      command,
      argv: command.slice(prefix.length).split(/\s+/).filter((a) => a !== ''),
      tablesOnly: options.includes('the tables'),
      slow: options.includes('slow'),
      start,
      end,
      current: text.slice(start, end),
    });
    offset = end + lines[j].length + 1;
    i = j;
  }
  return blocks;
}

/** Every Markdown file of the repository that the blocks may live in (node_modules, docs/api and build output left out). */
export function markdownFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || ['node_modules', 'dist', 'coverage', 'peers'].includes(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return relative(ROOT, path) === join('docs', 'api') ? [] : markdownFiles(path);
    return entry.name.endsWith('.md') ? [relative(ROOT, path)] : [];
  });
}

/** Every demo block of the repository, file by file. */
export function allBlocks(): DemoBlock[] {
  return markdownFiles()
    .sort()
    .flatMap((file) => findBlocks(file, readFileSync(join(ROOT, file), 'utf8')));
}

/** Runs the demo in this process, as `pnpm demo ARGS` does with stdout piped (no colour, no progress). */
export async function runDemo(argv: readonly string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (out += t), isTTY: false },
    stderr: { write: (t: string) => (err += t), isTTY: false },
    env: {},
  }, registry);
  if (code !== 0) throw new Error(`chainrule ${argv.join(' ')} exited with ${code}: ${err.trim()}`);
  return out;
}

/** The tables of a command's text output: each a title line (when there is one), a header, a ─ rule and the rows up to a blank line. */
export function tablesOf(output: string): string {
  const lines = output.split('\n');
  const tables: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (!/^[─ ]*─[─ ]*$/.test(lines[i])) continue;
    const from = i >= 2 && lines[i - 2].trim() !== '' ? i - 2 : i - 1;
    let to = i + 1;
    while (to < lines.length && lines[to].trim() !== '') to++;
    tables.push(lines.slice(from, to).join('\n'));
    i = to;
  }
  if (tables.length === 0) throw new Error('the output has no table (a line of ─ under a header)');
  return `${tables.join('\n\n')}\n`;
}

/** What a block must hold, given what its command printed: a ```text fence with the command line first, then the output. */
export function blockText(block: Pick<DemoBlock, 'command' | 'tablesOnly'>, output: string): string {
  const shown = block.tablesOnly ? tablesOf(output) : output;
  const body = shown.endsWith('\n') ? shown : `${shown}\n`;
  return `\`\`\`text\n$ ${block.command}${block.tablesOnly ? '   # the tables' : ''}\n${body}\`\`\`\n`;
}

/** A slow block's command with SLOW_CHECK_FLAGS in place of its own values of those flags. */
export function shortRunArgv(block: DemoBlock): string[] {
  const [name, ...flags] = block.argv;
  const short = SLOW_CHECK_FLAGS[name ?? ''];
  if (short === undefined) throw new Error(`${blockName(block)} is marked slow, but SLOW_CHECK_FLAGS in scripts/demo-docs.ts has no short run for "${name}"`);
  const replaced = new Set(short.filter((a) => a.startsWith('--')));
  const kept: string[] = [];
  for (let k = 0; k < flags.length; k++) {
    const flag = flags[k].split('=')[0];
    if (replaced.has(flag)) {
      if (!flags[k].includes('=') && k + 1 < flags.length && !/^--[a-z]/.test(flags[k + 1])) k++;
      continue;
    }
    kept.push(flags[k]);
  }
  return [name, ...kept, ...short];
}

/** A text's layout: every number masked as #, runs of spaces and of ─ collapsed, so runs of different lengths compare. */
export function layout(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:e[-+]?\d+)?%?/gi, '#')
        .replace(/─+/g, '─')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .join('\n');
}
