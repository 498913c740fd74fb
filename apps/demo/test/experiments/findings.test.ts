/**
 * Every branch of src/experiments/findings.ts: for each, inputs chosen by hand so that the
 * branch's condition holds (and inputs on either side of each boundary), and the sentence it
 * chooses with the numbers it must state. The expected numbers are written out here as the
 * maths gives them (3 significant digits, the demo's format), not taken from the code.
 */
import { describe, expect, it } from 'vitest';
import {
  alignmentFinding,
  boundFinding,
  causesFinding,
  cliffFindings,
  compareRates,
  forgetBiasFinding,
  forgetSweepFindings,
  formulaFindings,
  gatePathFinding,
  heuristicFinding,
  lineFinding,
  nonFinite,
  pastShareFinding,
  powerOfTen,
  rateFinding,
  valueWords,
  zerosFinding,
  type BiasCurve,
  type FormulaCheck,
  type GatePath,
} from '../../src/experiments/findings.js';
import type { DecayCauses } from '../../src/experiments/rnn-bound.js';
import type { LineFit } from '../../src/experiments/stats.js';

const fit = (slope: number, points = 10, r2 = 1): LineFit => ({ slope, intercept: 0, r2, points });
const NONE = { structural: [], underflow: [] };

describe('powerOfTen, valueWords, nonFinite', () => {
  it('a factor per step as a power of ten, with its sign', () => {
    expect(powerOfTen(-0.259)).toBe('10^-0.259');
    expect(powerOfTen(0.0197)).toBe('10^+0.0197');
    expect(powerOfTen(0)).toBe('10^0');
  });

  it('a value in words: structural and underflow zeros by name, anything else as a norm', () => {
    const values = [0, 0, 0, 2.94e-83, 5e-322];
    const zeros = { structural: [0], underflow: [1] };
    expect(valueWords(values, 0, zeros)).toBe('0, by construction');
    expect(valueWords(values, 1, zeros)).toBe('0: it underflowed (its true value is below 4.9e-324)');
    expect(valueWords(values, 2, zeros)).toBe('0');
    expect(valueWords(values, 3, zeros)).toBe('2.94e-83');
    expect(valueWords(values, 4, null)).toBe('4.99e-322 (subnormal)'); // 101 · 2^−1074
    expect(valueWords(values, 0, null)).toBe('0');
    // A listed index that is not 0 is shown as its value.
    expect(valueWords([1.5], 0, { structural: [0], underflow: [0] })).toBe('1.50');
  });

  it('the first value that is not finite, 1-based, and what it is', () => {
    expect(nonFinite([1, 2, 3])).toBeNull();
    expect(nonFinite([])).toBeNull();
    expect(nonFinite([1, NaN, Infinity])).toEqual({ step: 2, what: 'undefined (NaN)' });
    expect(nonFinite([Infinity, NaN])).toEqual({ step: 1, what: 'infinite (overflow, above 1.8e308)' });
    expect(nonFinite([1, 2, -Infinity])).toEqual({ step: 3, what: 'minus infinity' });
  });
});

describe('rateFinding', () => {
  const norms = [1e-20, 1e-10, 1];
  it('a falling curve: the factor per step, where it drops below 1e-8, and what is left at t = 1', () => {
    expect(rateFinding('The tanh RNN', '‖dE/dh_t‖', norms, fit(-10), 2, null)).toBe(
      'The tanh RNN: each step back multiplies ‖dE/dh_t‖ by about 10^-10.0. After 2 steps back it is below 1e-8; at t = 1 (2 steps back) it is 1.00e-20.',
    );
  });
  it('a growing curve, and one that stays the same (slope exactly 0)', () => {
    expect(rateFinding('R', 'g', [100, 10, 1], fit(1), null, null)).toBe(
      'R: each step back multiplies g by about 10^+1.00: it grows going back. It stays above 1e-8 for all 2 steps back; at t = 1 (2 steps back) it is 100.',
    );
    expect(rateFinding('R', 'g', [1, 1], fit(0, 2), null, null)).toBe(
      'R: each step back multiplies g by about 10^0: it stays the same. It stays above 1e-8 for all 1 steps back; at t = 1 (1 steps back) it is 1.00.',
    );
  });
  it('below 1e-8 already at T (0 steps back), and a structural zero at t = 1 named as such', () => {
    expect(rateFinding('R', 'g', [0, 1e-9, 1e-9], fit(0, 2), 0, { structural: [0], underflow: [] })).toBe(
      'R: each step back multiplies g by about 10^0: it stays the same. It is below 1e-8 already at t = T; at t = 1 (2 steps back) it is 0, by construction.',
    );
  });
  it('no rate: a value that is not finite, T < 2, fewer than two values above 0 or a slope that is not finite', () => {
    expect(rateFinding('R', 'g', [1, Infinity, 1], fit(-1), null, null)).toBe('R: g is infinite (overflow, above 1.8e308) at t = 2, so no rate is claimed for it.');
    expect(rateFinding('R', 'g', [1], fit(NaN, 1), null, null)).toBe('R: with T = 1 there is no step back to measure a rate on.');
    expect(rateFinding('R', 'g', [0, 0, 1], fit(NaN, 1), null, null)).toBe('R: fewer than two of the 3 values of g are above 0, so there is no rate to fit.');
    // Two points are enough for a line; a non-finite slope is not a rate even with many points.
    expect(rateFinding('R', 'g', [0, 1, 1], fit(0, 2), null, null)).toContain('10^0');
    expect(rateFinding('R', 'g', [1, 1, 1], fit(NaN, 3), null, null)).toBe('R: fewer than two of the 3 values of g are above 0, so there is no rate to fit.');
    expect(rateFinding('R', 'g', [1, 1, 1], fit(-Infinity, 3), null, null)).toBe('R: fewer than two of the 3 values of g are above 0, so there is no rate to fit.');
  });
});

