import { describe, expect, it } from 'vitest';
import { decadeLabel, formatNorm, formatNumber, formatTick, logCell, MIN_NORMAL, zeroText } from '../src/render/format.js';

describe('formatNorm', () => {
  it('shows an exact zero as "0": without the experiment it cannot say whether it is structural or underflow', () => {
    expect(formatNorm(0)).toBe('0');
    expect(formatNorm(-0)).toBe('0');
  });
  it('zeroText names the kind of an exact zero the experiment knows, and leaves other values to formatNorm', () => {
    expect(zeroText(0, 'structural')).toBe('0 (structural)');
    expect(zeroText(0, 'underflow')).toBe('0 (underflow)');
    expect(zeroText(0, 'zero')).toBe('0');
    expect(zeroText(0, null)).toBe('0');
    // A nonzero value is never called a zero, whatever kind is passed.
    expect(zeroText(2.5e-10, 'underflow')).toBe('2.50e-10');
    expect(zeroText(1e-320, 'structural')).toBe('1.00e-320 (subnormal)');
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
  it('shows subnormal numbers as they are, marked subnormal: they are not zero', () => {
    expect(formatNorm(1e-320)).toBe('1.00e-320 (subnormal)');
    expect(formatNorm(5e-324)).toBe('4.94e-324 (subnormal)'); // 2^-1074 = 4.94065…e-324
    // 2^-1022 is the smallest normal number: not marked; the float just below it is.
    expect(MIN_NORMAL).toBe(2 ** -1022);
    expect(formatNorm(2 ** -1022)).toBe('2.23e-308');
    expect(formatNorm(2 ** -1022 - 2 ** -1074)).toBe('2.23e-308 (subnormal)');
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

describe('logCell', () => {
  it('keeps a finite log10, calls −∞ the log of 0 (not an overflow), and anything else no number', () => {
    expect(logCell(-0.25)).toBe(-0.25);
    expect(logCell(Math.log10(0))).toBe('−∞ (log10 of 0)');
    expect(logCell(-0.3 - Math.log10(0))).toBe('n/a'); // a rest computed from −∞
    expect(logCell(NaN)).toBe('n/a');
  });
});
