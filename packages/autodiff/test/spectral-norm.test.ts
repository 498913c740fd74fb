import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fromArray, randn, spectralNorm, symmetricEigenvalues, tensor } from '../src/index.js';

describe('spectralNorm', () => {
  it('known matrices', () => {
    expect(spectralNorm(tensor([[3, 0], [0, -4]]))).toBeCloseTo(4, 14);
    expect(spectralNorm(tensor([[1, 1], [0, 1]]))).toBeCloseTo((1 + Math.sqrt(5)) / 2, 14); // golden ratio
    expect(spectralNorm(tensor([[1, 2, 2]]))).toBeCloseTo(3, 14); // a row vector: its length
    expect(spectralNorm(tensor([[0, 0], [0, 0]]))).toBe(0);
    // A rotation by 30° scaled by 0.95: every singular value is 0.95.
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    expect(spectralNorm(tensor([[0.95 * c, -0.95 * s], [0.95 * s, 0.95 * c]]))).toBeCloseTo(0.95, 14);
    expect(() => spectralNorm(tensor([1, 2]))).toThrow('spectralNorm: expected a matrix, got shape [2]');
  });

  it('eigenvalues of a symmetric matrix', () => {
    // [[2,1],[1,2]] has eigenvalues 1 and 3.
    const eig = symmetricEigenvalues(Float64Array.of(2, 1, 1, 2), 2).sort();
    expect(eig[0]).toBeCloseTo(1, 14);
    expect(eig[1]).toBeCloseTo(3, 14);
  });

  test.prop([fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 10_000 })], { numRuns: 60 })(
    'is the largest stretch: ||Mv|| ≤ σ·||v|| for random v, and power iteration on MᵀM reaches σ',
    (rows, cols, seed) => {
      const m = randn([rows, cols], { seed });
      const sigma = spectralNorm(m);
      const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
      for (let k = 0; k < 5; k++) {
        const v = randn([cols, 1], { seed: seed + 100 + k });
        expect(norm(m.matmul(v).data)).toBeLessThanOrEqual(sigma * norm(v.data) * (1 + 1e-12));
      }
      // Independent estimate: 500 steps of power iteration.
      let v = randn([cols, 1], { seed: seed + 7 });
      for (let i = 0; i < 500; i++) {
        const w = m.transpose().matmul(m.matmul(v));
        v = fromArray(w.data.map((x) => x / norm(w.data)), [cols, 1]);
      }
      const estimate = norm(m.matmul(v).data);
      expect(estimate).toBeLessThanOrEqual(sigma * (1 + 1e-12));
      expect(estimate).toBeGreaterThan(sigma * 0.999);
    },
  );
});

describe('spectralNorm at the extremes of float64', () => {
  it('is exact for tiny and huge matrices (no underflow when squaring)', () => {
    for (const s of [1e-200, 1e-88, 1e150]) {
      expect(spectralNorm(tensor([[3 * s, 0], [0, -4 * s]])) / s).toBeCloseTo(4, 12);
      expect(spectralNorm(tensor([[s, s], [0, s]])) / s).toBeCloseTo((1 + Math.sqrt(5)) / 2, 12);
    }
  });
});
