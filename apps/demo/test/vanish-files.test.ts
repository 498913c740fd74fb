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
  grad_weight_hh_step_norms: number[];
  /** LSTM: ‖(f_{t+1} ⊙ … ⊙ f_T) ⊙ dE/dc_T‖, t = 1…T (PyTorch, generate.py). */
  forget_path_norms?: number[];
  /** GRU: ‖(z_{t+1} ⊙ … ⊙ z_T) ⊙ dE/dh_T‖, t = 1…T. */
  update_path_norms?: number[];
}
const fixtures = JSON.parse(readFileSync(join(import.meta.dirname, '../../../packages/nn/fixtures/cells.json'), 'utf8')) as {
  cases: { name: string; expected: Expected }[];
};
const examples = join(import.meta.dirname, '../examples');

function expectClose(actual: readonly number[], expected: readonly number[], relative = 1e-10) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual[i] - e)).toBeLessThanOrEqual(relative * Math.abs(e)));
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
    // Step 1's term is 0 (h_0 = 0) in PyTorch too; the rest to 1e-10.
    expect(expected.grad_weight_hh_step_norms[0]).toBe(0);
    expect(out.grad_weight_hh_step_norms[0]).toBe(0);
    expectClose(out.grad_weight_hh_step_norms.slice(1), expected.grad_weight_hh_step_norms.slice(1));
    if (name === 'lstm') {
      expectClose(out.grad_c_norms!, expected.grad_c_norms!);
      expect(out.jacobian_norms).toBeUndefined();
    } else {
      expectClose(out.jacobian_norms!, expected.jacobian_norms!);
    }
    // The gate paths, first step first, to 1e-8 relative (the tolerance); only the right one.
    if (name === 'lstm') {
      expect(expected.forget_path_norms).toHaveLength(out.grad_h_norms.length);
      expectClose(out.forget_path_norms!, expected.forget_path_norms!, 1e-8);
      // t = T: the empty product, so the path is ‖dE/dc_T‖ itself.
      expect(out.forget_path_norms!.at(-1)).toBe(out.grad_c_norms!.at(-1));
      expect(out.update_path_norms).toBeUndefined();
    } else if (name === 'gru') {
      expect(expected.update_path_norms).toHaveLength(out.grad_h_norms.length);
      expectClose(out.update_path_norms!, expected.update_path_norms!, 1e-8);
      expect(out.update_path_norms!.at(-1)).toBe(out.grad_h_norms.at(-1));
      expect(out.forget_path_norms).toBeUndefined();
    } else {
      expect(out.forget_path_norms ?? out.update_path_norms).toBeUndefined();
    }
  });
});
