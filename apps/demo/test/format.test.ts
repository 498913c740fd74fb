import { describe, expect, it } from 'vitest';
import { decadeLabel, formatNorm, formatNumber, formatTick } from '../src/render/format.js';

describe('formatNorm', () => {
  it('labels an exact zero (underflow) as "< 1e-308"', () => {
    expect(formatNorm(0)).toBe('< 1e-308');
    expect(formatNorm(-0)).toBe('< 1e-308');
  });
  it('writes mid-sized numbers plainly with 3 significant digits', () => {
    expect(formatNorm(0.5)).toBe('0.500');
    expect(formatNorm(12.345)).toBe('12.3');
    expect(formatNorm(0.0123)).toBe('0.0123');
    expect(formatNorm(999)).toBe('999');
  });
  it('switches to exponent form outside [0.01, 1000)', () => {
    expect(formatNorm(1.234e-5)).toBe('1.23e-5');
    expect(formatNorm(4.5e7)).toBe('4.50e7');
    expect(formatNorm(0.00999)).toBe('9.99e-3');
    expect(formatNorm(999.7)).toBe('1.00e3'); // rounds up out of the plain range
  });
  it('shows subnormal numbers as they are: they are not zero', () => {
    expect(formatNorm(1e-320)).toMatch(/^\d\.\d\de-32[01]$/);
    expect(formatNorm(5e-324)).toMatch(/e-324$/);
  });
  it('never prints Infinity or NaN', () => {
    expect(formatNorm(Infinity)).toBe('> 1.8e308');
    expect(formatNorm(NaN)).toBe('n/a');
    expect(formatNumber(-Infinity)).toBe('< -1.8e308');
  });
});

describe('formatNumber', () => {
  it('keeps 0 as "0" and signs as they are', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0.25)).toBe('-0.250');
    expect(formatNumber(-3e-9)).toBe('-3.00e-9');
  });
});

describe('axis labels', () => {
  it('decadeLabel', () => {
    expect([-3, 0, 1, 2].map(decadeLabel)).toEqual(['1e-3', '1', '10', '1e2']);
  });
  it('formatTick drops trailing zeros and keeps integers', () => {
    expect([100, -2, 0.5, 1.5, 0.25].map(formatTick)).toEqual(['100', '-2', '0.5', '1.5', '0.25']);
  });
});
