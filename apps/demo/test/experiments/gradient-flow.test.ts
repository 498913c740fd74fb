/**
 * The gradient-flow measurement reproduces PyTorch (float64) on every fixture case: loss,
 * per-step ||dE/dh_t||, ||dE/dc_t||, ||dh_T/dh_t||₂ and each step's share of dE/dW_hh.
 */
import { readFileSync } from 'node:fs';
import { Random } from '@chainrule/autodiff';
import { cellFromModelFile, LSTMCell, RNNCell, type ModelFile } from '@chainrule/nn';
import { describe, expect, it } from 'vitest';
import { gradientFlow } from '../../src/experiments/gradient-flow.js';
import { randomSequence } from '../../src/experiments/sequence.js';

interface FixtureCase {
  name: string;
  model: ModelFile;
  input: { inputs: number[][]; target: number[] };
  expected: {
    loss: number;
    grad_h_norms: number[];
    grad_c_norms?: number[];
    h: number[][];
    c?: number[][];
    forget_path_norms?: number[];
    update_path_norms?: number[];
    jacobian_norms?: number[];
    grad_weight_hh_step_norms: number[];
    grads: { weight_hh: number[][] };
  };
}

const fixtures = JSON.parse(
  readFileSync(new URL('../../../../packages/nn/fixtures/cells.json', import.meta.url), 'utf8'),
) as { cases: FixtureCase[] };

/** Entry by entry, relative to each entry (norms span hundreds of orders of magnitude). */
function expectClose(actual: readonly number[] | null, expected: readonly number[], rtol = 1e-10) {
  expect(actual).not.toBeNull();
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual![i] - e)).toBeLessThanOrEqual(rtol * Math.abs(e) + 1e-300));
}

describe('gradientFlow reproduces the PyTorch fixtures', () => {
  it.each(fixtures.cases.map((c) => [c.name, c] as const))('%s', (_name, fixture) => {
    const cell = cellFromModelFile(fixture.model);
    const flow = gradientFlow(cell, fixture.input, { jacobians: fixture.expected.jacobian_norms !== undefined });
    expect(Math.abs(flow.loss - fixture.expected.loss)).toBeLessThanOrEqual(1e-10 * fixture.expected.loss);
    expectClose(flow.gradHNorms, fixture.expected.grad_h_norms);
    if (fixture.expected.grad_c_norms) expectClose(flow.gradCNorms, fixture.expected.grad_c_norms);
    if (fixture.expected.jacobian_norms) expectClose(flow.jacobianNorms, fixture.expected.jacobian_norms);
    expectClose(flow.stepContributions, fixture.expected.grad_weight_hh_step_norms);
    const whh = Math.hypot(...fixture.expected.grads.weight_hh.flat());
    expect(Math.abs(flow.gradWhhNorm - whh)).toBeLessThanOrEqual(1e-10 * whh);
  });
});

describe('the rest of what gradientFlow returns, against the same fixtures', () => {
  it.each(fixtures.cases.map((c) => [c.name, c] as const))('%s: states, gradient vectors, gate paths', (_name, fixture) => {
    const cell = cellFromModelFile(fixture.model);
    const flow = gradientFlow(cell, fixture.input);
    const T = fixture.input.inputs.length;
    // The states h_t (and c_t), entry by entry.
    const flat = (rows: number[][]) => rows.flat();
    expect(flow.hs).toHaveLength(T);
    expectClose(flow.hs.flat(), flat(fixture.expected.h), 1e-12);
    if (fixture.expected.c) expectClose(flow.cs!.flat(), flat(fixture.expected.c), 1e-12);
    else expect(flow.cs).toBeNull();
    // The vectors dE/dh_t have the norms PyTorch gives.
    expectClose(flow.gradHs.map((g) => Math.hypot(...g)), fixture.expected.grad_h_norms);
    if (fixture.expected.grad_c_norms) expectClose(flow.gradCs!.map((g) => Math.hypot(...g)), fixture.expected.grad_c_norms);
    else expect(flow.gradCs).toBeNull();
    // The gate paths: LSTM forget, GRU update, none for an RNN.
    const path = fixture.expected.forget_path_norms ?? fixture.expected.update_path_norms;
    if (path !== undefined) {
      expectClose(flow.gatePathNorms, path);
      expect(flow.gates).toHaveLength(T);
      flow.gates!.flat().forEach((g) => expect(g > 0 && g < 1).toBe(true));
    } else {
      expect(flow.gatePathNorms).toBeNull();
      expect(flow.gates).toBeNull();
    }
  });
});