describe('boundFinding', () => {
  const norms = [0.01, 0.1, 1];
  it('σ_max·γ < 1: the bound forces vanishing, by at least γ·σ_max per step', () => {
    // σ_max = 2, γ = 1/4: γσ = 1/2 < 1, 1/γ = 4, log10(1/2) = −0.301.
    expect(boundFinding({ sigmaMax: 2, gamma: 0.25, boundSlope: Math.log10(0.5), boundHolds: true }, norms)).toBe(
      'It had to vanish: σ_max(W_rec) = 2.00 < 1/γ = 4.00, so each step back shrinks it by at least 10^-0.301. The measured curve stays under the bound at every step.',
    );
  });
  it('σ_max·γ > 1: the bound allows growth and cannot tell', () => {
    expect(boundFinding({ sigmaMax: 1.05, gamma: 1, boundSlope: Math.log10(1.05), boundHolds: true }, norms)).toBe(
      'σ_max(W_rec) = 1.05 ≥ 1/γ = 1.00: the bound allows growth, so it cannot tell whether the gradient vanishes. The measured curve stays under the bound at every step.',
    );
  });
  it('σ_max·γ = 1 exactly: neither forced to vanish nor allowed to grow', () => {
    expect(boundFinding({ sigmaMax: 4, gamma: 0.25, boundSlope: 0, boundHolds: true }, norms)).toBe(
      'σ_max(W_rec) = 4.00 = 1/γ: the bound stays at ‖dE/dh_T‖ going back, so it neither forces the gradient to vanish nor lets it grow. The measured curve stays under the bound at every step.',
    );
    // Just below and just above 1 fall on either side.
    expect(boundFinding({ sigmaMax: 3.999, gamma: 0.25, boundSlope: -1e-4, boundHolds: true }, norms)).toMatch(/^It had to vanish/);
    expect(boundFinding({ sigmaMax: 4.001, gamma: 0.25, boundSlope: 1e-4, boundHolds: true }, norms)).toMatch(/≥ 1\/γ = 4.00: the bound allows growth/);
  });
  it('a curve that crosses the bound is a warning; one that is not finite is not checked', () => {
    expect(boundFinding({ sigmaMax: 2, gamma: 0.25, boundSlope: Math.log10(0.5), boundHolds: false }, norms)).toMatch(/ WARNING: the measured curve crosses the bound \(please report this\)\.$/);
    expect(boundFinding({ sigmaMax: 2, gamma: 0.25, boundSlope: Math.log10(0.5), boundHolds: true }, [1, NaN, 1])).toMatch(
      / Whether the curve stays under it is not checked: ‖dE\/dh_t‖ is undefined \(NaN\) at t = 2\.$/,
    );
  });
  it('no bound: σ_max not finite, or T < 2', () => {
    expect(boundFinding({ sigmaMax: Infinity, gamma: 1, boundSlope: Infinity, boundHolds: true }, norms)).toBe('σ_max(W_rec) is > 1.8e308: the bound cannot be computed.');
    expect(boundFinding({ sigmaMax: NaN, gamma: 1, boundSlope: NaN, boundHolds: true }, norms)).toBe('σ_max(W_rec) is n/a: the bound cannot be computed.');
    expect(boundFinding({ sigmaMax: 2, gamma: 1, boundSlope: 0.3, boundHolds: true }, [1])).toBe('With T = 1 Pascanu’s bound has no step back to bound.');
    expect(boundFinding({ sigmaMax: 2, gamma: 1, boundSlope: 0.3, boundHolds: true }, [1, 1])).toMatch(/^σ_max\(W_rec\) = 2.00 ≥/);
  });
});

describe('causesFinding', () => {
  const causes = (c: Partial<DecayCauses>): DecayCauses => {
    const base = { measured: -0.259, log10Rho: -0.206, meanLog10Slope: -0.046, identityMeasured: null, ...c };
    return { rest: base.measured - base.log10Rho - base.meanLog10Slope, ...base, ...c } as DecayCauses;
  };
  it('the split, and ρ as the largest part (the issue’s tanh RNN: −0.206 of −0.259, the slopes −0.046)', () => {
    const [split, most, normal] = causesFinding('tanh', causes({}), 1.05, 0.62);
    expect(split).toBe(
      'Where the -0.259 decades per step come from: log10 ρ = -0.206 (ρ = 0.620, the spectral radius of W_rec), mean log10 tanh′ = -0.0460 (the activation’s slopes), and -7.00e-3 left over.',
    );
    expect(most).toBe('Most of the decay is W_rec itself, ρ < 1, not the tanh′ slopes.');
    expect(causesFinding('sigmoid', causes({ measured: -1.3, log10Rho: -0.7, meanLog10Slope: -0.62 }), 1, 0.2)[1]).toBe('Most of the decay is W_rec itself, ρ < 1, not the σ′ slopes.');
    expect(causesFinding('identity', causes({ measured: -0.21, log10Rho: -0.206, meanLog10Slope: 0 }), 1.05, 0.62)[1]).toBe('Most of the decay is W_rec itself, ρ < 1 (the identity’s slopes are all 1).');
    // σ_max = 1.05 against ρ = 0.62: 1.69×.
    expect(normal).toBe(
      'W_rec is not normal: σ_max = 1.05 is 1.69× ρ (for a normal matrix they are equal), and the bound, built on σ_max, allows much more per step than ρ lets through in the long run.',
    );
  });
  it('the slopes as the largest part, and the rest as the largest part', () => {
    const slopes = causesFinding('sigmoid', causes({ measured: -0.7, log10Rho: -0.1, meanLog10Slope: -0.62 }), 0.5, 0.5);
    expect(slopes[1]).toBe('Most of the decay is the activation’s slopes (mean log10 σ′ = -0.620), not ρ.');
    expect(slopes[2]).toBe('σ_max = 0.500 is within 5% of ρ: the bound’s factor is close to what W_rec does in the long run (for a normal matrix they are equal).');
    const rest = causesFinding('tanh', causes({ measured: -0.5, log10Rho: -0.1, meanLog10Slope: -0.1 }), 2, 0.8);
    expect(rest[0]).toContain('and -0.300 left over.');
    expect(rest[1]).toBe('Most of the decay is neither ρ nor the mean slope: the rest, which the product of non-normal factors and the gradient’s direction make.');
  });
  it('a rate that does not fall (measured ≥ 0) is not called a decay', () => {
    const grows = causesFinding('tanh', causes({ measured: 0.176, log10Rho: 0.176, meanLog10Slope: 0 }), 1.5, 1.5);
    expect(grows[1]).toBe('The gradient does not shrink going back here: the parts add up to 0.176 per step.');
    const flat = causesFinding('tanh', causes({ measured: 0, log10Rho: 0, meanLog10Slope: 0 }), 1, 1);
    expect(flat[1]).toBe('The gradient does not shrink going back here: the parts add up to 0 per step.');
  });
  it('σ_max against ρ: 1.05·ρ is still "within 5%", just above is not normal; ρ = 0 or σ_max not finite says nothing', () => {
    expect(causesFinding('tanh', causes({}), 1.05, 1)[2]).toMatch(/^σ_max = 1.05 is within 5% of ρ/);
    expect(causesFinding('tanh', causes({}), 1.0501, 1)[2]).toMatch(/^W_rec is not normal: σ_max = 1.05 is 1.05× ρ/);
    expect(causesFinding('tanh', causes({}), Infinity, 1)).toHaveLength(2);
    expect(causesFinding('tanh', causes({}), NaN, 1)).toHaveLength(2);
    expect(causesFinding('tanh', causes({}), 1, 0)).toHaveLength(2);
  });
  describe('the identity ablation', () => {
    it('near log10 ρ, and the activation taking off more (the issue’s tanh RNN: −0.207 without, −0.259 with)', () => {
      const s = causesFinding('tanh', causes({ identityMeasured: -0.207 }), 1.05, 0.62);
      // |−0.207 − (−0.206)| = 0.001 ≤ 0.0206: near ρ. extra = −0.259 + 0.207 = −0.052, more than 10% of 0.259.
      expect(s[2]).toBe(
        'Ablation: the same weights and sequence with no activation (identity) falls by 0.207 decades per step, about log10 ρ = -0.206, so the tanh takes off another 0.0520 decades per step.',
      );
    });
    it('the activation changing the rate by 10% or less, and slowing it', () => {
      // extra = −0.259 + 0.24 = −0.019 ≤ 0.0259; |−0.24 + 0.206| = 0.034 > 0.0206: not near ρ.
      expect(causesFinding('tanh', causes({ identityMeasured: -0.24 }), 1, 1)[2]).toBe(
        'Ablation: the same weights and sequence with no activation (identity) falls by 0.240 decades per step, so the tanh changes the rate by only -0.0190.',
      );
      // extra = −0.259 + 0.5 = 0.241 > 0: the activation makes the decay slower.
      expect(causesFinding('tanh', causes({ identityMeasured: -0.5 }), 1, 1)[2]).toBe(
        'Ablation: the same weights and sequence with no activation (identity) falls by 0.500 decades per step, so the tanh slows the decay by 0.241 decades per step.',
      );
    });
    it('the boundaries: 10% of log10 ρ for "about", 10% of the measured rate for "only"', () => {
      // Numbers whose 10% is exact in float64: 0.1 · 10 = 1 and 0.1 · 20 = 2.
      const c = causes({ measured: -20, log10Rho: -10, meanLog10Slope: -10 });
      const ablation = (identityMeasured: number) => causesFinding('tanh', { ...c, identityMeasured }, 1, 1)[2];
      expect(ablation(-11)).toContain('falls by 11.0 decades per step, about log10 ρ = -10.0, so');
      expect(ablation(-9)).toContain('falls by 9.00 decades per step, about log10 ρ = -10.0, so');
      expect(ablation(-11.01)).toContain('falls by 11.0 decades per step, so');
      expect(ablation(-8.99)).toContain('falls by 8.99 decades per step, so');
      expect(ablation(-18)).toContain('so the tanh changes the rate by only -2.00.');
      expect(ablation(-17.99)).toContain('so the tanh takes off another 2.01 decades per step.');
      expect(ablation(-22)).toContain('so the tanh changes the rate by only 2.00.');
      expect(ablation(-22.01)).toContain('so the tanh slows the decay by 2.01 decades per step.');
    });
    it('growing without the activation; a growing rate raised further is not called slower decay', () => {
      const c = causes({ measured: 0.3, log10Rho: 0.1, meanLog10Slope: 0 });
      expect(causesFinding('relu', { ...c, identityMeasured: 0.1 }, 2, 2)[2]).toBe(
        'Ablation: the same weights and sequence with no activation (identity) grows by 0.100 decades per step, about log10 ρ = 0.100, so the relu raises the rate by 0.200 decades per step.',
      );
    });
    it('not run (null), run on an identity cell (itself), or not finite', () => {
      expect(causesFinding('tanh', causes({ identityMeasured: null }), 1, 1).join(' ')).not.toContain('Ablation');
      expect(causesFinding('identity', causes({ identityMeasured: -0.259 }), 1, 1).join(' ')).not.toContain('Ablation');
      expect(causesFinding('tanh', causes({ identityMeasured: NaN }), 1, 1)[2]).toBe('The same weights with no activation give a rate of n/a: no comparison is drawn.');
      expect(causesFinding('tanh', causes({ identityMeasured: Infinity }), 1, 1)[2]).toBe('The same weights with no activation give a rate of > 1.8e308: no comparison is drawn.');
    });
  });
  it('a part that is not finite: no split, and why', () => {
    expect(causesFinding('tanh', causes({ measured: NaN }), 1, 1)).toEqual([
      'Its rate cannot be split into causes: the measured rate is undefined: fewer than two values of the gradient are above 0 and finite, so no line is fitted.',
    ]);
    expect(causesFinding('relu', causes({ meanLog10Slope: -Infinity }), 1, 1)).toEqual([
      'Its rate cannot be split into causes: mean log10 relu′ is < -1.8e308: some relu′ is exactly 0 (an inactive ReLU unit).',
    ]);
    expect(causesFinding('tanh', causes({ meanLog10Slope: -Infinity }), 1, 1)).toEqual([
      'Its rate cannot be split into causes: mean log10 tanh′ is < -1.8e308: some tanh′ is exactly 0 (a slope below float64’s smallest number).',
    ]);
    expect(causesFinding('tanh', causes({ log10Rho: -Infinity }), 1, 0)).toEqual([
      'Its rate cannot be split into causes: log10 ρ is < -1.8e308: ρ = 0 (every eigenvalue of W_rec is 0).',
    ]);
    // Not finite for another reason: named, without a cause it cannot know.
    expect(causesFinding('tanh', causes({ measured: Infinity }), 1, 1)).toEqual(['Its rate cannot be split into causes: the measured rate is > 1.8e308.']);
    expect(causesFinding('tanh', causes({ log10Rho: NaN }), 1, 1)).toEqual(['Its rate cannot be split into causes: log10 ρ is undefined.']);
    expect(causesFinding('tanh', causes({ meanLog10Slope: NaN }), 1, 1)).toEqual(['Its rate cannot be split into causes: mean log10 tanh′ is undefined.']);
    // The first part that is not finite is the one named.
    expect(causesFinding('tanh', causes({ measured: NaN, log10Rho: -Infinity }), 1, 1)[0]).toContain('the measured rate is undefined');
    // An activation without a symbol of its own gets a prime.
    expect(causesFinding('softsign', causes({ meanLog10Slope: NaN }), 1, 1)).toEqual(['Its rate cannot be split into causes: mean log10 softsign′ is undefined.']);
  });
});

