/**
 * src/experiments/stats.ts against the maths: fits of points on known lines, norms of known
 * vectors, and the spectral radius of matrices whose eigenvalues are known, including non-normal
 * ones where σ_max (the largest singular value) is far from ρ.
 */
import { fromArray } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import {
  decayPerStepBack,
  firstNonFinite,
  fitLine,
  log10OrNull,
  mean,
  MIN_NORMAL,
  norm2,
  sigmaMax,
  spectralRadius,
  stepsBackUntilBelow,
} from '../../src/experiments/stats.js';

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const matrix = (rows: number[][]) => fromArray(rows.flat(), [rows.length, rows.length]);

describe('small helpers', () => {
  it('MIN_NORMAL is 2^−1022', () => {
    expect(MIN_NORMAL).toBe(2 ** -1022);
  });
  it('log10OrNull: log10 of a positive finite number, null otherwise', () => {
    expect(log10OrNull(1000)).toBe(3);
    expect(log10OrNull(5e-324)).toBeCloseTo(-323.306, 3);
    expect(log10OrNull(0)).toBeNull();
    expect(log10OrNull(-1)).toBeNull();
    expect(log10OrNull(Infinity)).toBeNull();
    expect(log10OrNull(NaN)).toBeNull();
    expect(log10OrNull(Number.MAX_VALUE)).toBeCloseTo(308.2547, 4);
  });
  it('firstNonFinite and mean', () => {
    expect(firstNonFinite([1, 2, 3])).toBe(-1);
    expect(firstNonFinite([1, -Infinity, NaN])).toBe(1);
    expect(firstNonFinite([NaN])).toBe(0);
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNaN();
  });
  it('norm2: the Euclidean norm, without overflow or underflow of the squares', () => {
    expect(norm2([3, -4])).toBe(5);
    expect(norm2([0, 0])).toBe(0);
    expect(norm2([])).toBe(0);
    expect(relErr(norm2([3e200, 4e200]), 5e200)).toBeLessThan(1e-15);
    expect(relErr(norm2([3e-200, -4e-200]), 5e-200)).toBeLessThan(1e-15);
    expect(norm2(new Float64Array([1, 1, 1, 1]))).toBe(2);
    expect(norm2([-7])).toBe(7);
  });
  it('stepsBackUntilBelow: steps back from T to the first value below the threshold', () => {
    expect(stepsBackUntilBelow([1e-9, 1e-7, 1], 1e-8)).toBe(2);
    expect(stepsBackUntilBelow([1, 1e-9], 1e-8)).toBe(0);
    expect(stepsBackUntilBelow([1, 1], 1e-8)).toBeNull();
    expect(stepsBackUntilBelow([1e-8, 1], 1e-8)).toBeNull(); // not below: equal
  });
});

