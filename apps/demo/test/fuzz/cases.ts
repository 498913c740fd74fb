// The fuzz table: bad and large inputs a new user might try, each with what must happen. Shared by
// the fast in-process test (test/fuzz/fuzz-table.test.ts, part of `pnpm test`) and by `pnpm fuzz`
// (test/fuzz/run-slow.ts), which runs them again as real processes with the slow cases added.
//
// Every case says what a correct outcome is: exit 2 with one line on stderr matching a pattern and
// nothing on stdout, or exit 0 (a valid input), or exit 3 (--strict). Files listed in `keep` must
// be byte for byte what they were, and no temporary file may be left beside them.
import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../../src/framework/command.js';
import { cliName } from '../../src/framework/flags.js';
import type { OutputFs } from '../../src/framework/output-files.js';

export interface FuzzCase {
  readonly name: string;
  /** The arguments after `chainrule`; `{dir}` is the case's scratch folder. */
  readonly args: readonly string[];
  /** Files to create first: name (in {dir}) → content; a Buffer as is; a number: a sparse file of that many bytes. */
  readonly files?: Readonly<Record<string, string | Buffer | number>>;
  /** Special files: a FIFO (named pipe) at this name. */
  readonly fifo?: string;
  /** The expected outcome. */
  readonly expect: { readonly code: 0 | 2 | 3; readonly stderr?: RegExp };
  /** Files (in {dir}) that must be unchanged afterwards. */
  readonly keep?: readonly string[];
  /** Run with a file system whose disk is full (writes fail with ENOSPC). */
  readonly fullDisk?: boolean;
  /** Slow: only in `pnpm fuzz` (as a child process with a time limit). */
  readonly slow?: { readonly seconds: number };
}

export type Outcome = 'clean error' | 'correct run' | 'crash' | 'hang' | 'wrong answer' | 'file lost';

/** What one run of a case printed and left. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut?: boolean;
  /** Files of `keep` that changed, and temporary files left behind. */
  readonly lostFiles: readonly string[];
}

/** Sorts a run into the fuzz table's columns, with the reason when it is not a clean outcome. */
export function classify(c: FuzzCase, r: RunResult): { outcome: Outcome; why: string } {
  if (r.timedOut === true) return { outcome: 'hang', why: `no exit within ${c.slow?.seconds ?? 60} s` };
  if (r.code === 1 || r.code === null || r.code > 3 || /internal error|\n\s+at .+:\d+:\d+|FATAL|heap out of memory/.test(r.stderr)) {
    return { outcome: 'crash', why: `exit ${String(r.code)}: ${firstLine(r.stderr)}` };
  }
  if (r.lostFiles.length > 0) return { outcome: 'file lost', why: r.lostFiles.join(', ') };
  if (r.code !== c.expect.code) return { outcome: 'wrong answer', why: `exit ${r.code}, expected ${c.expect.code}: ${firstLine(r.stderr)}` };
  // Control characters other than a newline never reach the terminal on an error line.
  if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(r.stderr)) return { outcome: 'wrong answer', why: 'a control character on stderr' };
  if (c.expect.code === 2) {
    const lines = r.stderr.trimEnd().split('\n');
    if (lines.length !== 1) return { outcome: 'wrong answer', why: `${lines.length} lines on stderr` };
    if (r.stdout !== '') return { outcome: 'wrong answer', why: 'output on stdout with an error' };
    // The line may quote what the user typed ("NaN"); anything else saying undefined or NaN is a leak.
    const ours = lines[0].replace(/"[^"]*"/g, '""').replace(/\b(NaN|-?Infinity) is not a JSON value|NaN or Infinity|got -?Infinity/g, '');
    if (/undefined|\bNaN\b|\[object /.test(ours)) return { outcome: 'wrong answer', why: `unclear: ${lines[0]}` };
    if (c.expect.stderr !== undefined && !c.expect.stderr.test(lines[0])) return { outcome: 'wrong answer', why: `message: ${lines[0]}` };
    return { outcome: 'clean error', why: '' };
  }
  if (c.expect.stderr !== undefined && !c.expect.stderr.test(r.stderr)) return { outcome: 'wrong answer', why: `stderr: ${firstLine(r.stderr)}` };
  return { outcome: 'correct run', why: '' };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** The examples shipped with the demo. */
export const EXAMPLES = join(import.meta.dirname, '../../examples');
const example = (name: string) => nodeFs.readFileSync(join(EXAMPLES, name), 'utf8');

/** Values no numeric or choice flag accepts. */
export const BAD_VALUES = ['', 'abc', 'NaN', 'Infinity', '-Infinity', '0x10', '1,5', '1e400', '1e15', '-1e15', ' ', '½', '\u001b[31m'] as const;

/** One case per (command, value flag, bad value), and the usual slips: unknown flag, twice, stray argument. */
export function flagCases(commands: readonly Command[]): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const command of commands) {
    for (const [key, flag] of Object.entries(command.flags)) {
      if (flag.type !== 'value' || flag.placeholder === 'FILE' || flag.placeholder === 'TEXT') continue;
      const name = `--${cliName(key)}`;
      // "1,5" is a good list (--rho 1,5), a bad number.
      for (const value of BAD_VALUES.filter((v) => flag.placeholder !== 'LIST' || v !== '1,5')) {
        cases.push({
          name: `${command.name} ${name} ${JSON.stringify(value)}`,
          args: [command.name, name, value],
          expect: { code: 2, stderr: new RegExp(`^chainrule ${command.name}: ${name} (must be|needs a value)`) },
        });
      }
      cases.push({ name: `${command.name} ${name} (no value)`, args: [command.name, name], expect: { code: 2, stderr: /needs a value/ } });
      cases.push({ name: `${command.name} ${name} twice`, args: [command.name, name, '1', name, '2'], expect: { code: 2, stderr: /is given twice|must be/ } });
    }
    cases.push({ name: `${command.name} --frobnicate`, args: [command.name, '--frobnicate'], expect: { code: 2, stderr: /unknown flag --frobnicate/ } });
    cases.push({ name: `${command.name} stray`, args: [command.name, 'stray'], expect: { code: 2, stderr: /unexpected argument "stray"/ } });
    cases.push({ name: `${command.name} --seed -1`, args: [command.name, '--seed', '-1'], expect: { code: 2, stderr: /--seed must be/ } });
  }
  return cases;
}

