// `chainrule check-files`: what it reports for a model file, in nn's snake_case vocabulary.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFilesCommand } from '../../src/commands/check-files.js';
import type { Registry } from '../../src/framework/help.js';
import { main } from '../../src/framework/main.js';
import { fakeIo } from '../helpers.js';

const registry: Registry = { commands: [checkFilesCommand], defaultCommand: 'check-files' };
const examples = join(import.meta.dirname, '../../examples');
const dir = mkdtempSync(join(tmpdir(), 'chainrule-check-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: readonly string[]) {
  const io = fakeIo();
  const code = await main(['check-files', ...args], io, registry);
  return { code, out: io.out(), err: io.err() };
}

describe('chainrule check-files', () => {
  // PyTorch's count for a cell with G gate blocks: G·H·(I + H) weights, plus 2·G·H biases.
  // Every example has I = 2, H = 8.
  it.each([
    ['rnn-sigmoid', { cell: 'rnn', activation: 'sigmoid', bias: false, parameters: 1 * 8 * (2 + 8) }],
    ['rnn-tanh', { cell: 'rnn', activation: 'tanh', bias: true, parameters: 1 * 8 * (2 + 8) + 2 * 1 * 8 }],
    ['lstm', { cell: 'lstm', bias: true, parameters: 4 * 8 * (2 + 8) + 2 * 4 * 8 }],
    ['gru', { cell: 'gru', bias: true, parameters: 3 * 8 * (2 + 8) + 2 * 3 * 8 }],
  ])('--json for %s: the cell, its sizes and its parameter count', async (name, expected) => {
    const r = await run(['--model', join(examples, `${name}.model.json`), '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const { model } = JSON.parse(r.out) as { model: Record<string, unknown> };
    expect(model).toEqual({ file: join(examples, `${name}.model.json`), input_size: 2, hidden_size: 8, ...expected });
  });

  it('shows an lstm file’s informational forget_bias', async () => {
    const model = JSON.parse(readFileSync(join(examples, 'lstm.model.json'), 'utf8')) as object;
    const path = join(dir, 'lstm-fb.model.json');
    writeFileSync(path, JSON.stringify({ ...model, forget_bias: 1 }));
    const json = JSON.parse((await run(['--model', path, '--json'])).out) as { model: Record<string, unknown> };
    expect(json.model.forget_bias).toBe(1);
    expect((await run(['--model', path])).out).toMatch(/forget_bias \(already in bias_ih\) +1\n/);
  });

  it('reports the input file’s steps and sizes beside the model', async () => {
    const r = await run(['--model', join(examples, 'gru.model.json'), '--input', join(examples, 'gru.input.json'), '--json']);
    const { input } = JSON.parse(r.out) as { input: Record<string, unknown> };
    // examples/README.md: T = 100 steps of 2 values, a target of 8.
    expect(input).toMatchObject({ steps: 100, input_size: 2, target_size: 8 });
  });
});