describe('fitLine and decayPerStepBack', () => {
  it('points on y = 2x + 1: slope 2, intercept 1, R² = 1', () => {
    const f = fitLine([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(f).toEqual({ slope: 2, intercept: 1, r2: 1, points: 4 });
  });
  it('a known least-squares fit: (0,0), (1,1), (2,1) → slope 1/2, intercept 1/6, R² = 3/4', () => {
    const f = fitLine([0, 1, 2], [0, 1, 1]);
    expect(relErr(f.slope, 0.5)).toBeLessThan(1e-15);
    expect(relErr(f.intercept, 1 / 6)).toBeLessThan(1e-14);
    // sxy² / (sxx·syy) = 1 / (2 · 2/3) = 3/4.
    expect(relErr(f.r2, 0.75)).toBeLessThan(1e-15);
  });
  it('nulls are skipped; fewer than two points give NaN; a flat line has R² = 1', () => {
    const skipped = fitLine([0, 1, 2, 3], [1, null, 5, 7]);
    expect(skipped.points).toBe(3);
    expect(relErr(skipped.slope, 2)).toBeLessThan(1e-15);
    expect(relErr(skipped.intercept, 1)).toBeLessThan(1e-15);
    expect(relErr(skipped.r2, 1)).toBeLessThan(1e-15);
    const one = fitLine([0, 1], [null, 3]);
    expect(one.points).toBe(1);
    expect(one.slope).toBeNaN();
    expect(one.intercept).toBeNaN();
    expect(one.r2).toBeNaN();
    expect(fitLine([0, 1, 2], [4, 4, 4])).toEqual({ slope: 0, intercept: 4, r2: 1, points: 3 });
  });
  it('decayPerStepBack: log10 of the norms against steps back from T; zeros left out', () => {
    // norms[i] at t = i + 1, T = 4: 1e-3, 1e-2, 1e-1, 1 → 3, 2, 1, 0 steps back: slope −1 decade per step.
    const f = decayPerStepBack([1e-3, 1e-2, 1e-1, 1]);
    expect(relErr(f.slope, -1)).toBeLessThan(1e-14);
    expect(Math.abs(f.intercept)).toBeLessThan(1e-14);
    expect(f.points).toBe(4);
    const g = decayPerStepBack([0, 1e-2, 1e-1, 1]);
    expect(g.points).toBe(3);
    expect(relErr(g.slope, -1)).toBeLessThan(1e-14);
    // Growing going back: positive slope.
    expect(relErr(decayPerStepBack([100, 10, 1]).slope, 1)).toBeLessThan(1e-14);
  });
});

describe('σ_max and the spectral radius ρ', () => {
  it('a scaled rotation is normal: σ_max = ρ = the scale', () => {
    const [c, s] = [Math.cos(0.7), Math.sin(0.7)];
    const w = matrix([[0.8 * c, -0.8 * s], [0.8 * s, 0.8 * c]]);
    expect(relErr(sigmaMax(w), 0.8)).toBeLessThan(1e-12);
    // ‖W^k‖_F = 0.8^k · √2, so the estimate is 0.8 · 2^(1/2048).
    expect(relErr(spectralRadius(w), 0.8)).toBeLessThan(4e-4);
  });
  it('a diagonal matrix: ρ = the largest |entry|, to rounding (the others fade in W^1024)', () => {
    const w = matrix([[0.5, 0, 0], [0, -0.3, 0], [0, 0, 0.1]]);
    expect(relErr(spectralRadius(w), 0.5)).toBeLessThan(1e-13);
    const neg = matrix([[-2, 0], [0, 1]]);
    expect(relErr(spectralRadius(neg), 2)).toBeLessThan(1e-13);
  });
  it('a non-normal matrix: ρ = 0.5 from the diagonal, while σ_max ≈ 10 (the issue: σ_max ≫ ρ)', () => {
    const w = matrix([[0.5, 10], [0, 0.3]]);
    // W^k = [[0.5^k, 10·(0.5^k − 0.3^k)/0.2], [0, 0.3^k]]: ‖W^k‖_F → 50·0.5^k, so the estimate is 0.5 · 50^(1/1024) (0.38% high).
    expect(relErr(spectralRadius(w), 0.5 * 50 ** (1 / 1024))).toBeLessThan(1e-6);
    // σ_max² is the largest eigenvalue of WᵀW = [[0.25, 5], [5, 100.09]].
    const [a, b, d] = [0.25, 5, 100.09];
    const sigma = Math.sqrt((a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * b));
    expect(relErr(sigmaMax(w), sigma)).toBeLessThan(1e-10);
    expect(sigmaMax(w) / spectralRadius(w)).toBeGreaterThan(19);
  });
  it('a nilpotent matrix has ρ = 0 (W² = 0), and the zero matrix too', () => {
    expect(spectralRadius(matrix([[0, 3], [0, 0]]))).toBe(0);
    expect(spectralRadius(matrix([[0, 0], [0, 0]]))).toBe(0);
    // Nilpotent of order 3: W³ = 0, found after two squarings.
    expect(spectralRadius(matrix([[0, 1, 0], [0, 0, 1], [0, 0, 0]]))).toBe(0);
  });
  it('no overflow: ρ = 1e100 and ρ = 1e-100 on a diagonal', () => {
    expect(relErr(spectralRadius(matrix([[1e100, 0], [0, 1]])), 1e100)).toBeLessThan(1e-12);
    expect(relErr(spectralRadius(matrix([[1e-100, 0], [0, 0]])), 1e-100)).toBeLessThan(1e-12);
  });
});
