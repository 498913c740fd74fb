// `chainrule train`: runs at small sizes in every output mode, its JSON holds the curves, bad flags exit 2.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trainCommand } from '../../src/commands/train.js';
import { copyBaseline } from '../../src/experiments/tasks.js';
import type { Registry } from '../../src/framework/help.js';
import { main } from '../../src/framework/main.js';
import { fakeIo, parseXml, runCli } from '../helpers.js';

const registry: Registry = { commands: [trainCommand], defaultCommand: 'train' };
const small = ['train', '--seq-len', '10', '--iterations', '5', '--hidden', '4', '--batch', '8', '--eval-size', '32'];
const dir = mkdtempSync(join(tmpdir(), 'chainrule-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: readonly string[], options: Parameters<typeof fakeIo>[0] = {}) {
  const io = fakeIo(options);
  const code = await main(args, io, registry, '0.0.0');
  return { code, out: io.out(), err: io.err() };
}

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
}

describe('chainrule train', () => {
  it('--json: the settings, the baseline, and per cell the curves and the summary, in snake_case', async () => {
    const r = await run([...small, '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const data = JSON.parse(r.out);
    expect(data).toMatchObject({ task: 'adding', steps: 10, hidden: 4, batch: 8, iterations: 5, clip: 1, baseline: 1 / 6 });
    expect(data.eval_iterations).toEqual([0, 1, 2, 3, 4, 5]);
    expect(data.cells.map((c: { cell: string }) => c.cell)).toEqual(['rnn', 'lstm']);
    for (const cell of data.cells) {
      expect(cell.train_loss).toHaveLength(5);
      expect(cell.grad_norm).toHaveLength(5);
      expect(cell.eval_loss).toHaveLength(6);
      expect(cell.eval_accuracy).toHaveLength(6);
      expect(cell.final_eval_loss).toBe(cell.eval_loss[5]);
      expect(cell.sequences_seen).toBe(40);
      expect(cell.wall_seconds).toBeGreaterThan(0);
    }
    for (const key of keysOf(data)) expect(key).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
  });

  it('the same seed gives the same curves; another seed, others', async () => {
    const curves = async (seed: string) => JSON.parse((await run([...small, '--json', '--seed', seed])).out).cells.map((c: { train_loss: number[]; eval_loss: number[] }) => [c.train_loss, c.eval_loss]);
    expect(await curves('7')).toEqual(await curves('7'));
    expect(await curves('8')).not.toEqual(await curves('7'));
  });

  it('copy: sequences of T + 20 steps, the baseline 10·ln 8/(T + 20), any list of cells', async () => {
    const r = await run(['train', '--task', 'copy', '--delay', '3', '--iterations', '2', '--hidden', '4', '--batch', '4', '--cells', 'lstm,gru', '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(data).toMatchObject({ task: 'copy', steps: 3, sequence_length: 23, baseline: copyBaseline(3), held_out_baseline: copyBaseline(3) });
    expect(data.cells.map((c: { cell: string }) => c.cell)).toEqual(['lstm', 'gru']);
  });

  it('on a terminal: the loss chart with its baseline line, the gradient chart, the table, the findings, a progress bar', async () => {
    const r = await run(small, { tty: true, columns: 120 });
    expect(r.code).toBe(0);
    expect(r.out).toContain('Adding problem, T = 10: MSE while training');
    expect(r.out).toContain('baseline: always 1 (MSE 1/6)');
    expect(r.out).toContain('gradient norm before clipping');
    expect(r.out).toMatch(/cell +held-out MSE +÷ baseline +within 0\.04 +sequences +clipped +seconds/);
    expect(r.out).toMatch(/^tanh RNN +\d/m);
    expect(r.out).toMatch(/^LSTM +\d/m);
    expect(r.out).toContain('The LSTM ends at');
    expect(r.out).toContain('74,000 sequences');
    expect(r.err).toContain('training');
    expect(r.err).toContain('100% 10/10'); // 5 steps × 2 cells
  });

  it('--csv prints the loss curves, one row per evaluation point', async () => {
    const r = await run([...small, '--csv']);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('training steps,tanh RNN held-out,tanh RNN train,LSTM held-out,LSTM train,baseline: always 1 (MSE 1/6)');
    expect(lines).toHaveLength(7);
    expect(lines[6]).toMatch(/^5,/);
  });

  it('--svg writes the loss plot and the gradient plot', async () => {
    const svg = join(dir, 'train.svg');
    const r = await run([...small, '--svg', svg]);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'train-2.svg'))).toBe(true);
    const doc = parseXml(readFileSync(svg, 'utf8'));
    expect(doc.getElementsByTagName('svg')).toHaveLength(1);
    expect(readFileSync(svg, 'utf8')).toContain('LSTM held-out');
  });

  it.each([
    [['--task', 'foo'], '--task must be one of adding, copy, got "foo"'],
    [['--cells', 'rnn,foo'], '--cells must be comma-separated, each one of rnn, lstm, gru, no repeats, got "rnn,foo"'],
    [['--cells', 'lstm,lstm'], '--cells must be comma-separated'],
    [['--iterations', '0'], '--iterations must be an integer in [1, 1000000], got "0"'],
    [['--clip', '-1'], '--clip must be a number in [0, 1000000], got "-1"'],
    [['--lr', '0'], '--lr must be a number'],
    [['--hidden', '2.5'], '--hidden must be an integer in [1, 1024], got "2.5"'],
    [['--seq-len', '1'], '--seq-len must be at least 2 for the adding problem'],
    [['--steps', '1'], '--steps must be at least 2 for the adding problem'],
    [['--task', 'copy', '--seq-len', '20'], '--seq-len must be at least 21 for the copy task'],
    [['--delay', '5'], '--delay is for --task copy; the adding problem takes --seq-len'],
    [['--seq-len', '30', '--steps', '30'], '--seq-len and --steps set the same length: give one'],
    [['--stpes', '10'], 'unknown flag --stpes'],
  ])('bad input %j: exit 2 and one line naming it', async (args, message) => {
    const r = await run(['train', ...args]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`chainrule train: ${message}`);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('--steps, the old name of --seq-len, still works, with one warning line on stderr', async () => {
    const old = await run([...small.map((a) => (a === '--seq-len' ? '--steps' : a)), '--json']);
    const now = await run([...small, '--json']);
    expect(old.code).toBe(0);
    expect(old.err).toBe('chainrule train: warning: --steps is deprecated: use --seq-len (or --delay for the copy task)\n');
    const settings = (out: string) => {
      const { cells, ...rest } = JSON.parse(out);
      return { ...rest, losses: cells.map((c: { eval_loss: number[] }) => c.eval_loss) };
    };
    expect(settings(old.out)).toEqual(settings(now.out));
    const help = (await run(['train', '--help'])).out;
    expect(help).toMatch(/--seq-len N +sequence length/);
    expect(help).toMatch(/--steps N +the old name of T.*\[deprecated: use --seq-len/);
  });

  it('copy: --seq-len L is a delay of L − 20', async () => {
    const args = ['train', '--task', 'copy', '--iterations', '1', '--hidden', '4', '--batch', '4', '--eval-size', '4', '--json'];
    const bySeqLen = JSON.parse((await run([...args, '--seq-len', '27'])).out);
    expect(bySeqLen).toMatchObject({ steps: 7, sequence_length: 27 });
    expect(JSON.parse((await run([...args, '--delay', '7'])).out).cells[0].eval_loss).toEqual(bySeqLen.cells[0].eval_loss);
  });

  it('runs as a child process from the real registry (`chainrule train --steps 10 --iterations 5 --json`)', async () => {
    const r = await runCli(['train', '--seq-len', '10', '--iterations', '5', '--hidden', '4', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).cells).toHaveLength(2);
  });
});
