/**
 * `chainrule vanish --model FILE --input FILE --json` reproduces PyTorch: the example files in
 * apps/demo/examples were written by packages/nn/fixtures/generate.py, which also stored what
 * PyTorch (float64) computed for them in cells.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../src/commands/index.js';
import { main } from '../src/framework/main.js';
import { fakeIo } from './helpers.js';

interface Expected {
  loss: number;
  grad_h_norms: number[];
  grad_c_norms?: number[];
  jacobian_norms?: number[];
}
const fixtures = JSON.parse(readFileSync(join(import.meta.dirname, '../../../packages/nn/fixtures/cells.json'), 'utf8')) as {
  cases: { name: string; expected: Expected }[];
};
const examples = join(import.meta.dirname, '../examples');

function expectClose(actual: readonly number[], expected: readonly number[]) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual[i] - e)).toBeLessThanOrEqual(1e-10 * Math.abs(e)));
}

describe('vanish --model/--input reproduces the PyTorch fixtures', () => {
  it.each(['rnn-sigmoid', 'rnn-tanh', 'lstm', 'gru'])('%s', async (name) => {
    const io = fakeIo();
    const code = await main(
      ['vanish', '--model', join(examples, `${name}.model.json`), '--input', join(examples, `${name}.input.json`), '--json'],
      io,
      registry,
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(io.out()) as Expected;
    const expected = fixtures.cases.find((c) => c.name === `example_${name.replace('-', '_')}`)!.expected;
    expect(Math.abs(out.loss - expected.loss)).toBeLessThanOrEqual(1e-10 * expected.loss);
    expectClose(out.grad_h_norms, expected.grad_h_norms);
    if (name === 'lstm') {
      expectClose(out.grad_c_norms!, expected.grad_c_norms!);
      expect(out.jacobian_norms).toBeUndefined();
    } else {
      expectClose(out.jacobian_norms!, expected.jacobian_norms!);
    }
  });
});