const model = (changes: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(example('rnn-tanh.model.json')), ...changes });
const rnnModel = example('rnn-tanh.model.json');
const rnnInput = example('rnn-tanh.input.json');
const { hidden_size: H, input_size: I, state_dict: sd } = JSON.parse(rnnModel) as { hidden_size: number; input_size: number; state_dict: { weight_hh: number[][] } };

/** An input file of T steps for the example RNN, as text. */
function inputOfLength(T: number): string {
  const row = `[${Array.from({ length: I }, () => '0.5').join(',')}]`;
  return `{"inputs":[${Array.from({ length: T }, () => row).join(',')}],"target":[${Array.from({ length: H }, () => '0').join(',')}]}`;
}

/** Bad model and input files: every one a clean line naming the file and what is wrong. */
export function fileCases(): FuzzCase[] {
  const vanish = (modelFile: string, inputFile = 'in.json') => ['vanish', '--model', `{dir}/${modelFile}`, '--input', `{dir}/${inputFile}`, '--no-jacobians'];
  const ok = { 'in.json': rnnInput, 'm.json': rnnModel };
  const bad = (name: string, content: string | Buffer | number, stderr: RegExp): FuzzCase => ({
    name: `model file: ${name}`,
    args: vanish('bad.json'),
    files: { ...ok, 'bad.json': content },
    expect: { code: 2, stderr },
  });
  const ragged = sd.weight_hh.map((r, i) => (i === 3 ? r.slice(1) : r));
  return [
    bad('empty', '', /the file is empty/),
    bad('NaN literal', rnnModel.replace(/-?\d+\.\d+/, 'NaN'), /NaN is not a JSON value .* at line \d+, column \d+/),
    bad('Infinity literal', rnnModel.replace(/-?\d+\.\d+/, 'Infinity'), /Infinity is not a JSON value .* at line \d+, column \d+/),
    bad('binary', Buffer.from([0x7b, 0x00, 0x89, 0x50, 0x4e, 0x47]), /is not a text file: a zero byte at line 1, column 2/),
    bad('not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), /is not a text file: bytes that are not UTF-8 at line 1, column 3/),
    bad('UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rnnModel, 'utf16le')]), /is UTF-16 text/),
    bad('trailing comma', '{"cell": "rnn",}', /not valid JSON: .* at line 1, column 16/),
    bad('cut short', rnnModel.slice(0, 200), /not valid JSON: the JSON ends too early/),
    bad('escape sequence in a key', model({ '\u001b[2J\u001b]0;owned\u0007': 1 }), /unknown key "\\u001b\[2J/),
    bad('ragged weight_hh', model({ state_dict: { ...sd, weight_hh: ragged } }), /weight_hh must be \d+×\d+ .*but its rows differ: row 3 has \d+ numbers, row 0 \d+ numbers/),
    bad('hidden_size a string', model({ hidden_size: String(H) }), /hidden_size must be an integer ≥ 1, got the string/),
    bad('hidden_size 1e400', rnnModel.replace(/"hidden_size":\s*\d+/, '"hidden_size": 1e400'), /hidden_size must be an integer ≥ 1, got Infinity/),
    bad('a weight as a string', model({ state_dict: { ...sd, weight_hh: sd.weight_hh.map((r, i) => (i === 0 ? ['0.1', ...r.slice(1)] : r)) } }), /weight_hh\[0\]\[0\] must be a number/),
    bad('nested 100,000 deep', '['.repeat(100_000), /not valid JSON: nested more than 1,000 levels deep|the JSON ends too early|must be an object/),
    bad('a 70 MB file', 70 * 2 ** 20, /is 70 MB; files are read whole, so at most 64 MB/),
    bad('the top level an array', '[1,2,3]', /the top level must be an object, got an array of 3/),
    {
      name: 'input file: 100,001 steps (over the cap of --steps)',
      args: vanish('m.json', 'long.json'),
      files: { 'm.json': rnnModel, 'long.json': inputOfLength(100_001) },
      expect: { code: 2, stderr: /inputs must be an array of at most 100,000 time steps \(the limit of --steps\), got an array of 100001/ },
    },
    {
      name: 'model file: a FIFO (would block forever)',
      args: vanish('fifo.json'),
      files: ok,
      fifo: 'fifo.json',
      expect: { code: 2, stderr: /is not a regular file \(a pipe, device or socket\)/ },
    },
    {
      name: 'model file: a folder',
      args: ['vanish', '--model', '{dir}', '--input', '{dir}/in.json'],
      files: ok,
      expect: { code: 2, stderr: /is a folder, not a file/ },
    },
    {
      name: 'model file: valid, with a UTF-8 byte-order mark',
      args: vanish('bom.json'),
      files: { ...ok, 'bom.json': `\ufeff${rnnModel}` },
      expect: { code: 0 },
    },
  ];
}

/** Flags that do not apply together, and runs whose cost is past the limits: refused before any work. */
export function ruleAndCostCases(): FuzzCase[] {
  const files = { 'gru.model.json': example('gru.model.json'), 'gru.input.json': example('gru.input.json') };
  const withModel = ['vanish', '--model', '{dir}/gru.model.json', '--input', '{dir}/gru.input.json'];
  const refuse = (name: string, args: readonly string[], stderr: RegExp): FuzzCase => ({ name, args, files, expect: { code: 2, stderr } });
  return [
    refuse('vanish --model … --cell lstm', [...withModel, '--cell', 'lstm'], /--cell does not apply with --model/),
    refuse('vanish --model … --steps 5', [...withModel, '--steps', '5'], /--steps does not apply with --model/),
    refuse('vanish --model … --setup smart-tanh', [...withModel, '--setup', 'smart-tanh'], /--setup does not apply with --model/),
    refuse('vanish --model … --hidden 8', [...withModel, '--hidden', '8'], /--hidden does not apply with --model/),
    refuse('vanish --model without --input', ['vanish', '--model', '{dir}/gru.model.json'], /--model and --input go together/),
    refuse('vanish --forget-bias with an RNN', ['vanish', '--forget-bias', '2'], /--forget-bias applies only with --cell lstm/),
    refuse('vanish --setup with an LSTM', ['vanish', '--cell', 'lstm', '--setup', 'basic-tanh'], /--setup applies only with --cell rnn/),
    refuse('vanish --no-jacobians with an LSTM', ['vanish', '--cell', 'lstm', '--no-jacobians'], /--no-jacobians applies only with --cell rnn or --cell gru/),
    refuse('train --delay with adding', ['train', '--delay', '5'], /--delay is for --task copy/),
    refuse('explode reversed w range', ['explode', '--w-min', '5', '--w-max', '1'], /--w-min 5 must be less than --w-max 1 \(the range is reversed\)/),
    refuse('explode empty b range', ['explode', '--b-min', '1', '--b-max', '1'], /--b-min 1 must be less than --b-max 1/),
    refuse('--json with --csv', ['tour', '--json', '--csv'], /--json and --csv cannot be combined/),
    // The issue's `tour --steps 5000 --hidden 512` (42 GB while every step kept its own term of
    // dE/dW_hh) and `vanish --hidden 1024 --steps 1000 --no-jacobians` (8.2 GB) now fit and run:
    // each term is reduced to its norm as it is produced. What is still past the limits:
    refuse('vanish --steps 5000 --hidden 1024 (Jacobians)', ['vanish', '--steps', '5000', '--hidden', '1024'], /would need about 4\d GB of memory .*dh_T\/dh_t for every t.* the limit is 4\.0 GB/),
    refuse('vanish --hidden 1024 --steps 100000 --no-jacobians', ['vanish', '--hidden', '1024', '--steps', '100000', '--no-jacobians'], /would need about 3\d GB of memory \(the states and gates of every step\)/),
    refuse('explode --resolution 400 --steps 10000', ['explode', '--resolution', '400', '--steps', '10000'], /would take about 2 h here .* the limit is 30 min/),
    refuse('train --eval-size 100000 --steps 10000', ['train', '--eval-size', '100000', '--steps', '10000', '--iterations', '1'], /would need about \d+ GB of memory .*eval-size/),
    refuse('lstm --steps 100000 --hidden 64', ['lstm', '--steps', '100000', '--hidden', '64'], /would need about \d+\.\d GB of memory/),
    refuse('remedies --lengths 500 --iterations 100000', ['remedies', '--lengths', '500', '--iterations', '100000'], /would take about .* the limit is 30 min/),
    refuse('linear --steps 100000 --hidden 512', ['linear', '--steps', '100000', '--hidden', '512'], /would need about/),
    refuse('long --steps 100000 --hidden 1024 --input-size 1024', ['long', '--steps', '100000', '--hidden', '1024', '--input-size', '1024'], /would (need|take) about/),
    {
      name: 'linear --rho 10 --strict: overflow named, exit 3',
      args: ['linear', '--rho', '10', '--steps', '400', '--hidden', '4', '--json', '--strict'],
      expect: { code: 3, stderr: /--strict: curves\[0\]\.\w+\[\d+\].* is (NaN|Infinity)/ },
    },
    {
      name: 'linear --rho 10 without --strict: a warning naming it, exit 0',
      args: ['linear', '--rho', '10', '--steps', '400', '--hidden', '4', '--json'],
      expect: { code: 0, stderr: /warning: curves\[0\]\.\w+\[\d+\].*\(--strict makes this an error\)/ },
    },
  ];
}

const SMALL_RUN = ['vanish', '--steps', '3', '--hidden', '2', '--input-size', '2', '--no-jacobians'] as const;

/** --svg / --html: every path checked before the run; nothing written unless everything is. */
export function outputCases(): FuzzCase[] {
  const keepFiles = { 'keep.svg': 'the old picture', 'report.html': 'the old report', 'a.svg': 'old a' };
  return [
    {
      name: '--svg keep.svg --html /proc/y.html: refused before the run, keep.svg kept',
      args: [...SMALL_RUN, '--svg', '{dir}/keep.svg', '--html', '/proc/y.html'],
      files: keepFiles,
      keep: ['keep.svg'],
      expect: { code: 2, stderr: /--html: cannot write \/proc\/y\.html/ },
    },
    {
      name: '--svg a.svg --html ./a.svg: the same file',
      args: [...SMALL_RUN, '--svg', '{dir}/a.svg', '--html', '{dir}/./a.svg'],
      files: keepFiles,
      keep: ['a.svg'],
      expect: { code: 2, stderr: /name the same file/ },
    },
    {
      name: '--svg v.svg --html v-2.svg: where the second chart goes',
      args: [...SMALL_RUN, '--svg', '{dir}/v.svg', '--html', '{dir}/v-2.svg'],
      files: keepFiles,
      expect: { code: 2, stderr: /is where --svg .* puts a further chart/ },
    },
    {
      name: '--html on the input file',
      args: ['vanish', '--model', '{dir}/m.json', '--input', '{dir}/in.json', '--html', '{dir}/in.json'],
      files: { 'm.json': rnnModel, 'in.json': rnnInput },
      keep: ['in.json'],
      expect: { code: 2, stderr: /--html .*in\.json is the --input file/ },
    },
    {
      name: '--svg /proc/x.svg on train: refused before training',
      args: ['train', '--iterations', '20000', '--svg', '/proc/x.svg'],
      expect: { code: 2, stderr: /--svg: cannot write \/proc\/x\.svg/ },
    },
    {
      name: '--html a folder',
      args: [...SMALL_RUN, '--html', '{dir}'],
      expect: { code: 2, stderr: /is a folder; give a file name/ },
    },
    {
      name: '--svg in a missing folder',
      args: [...SMALL_RUN, '--svg', '{dir}/missing/x.svg'],
      expect: { code: 2, stderr: /the folder .* does not exist/ },
    },
    {
      name: '--svg a FIFO',
      args: [...SMALL_RUN, '--svg', '{dir}/pipe.svg'],
      fifo: 'pipe.svg',
      expect: { code: 2, stderr: /is not a regular file/ },
    },
    {
      name: 'a full disk: --svg and --html, both old files kept, no temporary file left',
      args: [...SMALL_RUN, '--svg', '{dir}/keep.svg', '--html', '{dir}/report.html'],
      files: keepFiles,
      keep: ['keep.svg', 'report.html'],
      fullDisk: true,
      expect: { code: 2, stderr: /cannot write .*: no space left on the disk \(ENOSPC\); no file was changed/ },
    },
    {
      name: 'a good run replaces both files',
      args: [...SMALL_RUN, '--svg', '{dir}/keep.svg', '--html', '{dir}/report.html'],
      files: keepFiles,
      expect: { code: 0, stderr: /wrote .*keep\.svg\n(wrote .*\n)*wrote .*report\.html/ },
    },
  ];
}

/** Every case of the fast table. */
export function allCases(commands: readonly Command[]): FuzzCase[] {
  return [...flagCases(commands), ...fileCases(), ...ruleAndCostCases(), ...outputCases()];
}

/** A file system whose disk is full: creating files works, writing a byte to one fails with ENOSPC. */
export function fullDiskFs(real: OutputFs = nodeFs): OutputFs {
  return {
    ...real,
    writeSync: ((fd: number, ...rest: unknown[]) => {
      void fd;
      void rest;
      const error = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
      error.code = 'ENOSPC';
      throw error;
    }) as OutputFs['writeSync'],
  };
}

/** Puts a case's files in `dir` (a FIFO needs `mkfifo`, given as a function). Returns the kept files' contents. */
export function prepare(c: FuzzCase, dir: string, mkfifo: (path: string) => void): Map<string, Buffer> {
  for (const [name, content] of Object.entries(c.files ?? {})) {
    const path = join(dir, name);
    if (typeof content === 'number') {
      nodeFs.writeFileSync(path, '');
      nodeFs.truncateSync(path, content); // sparse: instant, takes no disk
    } else nodeFs.writeFileSync(path, content);
  }
  if (c.fifo !== undefined) mkfifo(join(dir, c.fifo));
  return new Map((c.keep ?? []).map((name) => [name, nodeFs.readFileSync(join(dir, name))]));
}

/** The kept files that changed or vanished, and temporary files left in `dir`. */
export function lostFiles(dir: string, kept: ReadonlyMap<string, Buffer>): string[] {
  const lost: string[] = [];
  for (const [name, before] of kept) {
    const path = join(dir, name);
    if (!nodeFs.existsSync(path)) lost.push(`${name} (gone)`);
    else if (!nodeFs.readFileSync(path).equals(before)) lost.push(`${name} (changed)`);
  }
  for (const name of nodeFs.readdirSync(dir)) if (name.endsWith('.tmp')) lost.push(`${name} (temporary file left)`);
  return lost;
}

/** `{dir}` → the scratch folder. */
export function argsIn(c: FuzzCase, dir: string): string[] {
  return c.args.map((a) => a.replaceAll('{dir}', dir));
}
