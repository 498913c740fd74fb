/** Initializers: their distributions, orthogonality, seeds. */
import { matmul, noGrad, Random, spectralNorm, zeros, type Tensor } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import { initGlorotUniform, initNormal, initOrthogonal, initUniform, LSTMCell } from '../src/index.js';
import { expectArrayClose } from './helpers/compare.js';

const mean = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + x, 0) / v.length;
const variance = (v: ArrayLike<number>) => mean(Array.from(v, (x) => x * x)) - mean(v) ** 2;
const identity = (n: number) => Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 1 : 0));
const gram = (q: Tensor, side: 'columns' | 'rows') => noGrad(() => (side === 'columns' ? matmul(q.transpose(), q) : matmul(q, q.transpose())));

describe('initOrthogonal', () => {
  it('a tall matrix gets orthonormal columns, a wide one orthonormal rows, a square one both', () => {
    expectArrayClose(gram(initOrthogonal(zeros([7, 3]), { seed: 1 }), 'columns').data, identity(3), 1e-14, 'QᵀQ');
    expectArrayClose(gram(initOrthogonal(zeros([3, 7]), { seed: 1 }), 'rows').data, identity(3), 1e-14, 'QQᵀ');
    const square = initOrthogonal(zeros([32, 32]), { seed: 2 });
    expectArrayClose(gram(square, 'columns').data, identity(32), 1e-14, 'QᵀQ');
    expectArrayClose(gram(square, 'rows').data, identity(32), 1e-14, 'QQᵀ');
  });

  it('gain scales every singular value: ρ·Q has spectral norm ρ', () => {
    const q = initOrthogonal(zeros([10, 10]), { gain: 0.95, seed: 3 });
    expect(spectralNorm(q)).toBeCloseTo(0.95, 13);
    expectArrayClose(gram(q, 'columns').data, identity(10).map((v) => v * 0.95 ** 2), 1e-14, 'gain² I');
  });

  it('is uniformly (Haar) distributed: entries have mean 0 and variance 1/n; E[tr Q] = 0, E[(tr Q)²] = 1', () => {
    // A QR without the sign fix would give a Q whose diagonal leans to one sign.
    const n = 4;
    const draws = 2000;
    const rng = new Random(4);
    const traces: number[] = [];
    const entries: number[][] = Array.from({ length: n * n }, () => []);
    for (let d = 0; d < draws; d++) {
      const q = initOrthogonal(zeros([n, n]), { seed: rng });
      traces.push(q.data[0] + q.data[5] + q.data[10] + q.data[15]);
      q.data.forEach((v, k) => entries[k].push(v));
    }
    expect(Math.abs(mean(traces))).toBeLessThan(0.1); // standard error 0.022
    expect(Math.abs(mean(traces.map((t) => t * t)) - 1)).toBeLessThan(0.15); // standard error 0.032
    for (const e of entries) {
      expect(Math.abs(mean(e))).toBeLessThan(0.05); // standard error 0.011
      expect(Math.abs(variance(e) - 1 / n)).toBeLessThan(0.03);
    }
  });

  it('rejects a non-matrix', () => {
    expect(() => initOrthogonal(zeros([4]))).toThrow('initOrthogonal: expected a matrix, got shape [4]');
  });
});

describe('uniform, Glorot, normal', () => {
  it('initUniform stays in (−bound, bound) with variance bound²/3', () => {
    const w = initUniform(zeros([100, 100]), { bound: 0.5, seed: 5 });
    expect(Math.max(...Array.from(w.data, Math.abs))).toBeLessThanOrEqual(0.5);
    expect(variance(w.data)).toBeCloseTo(0.25 / 3, 2);
  });

  it('initGlorotUniform uses a = gain·√(6 / (fan_in + fan_out)), variance 2·gain²/(fan_in + fan_out)', () => {
    const w = initGlorotUniform(zeros([200, 100]), { seed: 6 }); // fan_out 200, fan_in 100
    const bound = Math.sqrt(6 / 300);
    const largest = Math.max(...Array.from(w.data, Math.abs));
    expect(largest).toBeLessThanOrEqual(bound);
    expect(largest).toBeGreaterThan(0.99 * bound);
    expect(variance(w.data) / (2 / 300)).toBeCloseTo(1, 1);
    const scaled = initGlorotUniform(zeros([200, 100]), { gain: 2, seed: 6 });
    expectArrayClose(scaled.data, Array.from(w.data, (v) => 2 * v), 1e-15, 'Glorot gain');
  });

  it('initNormal draws N(mean, std²) — the demo’s W ~ N(0, 0.01²) — and the same seed repeats', () => {
    const cell = new LSTMCell({ inputSize: 2, hiddenSize: 50, seed: 1 });
    const w = initNormal(cell.weightHh, { std: 0.01, seed: 7 });
    expect(w).toBe(cell.weightHh);
    expect(Math.abs(mean(w.data))).toBeLessThan(0.001);
    expect(Math.sqrt(variance(w.data))).toBeCloseTo(0.01, 3);
    expect(initNormal(zeros([3]), { std: 2, mean: 5, seed: 7 }).data).toEqual(initNormal(zeros([3]), { std: 2, mean: 5, seed: 7 }).data);
  });
});
