/**
 * trainWithRemedy's scores and gradient profile, recomputed here: the seeded cell and readout
 * (seed), the scoring stream (seed + 2,000,003), what counts as wrong (order: the arg max is not
 * the class; adding: off by 0.04 or more), and ‖dE/dh_t‖ per sequence averaged over 100 fresh ones.
 */
import { fromArray, noGrad, Random, tensor, type Tensor } from '@chainrule/autodiff';
import { crossEntropy, Linear, RNNCell, unroll } from '@chainrule/nn';
import { describe, expect, it } from 'vitest';
import { ADDING_RULES, ADDING_WRONG_BY, METHODS, ORDER_RULES, REMEDY_TASKS, SUCCESS_ERROR_RATE, trainWithRemedy, type RemedyOptions } from '../../src/experiments/remedies.js';
import { addingBatch } from '../../src/experiments/tasks.js';
import { temporalOrderBatch } from '../../src/experiments/temporal-order.js';

const base: RemedyOptions = {
  task: 'order', method: 'sgd', steps: 10, seed: 4, hidden: 5, batch: 8, learningRate: 0.1, clipThreshold: 1, omegaWeight: 2, maxIterations: 0, evalEvery: 2, evalSize: 50,
};

/** The cell and readout trainWithRemedy builds from seed 4 (order: 6 symbols in, 4 classes out). */
function seededOrderModel() {
  const rng = new Random(4);
  const cell = new RNNCell({ inputSize: 6, hiddenSize: 5, activation: 'tanh', seed: rng });
  const readout = new Linear({ inFeatures: 5, outFeatures: 4, seed: rng });
  return { cell, readout };
}

/** The fraction of 50 fresh order sequences (drawn from `rng`) whose arg max is not the class. */
function orderErrorRate(cell: RNNCell, readout: Linear, rng: Random): number {
  const b = temporalOrderBatch(10, 50, rng);
  const out = noGrad(() => readout.forward(unroll(cell, b.inputs.map((s) => fromArray(s.flat(), [50, 6]))).last)).data;
  return b.classes.filter((k, i) => {
    const row = Array.from(out.subarray(i * 4, i * 4 + 4));
    return row.indexOf(Math.max(...row)) !== k;
  }).length / 50;
}

/** For each h_t ([100, 5], its .grad filled), the mean over the 100 rows of the row's norm. */
const meanRowNorms = (h: readonly Tensor[]) =>
  h.map((ht) => {
    let total = 0;
    for (let i = 0; i < 100; i++) total += Math.hypot(...Array.from(ht.grad!.data.subarray(i * 5, i * 5 + 5)));
    return total / 100;
  });

