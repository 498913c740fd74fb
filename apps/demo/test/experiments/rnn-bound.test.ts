import { fc, test } from '@fast-check/vitest';
import { initNormal, initOrthogonal, RNNCell } from '@chainrule/nn';
import { beforeEach, describe, expect, it } from 'vitest';
import { activationSlopes, GAMMA, growsGoingBack, measureAgainstBound, setupCell, staysUnder, withActivation, type BoundReport } from '../../src/experiments/rnn-bound.js';
import { fitLine } from '../../src/experiments/stats.js';
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
    expect(report.gamma).toBe({ tanh: 1, sigmoid: 1 / 4, relu: 1, identity: 1 }[activation]);
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

  it('γ is the activation’s largest slope: 1/4 for σ (σ′(0) = σ(0)(1 − σ(0)) = 1/4), 1 for tanh (tanh′(0) = 1), ReLU and the identity', () => {
    expect(GAMMA).toEqual({ tanh: 1, sigmoid: 0.25, relu: 1, identity: 1 });
  });

  /**
   * A sigmoid RNN with W_rec = 2·Q (Q orthogonal): σ_max = ρ = 2 exactly (in exact arithmetic),
   * so γ·σ_max = 1/2 and the bound falls by log10(1/2) = −0.301 per step; with γ = 1 it would be
   * log10 2 = +0.301. Every number below is computed here from the weights and the maths.
   */
  describe('a sigmoid RNN with W_rec = 2·Q: the bound, the slopes and the heuristic, by hand', () => {
    const H = 6;
    const cell = new RNNCell({ inputSize: 2, hiddenSize: H, activation: 'sigmoid', bias: false, seed: 21 });
    initOrthogonal(cell.weightHh, { gain: 2, seed: 22 });
    const sequence = randomSequence(30, 2, H, 23);
    const T = 30;
    const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));
    // Measured before each test, not while the file is collected: `pnpm mutate` turns a mutant on
    // only for the tests themselves.
    let report: BoundReport;
    let slopes: number[];
    let meanSlope: number;
    beforeEach(() => {
      report = measureAgainstBound(cell, sequence);
      // act′(a_t) for t = 2..T from the pre-activations a_t = W_ih x_t + W_hh h_{t−1}, with σ′ = σ(a)σ(−a).
      slopes = sequence.inputs.slice(1).flatMap((x, k) =>
        Array.from({ length: H }, (_, u) => {
          let a = 0;
          for (let j = 0; j < 2; j++) a += cell.weightIh.data[u * 2 + j] * x[j];
          for (let j = 0; j < H; j++) a += cell.weightHh.data[u * H + j] * report.flow.hs[k][j];
          return sigmoid(a) * sigmoid(-a);
        }),
      );
      meanSlope = slopes.reduce((s, v) => s + v, 0) / slopes.length;
    });

    it('γ = 1/4 and σ_max = 2: the bound falls by log10(1/2) per step from ‖dE/dh_T‖', () => {
      expect(report.gamma).toBe(1 / 4);
      expect(Math.abs(report.sigmaMax - 2)).toBeLessThan(1e-12);
      expect(Math.abs(report.boundSlope - Math.log10(0.5))).toBeLessThan(1e-12);
      const last = Math.log10(report.flow.gradHNorms[T - 1]);
      report.boundLog10.forEach((b, i) => expect(Math.abs(b - (last + (T - 1 - i) * Math.log10(0.5)))).toBeLessThan(1e-10));
      expect(report.boundHolds).toBe(true);
    });

    it('ρ = 2 (the estimate is within 6^(1/2048) of it, 0.09%), and the slopes and their mean from the pre-activations', () => {
      expect(Math.abs(report.spectralRadius / 2 - 1)).toBeLessThan(6 ** (1 / 2048) - 1 + 1e-12);
      expect(report.slopes).toHaveLength((T - 1) * H);
      report.slopes.forEach((v, i) => expect(Math.abs(v - slopes[i])).toBeLessThanOrEqual(1e-14 * slopes[i]));
      expect(Math.abs(report.meanDerivative - meanSlope)).toBeLessThan(1e-14 * meanSlope);
    });

    it('the heuristic is log10(ρ · mean σ′), ρ included: log10 2 + log10(mean σ′)', () => {
      const expected = Math.log10(2 * meanSlope);
      // ρ's estimate is off by at most log10(6)/2048 = 3.8e-4 decades.
      expect(Math.abs(report.heuristicSlope - expected)).toBeLessThan(Math.log10(6) / 2048);
      expect(Math.abs(report.heuristicSlope - Math.log10(meanSlope))).toBeGreaterThan(0.3);
    });

    it('the causes: log10 ρ, the mean of log10 σ′, and the rest add up to the measured rate', () => {
      const c = report.causes;
      const measured = fitLine(
        report.flow.gradHNorms.map((_, i) => T - 1 - i),
        report.flow.gradHNorms.map(Math.log10),
      ).slope;
      expect(Math.abs(c.measured - measured)).toBeLessThan(1e-12 * Math.abs(measured));
      expect(report.measuredSlope).toBe(c.measured);
      expect(Math.abs(c.log10Rho - Math.log10(2))).toBeLessThan(Math.log10(6) / 2048);
      const meanLog = slopes.reduce((s, v) => s + Math.log10(v), 0) / slopes.length;
      expect(Math.abs(c.meanLog10Slope - meanLog)).toBeLessThan(1e-13 * Math.abs(meanLog));
      expect(Math.abs(c.rest - (measured - c.log10Rho - meanLog))).toBeLessThan(1e-12);
      // The ablation: the same weights with the identity, measured the same way.
      const identity = measureAgainstBound(withActivation(cell, 'identity'), sequence, false, undefined, false);
      expect(c.identityMeasured).toBe(identity.measuredSlope);
      expect(identity.causes.identityMeasured).toBe(identity.measuredSlope); // an identity cell is its own ablation
      expect(measureAgainstBound(cell, sequence, false, undefined, false).causes.identityMeasured).toBeNull();
    });

    it('stepsBelow1e8 and grows, from the curve', () => {
      const norms = report.flow.gradHNorms;
      const back = [...norms].reverse().findIndex((g) => g < 1e-8);
      expect(report.stepsBelow1e8).toBe(back < 0 ? null : back);
      expect(report.grows).toBe(norms.some((g) => g > norms[T - 1] * (1 + 1e-12)));
    });
  });

  it('a non-normal W_rec: ρ from the eigenvalues (0.5), not σ_max (≈ 10)', () => {
    const cell = new RNNCell({ inputSize: 1, hiddenSize: 2, activation: 'tanh', bias: false, seed: 5 });
    cell.weightHh.data.set([0.5, 10, 0, 0.3]);
    const report = measureAgainstBound(cell, randomSequence(10, 1, 2, 6), false, undefined, false);
    // Gelfand's estimate: 0.5 · 50^(1/1024) (stats.test.ts).
    expect(Math.abs(report.spectralRadius / 0.5 - 1)).toBeLessThan(0.004);
    expect(report.sigmaMax).toBeGreaterThan(10);
    expect(Math.abs(report.causes.log10Rho - Math.log10(0.5))).toBeLessThan(0.002);
  });

  it('activationSlopes: tanh′ = 1 − tanh² and relu′ ∈ {0, 1} from the pre-activations, biases included', () => {
    const cell = new RNNCell({ inputSize: 1, hiddenSize: 2, activation: 'tanh', seed: 7 });
    cell.weightIh.data.set([1, -2]);
    cell.weightHh.data.set([0.5, 0, 0, 0.5]);
    cell.biasIh!.data.set([0.1, 0.2]);
    cell.biasHh!.data.set([0.3, -0.4]);
    const seq = { inputs: [[1], [2]], target: [0, 0] };
    const hs = [[0.25, -0.5], [0, 0]];
    // t = 1: a = W_ih x + b (h_0 = 0): [1.4, −2.2]; t = 2: a = [2 + 0.4 + 0.125, −4 − 0.2 − 0.25] = [2.525, −4.45].
    const expected = [[1.4, -2.2], [2.525, -4.45]];
    const tanhSlopes = activationSlopes(cell, seq, hs);
    tanhSlopes.forEach((row, t) => row.forEach((v, u) => expect(Math.abs(v - (1 - Math.tanh(expected[t][u]) ** 2))).toBeLessThan(1e-13)));
    const relu = withActivation(cell, 'relu');
    expect(activationSlopes(relu, seq, hs)).toEqual([[1, 0], [1, 0]]);
    expect(activationSlopes(withActivation(cell, 'identity'), seq, hs)).toEqual([[1, 1], [1, 1]]);
    const sig = activationSlopes(withActivation(cell, 'sigmoid'), seq, hs);
    sig.forEach((row, t) => row.forEach((v, u) => {
      const s = 1 / (1 + Math.exp(-expected[t][u]));
      expect(Math.abs(v - s * (1 - s))).toBeLessThan(1e-13);
    }));
    // relu′ at the kink a = 0 is 0, as PyTorch.
    const kink = withActivation(cell, 'relu');
    kink.weightIh.data.set([0, 0]);
    kink.biasIh!.data.set([0, 0]);
    kink.biasHh!.data.set([0, 0]);
    expect(activationSlopes(kink, { inputs: [[1]], target: [0, 0] }, [[0, 0]])).toEqual([[0, 0]]);
  });

  it('setupCell builds the paper\'s three initializations: σ with std 0.01, tanh with std 0.1, and a sparse tanh W_rec at ρ = 0.95', () => {
    const std = (xs: Float64Array) => Math.sqrt(xs.reduce((s, v) => s + v * v, 0) / xs.length);
    for (const hiddenSize of [6, 24]) {
      const options = { hiddenSize, inputSize: 30, seed: 11 };
      const sigmoid = setupCell('sigmoid', options);
      const basic = setupCell('basic-tanh', options);
      const smart = setupCell('smart-tanh', options);
      expect([sigmoid.activation, basic.activation, smart.activation]).toEqual(['sigmoid', 'tanh', 'tanh']);
      for (const cell of [sigmoid, basic, smart]) expect(cell.biasIh).toBeNull();
      // The root mean square of H·30 (W_ih) and H·H (W_rec) draws of N(0, std²): within 25% of std
      // (for 36 draws the relative spread of the estimate is about 1/√72 = 12%).
      for (const [cell, expected] of [[sigmoid, 0.01], [basic, 0.1]] as const) {
        expect(Math.abs(std(cell.weightIh.data) / expected - 1)).toBeLessThan(0.25);
        expect(Math.abs(std(cell.weightHh.data) / expected - 1)).toBeLessThan(0.25);
      }
      // Smart tanh: min(15, H) incoming connections per unit, rescaled so that ρ = 0.95.
      const w = smart.weightHh.data;
      for (let row = 0; row < hiddenSize; row++) {
        const nonzero = w.slice(row * hiddenSize, (row + 1) * hiddenSize).filter((v) => v !== 0).length;
        expect(nonzero).toBe(Math.min(15, hiddenSize));
      }
      const report = measureAgainstBound(smart, randomSequence(3, 30, hiddenSize, 12), false, undefined, false);
      // Gelfand's estimate of ρ is within H^(1/2048) of it (stats.test.ts).
      expect(Math.abs(report.spectralRadius / 0.95 - 1)).toBeLessThan(hiddenSize ** (1 / 2048) - 1 + 1e-9);
      // The same seed gives the same cell; another seed another.
      expect(Array.from(setupCell('smart-tanh', options).weightHh.data)).toEqual(Array.from(w));
      expect(Array.from(setupCell('smart-tanh', { ...options, seed: 12 }).weightHh.data)).not.toEqual(Array.from(w));
    }
  });

  it('staysUnder: every measured log10 norm at most the bound (1e-9 decades of slack), a zero norm under any bound', () => {
    expect(staysUnder([-1, -2, -3], [-1, -2, -3])).toBe(true);
    expect(staysUnder([-1 + 0.9e-9, null], [-1, -50])).toBe(true);
    expect(staysUnder([-1 + 1.1e-9, -5], [-1, -2])).toBe(false);
    expect(staysUnder([-5, -1.5], [-1, -2])).toBe(false); // only the last step is over
    expect(staysUnder([null, null], [-Infinity, -Infinity])).toBe(true);
  });

  it('growsGoingBack: some ‖dE/dh_t‖ above ‖dE/dh_T‖ by more than a relative 1e-12', () => {
    expect(growsGoingBack([1, 2, 3])).toBe(false);
    expect(growsGoingBack([0, 0, 3])).toBe(false);
    expect(growsGoingBack([3 * (1 + 1e-12), 3])).toBe(false);
    expect(growsGoingBack([3 * (1 + 4e-12), 1, 3])).toBe(true);
    expect(growsGoingBack([1, 5, 3])).toBe(true);
  });

  it('a gradient that is 0 at T: the bound is 0 (log10 −∞) at every step, and still holds', () => {
    const cell = new RNNCell({ inputSize: 1, hiddenSize: 2, activation: 'tanh', bias: false, seed: 9 });
    cell.weightIh.data.fill(0); // h_t = 0 at every step and the target is 0, so dE/dh_T = h_T − y = 0
    const report = measureAgainstBound(cell, { inputs: randomSequence(4, 1, 2, 10).inputs, target: [0, 0] }, false, undefined, false);
    expect(report.flow.gradHNorms).toEqual([0, 0, 0, 0]);
    expect(report.boundLog10).toEqual([-Infinity, -Infinity, -Infinity, -Infinity]);
    expect(report.boundHolds).toBe(true);
    expect(report.grows).toBe(false);
  });

  it('the Jacobians only when asked; the ablation reports its progress under its own name', () => {
    const cell = new RNNCell({ inputSize: 1, hiddenSize: 2, activation: 'tanh', seed: 13 });
    const sequence = randomSequence(3, 1, 2, 14);
    const stages = new Set<string>();
    const plain = measureAgainstBound(cell, sequence, undefined, (stage) => stages.add(stage.split(':')[0]));
    expect(plain.flow.jacobianNorms).toBeNull();
    expect(stages.has('no activation (ablation)')).toBe(true);
    expect(measureAgainstBound(cell, sequence, true, undefined, false).flow.jacobianNorms).toHaveLength(3);
  });

  it('withActivation copies the weights and biases, and keeps a bias-free cell bias-free', () => {
    const cell = new RNNCell({ inputSize: 2, hiddenSize: 3, activation: 'tanh', seed: 8 });
    const copy = withActivation(cell, 'identity');
    expect(copy.activation).toBe('identity');
    expect(Array.from(copy.weightIh.data)).toEqual(Array.from(cell.weightIh.data));
    expect(Array.from(copy.weightHh.data)).toEqual(Array.from(cell.weightHh.data));
    expect(Array.from(copy.biasIh!.data)).toEqual(Array.from(cell.biasIh!.data));
    expect(Array.from(copy.biasHh!.data)).toEqual(Array.from(cell.biasHh!.data));
    const bare = withActivation(new RNNCell({ inputSize: 2, hiddenSize: 3, activation: 'tanh', bias: false, seed: 8 }), 'relu');
    expect(bare.biasIh).toBeNull();
    expect(bare.inputSize).toBe(2);
    expect(bare.hiddenSize).toBe(3);
  });
});
