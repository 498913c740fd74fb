/**
 * What each point of a line plot is, for the renderers: an ordinary positive number, a subnormal
 * one (drawn at its value, but noted: float64 keeps fewer digits below 2.2e-308), one of the three
 * kinds of exact zero (figures.ts, `Zeros`), overflow, or nothing to draw.
 */
import type { Series } from './figures.js';
import { MIN_NORMAL, OVERFLOW_LABEL, ZERO_LABELS } from './format.js';

export type ZeroKind = keyof typeof ZERO_LABELS;
export type PointKind = 'value' | 'subnormal' | ZeroKind | 'overflow' | 'missing';

/** The kinds of zero, in the order their bands are drawn from the axis down. */
export const ZERO_KINDS: readonly ZeroKind[] = ['underflow', 'zero', 'structural'];

export function pointKind(series: Series, i: number): PointKind {
  const value = series.values[i];
  if (value === Infinity) return 'overflow';
  if (!(value >= 0)) return 'missing'; // NaN, negatives, −Infinity, a missing entry
  if (value === 0) {
    if (series.zeros?.structural?.includes(i)) return 'structural';
    if (series.zeros?.underflow?.includes(i)) return 'underflow';
    return 'zero';
  }
  return value < MIN_NORMAL ? 'subnormal' : 'value';
}

/** Every point's kind, series by series. */
export function pointKinds(series: readonly Series[]): PointKind[][] {
  return series.map((s) => s.values.map((_, i) => pointKind(s, i)));
}

/** The kinds of zero present, in band order. */
export function zeroBands(kinds: readonly (readonly PointKind[])[]): ZeroKind[] {
  const present = new Set(kinds.flat());
  return ZERO_KINDS.filter((k) => present.has(k));
}

/** A legend note for each kind of point that needs one, given the series (for the structural reasons). */
export function kindNotes(series: readonly Series[], kinds: readonly (readonly PointKind[])[]): string[] {
  const present = new Set(kinds.flat());
  const whys = [...new Set(series.flatMap((s, j) => (kinds[j].includes('structural') && s.zeros?.why !== undefined ? [s.zeros.why] : [])))];
  const notes: string[] = [];
  if (present.has('subnormal')) notes.push('below 2.2e-308: subnormal, a true value that float64 keeps with fewer digits');
  if (present.has('underflow')) notes.push(`${ZERO_LABELS.underflow}: the true value is above 0 but below 4.9e-324, float64's smallest`);
  if (present.has('zero')) notes.push(`${ZERO_LABELS.zero}: exactly 0`);
  if (present.has('structural')) notes.push(`${ZERO_LABELS.structural}: 0 by construction${whys.length > 0 ? ` (${whys.join('; ')})` : ''}`);
  if (present.has('overflow')) notes.push(`${OVERFLOW_LABEL}: overflow, too large for float64`);
  return notes;
}

/** How one point reads in a table of numbers (HTML, for instance). */
export function pointText(series: Series, i: number, format: (value: number) => string): string {
  const kind = pointKind(series, i);
  return kind === 'underflow' || kind === 'zero' || kind === 'structural' ? ZERO_LABELS[kind] : format(series.values[i] ?? NaN);
}
