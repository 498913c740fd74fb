/**
 * linear.ts's comparison with the formula, step by step, on numbers written by hand; its cells;
 * and long.ts on a short run, every derived number recomputed here from the curves and weights.
 */
import { Random } from '@chainrule/autodiff';
import { initGlorotUniform, LSTMCell, RNNCell } from '@chainrule/nn';
import { describe, expect, it } from 'vitest';
import { close } from './close.js';
import { gradientFlow } from '../../src/experiments/gradient-flow.js';
import { compareWithFormula, eigenvectorAlignment, linearCell, rhoSweep } from '../../src/experiments/linear.js';
import { longDefaults, longSequences } from '../../src/experiments/long.js';
import { prefixed, SILENT } from '../../src/experiments/report.js';
import { randomSequence } from '../../src/experiments/sequence.js';
import { fitLine, sigmaMax } from '../../src/experiments/stats.js';

function slopeOf(norms: readonly number[]): number {
  const T = norms.length;
  const pts = norms.flatMap((n, i) => (n > 0 && Number.isFinite(n) ? [[T - 1 - i, Math.log10(n)] as const] : []));
  return fitLine(pts.map((p) => p[0]), pts.map((p) => p[1])).slope;
}

describe('compareWithFormula', () => {
  it('the largest relative error over normal finite pairs', () => {
    const r = compareWithFormula([1.1, 2, 4], [1, 2, 5]);
    // |1.1 − 1| / 1 = 0.1, 0, |4 − 5| / 5 = 0.2.
    expect(r.compared).toBe(3);
    close(r.maxRelativeError, 0.2);
    expect(r.overflow).toEqual([]);
    expect(r.belowNormal).toEqual([]);
    close(compareWithFormula([3, 1], [2, 1]).maxRelativeError, 0.5);
  });
  it('both exactly 0: compared, and they agree (error 0); one 0 or subnormal: left out', () => {
    expect(compareWithFormula([0, 0], [0, 0])).toEqual({ maxRelativeError: 0, compared: 2, overflow: [], belowNormal: [] });
    expect(compareWithFormula([0, 1e-320, 1, 2 ** -1022], [1e-300, 1e-320, 1, 2 ** -1022])).toEqual({ maxRelativeError: 0, compared: 2, overflow: [], belowNormal: [0, 1] });
    expect(compareWithFormula([1, 1e-310], [1, 1])).toEqual({ maxRelativeError: 0, compared: 1, overflow: [], belowNormal: [1] });
    // One side 0 and the other normal: left out, not compared as an agreement.
    expect(compareWithFormula([1e-300, 0], [0, 1e-300])).toEqual({ maxRelativeError: NaN, compared: 0, overflow: [], belowNormal: [0, 1] });
    // An exact-zero pair after a compared one keeps the larger error.
    close(compareWithFormula([1.5, 0], [1, 0]).maxRelativeError, 0.5);
  });
  it('not finite on either side: overflow, not compared; nothing compared gives NaN', () => {
    const r = compareWithFormula([Infinity, 1, NaN], [1, Infinity, 1]);
    expect(r.overflow).toEqual([0, 1, 2]);
    expect(r.compared).toBe(0);
    expect(r.maxRelativeError).toBeNaN();
  });
});

describe('linear cells and the ρ sweep', () => {
  it('linearCell: identity activation, no bias, W_rec = ρ·Q with Q orthogonal (σ_max = ρ)', () => {
    const cell = linearCell(0.7, 5, 3);
    expect(cell.activation).toBe('identity');
    expect(cell.biasIh).toBeNull();
    close(sigmaMax(cell.weightHh), 0.7, 1e-10);
    // QᵀQ = I: W_recᵀW_rec = ρ²·I.
    const w = cell.weightHh.data;
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) {
      let s = 0;
      for (let k = 0; k < 5; k++) s += w[k * 5 + i] * w[k * 5 + j];
      expect(Math.abs(s - (i === j ? 0.49 : 0))).toBeLessThan(1e-12);
    }
  });
  it('rhoSweep: the predicted curve is ρ^(T−k)·‖dE/dh_T‖, on the sequence of seed + 1, states finite', () => {
    const [c] = rhoSweep([0.8], { hiddenSize: 4, steps: 6, seed: 2 });
    expect(c.rho).toBe(0.8);
    const flow = gradientFlow(linearCell(0.8, 4, 2), randomSequence(6, 2, 4, 3));
    c.gradHNorms.forEach((g, i) => close(g, flow.gradHNorms[i]));
    c.predicted.forEach((p, i) => close(p, 0.8 ** (5 - i) * flow.gradHNorms[5]));
    expect(c.statesOverflowAt).toBeNull();
    expect(c.compared).toBe(6);
    expect(c.maxRelativeError).toBeLessThan(1e-13);
  });
  it('a ρ so large that h_t overflows: the first step whose state is not finite (1-based)', () => {
    const [c] = rhoSweep([1e100], { hiddenSize: 3, steps: 6, seed: 2 });
    // h_t grows by 1e100 per step: |h_1| ~ 1, h_4 ~ 1e300, h_5 ~ 1e400 = ∞.
    const flow = gradientFlow(linearCell(1e100, 3, 2), randomSequence(6, 2, 3, 3));
    const first = flow.hs.findIndex((h) => !h.every(Number.isFinite));
    expect(first).toBeGreaterThan(0);
    expect(c.statesOverflowAt).toBe(first + 1);
  });
  it('eigenvectorAlignment is reproducible from its seed; the other eigenvalues stay within ±ρ/2 even for a small ρ; progress is labelled', () => {
    const stages = new Set<string>();
    const a = eigenvectorAlignment(0.2, { hiddenSize: 5, steps: 8, seed: 6 }, (s) => stages.add(s.split(':')[0]));
    expect(eigenvectorAlignment(0.2, { hiddenSize: 5, steps: 8, seed: 6 })).toEqual(a);
    close(a.topEigenvalue, 0.2, 1e-12); // the others, in (−0.1, 0.1), are below it
    expect(stages).toEqual(new Set(['symmetric W_rec']));
    const sweep = new Set<string>();
    rhoSweep([0.8, 1.2], { hiddenSize: 3, steps: 4, seed: 2 }, (s) => sweep.add(s.split(':')[0]));
    expect(sweep).toEqual(new Set(['ρ = 0.8', 'ρ = 1.2']));
  });
  it('eigenvectorAlignment: |cos| with V’s first column, the top eigenvalue ρ, the start cosine at T', () => {
    const a = eigenvectorAlignment(0.9, { hiddenSize: 4, steps: 30, seed: 4 });
    close(a.topEigenvalue, 0.9, 1e-12);
    expect(a.cosines).toHaveLength(30);
    expect(a.startCosine).toBe(a.cosines[29]);
    a.cosines.forEach((c) => expect(c).toBeLessThanOrEqual(1 + 1e-12));
    expect(a.cosines[0]).toBeGreaterThan(0.999);
    close(Math.hypot(...a.topEigenvector), 1, 1e-12);
  });
});

