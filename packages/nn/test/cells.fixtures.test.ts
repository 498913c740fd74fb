/**
 * Every cell case of fixtures/cells.json (PyTorch 1.13, float64): load the state dict, unroll on
 * the inputs from a zero state (batch 1), E = 0.5·||h_T − target||², backward, and compare with
 * PyTorch: the loss, every h_t (and c_t), every parameter gradient, ||dE/dh_t|| (and ||dE/dc_t||),
 * the spectral norms ||dh_T/dh_t||₂ and each step's share of dE/dW_hh. Tolerance 1e-10 relative
 * (norms entry by entry, arrays relative to their largest entry), as fixtures/README.md says.
 */
import { jacobian, matmul, noGrad, spectralNorm, tensor, type Tensor } from '@chainrule/autodiff';
import { afterAll, describe, expect, it } from 'vitest';
import { cellFromModelFile, LSTMCell, unroll, type AnyCell } from '../src/index.js';
import { expectArrayClose, expectEachClose, norm, worstErrors } from './helpers/compare.js';
import { cellCases, type CellCase } from './helpers/fixtures.js';

const RTOL = 1e-10;

/** Unrolls `cell` on x_1..x_T and returns h_1..h_T (and c_1..c_T for an LSTM). */
function run(cell: AnyCell, xs: readonly Tensor[], from?: { h: Tensor; c?: Tensor }): { h: readonly Tensor[]; c?: readonly Tensor[] } {
  if (cell instanceof LSTMCell) {
    const state0 = from === undefined ? undefined : { h: from.h, c: from.c ?? cell.zeroState(1).c };
    return unroll(cell, xs, state0);
  }
  return unroll(cell, xs, from?.h);
}

/** E = 0.5 · ||h_T − target||². */
function halfSquaredError(hT: Tensor, target: readonly number[]): Tensor {
  const diff = hT.sub(tensor([target]));
  return diff.mul(diff).sum().mul(0.5);
}

function inputsOf(c: CellCase): Tensor[] {
  return c.input.inputs.map((row) => tensor([row]));
}

describe.each(cellCases.map((c) => [c.name, c] as const))('%s', (_, fixture) => {
  const { expected } = fixture;
  const T = fixture.input.inputs.length;

  it('states, loss, parameter gradients and per-step gradient norms match PyTorch', () => {
    const cell = cellFromModelFile(fixture.model);
    const { h, c } = run(cell, inputsOf(fixture));
    const loss = halfSquaredError(h[T - 1], fixture.input.target);
    loss.backward();

    expectEachClose(loss.item(), expected.loss, RTOL, 'loss');
    expectArrayClose(h.map((ht) => Array.from(ht.data)), expected.h, RTOL, 'h_t');
    for (const [name, param] of cell.namedParameters()) {
      expectArrayClose(param.grad!.data, expected.grads[name], RTOL, `grad ${name}`);
    }
    expect(Object.keys(expected.grads).sort()).toEqual(cell.namedParameters().map(([name]) => name).sort());
    expectEachClose(h.map((ht) => norm(ht.grad!.data)), expected.grad_h_norms, RTOL, '||dE/dh_t||');
    if (expected.c !== undefined) {
      expectArrayClose(c!.map((ct) => Array.from(ct.data)), expected.c, RTOL, 'c_t');
      expectEachClose(c!.map((ct) => norm(ct.grad!.data)), expected.grad_c_norms!, RTOL, '||dE/dc_t||');
    }
  });

  it("each step's share of dE/dW_hh matches, and the shares add up to dE/dW_hh", () => {
    // One copy of the cell per step: copy t's weight_hh.grad is exactly step t's term.
    const copies = Array.from({ length: T }, () => cellFromModelFile(fixture.model));
    const xs = inputsOf(fixture);
    let state = run(copies[0], [xs[0]]);
    for (let t = 1; t < T; t++) state = run(copies[t], [xs[t]], { h: state.h[0], c: state.c?.[0] });
    halfSquaredError(state.h[0], fixture.input.target).backward();
    const terms = copies.map((copy) => copy.weightHh.grad!.data);
    expectEachClose(terms.map(norm), expected.grad_weight_hh_step_norms, RTOL, '||dE/dW_hh step t||');
    const total = terms.reduce((sum, term) => sum.map((v, i) => v + term[i]));
    expectArrayClose(total, expected.grads.weight_hh, RTOL, 'sum of dE/dW_hh steps');
  });

  if (expected.jacobian_norms !== undefined) {
    it('spectral norms ||dh_T/dh_t||₂ match (product of per-step Jacobians)', () => {
      const cell = cellFromModelFile(fixture.model);
      const xs = inputsOf(fixture);
      const { h } = run(cell, xs);
      // stepJacobian[i] = dh_(i+1)/dh_i at the recorded trajectory, [H, H], for i = 1..T−1.
      const stepJacobian = (i: number): Tensor =>
        jacobian((hPrevious) => run(cell, [xs[i]], { h: hPrevious }).h[0], h[i - 1].detach());
      const norms = new Array<number>(T);
      let product = noGrad(() => tensor(identity(fixture.model.hidden_size)));
      norms[T - 1] = spectralNorm(product);
      for (let t = T - 1; t >= 1; t--) {
        const step = stepJacobian(t); // (not inside noGrad: jacobian needs a recorded graph)
        product = noGrad(() => matmul(product, step)); // dh_T/dh_t = dh_T/dh_(t+1) · dh_(t+1)/dh_t
        norms[t - 1] = spectralNorm(product);
      }
      expectEachClose(norms, expected.jacobian_norms!, RTOL, '||dh_T/dh_t||₂');
    });
  }
});

it('the chained Jacobian equals the Jacobian of the whole unrolled map (one case, 5 steps)', () => {
  const fixture = cellCases.find((c) => c.name === 'gru_bias_I3_H5_T30')!;
  const cell = cellFromModelFile(fixture.model);
  const xs = inputsOf(fixture).slice(0, 5);
  const h0 = tensor([[0.1, -0.2, 0.3, -0.4, 0.5]]);
  const direct = jacobian((h) => run(cell, xs, { h }).h[4], h0);
  const { h } = run(cell, xs, { h: h0 });
  let chained = tensor(identity(5));
  for (let i = 4; i >= 0; i--) {
    const before = i === 0 ? h0 : h[i - 1].detach();
    const step = jacobian((hPrevious) => run(cell, [xs[i]], { h: hPrevious }).h[0], before);
    chained = noGrad(() => matmul(chained, step));
  }
  expectArrayClose(chained.data, direct.data, 1e-13, 'chained vs direct Jacobian');
});

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

afterAll(() => {
  console.log(`worst relative errors against PyTorch (cells.json):\n${worstErrors()}`);
});