describe('heuristicFinding', () => {
  it('within 10% of the measured rate, or off by more; several RNNs in one sentence', () => {
    // The long run: −0.171 against −0.149 measured is 14.8% off; −0.26 against −0.25 is 4%.
    expect(heuristicFinding([{ name: 'the tanh RNN', measured: -0.149, heuristic: -0.171 }])).toBe(
      'The mean-field heuristic log10(ρ · mean act′) treats every step as the same scalar factor: for the tanh RNN it gives -0.171, 15% off the measured -0.149.',
    );
    // 1 / 10 is exactly 10% in float64.
    expect(heuristicFinding([{ name: 'A', measured: -0.25, heuristic: -0.26 }, { name: 'B', measured: -10, heuristic: -11 }])).toBe(
      'The mean-field heuristic log10(ρ · mean act′) treats every step as the same scalar factor: for A it gives -0.260, within 4.0% of the measured -0.250; for B it gives -11.0, within 10% of the measured -10.0.',
    );
    expect(heuristicFinding([{ name: 'B', measured: -10, heuristic: -9 }])).toContain('for B it gives -9.00, within 10% of the measured -10.0');
    expect(heuristicFinding([{ name: 'B', measured: -10, heuristic: -11.001 }])).toContain('for B it gives -11.0, 10% off the measured -10.0');
  });
  it('nothing to compare: no measured rate, an undefined or infinite heuristic, a measured rate of 0', () => {
    const one = (measured: number, heuristic: number) => heuristicFinding([{ name: 'R', measured, heuristic }]).split(': ')[1];
    expect(one(NaN, -1)).toBe('for R no rate was measured, so there is nothing to compare it with.');
    expect(one(Infinity, -1)).toBe('for R no rate was measured, so there is nothing to compare it with.');
    expect(one(-1, NaN)).toBe('for R it is undefined (no step back, so no slopes to average).');
    expect(one(-1, -Infinity)).toBe('for R it is < -1.8e308 (ρ or the mean slope is 0 or not finite), no comparison.');
    expect(one(0, -0.5)).toBe('for R it gives -0.500 against a measured rate of 0.');
  });
});

