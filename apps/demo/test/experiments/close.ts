import { expect } from 'vitest';

/** |a − b| ≤ rtol·|b|: a relative tolerance, for numbers that can span many orders of magnitude. */
export const close = (a: number, b: number, rtol = 1e-12) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rtol * Math.abs(b));
