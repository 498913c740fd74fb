/**
 * The gradient-flow measurement reproduces PyTorch (float64) on every fixture case: loss,
 * per-step ||dE/dh_t||, ||dE/dc_t||, ||dh_T/dh_t||₂ and each step's share of dE/dW_hh.
 */
import { readFileSync } from 'node:fs';
import { cellFromModelFile, type ModelFile } from '@chainrule/nn';
import { describe, expect, it } from 'vitest';
import { gradientFlow } from '../../src/experiments/gradient-flow.js';

interface FixtureCase {
  name: string;
  model: ModelFile;
  input: { inputs: number[][]; target: number[] };
  expected: {
    loss: number;
    grad_h_norms: number[];
    grad_c_norms?: number[];
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
