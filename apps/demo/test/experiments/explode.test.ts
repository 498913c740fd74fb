import { fc, test } from '@fast-check/vitest';
import { centralDifference } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import { clipByNorm, cliff, cliffDefaults, linearUnitGradient, medianOf, unitDefaults, unitGradient } from '../../src/experiments/explode.js';

/** The unit on plain numbers: the oracle for finite differences. */
function lossOf(w: number, b: number, steps = 50): number {
  const sigma = (v: number) => 1 / (1 + Math.exp(-v));
  let x = 0.5;
  for (let t = 0; t < steps; t++) x = w * sigma(x) + b;
  return (sigma(x) - 0.7) ** 2;
}

describe('experiment 4: the single-unit cliff', () => {
  it('on the default (w, b) grid the largest gradient is more than 100 times the median (a grid figure); the bisected edge is steeper still', () => {
    const r = cliff();
    expect(r.gradNorms).toHaveLength(41);
    expect(r.gradNorms[0]).toHaveLength(41);
    const grid = r.gradNorms.flat();
    // max, its place and the median, recomputed here from the grid alone.
    const sorted = [...grid].sort((p, q) => p - q);
    const median = (sorted[840] + sorted[840]) / 2; // 41² = 1681 points: the middle one is index 840
    expect(r.median).toBe(median);
    const max = sorted[sorted.length - 1];
    expect(r.max).toBe(max);
    const at = grid.indexOf(max);
    expect(r.argmax).toEqual({ w: -2 + (14 * (at % 41)) / 40, b: -8 + (10 * Math.floor(at / 41)) / 40 });
    expect(r.cliffRatio).toBe(max / median);
    expect(r.cliffRatio).toBeGreaterThan(100);
    // The edge point is off the grid and steeper than any grid point: a real cliff, where the loss
    // on its two sides differs.
    expect(r.edge).not.toBeNull();
    const edge = r.edge!;
    expect(edge.gradNorm).toBeGreaterThan(max);
    expect(Math.abs(unitGradient(edge.w, edge.b).loss - lossOf(edge.w, edge.b))).toBeLessThan(1e-12);
    const left = lossOf(edge.w, edge.b - 1e-6);
    const right = lossOf(edge.w, edge.b + 1e-6);
    expect(Math.abs(left - right)).toBeGreaterThan(1e-3);
  });

  it('a grid with no cliff (w near 0: one fixed point everywhere) has no edge', () => {
    const r = cliff({ ...cliffDefaults, wRange: [-0.5, 0.5], bRange: [-1, 1], resolution: 5 });
    expect(r.edge).toBeNull();
    expect(r.gradNorms).toHaveLength(5);
  });

  it('medianOf: the middle value, or the mean of the two middle values', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([5])).toBe(5);
  });

  test.prop([fc.double({ min: -2, max: 3, noNaN: true }), fc.double({ min: -3, max: 2, noNaN: true })], { numRuns: 50 })(
    'away from the cliff, backprop through Value equals central differences',
    (w, b) => {
      const g = unitGradient(w, b);
      expect(g.loss).toBeCloseTo(lossOf(w, b), 12);
      const dw = centralDifference((v) => lossOf(v, b), w, 1e-6);
      const db = centralDifference((v) => lossOf(w, v), b, 1e-6);
      expect(Math.abs(g.dw - dw)).toBeLessThan(1e-6 * Math.max(1, Math.abs(dw)));
      expect(Math.abs(g.db - db)).toBeLessThan(1e-6 * Math.max(1, Math.abs(db)));
    },
  );

  test.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 6 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true })])(
    'norm clipping: the clipped norm is min(||g||, threshold) and the direction is unchanged',
    (g, threshold) => {
      const { clipped, normBefore, normAfter } = clipByNorm(g, threshold);
      expect(normBefore).toBeCloseTo(Math.sqrt(g.reduce((s, v) => s + v * v, 0)), 6);
      expect(Math.abs(normAfter - Math.min(normBefore, threshold))).toBeLessThanOrEqual(1e-12 * Math.max(1, normBefore));
      if (normBefore > 0) {
        // Same direction: every component scaled by the same positive factor.
        const unit = (v: readonly number[]) => {
          const big = Math.max(...v.map(Math.abs));
          const scaled = v.map((x) => x / big);
          const n = Math.hypot(...scaled);
          return scaled.map((x) => x / n);
        };
        const [u, c] = [unit(g), unit(clipped)];
        u.forEach((x, i) => expect(Math.abs(x - c[i])).toBeLessThan(1e-12));
      }
    },
  );

  test.prop([fc.double({ min: -1.5, max: 1.5, noNaN: true }), fc.integer({ min: 1, max: 60 }), fc.double({ min: -2, max: 2, noNaN: true })])(
    'linear unit with b = 0: dx_t/dw = t·x_0·w^(t−1) exactly (rtol 1e-12)',
    (w, t, x0) => {
      const { backprop, formula } = linearUnitGradient(w, t, x0);
      expect(Math.abs(backprop - formula)).toBeLessThanOrEqual(1e-12 * Math.max(1e-300, Math.abs(formula)) + 1e-300);
    },
  );

  it('a small grid, recomputed point by point: axes, norms, losses, median, max and where, the edge by bisection; progress', () => {
    const options = { ...cliffDefaults, wRange: [0, 12] as const, bRange: [-8, 0] as const, resolution: 7 };
    const seen: string[] = [];
    const r = cliff(options, (s, d, t) => seen.push(`${s} ${d}/${t}`));
    expect(r.ws).toEqual([0, 2, 4, 6, 8, 10, 12]);
    expect(r.bs.map((b) => Number(b.toFixed(12)))).toEqual([-8, -6.666666666667, -5.333333333333, -4, -2.666666666667, -1.333333333333, 0]);
    r.bs.forEach((b, i) => r.ws.forEach((w, j) => {
      const g = unitGradient(w, b);
      expect(r.gradNorms[i][j]).toBe(Math.hypot(g.dw, g.db));
      expect(r.losses[i][j]).toBe(g.loss);
      expect(Math.abs(g.loss - lossOf(w, b))).toBeLessThan(1e-12);
    }));
    const flat = r.gradNorms.flat();
    const sorted = [...flat].sort((p, q) => p - q);
    expect(r.median).toBe(sorted[24]); // 49 points
    expect(r.max).toBe(sorted[48]);
    const at = flat.indexOf(sorted[48]);
    expect(r.argmax).toEqual({ w: r.ws[at % 7], b: r.bs[Math.floor(at / 7)] });
    expect(r.cliffRatio).toBe(sorted[48] / sorted[24]);
    // The edge: x_T jumps across it (by 1 or more), its b is within 1e-12 of the jump, and it is the steepest of the sides found.
    const edge = r.edge!;
    const xT = (b: number) => unitGradient(edge.w, b).xT;
    expect(Math.abs(xT(edge.b + 1e-9) - xT(edge.b - 1e-9))).toBeGreaterThan(1);
    const g = unitGradient(edge.w, edge.b);
    expect(edge.gradNorm).toBe(Math.hypot(g.dw, g.db));
    expect(edge.gradNorm).toBeGreaterThan(r.max);
    expect(seen.slice(0, 7)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `the (w, b) grid, 7×7 points: rows ${i}/7`));
    expect(seen.slice(7)).toEqual([0, 1, 2, 3, 4, 5, 6].map((j) => `bisecting across the cliff, one w at a time ${j}/7`));
  });

  it('the unit: x_t = w·σ(x_{t−1}) + b from x_0 for T steps, E = (σ(x_T) − target)², by hand', () => {
    const sigma = (v: number) => 1 / (1 + Math.exp(-v));
    let x = 0.2;
    for (let t = 0; t < 3; t++) x = 1.5 * sigma(x) - 0.5;
    const g = unitGradient(1.5, -0.5, { steps: 3, x0: 0.2, target: 0.4 });
    expect(g.xT).toBeCloseTo(x, 14);
    expect(g.loss).toBeCloseTo((sigma(x) - 0.4) ** 2, 14);
    expect(unitDefaults).toEqual({ steps: 50, x0: 0.5, target: 0.7 });
    expect(cliffDefaults).toEqual({ steps: 50, x0: 0.5, target: 0.7, wRange: [-2, 12], bRange: [-8, 2], resolution: 41 });
  });

  it('clipByNorm: at the threshold exactly nothing changes; above it the norm becomes the threshold', () => {
    expect(clipByNorm([3, 4], 5)).toEqual({ clipped: [3, 4], normBefore: 5, normAfter: 5 });
    expect(clipByNorm([6, 8], 5)).toEqual({ clipped: [3, 4], normBefore: 10, normAfter: 5 });
    // Below the threshold nothing changes either: clipping never scales a gradient up.
    expect(clipByNorm([0.6, 0.8], 5)).toEqual({ clipped: [0.6, 0.8], normBefore: 1, normAfter: 1 });
  });

  it('the linear unit x_T = w^T·x_0, by hand: dx_T/dw = T·x_0·w^(T−1)', () => {
    // T = 5, x_0 = 2, w = 0.5: 5 · 2 · 0.5⁴ = 0.625, exact in binary.
    expect(linearUnitGradient(0.5, 5, 2)).toEqual({ backprop: 0.625, formula: 0.625 });
    // One step: x_1 = w·x_0, so the derivative is x_0 whatever w is.
    expect(linearUnitGradient(3, 1, -1.5)).toEqual({ backprop: -1.5, formula: -1.5 });
  });
});
