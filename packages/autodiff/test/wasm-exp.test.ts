/**
 * expAll (the WebAssembly SIMD exponential, exp-kernel.ts) against Math.exp: within 2 ulp
 * wherever the result is a normal double, and exactly Math.exp's answer at the edges (±∞, NaN,
 * overflow, underflow to subnormals and 0), for every array length (the kernel works in groups).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { expAll } from '../src/fast/index.js';

/** Largest |a − b| / |b| over the arrays (b the reference). */
function worstRelativeError(actual: Float64Array, expected: readonly number[]): number {
  let worst = 0;
  expected.forEach((e, i) => (worst = Math.max(worst, Math.abs(actual[i] - e) / Math.abs(e))));
  return worst;
}

const ULP = 2 ** -52;

describe('expAll', () => {
  test.prop([fc.array(fc.double({ min: -708, max: 709, noNaN: true }), { minLength: 0, maxLength: 40 })], { numRuns: 200 })(
    'within 2 ulp of Math.exp across the kernel\'s range, any length',
    (values) => {
      const x = Float64Array.from(values);
      expect(worstRelativeError(expAll(x), values.map(Math.exp))).toBeLessThanOrEqual(2 * ULP);
    },
  );

  it('within 2 ulp on a fine grid of [−40, 40], where a network\'s gates live', () => {
    const values = Array.from({ length: 80001 }, (_, i) => -40 + i / 1000);
    expect(worstRelativeError(expAll(Float64Array.from(values)), values.map(Math.exp))).toBeLessThanOrEqual(2 * ULP);
  });

  it('the ends of its range within 2 ulp, and beyond them Math.exp\'s own answers', () => {
    const inside = [0, -0, 1, -1, 709, -708];
    const beyond = [709.78, 709.79, 800, Infinity, -708.5, -740, -745.2, -746, -1000, -Infinity, NaN];
    const result = Array.from(expAll(Float64Array.from([...inside, ...beyond])));
    expect(worstRelativeError(Float64Array.from(result.slice(0, inside.length)), inside.map(Math.exp))).toBeLessThanOrEqual(2 * ULP);
    expect(result.slice(inside.length)).toEqual(beyond.map(Math.exp)); // Infinity, subnormals, 0, NaN
  });

  it('in place (out = x), and an out of the wrong length is an error', () => {
    const x = Float64Array.of(0, 1, 2);
    expect(expAll(x, x)).toBe(x);
    expect(x[0]).toBe(1);
    expect(Math.abs(x[2] - Math.exp(2)) / Math.exp(2)).toBeLessThanOrEqual(2 * ULP);
    expect(() => expAll(Float64Array.of(1, 2), new Float64Array(3))).toThrow('expAll: out has 3 elements, x has 2');
  });
});