describe('trainWithRemedy by hand', () => {
  it('the constants: three methods, two tasks, success under 1% wrong, adding wrong by 0.04', () => {
    expect(METHODS).toEqual(['sgd', 'clip', 'clip+omega']);
    expect(REMEDY_TASKS).toEqual(['order', 'adding']);
    expect(SUCCESS_ERROR_RATE).toBe(0.01);
    expect(ADDING_WRONG_BY).toBe(0.04);
  });

  it('order, untrained: the fraction wrong and the gradient profile on the scoring stream', () => {
    const r = trainWithRemedy(base);
    const { cell, readout } = seededOrderModel();
    const test = new Random(4 + 2_000_003);
    const errorRate = orderErrorRate(cell, readout, test);
    expect(r.errorRate).toBe(errorRate);
    expect(r.solved).toBe(errorRate < 0.01);
    expect(r.iterations).toBe(0);
    expect(r.clippedSteps).toBe(0);
    expect(r).toMatchObject({ task: 'order', method: 'sgd', steps: 10, seed: 4 });
    // The profile: 100 fresh sequences, the summed cross-entropy's dE/dh_t, row by row.
    const p = temporalOrderBatch(10, 100, test);
    const xs = p.inputs.map((s) => fromArray(s.flat(), [100, 6]));
    const { h } = unroll(cell, xs);
    const logits = readout.forward(h[h.length - 1]);
    // Σ_i (logsumexp(z_i) − z_i[k_i]), through the engine's own ops.
    const picked = tensor(p.classes.map((k) => Array.from({ length: 4 }, (_, j) => (j === k ? 1 : 0))));
    logits.exp().sum(1).log().sum().sub(logits.mul(picked).sum()).backward();
    const expected = meanRowNorms(h);
    expect(r.gradNorms).toHaveLength(10);
    r.gradNorms.forEach((g, t) => expect(Math.abs(g - expected[t])).toBeLessThanOrEqual(1e-10 * expected[t]));
  });

  it('adding, untrained: wrong means off by 0.04 or more', () => {
    const r = trainWithRemedy({ ...base, task: 'adding' });
    const rng = new Random(4);
    const cell = new RNNCell({ inputSize: 2, hiddenSize: 5, activation: 'tanh', seed: rng });
    const readout = new Linear({ inFeatures: 5, outFeatures: 1, seed: rng });
    const b = addingBatch(10, 50, new Random(4 + 2_000_003));
    const out = noGrad(() => readout.forward(unroll(cell, b.inputs.map((s) => fromArray(s.flat(), [50, 2]))).last)).data;
    const wrong = b.targets.filter(([y], i) => Math.abs(out[i] - y) >= 0.04).length;
    expect(r.errorRate).toBe(wrong / 50);
  });

  it('scores every evalEvery steps and at the last; counts each step; clip counts clipped steps; omega changes the run', () => {
    const seen: number[] = [];
    const r = trainWithRemedy({ ...base, maxIterations: 3, evalEvery: 2, method: 'clip', clipThreshold: 1e-6 }, (i) => seen.push(i));
    expect(seen).toEqual([1, 2, 3]);
    expect(r.iterations).toBe(3);
    expect(r.clippedSteps).toBe(3);
    const sgd = trainWithRemedy({ ...base, maxIterations: 3, method: 'sgd', clipThreshold: 1e-6 });
    expect(sgd.clippedSteps).toBe(0);
    const clip = trainWithRemedy({ ...base, maxIterations: 3, method: 'clip', clipThreshold: 1e6 });
    const omega = trainWithRemedy({ ...base, maxIterations: 3, method: 'clip+omega', clipThreshold: 1e6 });
    // With a threshold never reached, clip is plain SGD; Ω adds to the loss, so the weights differ.
    expect(clip.gradNorms).toEqual(trainWithRemedy({ ...base, maxIterations: 3, method: 'sgd', clipThreshold: 1e6 }).gradNorms);
    expect(clip.clippedSteps).toBe(0);
    expect(omega.gradNorms).not.toEqual(clip.gradNorms);
  });

  it('what counts as wrong: adding off by 0.04 or more (0.04 itself is wrong); order, an arg max that is not the class (the first on a tie)', () => {
    // Off by 0.01, 0.5, exactly 0.04, 0.03, 0 and 1: three wrong.
    const targets = fromArray([1, 1, 0, 0, 0.5, 0.5], [6, 1]);
    expect(ADDING_RULES.wrong(fromArray([1.01, 0.5, 0.04, -0.03, 0.5, 1.5], [6, 1]), targets)).toBe(3);
    // Rows: arg max 2 (class 2: right), a tie of 0 and 3 (the first, 0; class 3: wrong), arg max 1 (class 0: wrong).
    const logits = fromArray([0, 0, 5, 1, 4, 1, 1, 4, 0, 2, 1, 1], [3, 4]);
    expect(ORDER_RULES.wrong(logits, [2, 3, 0])).toBe(2);
  });

  it('one plain SGD step by hand: the batch from the training stream (seed + 1,000,003), no Ω, and a score after the last step', () => {
    const o: RemedyOptions = { ...base, maxIterations: 1, evalEvery: 5 };
    const r = trainWithRemedy(o);
    const { cell, readout } = seededOrderModel();
    const batch = temporalOrderBatch(10, 8, new Random(4 + 1_000_003));
    const loss = crossEntropy(readout.forward(unroll(cell, batch.inputs.map((s) => fromArray(s.flat(), [8, 6]))).last), batch.classes);
    loss.backward();
    for (const p of [...cell.parameters(), ...readout.parameters()]) p.data.forEach((v, i) => (p.data[i] = v - 0.1 * p.grad!.data[i]));
    const test = new Random(4 + 2_000_003);
    const score = () => orderErrorRate(cell, readout, test);
    score(); // before training (its draws come first in the scoring stream)
    expect(r.iterations).toBe(1);
    expect(r.errorRate).toBe(score()); // scored after the last step although 1 is not a multiple of evalEvery
    // The profile on the next 100 sequences of the scoring stream, with the trained weights.
    const p = temporalOrderBatch(10, 100, test);
    const { h } = unroll(cell, p.inputs.map((s) => fromArray(s.flat(), [100, 6])));
    crossEntropy(readout.forward(h[h.length - 1]), p.classes).mul(100).backward();
    const expected = meanRowNorms(h);
    r.gradNorms.forEach((g, t) => expect(Math.abs(g - expected[t])).toBeLessThanOrEqual(1e-10 * g));
  });
});
