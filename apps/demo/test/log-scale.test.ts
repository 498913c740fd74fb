import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { logAxis, logPosition } from '../src/render/log-scale.js';
import { niceTicks } from '../src/render/ticks.js';

describe('logPosition', () => {
  it('places positive numbers by log10 and sends the rest to bands or gaps', () => {
    expect(logPosition(1000)).toEqual({ kind: 'value', log: 3 });
    expect(logPosition(0)).toEqual({ kind: 'under' });
    // A subnormal is a value: it has its place on the axis (log10 of 2^-1074 = -1074·log10 2).
    expect(logPosition(1e-320)).toEqual({ kind: 'value', log: Math.log10(1e-320) });
    expect((logPosition(2 ** -1074) as { log: number }).log).toBeCloseTo(-1074 * Math.LOG10E * Math.LN2, 10);
    expect(logPosition(-0)).toEqual({ kind: 'under' });
    expect(logPosition(Infinity)).toEqual({ kind: 'over' });
    expect(logPosition(NaN)).toEqual({ kind: 'missing' });
    expect(logPosition(-1)).toEqual({ kind: 'missing' });
  });
});

describe('logAxis', () => {
  it('covers the data with whole decades and a tick on each when they are few', () => {
    const axis = logAxis([0.002, 0.5, 40]);
    expect([axis.lo, axis.hi, axis.step]).toEqual([-3, 2, 1]);
    expect(axis.ticks).toEqual([-3, -2, -1, 0, 1, 2]);
    expect(axis.hasUnder || axis.hasOver).toBe(false);
  });
  it('thins the ticks over hundreds of decades and notes zeros', () => {
    const axis = logAxis([0, 1e-300, 1e10], 8);
    expect(axis.hasUnder).toBe(true);
    expect(axis.lo).toBe(-300);
    expect(axis.ticks.length).toBeLessThanOrEqual(8);
    expect(axis.ticks.every((k) => k % axis.step === 0)).toBe(true);
  });
  it('gives equal values room around them', () => {
    const axis = logAxis([1, 1, 1]);
    expect(axis.lo).toBeLessThan(0);
    expect(axis.hi).toBeGreaterThan(0);
  });
  it('reaches down to the smallest subnormal, 4.9e-324, and no further', () => {
    const axis = logAxis([5e-324, 1]);
    expect(axis.lo).toBe(-324);
    expect(axis.hasUnder).toBe(false);
  });
  it('handles all zeros and no values', () => {
    // Only zeros: the band sits under the lowest decade a float64 can reach (10^-324).
    expect(logAxis([0, 0]).lo).toBe(-324);
    expect(logAxis([0, 0]).hasUnder).toBe(true);
    const empty = logAxis([]);
    expect(empty.lo).toBeLessThan(empty.hi);
  });
  test.prop([fc.array(fc.double({ min: 0, noNaN: true }), { maxLength: 30 }), fc.integer({ min: 2, max: 12 })])(
    'always: integer bounds, lo < hi, every drawable value inside, at most maxTicks ticks',
    (values, maxTicks) => {
      const axis = logAxis(values, maxTicks);
      expect(Number.isInteger(axis.lo) && Number.isInteger(axis.hi)).toBe(true);
      expect(axis.lo).toBeLessThan(axis.hi);
      expect(axis.ticks.length).toBeLessThanOrEqual(maxTicks);
      for (const v of values) {
        const p = logPosition(v);
        if (p.kind === 'value') {
          expect(p.log).toBeGreaterThanOrEqual(axis.lo - 1e-9);
          expect(p.log).toBeLessThanOrEqual(axis.hi + 1e-9);
        }
      }
    },
  );
});

describe('niceTicks', () => {
  it('picks round steps', () => {
    expect(niceTicks(1, 100, 6)).toEqual([20, 40, 60, 80, 100]);
    expect(niceTicks(-2, 2, 5)).toEqual([-2, -1, 0, 1, 2]);
    expect(niceTicks(0, 1, 3)).toEqual([0, 0.5, 1]);
    expect(niceTicks(5, 5, 4)).toEqual([5]);
  });
});
