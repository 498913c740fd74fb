import { Random } from '@chainrule/autodiff';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  ADDING_BASELINE_MSE,
  addingBatch,
  COPY_BLANK,
  COPY_DELIMITER,
  copyBaseline,
  copyBatch,
} from '../../src/experiments/tasks.js';

describe('adding problem', () => {
  test.prop([fc.integer({ min: 2, max: 60 }), fc.integer({ min: 1, max: 8 }), fc.integer()])(
    'one marker in each half; the target is the sum of the two marked values',
    (steps, batch, seed) => {
      const { inputs, targets } = addingBatch(steps, batch, new Random(seed));
      expect(inputs).toHaveLength(steps);
      const half = Math.floor(steps / 2);
      for (let i = 0; i < batch; i++) {
        const marked = inputs.map((step, t) => [t, step[i]] as const).filter(([, [, m]]) => m === 1);
        expect(marked).toHaveLength(2);
        expect(marked[0][0]).toBeLessThan(half);
        expect(marked[1][0]).toBeGreaterThanOrEqual(half);
        expect(targets[i][0]).toBeCloseTo(marked[0][1][0] + marked[1][1][0], 14);
        for (const step of inputs) expect(step[i][0] >= 0 && step[i][0] < 1).toBe(true);
      }
    },
  );

  // Seconds long: run by `pnpm test`, not for every mutant by `pnpm mutate` (vitest.stryker.config.ts).
  it.skipIf(process.env.CHAINRULE_MUTATE === '1')('predicting 1 gives MSE 1/6 (statistically, 200,000 sequences)', () => {
    const { targets } = addingBatch(10, 200_000, new Random(1));
    const mse = targets.reduce((s, [y]) => s + (y - 1) ** 2, 0) / targets.length;
    // Var((u1+u2−1)²) = E[(s−1)⁴] − (1/6)² = 1/15 − 1/36 ≈ 0.039: std of the mean ≈ 0.00044.
    expect(Math.abs(mse - ADDING_BASELINE_MSE)).toBeLessThan(0.002);
    expect(ADDING_BASELINE_MSE).toBe(1 / 6);
  });
});

describe('copying memory', () => {
  test.prop([fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 4 }), fc.integer()])(
    'ten symbols, blanks, the delimiter at T + 10, and the symbols again in the last ten steps',
    (delay, batch, seed) => {
      const { inputs, targets } = copyBatch(delay, batch, new Random(seed));
      expect(inputs).toHaveLength(delay + 20);
      for (let i = 0; i < batch; i++) {
        const column = inputs.map((step) => step[i]);
        const expected = targets.map((step) => step[i]);
        const symbols = column.slice(0, 10);
        for (const s of symbols) expect(s >= 1 && s <= 8).toBe(true);
        expect(column.slice(10, delay + 9).every((v) => v === COPY_BLANK)).toBe(true);
        expect(column[delay + 9]).toBe(COPY_DELIMITER);
        expect(column.slice(delay + 10).every((v) => v === COPY_BLANK)).toBe(true);
        expect(expected.slice(0, delay + 10).every((v) => v === COPY_BLANK)).toBe(true);
        expect(expected.slice(delay + 10)).toEqual(symbols);
      }
    },
  );

  it('the memoryless baseline is 10·ln 8 / (T + 20): Arjovsky et al.\'s figures', () => {
    expect(copyBaseline(100)).toBeCloseTo(0.1733, 4);
    expect(copyBaseline(200)).toBeCloseTo(0.0945, 4);
    expect(copyBaseline(300)).toBeCloseTo(0.065, 4);
    expect(copyBaseline(500)).toBeCloseTo(0.04, 4);
  });
});
