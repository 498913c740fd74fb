/**
 * src/experiments/zeros.ts: which exact zeros are which. Each case is a curve written by hand so
 * that one rule applies: structural (listed), underflow (smooth, and the nearest later nonzero
 * value below 1e-250, or its trend reaching 1e-300 within the gap), or a zero with no cause stated.
 */
import { describe, expect, it } from 'vitest';
import { stepRanges, subnormalAt, zeroKinds } from '../../src/experiments/zeros.js';

describe('zeroKinds', () => {
  it('structural zeros are the listed indices whose value is 0, with the reason kept', () => {
    expect(zeroKinds([0, 1, 2], { structural: [0], why: 'h_0 = 0', smooth: true })).toEqual({ structural: [0], why: 'h_0 = 0', underflow: [] });
    // A listed index whose value is not 0 is not reported as a zero (a bug the caller would see).
    expect(zeroKinds([1, 1, 2], { structural: [0], smooth: true })).toEqual({ structural: [], underflow: [] });
    // No reason given: no `why` key at all.
    expect('why' in zeroKinds([0, 1], { structural: [0], smooth: true })).toBe(false);
  });

  it('underflow: a smooth curve whose nearest later nonzero value is below 1e-250', () => {
    expect(zeroKinds([0, 0, 1e-260, 1e-200], { smooth: true }).underflow).toEqual([0, 1]);
    // 1e-250 itself is not below 1e-250, and with no fall toward 0 (1e-250 < 1e-200: falling by
    // 1e-50 per step going back, so 1e-250 · 1e-50 = 1e-300, not below 1e-300 one step back) ...
    expect(zeroKinds([0, 1e-250, 1e-200], { smooth: true }).underflow).toEqual([]);
    // ... but two steps back it is (1e-350): index 0 only, index 1 is one step back (1e-300).
    expect(zeroKinds([0, 0, 1e-250, 1e-200], { smooth: true }).underflow).toEqual([0]);
  });

  it('underflow by the trend: the last two nonzero values fall fast enough to pass 1e-300 within the gap', () => {
    // next = 1e-100, after = 1e-50: factor 1e-50 per step; one step back 1e-150, not underflow.
    expect(zeroKinds([0, 1e-100, 1e-50], { smooth: true }).underflow).toEqual([]);
    // 4 steps back: 1e-100 · (1e-50)^4 = 1e-300, not below; 5 steps back: 1e-350, below.
    expect(zeroKinds([0, 0, 0, 0, 1e-100, 1e-50], { smooth: true }).underflow).toEqual([]);
    expect(zeroKinds([0, 0, 0, 0, 0, 1e-100, 1e-50], { smooth: true }).underflow).toEqual([0]);
    // A curve that grows going back (after < next) has no fall to extrapolate: factor 1.
    expect(zeroKinds([0, 0, 0, 0, 0, 1e-100, 1e-150], { smooth: true }).underflow).toEqual([]);
    // Zeros between the two values that give the trend are skipped only before `next`.
    expect(zeroKinds([0, 0, 0, 0, 0, 1e-100, 0, 1e-50], { smooth: true }).underflow).toEqual([]);
    // The value after must be finite to give a trend.
    expect(zeroKinds([0, 0, 0, 0, 0, 1e-100, Infinity], { smooth: true }).underflow).toEqual([]);
    // Equal neighbours: no fall.
    expect(zeroKinds([0, 0, 0, 0, 0, 1e-100, 1e-100], { smooth: true }).underflow).toEqual([]);
  });

  it('structural zeros are skipped when looking for the next nonzero value, and never called underflow', () => {
    expect(zeroKinds([0, 0, 1e-260], { structural: [1], smooth: true })).toEqual({ structural: [1], underflow: [0] });
    expect(zeroKinds([0, 1e-260], { structural: [0], smooth: true })).toEqual({ structural: [0], underflow: [] });
  });

  it('no cause stated: not smooth (a ReLU can make an exact 0), no nonzero value after it, or a large one', () => {
    expect(zeroKinds([0, 1e-260], { smooth: false }).underflow).toEqual([]);
    expect(zeroKinds([1, 0, 0], { smooth: true }).underflow).toEqual([]);
    expect(zeroKinds([0, 0.5, 1], { smooth: true }).underflow).toEqual([]);
    expect(zeroKinds([0, Infinity], { smooth: true }).underflow).toEqual([]);
    expect(zeroKinds([0, NaN], { smooth: true }).underflow).toEqual([]);
    expect(zeroKinds([0, -1e-260], { smooth: true }).underflow).toEqual([]);
    expect(zeroKinds([], { smooth: true })).toEqual({ structural: [], underflow: [] });
    // Tiny values that are not 0 are values, not underflow.
    expect(zeroKinds([1e-300, 1e-260, 0, 1e-260], { smooth: true }).underflow).toEqual([2]);
  });
});

describe('subnormalAt', () => {
  it('nonzero values below 2^−1022 = 2.2250738585072014e-308, and only those', () => {
    const minNormal = 2 ** -1022;
    expect(subnormalAt([0, 5e-324, minNormal * (1 - 2 ** -52), minNormal, 1, -1e-310, NaN])).toEqual([1, 2]);
    expect(subnormalAt([])).toEqual([]);
  });
});

describe('stepRanges', () => {
  it('1-based steps, runs joined with …, in order whatever the input order', () => {
    expect(stepRanges([0])).toBe('1');
    expect(stepRanges([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe('1…10');
    expect(stepRanges([21, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 14, 19, 20])).toBe('1…10, 15, 20…22');
    expect(stepRanges([4, 2])).toBe('3, 5');
    expect(stepRanges([1, 2])).toBe('2…3');
    expect(stepRanges([])).toBe('');
  });
});