describe('gatePathFinding', () => {
  const g = (o: Partial<GatePath>): GatePath => ({
    cell: 'LSTM',
    label: 'The LSTM (forget bias 3)',
    full: [2, 1],
    path: [1, 1],
    fullFit: fit(-0.0137),
    pathFit: fit(-0.0187),
    meanGate: 0.95,
    ...o,
  });
  it('LSTM: what the path is, both rates, and a full gradient at least 2× the path at t = 1', () => {
    const [what, ratio] = gatePathFinding(g({ full: [5.3e6, 1] }));
    // log10 0.95 = −0.0223.
    expect(what).toBe(
      'The LSTM (forget bias 3): along the cell state c_t alone each step multiplies the gradient by the forget gate f and nothing else (mean 0.950, log10 -0.0223): that forget-gate path falls by 0.0187 decades per step. The full ‖dE/dc_t‖, which also flows through h_t into the next step’s four gates, each behind W_hh, falls by 0.0137 decades per step.',
    );
    expect(ratio).toBe('At t = 1 the full gradient is 5.30e6× the forget-gate path: most of it comes along the other paths, from h_t into the next step’s four gates and back through W_hh.');
  });
  it('GRU: the update-gate path, a growing rate, and no rate', () => {
    const [what] = gatePathFinding(g({ cell: 'GRU', label: 'The GRU', pathFit: fit(0.01), fullFit: fit(NaN, 1) }));
    expect(what).toBe(
      'The GRU: along h_t through z_t ⊙ h_{t−1} alone each step multiplies the gradient by the update gate z and nothing else (mean 0.950, log10 -0.0223): that update-gate path grows by 0.0100 decades per step. The full ‖dE/dh_t‖, which also flows through the next step’s gates and candidate, each behind W_hh, has no rate (fewer than two values above 0).',
    );
    expect(gatePathFinding(g({ pathFit: fit(-Infinity, 5) }))[0]).toContain('that forget-gate path has no rate (fewer than two values above 0)');
  });
  it('the ratio at t = 1: the boundaries 2, 1.1 and 1/1.1', () => {
    const at = (full1: number) => gatePathFinding(g({ full: [full1, 1], path: [1, 1] }))[1];
    expect(at(2)).toMatch(/^At t = 1 the full gradient is 2.00× the forget-gate path: most of it comes along the other paths/);
    expect(at(1.999)).toBe('At t = 1 the full gradient is 2.00× the forget-gate path: the other paths, from h_t into the next step’s four gates and back through W_hh, add to it.');
    expect(at(1.1)).toMatch(/^At t = 1 the full gradient is 1.10× the forget-gate path: the other paths, .* add to it\.$/);
    expect(at(1.0999)).toBe('At t = 1 the full gradient is within 10% of the forget-gate path (1.10×): the other paths, back through W_hh, add little.');
    expect(at(1 / 1.1 + 1e-9)).toBe('At t = 1 the full gradient is within 10% of the forget-gate path (0.909×): the other paths, back through W_hh, add little.');
    expect(at(1 / 1.1)).toBe('At t = 1 the full gradient is 0.909× the forget-gate path: the other paths, back through W_hh, partly cancel it.');
    expect(at(0.5)).toBe('At t = 1 the full gradient is 0.500× the forget-gate path: the other paths, back through W_hh, partly cancel it.');
  });
  it('T = 1: the full gradient and the path are the same vector, no ratio is drawn', () => {
    expect(gatePathFinding(g({ full: [3], path: [3], fullFit: fit(NaN, 1), pathFit: fit(NaN, 1) }))[1]).toBe(
      'With T = 1 there is no step back: the full gradient and the forget-gate path are both dE/dc_T.',
    );
    expect(gatePathFinding(g({ cell: 'GRU', label: 'The GRU', full: [3], path: [3] }))[1]).toBe(
      'With T = 1 there is no step back: the full gradient and the update-gate path are both dE/dh_T.',
    );
  });
  it('a zero at t = 1: no ratio; a value that is not finite: nothing claimed', () => {
    expect(gatePathFinding(g({ full: [0, 1] }))[1]).toBe('At t = 1 the full gradient is 0 and the forget-gate path 1.00: no ratio is drawn.');
    expect(gatePathFinding(g({ path: [0, 1] }))[1]).toBe('At t = 1 the full gradient is 2.00 and the forget-gate path 0: no ratio is drawn.');
    expect(gatePathFinding(g({ full: [1, Infinity] }))).toEqual([
      'The LSTM (forget bias 3): a value of the full gradient or of the forget-gate path is infinite (overflow, above 1.8e308) at t = 2, so no rate or comparison is claimed.',
    ]);
    expect(gatePathFinding(g({ cell: 'GRU', path: [NaN, 1] }))).toEqual([
      'The LSTM (forget bias 3): a value of the full gradient or of the update-gate path is undefined (NaN) at t = 1, so no rate or comparison is claimed.',
    ]);
  });
});

describe('forgetBiasFinding', () => {
  it('a larger bias with larger f slows the decay (the issue: −0.221 at bias 0, close to the tanh RNN’s −0.259)', () => {
    expect(forgetBiasFinding({ bias: 3, slope: -0.0137, meanF: 0.95 }, { slope: -0.221, meanF: 0.5 }, -0.259)).toBe(
      'The LSTM’s full ‖dE/dc_t‖ changes by -0.221 decades per step at forget bias 0 (mean f = 0.500), close to the tanh RNN’s -0.259, and by -0.0137 at forget bias 3 (mean f = 0.950): the cell state keeps the gradient only as far as the forget bias holds f near 1.',
    );
  });
  it('"close to" within 30% of the tanh rate, "against" beyond', () => {
    // 0.3 · 10 = 3 exactly in float64.
    const s = (zero: number) => forgetBiasFinding({ bias: 3, slope: -0.01, meanF: 0.9 }, { slope: zero, meanF: 0.5 }, -10);
    expect(s(-7)).toContain('(mean f = 0.500), close to the tanh RNN’s -10.0,');
    expect(s(-13)).toContain('(mean f = 0.500), close to the tanh RNN’s -10.0,');
    expect(s(-6.99)).toContain('(mean f = 0.500), against the tanh RNN’s -10.0,');
    expect(s(-13.01)).toContain('(mean f = 0.500), against the tanh RNN’s -10.0,');
  });
  it('no slower decay at the larger bias (equal or faster); slower without a larger mean f', () => {
    expect(forgetBiasFinding({ bias: 3, slope: -0.3, meanF: 0.95 }, { slope: -0.2, meanF: 0.5 }, -0.259)).toMatch(/: here forget bias 3 does not slow the decay against bias 0\.$/);
    expect(forgetBiasFinding({ bias: 3, slope: -0.2, meanF: 0.95 }, { slope: -0.2, meanF: 0.5 }, -0.259)).toMatch(/: here forget bias 3 does not slow the decay against bias 0\.$/);
    expect(forgetBiasFinding({ bias: 3, slope: -0.1, meanF: 0.5 }, { slope: -0.2, meanF: 0.5 }, -0.259)).toMatch(/: forget bias 3 slows the decay, though its mean f is not larger\.$/);
  });
  it('a rate that is not finite: no comparison', () => {
    const msg = 'The rates at the two forget biases are not both finite: no comparison is drawn.';
    expect(forgetBiasFinding({ bias: 3, slope: NaN, meanF: 0.9 }, { slope: -0.2, meanF: 0.5 }, -0.259)).toBe(msg);
    expect(forgetBiasFinding({ bias: 3, slope: -0.1, meanF: 0.9 }, { slope: -Infinity, meanF: 0.5 }, -0.259)).toBe(msg);
    expect(forgetBiasFinding({ bias: 3, slope: -0.1, meanF: 0.9 }, { slope: -0.2, meanF: 0.5 }, NaN)).toBe(msg);
  });
});