describe('long sequences on a short run', () => {
  it('defaults: T = 1000, 128 units, 32 inputs, forget bias 1, seed 0', () => {
    expect(longDefaults).toEqual({ steps: 1000, hiddenSize: 128, inputSize: 32, forgetBias: 1, seed: 0 });
  });
  const o = { steps: 15, hiddenSize: 5, inputSize: 3, forgetBias: 1.5, seed: 2 };
  // longSequences runs inside the tests (`pnpm mutate` turns a mutant on only for the tests themselves).
  const stages = new Set<string>();
  const run = () => longSequences(o, (s) => stages.add(s.split(':')[0]));
  // The same cells, built here: Glorot-uniform weights, zero biases, forget bias on the f block.
  const rng = new Random(2);
  const sequence = randomSequence(15, 3, 5, 3);
  const rnn = new RNNCell({ inputSize: 3, hiddenSize: 5, activation: 'tanh', seed: rng });
  initGlorotUniform(rnn.weightIh, { seed: rng });
  initGlorotUniform(rnn.weightHh, { seed: rng });
  rnn.biasIh!.data.fill(0);
  rnn.biasHh!.data.fill(0);
  const lstm = new LSTMCell({ inputSize: 3, hiddenSize: 5, seed: rng });
  initGlorotUniform(lstm.weightIh, { seed: rng });
  initGlorotUniform(lstm.weightHh, { seed: rng });
  lstm.biasIh!.data.fill(0);
  lstm.biasHh!.data.fill(0);
  for (let j = 5; j < 10; j++) lstm.biasIh!.data[j] = 1.5;
  const rf = gradientFlow(rnn, sequence);
  const lf = gradientFlow(lstm, sequence);

  it('the curves are those of the cells built here', () => {
    const r = run();
    r.rnn.forEach((g, i) => close(g, rf.gradHNorms[i]));
    r.lstmCell.forEach((g, i) => close(g, lf.gradCNorms![i]));
    r.lstmHidden.forEach((g, i) => close(g, lf.gradHNorms[i]));
    r.lstmPath.forEach((g, i) => close(g, lf.gatePathNorms![i]));
  });
  it('fits, mean forget gate, mean tanh′ and the heuristic log10(ρ · mean tanh′)', () => {
    const r = run();
    close(r.rnnFit.slope, slopeOf(rf.gradHNorms), 1e-10);
    close(r.lstmFit.slope, slopeOf(lf.gradCNorms!), 1e-10);
    close(r.lstmPathFit.slope, slopeOf(lf.gatePathNorms!), 1e-10);
    const gates = lf.gates!.flat();
    close(r.meanForget, gates.reduce((s, v) => s + v, 0) / gates.length);
    // tanh′ of the pre-activations at t = 2..T (no biases): 1 − tanh(a)².
    const slopes = sequence.inputs.slice(1).flatMap((x, k) =>
      Array.from({ length: 5 }, (_, u) => {
        let a = 0;
        for (let j = 0; j < 3; j++) a += rnn.weightIh.data[u * 3 + j] * x[j];
        for (let j = 0; j < 5; j++) a += rnn.weightHh.data[u * 5 + j] * rf.hs[k][j];
        return 1 - Math.tanh(a) ** 2;
      }),
    );
    const meanSlope = slopes.reduce((s, v) => s + v, 0) / slopes.length;
    close(r.rnnMeanSlope, meanSlope, 1e-12);
    close(r.rnnHeuristic, Math.log10(r.rnnSpectralRadius * meanSlope), 1e-12);
    expect(r.rnnSpectralRadius).toBeGreaterThan(0);
    expect(r.rnnSpectralRadius).toBeLessThanOrEqual(sigmaMax(rnn.weightHh) * (1 + 1e-9));
  });
  it('reports progress for both cells', () => {
    stages.clear();
    run();
    expect([...stages].sort()).toEqual(['LSTM', 'tanh RNN']);
  });
});

describe('prefixed', () => {
  it('SILENT stays SILENT; any other report gets the prefix', () => {
    expect(prefixed(SILENT, 'x')).toBe(SILENT);
    const seen: [string, number, number][] = [];
    prefixed((s, d, t) => seen.push([s, d, t]), 'tanh RNN')('forward', 2, 9);
    expect(seen).toEqual([['tanh RNN: forward', 2, 9]]);
    expect(SILENT('a', 1, 2)).toBeUndefined();
  });
});
