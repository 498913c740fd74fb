/**
 * The gate paths (src/gate-paths.ts) against PyTorch (fixtures/cells.json, float64): for every
 * LSTM case ||(f_{t+1} ⊙ … ⊙ f_T) ⊙ dE/dc_T|| and for every GRU case ||(z_{t+1} ⊙ … ⊙ z_T) ⊙ dE/dh_T||,
 * t = 1..T, entry by entry. And what makes them the paths: with W_hh = 0 the LSTM's full dE/dc_t
 * is its forget path exactly (no other route back), and the path is the product of the gates.
 */
import { noGrad, tensor, type Tensor } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import { cellFromModelFile, forgetGates, gatePath, GRUCell, LSTMCell, unroll, updateGates } from '../src/index.js';
import { expectEachClose, norm } from './helpers/compare.js';
import { cellCases } from './helpers/fixtures.js';

// PyTorch and check.py (NumPy) agree to 2.4e-15; our gates are computed in another order.
const RTOL = 1e-13;

const lossOf = (hT: Tensor, target: readonly number[]) => {
  const diff = hT.sub(tensor([target]));
  return diff.mul(diff).sum().mul(0.5);
};

describe('gate paths match PyTorch', () => {
  const cases = cellCases.filter((c) => c.model.cell !== 'rnn');
  it('there are LSTM and GRU cases with their paths, and T entries each', () => {
    expect(cases.filter((c) => c.expected.forget_path_norms !== undefined).length).toBeGreaterThanOrEqual(5);
    expect(cases.filter((c) => c.expected.update_path_norms !== undefined).length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, fixture) => {
    const cell = cellFromModelFile(fixture.model);
    const xs = fixture.input.inputs.map((row) => tensor([row]));
    const T = xs.length;
    if (cell instanceof LSTMCell) {
      const { h, c } = unroll(cell, xs);
      lossOf(h[T - 1], fixture.input.target).backward();
      const path = gatePath(forgetGates(cell, xs, h), c[T - 1].grad!);
      expectEachClose(path.map((p) => norm(p.data)), fixture.expected.forget_path_norms!, RTOL, 'forget path');
    } else if (cell instanceof GRUCell) {
      const { h } = unroll(cell, xs);
      lossOf(h[T - 1], fixture.input.target).backward();
      const path = gatePath(updateGates(cell, xs, h), h[T - 1].grad!);
      expectEachClose(path.map((p) => norm(p.data)), fixture.expected.update_path_norms!, RTOL, 'update path');
    } else throw new Error(`unexpected cell in ${fixture.name}`);
  });
});

describe('what the forget-gate path is', () => {
  it('with W_hh = 0 nothing returns through h: dE/dc_t equals its forget path, to 1e-14', () => {
    const cell = new LSTMCell({ inputSize: 3, hiddenSize: 5, forgetBias: 1, seed: 4 });
    cell.weightHh.data.fill(0);
    const xs = Array.from({ length: 25 }, (_, t) => tensor([[Math.sin(t), Math.cos(2 * t), 0.3]]));
    const { h, c } = unroll(cell, xs);
    lossOf(h[24], [0.1, -0.2, 0.3, 0, 0.5]).backward();
    const path = gatePath(forgetGates(cell, xs, h), c[24].grad!);
    c.forEach((ct, t) => ct.grad!.data.forEach((v, j) => expect(Math.abs(v - path[t].data[j])).toBeLessThanOrEqual(1e-14 * Math.abs(v))));
  });

  it('with W_hh ≠ 0 the full gradient is not the path (the other routes are real)', () => {
    const cell = new LSTMCell({ inputSize: 3, hiddenSize: 5, forgetBias: 1, seed: 4 });
    const xs = Array.from({ length: 25 }, (_, t) => tensor([[Math.sin(t), Math.cos(2 * t), 0.3]]));
    const { h, c } = unroll(cell, xs);
    lossOf(h[24], [0.1, -0.2, 0.3, 0, 0.5]).backward();
    const path = gatePath(forgetGates(cell, xs, h), c[24].grad!);
    expect(Math.abs(norm(c[0].grad!.data) / norm(path[0].data) - 1)).toBeGreaterThan(1e-3);
  });

  it('gatePath multiplies the gates of the later steps only, in order: last at T, last ⊙ g_T at T − 1, …', () => {
    const gates = [tensor([[0.5, 2]]), tensor([[3, 0.25]]), tensor([[7, 11]])];
    const path = noGrad(() => gatePath(gates, tensor([[1, 1]])));
    expect(path.map((p) => Array.from(p.data))).toEqual([
      [21, 2.75], // g_2 ⊙ g_3 = [3·7, 0.25·11]: g_1 never enters
      [7, 11],
      [1, 1],
    ]);
  });

  it('the recomputed forget gates are the ones the cell used: σ of block f of the pre-activation', () => {
    const cell = new LSTMCell({ inputSize: 2, hiddenSize: 3, forgetBias: 2, seed: 9 });
    const xs = [tensor([[0.5, -1]]), tensor([[2, 0.25]])];
    const { h } = unroll(cell, xs);
    const [f1, f2] = forgetGates(cell, xs, h);
    const H = 3;
    const at = (x: Tensor, previous: readonly number[], u: number) => {
      const row = H + u; // the f block
      let a = cell.biasIh!.data[row] + cell.biasHh!.data[row];
      for (let k = 0; k < 2; k++) a += cell.weightIh.data[row * 2 + k] * x.data[k];
      for (let k = 0; k < H; k++) a += cell.weightHh.data[row * H + k] * previous[k];
      return 1 / (1 + Math.exp(-a));
    };
    for (let u = 0; u < H; u++) {
      expect(f1.data[u]).toBeCloseTo(at(xs[0], [0, 0, 0], u), 14);
      expect(f2.data[u]).toBeCloseTo(at(xs[1], Array.from(h[0].data), u), 14);
    }
  });
});