describe('pastShareFinding', () => {
  const lstm = { path: 'forget-gate path', slope: -0.02, meanGate: 0.73, gate: 'forget' };
  it('the first half’s share: 1% or more still shapes W_rec', () => {
    // T = 4, half = 2: (1 + 1) / (1 + 1 + 98) = 2%.
    expect(pastShareFinding([1, 1, 49, 49], 'RNN', null)).toBe('The first half of the sequence (t = 1…2) contributes 2.00% of Σ_t ‖term_t‖: the far past still shapes W_rec in this run.');
    // Exactly 1%: 1 / 100 (T = 3, half = 1).
    expect(pastShareFinding([1, 49, 50], 'RNN', null)).toBe('The first half of the sequence (t = 1…1) contributes 1.00% of Σ_t ‖term_t‖: the far past still shapes W_rec in this run.');
  });
  it('below 1%: barely, for an RNN; for a gated cell with its path falling or not', () => {
    const terms = [0, 0.5, 50, 49.5]; // 0.5%
    expect(pastShareFinding(terms, 'RNN', null)).toBe('The first half of the sequence (t = 1…2) contributes 0.500% of Σ_t ‖term_t‖: the far past barely moves W_rec.');
    expect(pastShareFinding(terms, 'LSTM', lstm)).toBe(
      'The first half of the sequence (t = 1…2) contributes 0.500% of Σ_t ‖term_t‖: the far past barely moves W_rec, even for this LSTM: its forget gates average 0.730, and its forget-gate path falls by 0.0200 decades per step.',
    );
    expect(pastShareFinding(terms, 'LSTM', { ...lstm, slope: 0 })).toBe(
      'The first half of the sequence (t = 1…2) contributes 0.500% of Σ_t ‖term_t‖: the far past barely moves W_rec, even for this LSTM, although its forget-gate path does not shrink (0 decades per step): the rest of the gradient fades.',
    );
  });
  it('nothing to share: a term that is not finite, T < 2, a total of 0', () => {
    expect(pastShareFinding([1, Infinity], 'RNN', null)).toBe('Step 2’s term of dE/dW_rec is infinite (overflow, above 1.8e308): no share of the past is computed.');
    expect(pastShareFinding([1], 'RNN', null)).toBe('With T = 1 there is no first half to compare.');
    expect(pastShareFinding([0, 0, 0], 'RNN', null)).toBe('Σ_t ‖term_t‖ is 0: no share of the past is computed.');
    // Finite terms whose sum overflows.
    expect(pastShareFinding([1e308, 1e308], 'RNN', null)).toBe('Σ_t ‖term_t‖ is > 1.8e308: no share of the past is computed.');
  });
});

describe('zerosFinding', () => {
  it('one line per kind, with the steps as ranges', () => {
    const values = [0, 0, 0, 1e-320, 2e-315, 1, 0, 1];
    const lines = zerosFinding([{ name: 'The sigmoid RNN’s term', values, zeros: { structural: [0], why: 'h_0 = 0', underflow: [1, 2] } }]);
    expect(lines).toEqual([
      'The sigmoid RNN’s term is exactly 0 at t = 1 by construction (h_0 = 0), not by underflow.',
      'The sigmoid RNN’s term underflowed to exactly 0 at t = 2…3: its true value there is above 0 but below 4.9e-324, float64’s smallest number.',
      'The sigmoid RNN’s term is exactly 0 at t = 7.',
      'The sigmoid RNN’s term is subnormal at t = 4…5 (1.00e-320 … 2.00e-315): real values, kept with fewer digits, drawn at their value.',
    ]);
  });
  it('nothing to say about a curve without zeros or subnormals; a structural zero without a reason', () => {
    expect(zerosFinding([{ name: 'x', values: [1, 2], zeros: NONE }])).toEqual([]);
    expect(zerosFinding([{ name: 'x', values: [0, 2], zeros: { structural: [0], underflow: [] } }])).toEqual(['x is exactly 0 at t = 1 by construction, not by underflow.']);
    expect(zerosFinding([])).toEqual([]);
  });
});

describe('lineFinding', () => {
  it('losing on a straight line (R² ≥ 0.99), or gaining not on one', () => {
    expect(lineFinding('The tanh RNN', [1e-150, 1e-75, 1], fit(-75, 3, 0.99))).toBe(
      'The tanh RNN loses 75.0 decades per step back, on a straight line (R² = 0.9900): after 2 steps 1.00e-150 is left.',
    );
    expect(lineFinding('X', [10, 1], fit(1, 2, 0.9899))).toBe('X gains 1.00 decades per step back, though not on a straight line (R² = 0.9899): after 1 steps 10.0 is left.');
    expect(lineFinding('X', [1, 1], fit(0, 2, 1))).toBe('X gains 0 decades per step back, on a straight line (R² = 1.000): after 1 steps 1.00 is left.');
  });
  it('no line: a value that is not finite, fewer than two points, a slope that is not finite', () => {
    expect(lineFinding('X', [NaN, 1], fit(-1))).toBe('X: its gradient is undefined (NaN) at t = 1, so no line is fitted.');
    expect(lineFinding('X', [0, 1], fit(NaN, 1))).toBe('X: fewer than two values are above 0, so no line is fitted.');
    expect(lineFinding('X', [1, 1], fit(NaN, 2))).toBe('X: fewer than two values are above 0, so no line is fitted.');
  });
});

describe('compareRates', () => {
  const rnn = { name: 'the tanh RNN', slope: -0.149 };
  it('k× slower, k× faster, about as fast (within 5%)', () => {
    // The bug: "−7.83e-3 decades per step: −21.6× slower". Here 0.149 / 0.0078 = 19.1× slower.
    expect(compareRates(rnn, { name: 'The LSTM', slope: -0.0078 })).toBe('The LSTM loses 7.80e-3 decades per step: 19.1× slower than the tanh RNN.');
    expect(compareRates(rnn, { name: 'The LSTM', slope: -0.298 })).toBe('The LSTM loses 0.298 decades per step: 2.00× faster than the tanh RNN.');
    // The ratio a/b against 1 ± 0.05, on either side (0.75 / 0.5 and such are exact; 1.05 is not).
    expect(compareRates({ name: 'a', slope: -1 }, { name: 'B', slope: -1.05 })).toBe('B loses 1.05 decades per step: about as fast as a.');
    expect(compareRates({ name: 'a', slope: -1.0499 }, { name: 'B', slope: -1 })).toBe('B loses 1.00 decades per step: about as fast as a.');
    expect(compareRates({ name: 'a', slope: -0.9501 }, { name: 'B', slope: -1 })).toBe('B loses 1.00 decades per step: about as fast as a.');
    expect(compareRates({ name: 'a', slope: -1.0501 }, { name: 'B', slope: -1 })).toBe('B loses 1.00 decades per step: 1.05× slower than a.');
    expect(compareRates({ name: 'a', slope: -0.9499 }, { name: 'B', slope: -1 })).toBe('B loses 1.00 decades per step: 1.05× faster than a.');
    expect(compareRates({ name: 'a', slope: -2 }, { name: 'B', slope: -2 })).toBe('B loses 2.00 decades per step: about as fast as a.');
  });
  it('one of them does not shrink: no ratio (the issue: "loses 0.584 decades per step: 0.290× slower")', () => {
    expect(compareRates(rnn, { name: 'The LSTM', slope: 0.01 })).toBe('The LSTM does not shrink going back (0.0100 decades per step), unlike the tanh RNN (-0.149).');
    expect(compareRates(rnn, { name: 'The LSTM', slope: 0 })).toBe('The LSTM does not shrink going back (0 decades per step), unlike the tanh RNN (-0.149).');
    expect(compareRates({ name: 'the tanh RNN', slope: 0.2 }, { name: 'The LSTM', slope: -0.584 })).toBe('The LSTM loses 0.584 decades per step, while the tanh RNN does not shrink (0.200).');
    expect(compareRates({ name: 'the tanh RNN', slope: 0 }, { name: 'The LSTM', slope: -0.584 })).toBe('The LSTM loses 0.584 decades per step, while the tanh RNN does not shrink (0).');
  });
  it('a rate that is not finite: no comparison', () => {
    expect(compareRates({ name: 'a', slope: NaN }, { name: 'B', slope: -1 })).toBe('B and a do not both have a finite rate: no comparison is drawn.');
    expect(compareRates({ name: 'a', slope: -1 }, { name: 'B', slope: -Infinity })).toBe('B and a do not both have a finite rate: no comparison is drawn.');
  });
});

