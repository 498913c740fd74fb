/**
 * Comparisons against reference numbers, recording the worst relative error seen per field so
 * a test file can print how close it came (not just that it passed).
 */
import { expect } from 'vitest';

export type Numbers = ArrayLike<number> | readonly (readonly number[])[];

const worst = new Map<string, number>();

function flat(values: Numbers | number): number[] {
  if (typeof values === 'number') return [values];
  return Array.from(values as ArrayLike<number | readonly number[]>).flatMap((v) => (typeof v === 'number' ? [v] : [...v]));
}

function note(field: string, error: number): void {
  worst.set(field, Math.max(worst.get(field) ?? 0, error));
}

/** Every |actual − expected| ≤ rtol · max|expected| (relative to the array's largest entry). */
export function expectArrayClose(actual: Numbers | number, expected: Numbers | number, rtol: number, field: string): void {
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length, `${field}: length`).toBe(e.length);
  const scale = Math.max(...e.map(Math.abs));
  let error = 0;
  a.forEach((v, i) => {
    error = Math.max(error, scale === 0 ? Math.abs(v - e[i]) : Math.abs(v - e[i]) / scale);
  });
  note(field, error);
  expect(error, `${field}: error relative to the largest entry`).toBeLessThanOrEqual(rtol);
}

/** Every entry within rtol of its own reference value: |a − e| ≤ rtol · |e| (so an exact 0 must be 0). */
export function expectEachClose(actual: Numbers | number, expected: Numbers | number, rtol: number, field: string): void {
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length, `${field}: length`).toBe(e.length);
  let error = 0;
  a.forEach((v, i) => {
    const err = Math.abs(v - e[i]);
    error = Math.max(error, e[i] === 0 ? (err === 0 ? 0 : Infinity) : err / Math.abs(e[i]));
  });
  note(field, error);
  expect(error, `${field}: elementwise relative error`).toBeLessThanOrEqual(rtol);
}

/** The worst errors seen so far, one line per field. */
export function worstErrors(): string {
  return [...worst].map(([field, error]) => `${field.padEnd(28)} ${error.toExponential(2)}`).join('\n');
}

/** ||v||₂ of the numbers of a tensor or array. */
export function norm(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  return Math.sqrt(s);
}

/** Every |actual − expected| ≤ 1e-12 · max(1, |expected|): entry by entry, absolute below 1. */
export function expectEntriesClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  let worstHere = 0;
  for (let i = 0; i < expected.length; i++) worstHere = Math.max(worstHere, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  expect(worstHere, what).toBeLessThanOrEqual(1e-12);
}
