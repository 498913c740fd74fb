import { describe, expect, it } from 'vitest';
import { randomSequence } from '../../src/experiments/sequence.js';

describe('randomSequence', () => {
  it('has T steps of I numbers and a target of H numbers', () => {
    const { inputs, target } = randomSequence(7, 3, 5, 1);
    expect(inputs).toHaveLength(7);
    for (const x of inputs) expect(x).toHaveLength(3);
    expect(target).toHaveLength(5);
  });

  it('keeps the target inside (0, 1), where a sigmoid state can reach it', () => {
    for (const y of randomSequence(1, 1, 1000, 3).target) {
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(1);
    }
  });

  it('draws inputs centred on 0 with spread 1, as N(0, 1) does', () => {
    const xs = randomSequence(2000, 5, 1, 4).inputs.flat();
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    // 10,000 draws: the standard error of the mean is 0.01, that of the variance about 0.014.
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.07);
  });

  it('gives the same numbers for the same seed and different ones for another', () => {
    expect(randomSequence(4, 2, 3, 9)).toEqual(randomSequence(4, 2, 3, 9));
    expect(randomSequence(4, 2, 3, 9).inputs).not.toEqual(randomSequence(4, 2, 3, 10).inputs);
  });
});