describe('forgetSweepFindings', () => {
  const curve = (forgetBias: number, pathSlope: number, fullSlope: number, log10MeanF: number, full1 = 2, path1 = 1): BiasCurve => ({
    forgetBias,
    full: [full1, 1],
    path: [path1, 1],
    fullSlope,
    pathSlope,
    log10MeanF,
  });
  it('paths near log10(mean f), both rates rising with the bias, the full gradient above the path everywhere', () => {
    const out = forgetSweepFindings([curve(0, -0.3, -0.2, -0.301), curve(1, -0.14, -0.1, -0.136, 11.8)]);
    expect(out).toEqual([
      // |−0.3 + 0.301| / 0.301 = 0.332%; |−0.14 + 0.136| / 0.136 = 2.94%.
      'The forget-gate path falls at a rate within 30% of log10(mean f) per step (the path multiplies by the gates, and log10 of their mean only estimates its rate: the gates vary from unit to unit and step to step): bias 0: -0.300 against -0.301 (0.33% off); bias 1: -0.140 against -0.136 (2.9% off).',
      'A larger forget bias holds f nearer 1, and the gradient reaches further back, along the path and in full: the LSTM’s fix is an additive path whose factor the network controls.',
      'At t = 1 the full gradient is above the forget-gate path at every bias (2.00× at bias 0, 11.8× at bias 1): the rest of it comes through h_t and the later steps’ gates, back through W_hh.',
    ]);
  });
  it('30% off is still "about"; more is not', () => {
    // 3 / 10 is 0.3 exactly in float64.
    expect(forgetSweepFindings([curve(0, -13, -1, -10)])[0]).toBe('The forget-gate path falls at a rate within 30% of log10(mean f) per step (the path multiplies by the gates, and log10 of their mean only estimates its rate: the gates vary from unit to unit and step to step): bias 0: -13.0 against -10.0 (30% off).');
    expect(forgetSweepFindings([curve(0, -7, -1, -10)])[0]).toMatch(/^The forget-gate path falls at a rate within 30% of log10\(mean f\)/);
    expect(forgetSweepFindings([curve(0, -13.001, -1, -10)])[0]).toBe(
      'The forget-gate path’s rate is not always near log10(mean f) (the gates vary from unit to unit and step to step): bias 0: -13.0 against -10.0 (30% off).',
    );
    expect(forgetSweepFindings([curve(0, -6.999, -1, -10)])[0]).toMatch(/^The forget-gate path’s rate is not always near/);
    // The worst of several curves decides.
    expect(forgetSweepFindings([curve(0, -10, -2, -10), curve(1, -20, -1, -10)])[0]).toMatch(/^The forget-gate path’s rate is not always near/);
  });
  it('by bias, not by the order given: rising path only; neither rising; one bias says nothing about rising', () => {
    const pathOnly = forgetSweepFindings([curve(2, -0.06, -0.1, -0.06), curve(0, -0.3, -0.05, -0.3)]);
    expect(pathOnly[1]).toBe('A larger forget bias slows the forget-gate path’s decay at every step of the sweep, but not the full gradient’s: the other paths do not follow the bias.');
    const sorted = forgetSweepFindings([curve(2, -0.06, -0.05, -0.06), curve(0, -0.3, -0.2, -0.3)]);
    expect(sorted[1]).toMatch(/^A larger forget bias holds f nearer 1/);
    const equal = forgetSweepFindings([curve(0, -0.3, -0.2, -0.3), curve(1, -0.3, -0.1, -0.3)]);
    expect(equal[1]).toBe('In this sweep a larger forget bias does not slow the forget-gate path’s decay at every step: the gates do not rise with the bias alone.');
    const three = forgetSweepFindings([curve(0, -0.3, -0.3, -0.3), curve(1, -0.1, -0.1, -0.1), curve(2, -0.2, -0.05, -0.2)]);
    expect(three[1]).toMatch(/^In this sweep a larger forget bias does not slow/);
    expect(forgetSweepFindings([curve(0, -0.3, -0.2, -0.3)])).toHaveLength(2);
  });
  it('the full gradient at t = 1 below the path everywhere, mixed, within 10%, or a zero', () => {
    expect(forgetSweepFindings([curve(0, -0.3, -0.2, -0.3, 0.5), curve(1, -0.1, -0.1, -0.1, 1 / 1.1)])[2]).toBe(
      'At t = 1 the full gradient is below the forget-gate path at every bias (0.500× at bias 0, 0.909× at bias 1): the paths back through W_hh partly cancel it.',
    );
    expect(forgetSweepFindings([curve(0, -0.3, -0.2, -0.3, 1.1), curve(1, -0.1, -0.1, -0.1, 0.5)])[2]).toBe(
      'At t = 1 the full gradient against the forget-gate path: 1.10× at bias 0, 0.500× at bias 1. The paths back through W_hh add to it or cancel part of it, depending on the run.',
    );
    expect(forgetSweepFindings([curve(0, -0.3, -0.2, -0.3, 1.0999)])[1]).toBe(
      'At t = 1 the full gradient against the forget-gate path: 1.10× at bias 0. The paths back through W_hh add to it or cancel part of it, depending on the run.',
    );
    expect(forgetSweepFindings([curve(0, -0.3, -0.2, -0.3, 1.1), curve(1, -0.1, -0.1, -0.1, 0, 1)])[2]).toBe(
      'At t = 1 the full gradient is above the forget-gate path at every bias (1.10× at bias 0, n/a (a zero) at bias 1): the rest of it comes through h_t and the later steps’ gates, back through W_hh.',
    );
    expect(forgetSweepFindings([curve(0, -0.3, -0.2, -0.3, 1, 0)])).toHaveLength(1);
  });
  it('a gradient or rate that is not finite: nothing compared', () => {
    const msg = (b: number) => [`At forget bias ${b} a gradient or its rate is not finite: no comparison across biases is drawn.`];
    expect(forgetSweepFindings([curve(0, -0.3, -0.2, -0.3), curve(1, NaN, -0.1, -0.1)])).toEqual(msg(1));
    expect(forgetSweepFindings([curve(0, -0.3, Infinity, -0.3)])).toEqual(msg(0));
    expect(forgetSweepFindings([{ ...curve(5, -0.3, -0.2, -0.3), full: [Infinity, 1] }])).toEqual(msg(5));
    expect(forgetSweepFindings([{ ...curve(5, -0.3, -0.2, -0.3), path: [1, NaN] }])).toEqual(msg(5));
  });
  it('log10(mean f) = 0 (every gate 1) is compared against 1e-12, not divided by 0', () => {
    expect(forgetSweepFindings([curve(9, 0, 0, 0)])[0]).toContain('bias 9: 0 against 0 (0% off)');
  });
});

