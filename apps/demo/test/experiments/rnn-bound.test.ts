import { fc, test } from '@fast-check/vitest';
import { initNormal, initOrthogonal, RNNCell } from '@chainrule/nn';
import { describe, expect, it } from 'vitest';
import { GAMMA, measureAgainstBound, setupCell } from '../../src/experiments/rnn-bound.js';
import { randomSequence } from '../../src/experiments/sequence.js';

describe('experiment 2: Pascanu et al.\'s bound (γ·σ_max)^(T−t)', () => {
  it('the three setups of the paper (n = 50, T = 200): the measured norms stay under the bound at every step', () => {
    for (const setup of ['sigmoid', 'basic-tanh', 'smart-tanh'] as const) {
      const cell = setupCell(setup, { hiddenSize: 50, inputSize: 8, seed: 1 });
      const report = measureAgainstBound(cell, randomSequence(200, 8, 50, 2), setup === 'sigmoid');
      expect(report.boundHolds, setup).toBe(true);
      // σ_max < 1/γ forces vanishing: the gradient never grows going back.
      if (report.sigmaMax < 1 / report.gamma) expect(report.grows).toBe(false);
      if (setup === 'smart-tanh') expect(report.spectralRadius).toBeCloseTo(0.95, 2);
      if (setup === 'sigmoid') {
        // The vanishing gradient itself: the curve falls by orders of magnitude (here to exact float64 zeros).
        expect(report.flow.gradHNorms[0]).toBe(0);
        expect(report.stepsBelow1e8).toBeLessThan(10);
        // ||dh_T/dh_t||₂ obeys the Jacobian form of the bound too.
        const T = 200;
        report.flow.jacobianNorms!.forEach((j, i) => {
          expect(j).toBeLessThanOrEqual((report.gamma * report.sigmaMax) ** (T - 1 - i) * (1 + 1e-9));
        });
      }
    }
  });

  test.prop(
    [
      fc.constantFrom('tanh', 'sigmoid', 'relu', 'identity'),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 2, max: 40 }),
      fc.double({ min: 0.05, max: 2, noNaN: true }),
      fc.integer({ min: 0, max: 1_000_000 }),
    ],
    { numRuns: 60 },
  )('for random RNNs (any activation, size, length, weight scale) the bound holds at every step', (activation, n, T, std, seed) => {
    const cell = new RNNCell({ inputSize: 2, hiddenSize: n, activation, seed });
    initNormal(cell.weightHh, { std, seed: seed + 1 });
    const report = measureAgainstBound(cell, randomSequence(T, 2, n, seed + 2), true);
    expect(report.gamma).toBe(GAMMA[activation]);
    expect(report.boundHolds).toBe(true);
    report.flow.jacobianNorms!.forEach((j, i) => {
      expect(j).toBeLessThanOrEqual((report.gamma * report.sigmaMax) ** (T - 1 - i) * (1 + 1e-9) + 1e-300);
    });
    if (report.grows) expect(report.sigmaMax).toBeGreaterThan(1 / report.gamma);
  });

  it('growth happens, and then σ_max > 1/γ: a tanh RNN with W_rec = 1.5·Q in its linear regime', () => {
    const cell = new RNNCell({ inputSize: 2, hiddenSize: 8, activation: 'tanh', bias: false, seed: 3 });
    initOrthogonal(cell.weightHh, { gain: 1.5, seed: 4 });
    cell.weightIh.data.fill(0); // no input: h stays at 0, where tanh' = 1
    const report = measureAgainstBound(cell, randomSequence(30, 2, 8, 5));
    expect(report.grows).toBe(true);
    expect(report.sigmaMax).toBeGreaterThan(1 / report.gamma);
    expect(report.measuredSlope).toBeCloseTo(Math.log10(1.5), 10);
    expect(report.boundHolds).toBe(true);
  });
});
