import { describe, expect, it } from 'vitest';
import { eigenvectorAlignment, rhoSweep } from '../../src/experiments/linear.js';

describe('experiment 3: the exact linear case', () => {
  it('||dE/dh_k|| = ρ^(T−k)·||dE/dh_T|| to 1e-10 for ρ below, at and above 1', () => {
    const curves = rhoSweep([0.5, 0.9, 1, 1.1, 1.3], { hiddenSize: 16, steps: 120, seed: 7 });
    for (const c of curves) expect(c.maxRelativeError, `ρ = ${c.rho}`).toBeLessThan(1e-10);
    const [half, , one, , big] = curves;
    expect(half.gradHNorms[0] / half.gradHNorms[119]).toBeLessThan(1e-30); // vanishes
    expect(one.gradHNorms[0] / one.gradHNorms[119]).toBeCloseTo(1, 10); // kept
    expect(big.gradHNorms[0] / big.gradHNorms[119]).toBeGreaterThan(1e13); // explodes
  });

  it('with a symmetric W_rec the gradient turns toward the top eigenvector (power iteration): cosine > 0.99', () => {
    const a = eigenvectorAlignment(0.95, { hiddenSize: 20, steps: 100, seed: 1 });
    expect(a.topEigenvalue).toBeCloseTo(0.95, 12);
    expect(a.startCosine).toBeLessThan(0.9); // the raw dE/dh_T is not aligned to begin with
    // 40 steps back and further, the gradient points along the top eigenvector.
    for (const c of a.cosines.slice(0, 60)) expect(c).toBeGreaterThan(0.99);
  });
});
