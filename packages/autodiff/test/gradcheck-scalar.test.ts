import { describe, expect, it } from 'vitest';
import { compareGradients, gradcheckScalar, Value } from '../src/index.js';

describe('gradcheckScalar', () => {
  it('passes on a correct gradient', () => {
    const result = gradcheckScalar((x, y) => x.mul(y).tanh().add(y.exp().log()), [0.3, -1.2]);
    expect(result.ok).toBe(true);
    expect(result.maxRelError).toBeLessThan(1e-7);
  });

  it('fails on a wrong gradient: a hand-made op with a deliberate bug in its backward', () => {
    // square(x) whose backward forgets the factor 2.
    const badSquare = (x: Value): Value => {
      const out = new Value(x.data * x.data, [x], 'badsq');
      (out as unknown as { backwardStep: () => void }).backwardStep = () => {
        x.grad += x.data * out.grad;
      };
      return out;
    };
    const result = gradcheckScalar(badSquare, [1.5]);
    expect(result.ok).toBe(false);
    expect(result.maxAbsError).toBeCloseTo(1.5, 5);
  });

  it('compareGradients uses atol + rtol·|numeric| and fails on NaN', () => {
    expect(compareGradients([1.0000001], [1], { rtol: 1e-6, atol: 0 }).ok).toBe(true);
    expect(compareGradients([1.00001], [1], { rtol: 1e-6, atol: 0 }).ok).toBe(false);
    expect(compareGradients([NaN], [1]).ok).toBe(false);
    expect(() => compareGradients([1, 2], [1])).toThrow('compareGradients: lengths differ, 2 vs 1');
  });
});
