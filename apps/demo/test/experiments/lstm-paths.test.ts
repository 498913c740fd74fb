/**
 * Experiment 5 (src/experiments/lstm-paths.ts): the forget-gate path and the forget-bias sweep,
 * checked against a second computation written here on plain numbers: the forget gates
 * f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf) from the cell's weights and the states of the
 * forward pass, and the path (f_{t+1} ⊙ … ⊙ f_T) ⊙ dE/dc_T as a product of those numbers.
 */
import { LSTMCell } from '@chainrule/nn';
import { describe, expect, it } from 'vitest';
import { gradientFlow, type GradientFlow } from '../../src/experiments/gradient-flow.js';
import { forgetBiasSweep, lstmCell } from '../../src/experiments/lstm-paths.js';
import { randomSequence, type Sequence } from '../../src/experiments/sequence.js';
import { fitLine } from '../../src/experiments/stats.js';

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));
const hypot = (v: readonly number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/** f_t for t = 1..T, every unit, from the weights (block f: rows H … 2H − 1) and h_{t−1} (h_0 = 0). */
function forgetGatesByHand(cell: LSTMCell, { inputs }: Sequence, hs: readonly (readonly number[])[]): number[][] {
  const [H, I] = [cell.hiddenSize, cell.inputSize];
  return inputs.map((x, t) =>
    Array.from({ length: H }, (_, u) => {
      const row = H + u;
      let a = cell.biasIh!.data[row] + cell.biasHh!.data[row];
      for (let k = 0; k < I; k++) a += cell.weightIh.data[row * I + k] * x[k];
      if (t > 0) for (let k = 0; k < H; k++) a += cell.weightHh.data[row * H + k] * hs[t - 1][k];
      return sigmoid(a);
    }),
  );
}

/** (f_{t+1} ⊙ … ⊙ f_T) ⊙ dE/dc_T for t = 1..T, one product per step (no running product shared). */
function pathByHand(gates: readonly (readonly number[])[], last: readonly number[]): number[][] {
  const T = gates.length;
  return gates.map((_, t) => last.map((v, u) => gates.slice(t + 1, T).reduce((p, f) => p * f[u], v)));
}

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('experiment 5: the LSTM cell-state path', () => {
  it('with all recurrent weights 0, dE/dc_t = (Π f) ⊙ dE/dc_T to 1e-12, and so do the path norms the flow reports', () => {
    const cell = new LSTMCell({ inputSize: 3, hiddenSize: 6, forgetBias: 1, seed: 11 });
    cell.weightHh.data.fill(0);
    const sequence = randomSequence(40, 3, 6, 12);
    const flow = gradientFlow(cell, sequence);
    const gates = forgetGatesByHand(cell, sequence, flow.hs);
    flow.gates!.forEach((row, t) => row.forEach((f, u) => expect(relErr(f, gates[t][u])).toBeLessThan(1e-14)));
    const direct = pathByHand(gates, flow.gradCs![39]);
    flow.gradCs!.forEach((g, t) => g.forEach((v, j) => expect(relErr(v, direct[t][j])).toBeLessThan(1e-12)));
    flow.gatePathNorms!.forEach((n, t) => expect(relErr(n, hypot(direct[t]))).toBeLessThan(1e-12));
  });

  describe('the forget-bias sweep: forget bias 0, 1, 2, 5', () => {
    const options = { hiddenSize: 32, inputSize: 8, steps: 100, seed: 1 };
    const biases = [0, 1, 2, 5];
    // Run inside the tests (`pnpm mutate` turns a mutant on only for the tests themselves).
    const sweep = () => forgetBiasSweep(biases, options);
    // The same run, by hand: the same cell (lstmCell) and sequence (seed + 1) as the sweep uses.
    const sequence = randomSequence(options.steps, options.inputSize, options.hiddenSize, options.seed + 1);
    const stepsBack = Array.from({ length: options.steps }, (_, t) => options.steps - 1 - t);

    it.each(biases)('bias %d: the gates, the path and its slope agree with the computation by hand', (bias) => {
      const c = forgetBiasSweep([bias], options)[0];
      expect(c.forgetBias).toBe(bias);
      const cell = lstmCell(bias, options);
      const flow: GradientFlow = c.flow;
      const gates = forgetGatesByHand(cell, sequence, flow.hs);
      c.forgetGates.forEach((row, t) => row.forEach((f, u) => expect(relErr(f, gates[t][u])).toBeLessThan(1e-13)));
      const meanF = gates.flat().reduce((s, f) => s + f, 0) / gates.flat().length;
      expect(relErr(c.meanF, meanF)).toBeLessThan(1e-13);
      expect(relErr(c.log10MeanF, Math.log10(meanF))).toBeLessThan(1e-12);
      const path = pathByHand(gates, flow.gradCs![options.steps - 1]).map(hypot);
      c.path.forEach((n, t) => expect(relErr(n, path[t])).toBeLessThan(1e-12));
      const slope = fitLine(stepsBack, path.map(Math.log10)).slope;
      expect(relErr(c.pathFit.slope, slope)).toBeLessThan(1e-9);
      const full = fitLine(stepsBack, flow.gradCs!.map((g) => Math.log10(hypot(g)))).slope;
      expect(relErr(c.fullFit.slope, full)).toBeLessThan(1e-9);
      // A norm of a product of gates decays between the slowest and the fastest gate's rate.
      expect(c.pathFit.slope).toBeGreaterThanOrEqual(Math.log10(Math.min(...gates.flat())));
      expect(c.pathFit.slope).toBeLessThanOrEqual(Math.log10(Math.max(...gates.flat())));
    });

    it('the mean forget gate is near σ(bias): log10 σ(b) = −0.301, −0.136, −0.055, −0.0029 (a_f ≈ 0 on average)', () => {
      sweep().forEach((c, i) => {
        const expected = Math.log10(sigmoid(biases[i]));
        expect(relErr(c.log10MeanF, expected)).toBeLessThan(0.1);
      });
    });

    it('a larger forget bias keeps more of the gradient, on the forget-gate path and in full', () => {
      const curves = sweep();
      for (let i = 1; i < curves.length; i++) {
        expect(curves[i].pathFit.slope).toBeGreaterThan(curves[i - 1].pathFit.slope);
        expect(curves[i].fullFit.slope).toBeGreaterThan(curves[i - 1].fullFit.slope);
      }
    });
  });

  it('the sweep skips the per-step terms of dE/dW_hh (it reports none) and names each bias in its progress', () => {
    const seen: string[] = [];
    const curves = forgetBiasSweep([0, 2], { steps: 6, hiddenSize: 3, inputSize: 2, seed: 4 }, (stage) => seen.push(stage));
    for (const curve of curves) expect(curve.flow.stepContributions).toBeNull();
    for (const bias of [0, 2]) {
      const own = seen.filter((stage) => stage.startsWith(`forget bias ${bias}: `));
      expect(own.length, `progress lines of forget bias ${bias}`).toBeGreaterThan(0);
    }
    expect(seen.every((stage) => /^forget bias [02]: /.test(stage))).toBe(true);
  });
});
