/**
 * Pascanu, Mikolov & Bengio's regularizer Ω (src/regularizers/pascanu.ts): its value and its
 * gradient with respect to every weight against PyTorch float64 (fixtures/pascanu.json, from
 * fixtures/generate_pascanu.py), to 1e-9 relative; and what it is for: Ω is 0 exactly when each
 * step back keeps the gradient's length, and its gradient pushes the ratios toward 1.
 */
import { readFileSync } from 'node:fs';
import { tensor, type NestedArray } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import { GRUCell, LSTMCell, pascanuRegularizer, RNNCell, unroll, type Activation } from '../src/index.js';

interface PascanuCase {
  readonly name: string;
  readonly activation: Activation;
  readonly input_size: number;
  readonly hidden_size: number;
  readonly state_dict: Record<string, NestedArray>;
  readonly inputs: NestedArray[];
  readonly h0: NestedArray;
  readonly target: NestedArray;
  readonly expected: { loss: number; omega: number; ratios: number[]; grads: Record<string, NestedArray> };
}
const { cases } = JSON.parse(readFileSync(new URL('../fixtures/pascanu.json', import.meta.url), 'utf8')) as { cases: PascanuCase[] };
const flat = (n: NestedArray): number[] => (typeof n === 'number' ? [n] : n.flatMap(flat));
const expectClose = (got: number, want: number, what: string) =>
  expect(Math.abs(got - want), `${what}: ${got} vs PyTorch ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));

describe('Ω against PyTorch', () => {
  it.each(cases)('$name: Ω and dΩ/dW', (c) => {
    const cell = new RNNCell({ inputSize: c.input_size, hiddenSize: c.hidden_size, activation: c.activation, seed: 0 });
    cell.loadStateDict(c.state_dict);
    const xs = c.inputs.map((x) => tensor(x));
    const h0 = tensor(c.h0);
    const { h } = unroll(cell, xs, h0);
    const loss = h[h.length - 1].sub(tensor(c.target)).pow(2).sum().mul(0.5);
    expectClose(loss.item(), c.expected.loss, 'loss');
    const omega = pascanuRegularizer(cell, xs, h, h0, loss);
    expectClose(omega.item(), c.expected.omega, 'Ω');
    omega.backward();
    for (const [name, p] of cell.namedParameters()) {
      const want = flat(c.expected.grads[name]);
      // No .grad: Ω does not reach this weight (through relu's slope, a step, only W_hh counts); PyTorch says 0.
      const got = p.grad?.data ?? new Float64Array(want.length);
      want.forEach((w, i) => expectClose(got[i], w, `dΩ/d${name}[${i}]`));
    }
  });
});

describe('what Ω measures', () => {
  it('is 0 when every step back keeps the gradient length (identity RNN, orthogonal W_hh)', () => {
    const cell = new RNNCell({ inputSize: 1, hiddenSize: 2, activation: 'identity', bias: false, seed: 1 });
    cell.weightHh.data.set([0.6, -0.8, 0.8, 0.6]); // a rotation: ‖v W‖ = ‖v‖ for every v
    const xs = [tensor([[1]]), tensor([[-0.5]]), tensor([[2]])];
    const h0 = tensor([[0.1, 0.2]]);
    const { h } = unroll(cell, xs, h0);
    const omega = pascanuRegularizer(cell, xs, h, h0, h[2].pow(2).sum());
    expect(Math.abs(omega.item())).toBeLessThan(1e-28);
  });

  it('a gradient step on Ω alone moves the one-step ratios toward 1', () => {
    const cell = new RNNCell({ inputSize: 2, hiddenSize: 4, activation: 'tanh', seed: 3 });
    const xs = Array.from({ length: 8 }, (_, t) => tensor([[Math.sin(t), Math.cos(2 * t)]]));
    const omegaNow = () => {
      const { h } = unroll(cell, xs);
      return pascanuRegularizer(cell, xs, h, cell.zeroState(1), h[7].sum());
    };
    const before = omegaNow();
    cell.zeroGrad();
    before.backward();
    for (const p of cell.parameters()) p.data.forEach((_, i) => (p.data[i] -= 0.01 * p.grad!.data[i]));
    expect(omegaNow().item()).toBeLessThan(before.item());
  });

  it('works for the GRU and the LSTM (h and c together), and refuses a one-node sequence', () => {
    const xs = [tensor([[0.5]]), tensor([[-1]]), tensor([[0.25]])];
    for (const cell of [new GRUCell({ inputSize: 1, hiddenSize: 3, seed: 4 }), new LSTMCell({ inputSize: 1, hiddenSize: 3, seed: 5 })]) {
      const trajectory = unroll(cell, xs);
      const loss = trajectory.h[2].pow(2).sum();
      const omega = pascanuRegularizer(cell, xs, 'c' in trajectory ? trajectory.h.map((h, t) => ({ h, c: trajectory.c[t] })) : trajectory.h, cell.zeroState(1), loss);
      omega.backward();
      expect(Number.isFinite(omega.item()) && omega.item() > 0).toBe(true);
      expect(cell.weightHh.grad!.data.some((g) => g !== 0)).toBe(true);
    }
    const sequence = new LSTMCell({ inputSize: 1, hiddenSize: 3, seed: 5, fused: 'sequence' });
    const t = unroll(sequence, xs);
    expect(() => pascanuRegularizer(sequence, xs, t.h.map((h, k) => ({ h, c: t.c[k] })), sequence.zeroState(1), t.h[2].sum())).toThrow(
      "pascanuRegularizer: needs every state's full gradient; make the LSTMCell with fused: true or false, not 'sequence'",
    );
  });
});
