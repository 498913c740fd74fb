/**
 * Finding NaN and ±Infinity in a command's results (its --json data), so that a number that
 * overflowed is always named, with where it sits: "grad_h_norms[17] (t = 18) is NaN". With
 * --strict such a result ends the run with exit code 3.
 */
import type { JsonValue } from '../render/json.js';

export interface NonFinite {
  /** Where in the data: `grad_h_norms[17]`, `bound.sigma_max`. */
  readonly path: string;
  readonly value: number;
}

/** Every NaN or ±Infinity in `data`, in document order (at most `limit` of them). */
export function findNonFinite(data: JsonValue | undefined, limit = 1000): NonFinite[] {
  const found: NonFinite[] = [];
  const walk = (value: unknown, path: string): void => {
    if (found.length >= limit) return;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) found.push({ path, value });
    } else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const items = value as ArrayLike<unknown>;
      for (let i = 0; i < items.length && found.length < limit; i++) walk(items[i], `${path}[${i}]`);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, path === '' ? key : `${path}.${key}`);
    }
  };
  walk(data, '');
  return found;
}

/**
 * One line naming the first non-finite number and how many there are: per-step arrays are listed
 * first step first, so index i is step t = i + 1.
 */
export function describeNonFinite(found: readonly NonFinite[]): string {
  const first = found[0];
  const step = /\[(\d+)\]$/.exec(first.path);
  const where = step !== null && /norms\[\d+\]$/.test(first.path) ? ` (t = ${Number(step[1]) + 1})` : '';
  // No cause is named for an infinity: a norm that is Infinity overflowed, but a log10 that is
  // -Infinity is the log of an exact 0 (a ReLU's slope), and a difference of them is Infinity too.
  const what = Number.isNaN(first.value) ? 'NaN (not a number)' : first.value > 0 ? 'Infinity (not a finite number)' : '-Infinity (not a finite number)';
  const more = found.length > 1 ? `; ${found.length >= 1000 ? '1000 or more' : found.length} numbers in all are NaN or infinite` : '';
  return `${first.path}${where} is ${what}${more}`;
}