describe('formulaFindings', () => {
  const check = (o: Partial<FormulaCheck>): FormulaCheck => ({
    rho: 0.9,
    gradHNorms: [0.81, 0.9, 1],
    maxRelativeError: 1e-15,
    compared: 3,
    overflow: [],
    belowNormal: [],
    statesOverflowAt: null,
    ...o,
  });
  it('every curve compared: the worst error, and each ρ vanishing, staying or growing', () => {
    expect(formulaFindings([check({}), check({ rho: 1, gradHNorms: [1, 1, 1], maxRelativeError: 3e-16 }), check({ rho: 1.1, gradHNorms: [1.21, 1.1, 1] })])).toEqual([
      'Backprop matches ρ^(T−k)·‖dE/dh_T‖ to 1.00e-15 (relative) at every step where both are finite normal numbers.',
      'Over the 3 steps: ρ = 0.9: ‖dE/dh_1‖ / ‖dE/dh_T‖ = 0.810, it vanishes; ρ = 1: ‖dE/dh_1‖ / ‖dE/dh_T‖ = 1.00, it stays; ρ = 1.1: ‖dE/dh_1‖ / ‖dE/dh_T‖ = 1.21, it grows.',
    ]);
  });
  it('"stays" means equal to 1e-9', () => {
    const [, a] = formulaFindings([check({ rho: 1, gradHNorms: [1 + 5e-10, 1] })]);
    expect(a).toBe('Over the 2 steps: ρ = 1: ‖dE/dh_1‖ / ‖dE/dh_T‖ = 1.00, it stays.');
    const [, b] = formulaFindings([check({ rho: 1, gradHNorms: [1 + 2e-9, 1] })]);
    expect(b).toBe('Over the 2 steps: ρ = 1: ‖dE/dh_1‖ / ‖dE/dh_T‖ = 1.00, it grows.');
    const [, c] = formulaFindings([check({ rho: 1, gradHNorms: [1 - 2e-9, 1] })]);
    expect(c).toBe('Over the 2 steps: ρ = 1: ‖dE/dh_1‖ / ‖dE/dh_T‖ = 1.00, it vanishes.');
  });
  it('steps left out: overflow, below normal, nothing compared; which ρ were checked', () => {
    const out = formulaFindings([
      check({}),
      check({ rho: 3, gradHNorms: [Infinity, 3, 1], compared: 0, overflow: [0], maxRelativeError: NaN }),
      check({ rho: 0.01, gradHNorms: [1e-320, 0.01, 1], compared: 2, belowNormal: [0] }),
    ]);
    expect(out).toEqual([
      'Backprop matches ρ^(T−k)·‖dE/dh_T‖ to 1.00e-15 (relative) at every step where both are finite normal numbers (for ρ = 0.9, 0.01).',
      'At ρ = 3, ‖dE/dh_t‖ or the formula is not finite at t = 1 (overflow, above 1.8e308): nothing is compared there.',
      'At ρ = 3 no step has both numbers finite and normal: nothing is compared.',
      'At ρ = 0.01, t = 1 are left out of the comparison: 0 or subnormal there, below float64’s full precision.',
      'Over the 3 steps: ρ = 0.9: ‖dE/dh_1‖ / ‖dE/dh_T‖ = 0.810, it vanishes; ρ = 3: not finite; ρ = 0.01: ‖dE/dh_1‖ / ‖dE/dh_T‖ = 1.00e-320 (subnormal), it vanishes.',
    ]);
  });
  it('the worst error is the largest over the curves checked', () => {
    expect(formulaFindings([check({ maxRelativeError: 2e-15 }), check({ rho: 0.5, maxRelativeError: 7e-15 })])[0]).toContain('to 7.00e-15 (relative)');
  });
  it('states that overflow: nothing compared for that ρ', () => {
    const out = formulaFindings([check({ rho: 10, gradHNorms: [NaN, NaN, NaN], compared: 0, overflow: [0, 1, 2], statesOverflowAt: 250 })]);
    expect(out).toEqual([
      'At ρ = 10 the state h_t itself overflows float64 from t = 250 on, so E = ½‖h_T − y‖² and every gradient are infinite or undefined: nothing is compared.',
      'Over the 3 steps: ρ = 10: not finite.',
    ]);
  });
  it('no ratio: T = 1, ‖dE/dh_T‖ = 0; ρ = 0: 0 by construction; a last value that is not finite', () => {
    expect(formulaFindings([check({ gradHNorms: [1] })])[1]).toBe('Over the 1 steps: ρ = 0.9: ‖dE/dh_T‖ = 1.00, no ratio.');
    expect(formulaFindings([check({ gradHNorms: [0, 0] })])[1]).toBe('Over the 2 steps: ρ = 0.9: ‖dE/dh_T‖ = 0, no ratio.');
    expect(formulaFindings([check({ rho: 0, gradHNorms: [0, 0, 1] })])[1]).toBe('Over the 3 steps: ρ = 0: ‖dE/dh_1‖ = 0 by construction (W_rec = 0: nothing reaches back).');
    expect(formulaFindings([check({ rho: 0.5, gradHNorms: [0, 0, 1] })])[1]).toBe('Over the 3 steps: ρ = 0.5: ‖dE/dh_1‖ / ‖dE/dh_T‖ = 0, it vanishes.');
    expect(formulaFindings([check({ gradHNorms: [1, Infinity] })])[1]).toBe('Over the 2 steps: ρ = 0.9: not finite.');
    expect(formulaFindings([])).toEqual(['Over the 0 steps: .']);
  });
});

describe('alignmentFinding', () => {
  it('turned to within 0.99 from some step back to t = 1', () => {
    expect(alignmentFinding([0.999, 0.995, 0.99, 0.5, 0.3])).toBe(
      'The raw gradient dE/dh_T has |cos| = 0.300 with the top eigenvector; from t = 2 back to t = 1 it stays above 0.99: going back applies powers of W_rec, which is power iteration.',
    );
  });
  it('above 0.99 everywhere; not turned by t = 1 (0.99 itself is not above)', () => {
    expect(alignmentFinding([0.999, 0.995])).toBe('The raw gradient dE/dh_T has |cos| = 0.995 with the top eigenvector; |cos| is above 0.99 at every step.');
    expect(alignmentFinding([0.99, 0.999])).toBe(
      'The raw gradient dE/dh_T has |cos| = 0.999 with the top eigenvector; at t = 1 it is 0.990: going back 1 steps has not turned it to within 0.99 of it.',
    );
  });
  it('a cosine that is not finite: nothing claimed', () => {
    expect(alignmentFinding([0.5, NaN])).toBe('|cos| is undefined (NaN) at t = 2 (a zero gradient has no direction): no alignment is claimed.');
  });
});