describe('options and memory', () => {
  const sequence = randomSequence(12, 2, 4, 3);
  it('without step contributions: null, the same total dE/dW_hh, no term held', () => {
    const cell = new RNNCell({ inputSize: 2, hiddenSize: 4, activation: 'tanh', seed: new Random(1) });
    const full = gradientFlow(cell, sequence);
    const bare = gradientFlow(cell, sequence, { stepContributions: false });
    expect(bare.stepContributions).toBeNull();
    expect(bare.peakTermsHeld).toBe(0);
    expect(Math.abs(bare.gradWhhNorm - full.gradWhhNorm)).toBeLessThanOrEqual(1e-13 * full.gradWhhNorm);
    expect(full.stepContributions).toHaveLength(12);
    expect(full.stepContributions![0]).toBe(0); // h_0 = 0
    // At most one or two H×H terms alive at once, whatever T is.
    expect(full.peakTermsHeld).toBeGreaterThanOrEqual(1);
    expect(full.peakTermsHeld).toBeLessThanOrEqual(2);
    expect(gradientFlow(cell, randomSequence(60, 2, 4, 3)).peakTermsHeld).toBe(full.peakTermsHeld);
    // The terms add up to the whole: ‖Σ term‖ ≤ Σ ‖term‖.
    expect(full.gradWhhNorm).toBeLessThanOrEqual(full.stepContributions!.reduce((s, v) => s + v, 0) * (1 + 1e-12));
    expect(full.jacobianNorms).toBeNull();
  });
  it('an LSTM op by op (fused: false) gives the fused cell’s numbers; an LSTM never has Jacobians', () => {
    const fused = new LSTMCell({ inputSize: 2, hiddenSize: 4, forgetBias: 1, seed: new Random(2) });
    const plain = new LSTMCell({ inputSize: 2, hiddenSize: 4, forgetBias: 1, seed: new Random(2), fused: false });
    const a = gradientFlow(fused, sequence, { jacobians: true });
    const b = gradientFlow(plain, sequence);
    expect(a.jacobianNorms).toBeNull();
    a.gradCNorms!.forEach((g, i) => expect(Math.abs(g - b.gradCNorms![i])).toBeLessThanOrEqual(1e-12 * g));
    a.stepContributions!.forEach((g, i) => expect(Math.abs(g - b.stepContributions![i])).toBeLessThanOrEqual(1e-12 * g + 1e-300));
  });
  it('reports its stages: the forward steps, the backward pass, and the Jacobian passes', () => {
    const cell = new RNNCell({ inputSize: 2, hiddenSize: 4, activation: 'tanh', seed: new Random(1) });
    const seen: string[] = [];
    gradientFlow(cell, randomSequence(3, 2, 4, 3), { jacobians: true, report: (s, d, t) => seen.push(`${s} ${d}/${t}`) });
    expect(seen).toEqual([
      'forward 1/3',
      'forward 2/3',
      'forward 3/3',
      'backward pass through 3 steps 0/1',
      'backward pass through 3 steps 1/1',
      'Jacobians: forward 1/3',
      'Jacobians: forward 2/3',
      'Jacobians: forward 3/3',
      ...[0, 1, 2, 3].map((j) => `Jacobians ‖dh_T/dh_t‖₂: backward passes (one per unit) ${j}/4`),
      ...[0, 1, 2].map((t) => `Jacobians ‖dh_T/dh_t‖₂: spectral norms ${t}/3`),
    ]);
  });
});
