import { LSTMCell } from '@chainrule/nn';
import { describe, expect, it } from 'vitest';
import { gradientFlow } from '../../src/experiments/gradient-flow.js';
import { directPathVectors, forgetBiasSweep, forgetGates } from '../../src/experiments/lstm-paths.js';
import { randomSequence } from '../../src/experiments/sequence.js';

describe('experiment 5: the LSTM cell-state path', () => {
  it('with all recurrent weights 0, dE/dc_k = (Π f) ⊙ dE/dc_T to 1e-12', () => {
    const cell = new LSTMCell({ inputSize: 3, hiddenSize: 6, forgetBias: 1, seed: 11 });
    cell.weightHh.data.fill(0);
    const sequence = randomSequence(40, 3, 6, 12);
    const flow = gradientFlow(cell, sequence);
    const gates = forgetGates(cell, sequence, flow.hs);
    const direct = directPathVectors(gates, flow.gradCs![39]);
    flow.gradCs!.forEach((g, k) =>
      g.forEach((v, j) => expect(Math.abs(v - direct[k][j])).toBeLessThanOrEqual(1e-12 * Math.abs(direct[k][j]) + 1e-300)),
    );
  });

  it('the direct path falls by about log10(mean f) per step: forget bias 0, 1, 2, 5 → about −0.30, −0.14, −0.06, −0.003', () => {
    const curves = forgetBiasSweep([0, 1, 2, 5], { hiddenSize: 32, inputSize: 8, steps: 100, seed: 1 });
    const documented = [-0.3, -0.14, -0.06, -0.003];
    curves.forEach((c, i) => {
      const all = c.forgetGates.flat();
      // A norm of a product of gates decays between the slowest and the fastest gate's rate.
      expect(c.directSlope).toBeGreaterThanOrEqual(Math.log10(Math.min(...all)));
      expect(c.directSlope).toBeLessThanOrEqual(Math.log10(Math.max(...all)));
      expect(Math.abs(c.log10MeanF - documented[i])).toBeLessThan(0.02);
      expect(Math.abs(c.directSlope - documented[i])).toBeLessThan(0.06);
    });
    // A larger forget bias keeps more of the gradient, on the direct path and in full.
    for (let i = 1; i < curves.length; i++) {
      expect(curves[i].directSlope).toBeGreaterThan(curves[i - 1].directSlope);
      expect(curves[i].fullSlope).toBeGreaterThan(curves[i - 1].fullSlope);
    }
  });
});