describe('cliffFindings', () => {
  const grid = { median: 2, max: 1296, argmax: { w: 4.3, b: -2.25 }, cliffRatio: 648, edge: { w: 4.3, b: -2.123456789, gradNorm: 1.7e15 } };
  const clip = { threshold: 1, normBefore: 1.7e15, normAfter: 1, clipped: [0.6, -0.8], at: 'edge' as const };
  it('a steep grid, the bisected edge, and clipping at the edge (the issue: the headline is a grid figure)', () => {
    expect(cliffFindings(grid, clip)).toEqual([
      'On the grid the largest ‖∇E‖ is 1.30e3 at (w, b) = (4.3, -2.25), 648 times the grid’s median: a gradient step there is 648 times longer than at a typical point of the grid.',
      'Bisecting b between two grid rows across the x_T jump (to 1e-12) finds ‖∇E‖ = 1.70e15 at (w, b) = (4.3, -2.12346), a point off the grid, 8.50e14× the grid’s median: a grid only samples the cliff.',
      'Clipping (threshold 1.00) turns ‖g‖ = 1.70e15 at the bisected edge into 1.00, the same direction: (0.600, -0.800).',
    ]);
  });
  it('a bisected x_T jump whose gradient is under 10× the median is not called a cliff; exactly 10× is', () => {
    // 19.98 / 2 = 9.99 and 20 / 2 = 10 (exact in float64).
    expect(cliffFindings({ ...grid, max: 18, cliffRatio: 9, edge: { ...grid.edge, gradNorm: 19.98 } }, clip)[1]).toBe(
      'Bisecting b between two grid rows across the x_T jump (to 1e-12) finds ‖∇E‖ = 20.0 at (w, b) = (4.3, -2.12346), a point off the grid, 9.99× the grid’s median: x_T switches fixed point there, but the gradient stands no more than 10× above the grid’s median: no cliff at these settings.',
    );
    expect(cliffFindings({ ...grid, max: 18, cliffRatio: 9, edge: { ...grid.edge, gradNorm: 20 } }, clip)[1]).toMatch(/10\.0× the grid’s median: a grid only samples the cliff\.$/);
  });
  it('a ratio below 10 is no cliff; exactly 10 is', () => {
    expect(cliffFindings({ ...grid, max: 18, cliffRatio: 9 }, clip)[0]).toBe('On the grid the largest ‖∇E‖ is 18.0 at (w, b) = (4.3, -2.25), 9.00 times the grid’s median: no cliff stands out on this grid.');
    expect(cliffFindings({ ...grid, max: 20, cliffRatio: 10 }, clip)[0]).toMatch(/: a gradient step there is 10.0 times longer/);
  });
  it('no ratio when the max or median is not finite or the median is 0', () => {
    expect(cliffFindings({ ...grid, median: 0, cliffRatio: Infinity }, clip)[0]).toBe('The grid’s largest ‖∇E‖ is 1.30e3 and its median 0: no ratio is drawn.');
    expect(cliffFindings({ ...grid, max: Infinity, cliffRatio: Infinity }, clip)[0]).toBe('The grid’s largest ‖∇E‖ is > 1.8e308 and its median 2.00: no ratio is drawn.');
    expect(cliffFindings({ ...grid, median: NaN }, clip)[0]).toBe('The grid’s largest ‖∇E‖ is 1.30e3 and its median n/a: no ratio is drawn.');
    // With no finite median, the edge is reported without a ratio to it.
    expect(cliffFindings({ ...grid, median: 0 }, clip)[1]).toBe(
      'Bisecting b between two grid rows across the x_T jump (to 1e-12) finds ‖∇E‖ = 1.70e15 at (w, b) = (4.3, -2.12346), a point off the grid: a grid only samples the cliff.',
    );
    expect(cliffFindings({ ...grid, median: Infinity }, clip)[1]).toContain('a point off the grid: a grid');
  });
  it('no edge; an edge whose gradient overflowed', () => {
    expect(cliffFindings({ ...grid, edge: null }, { ...clip, at: 'grid' })[1]).toBe(
      'No column of the grid has x_T jump by 1 or more between neighbouring rows: there is no cliff to bisect in this range.',
    );
    expect(cliffFindings({ ...grid, edge: { w: 1, b: 2, gradNorm: Infinity } }, clip)[1]).toBe('Bisecting b across the cliff finds ‖∇E‖ > 1.8e308 at (w, b) = (1, 2): the gradient overflowed there.');
  });
  it('clipping at the grid point, below the threshold, exactly at it, or not finite', () => {
    expect(cliffFindings(grid, { ...clip, at: 'grid', normBefore: 1296 })[2]).toBe(
      'Clipping (threshold 1.00) turns ‖g‖ = 1.30e3 at the grid’s largest point into 1.00, the same direction: (0.600, -0.800).',
    );
    expect(cliffFindings(grid, { ...clip, normBefore: 0.5, normAfter: 0.5 })[2]).toBe('Clipping (threshold 1.00) leaves ‖g‖ = 0.500 at the bisected edge as it is: it is not above the threshold.');
    expect(cliffFindings(grid, { ...clip, normBefore: 1, normAfter: 1 })[2]).toBe('Clipping (threshold 1.00) leaves ‖g‖ = 1.00 at the bisected edge as it is: it is not above the threshold.');
    expect(cliffFindings(grid, { ...clip, normBefore: Infinity })[2]).toBe('Clipping at the bisected edge is not shown: ‖g‖ there is > 1.8e308.');
  });
});

describe('the remaining boundaries (from pnpm mutate’s survivors)', () => {
  it('one point is no rate even with a finite slope', () => {
    expect(rateFinding('R', 'g', [0, 1, 1], fit(-1, 1), null, null)).toBe('R: fewer than two of the 3 values of g are above 0, so there is no rate to fit.');
    expect(lineFinding('X', [0, 1], fit(-1, 1))).toBe('X: fewer than two values are above 0, so no line is fitted.');
  });
  it('gate path rates: two points are a rate, one is not; a slope of exactly 0 is neither falling nor growing', () => {
    const g: GatePath = { cell: 'LSTM', label: 'L', full: [3, 1], path: [2, 1], fullFit: fit(0, 2), pathFit: fit(-0.5, 1), meanGate: 0.5 };
    const [what, ratio] = gatePathFinding(g);
    expect(what).toContain('that forget-gate path has no rate (fewer than two values above 0).');
    expect(what).toContain('each behind W_hh, neither falls nor grows (0 decades per step).');
    // 3 / 2 = 1.5: the ratio is full / path.
    expect(ratio).toMatch(/^At t = 1 the full gradient is 1.50× the forget-gate path: the other paths/);
  });
  it('the ablation at a rate of exactly 0, and a measured rate of 0 whose decay the activation removed', () => {
    const c = { measured: 0, log10Rho: -0.1, meanLog10Slope: 0.1, rest: 0 };
    expect(causesFinding('tanh', { ...c, identityMeasured: 0 }, 1, 1)[2]).toBe(
      'Ablation: the same weights and sequence with no activation (identity) changes by 0 decades per step, so the tanh changes the rate by only 0.',
    );
    expect(causesFinding('tanh', { ...c, identityMeasured: -0.3 }, 1, 1)[2]).toContain('so the tanh slows the decay by 0.300 decades per step.');
  });
  it('the sweep’s ratio at t = 1 is full / path', () => {
    const out = forgetSweepFindings([{ forgetBias: 0, full: [3, 1], path: [2, 1], fullSlope: -0.1, pathSlope: -0.3, log10MeanF: -0.3 }]);
    expect(out[1]).toBe('At t = 1 the full gradient is above the forget-gate path at every bias (1.50× at bias 0): the rest of it comes through h_t and the later steps’ gates, back through W_hh.');
  });
  it('formula: the ratio is first / last; ρ = 0 with a nonzero first value is a ratio like any other', () => {
    const base = { maxRelativeError: 0, compared: 2, overflow: [], belowNormal: [], statesOverflowAt: null };
    expect(formulaFindings([{ ...base, rho: 0.5, gradHNorms: [1, 4] }])[1]).toBe('Over the 2 steps: ρ = 0.5: ‖dE/dh_1‖ / ‖dE/dh_T‖ = 0.250, it vanishes.');
    expect(formulaFindings([{ ...base, rho: 0, gradHNorms: [0.5, 1] }])[1]).toBe('Over the 2 steps: ρ = 0: ‖dE/dh_1‖ / ‖dE/dh_T‖ = 0.500, it vanishes.');
  });
  it('causes: −∞ for ρ is named as ρ = 0 only for log10 ρ', () => {
    const c = { measured: -1, log10Rho: -0.5, meanLog10Slope: -0.5, rest: 0, identityMeasured: null };
    expect(causesFinding('tanh', { ...c, measured: -Infinity }, 1, 1)).toEqual(['Its rate cannot be split into causes: the measured rate is < -1.8e308.']);
  });
});
