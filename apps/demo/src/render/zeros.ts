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

/** One legend note: the kind of point it explains and what it says. */
export interface KindNote {
  readonly kind: 'subnormal' | ZeroKind | 'overflow';
  readonly text: string;
}

/** A legend note for each kind of point that needs one, given the series (for the structural reasons). */
export function kindNotes(series: readonly Series[], kinds: readonly (readonly PointKind[])[]): KindNote[] {
  const present = new Set(kinds.flat());
  const whys = [...new Set(series.flatMap((s, j) => (kinds[j].includes('structural') && s.zeros?.why !== undefined ? [s.zeros.why] : [])))];
  const notes: KindNote[] = [];
  if (present.has('subnormal')) notes.push({ kind: 'subnormal', text: 'below 2.2e-308: subnormal, a true value that float64 keeps with fewer digits' });
  if (present.has('underflow')) notes.push({ kind: 'underflow', text: `${ZERO_LABELS.underflow}: the true value is above 0 but below 4.9e-324, float64's smallest` });
  if (present.has('zero')) notes.push({ kind: 'zero', text: `${ZERO_LABELS.zero}: exactly 0` });
  if (present.has('structural')) notes.push({ kind: 'structural', text: `${ZERO_LABELS.structural}: 0 by construction${whys.length > 0 ? ` (${whys.join('; ')})` : ''}` });
  if (present.has('overflow')) notes.push({ kind: 'overflow', text: `${OVERFLOW_LABEL}: overflow, too large for float64` });
  return notes;
}

/** How one point reads in a table of numbers (HTML, for instance). */
export function pointText(series: Series, i: number, format: (value: number) => string): string {
  const kind = pointKind(series, i);
  return kind === 'underflow' || kind === 'zero' || kind === 'structural' ? ZERO_LABELS[kind] : format(series.values[i] ?? NaN);
}

/** What --json says about a curve's special values: the steps t (1-based) of each kind. */
export interface ZeroStepsJson {
  readonly [key: string]: number[];
  /** 0 by construction (e.g. step 1's term of dE/dW_hh, as h_0 = 0). */
  readonly structural_zero_steps: number[];
  /** 0 in float64, its true value above 0 but below 4.9e-324. */
  readonly underflow_steps: number[];
  /** 0, cause not stated. */
  readonly other_zero_steps: number[];
  /** Nonzero below 2.2e-308: real values with fewer digits. */
  readonly subnormal_steps: number[];
}

/** The JSON form of a curve's kinds of zero and its subnormals (the same classes the charts draw). */
export function zeroStepsJson(values: readonly number[], zeros?: Series['zeros']): ZeroStepsJson {
  const kinds = values.map((_, i) => pointKind({ name: '', values, zeros }, i));
  const steps = (kind: PointKind) => kinds.flatMap((k, i) => (k === kind ? [i + 1] : []));
  return { structural_zero_steps: steps('structural'), underflow_steps: steps('underflow'), other_zero_steps: steps('zero'), subnormal_steps: steps('subnormal') };
}

/**
 * A curve known by its log10 (a bound, computed in logs so it never underflows) as values to draw:
 * 10^l, and where that is 0 although l is finite, an underflow (the true value 10^l is above 0).
 */
export function fromLog10(logs: readonly number[]): { values: number[]; zeros: { structural: number[]; underflow: number[] } } {
  const values = logs.map((l) => 10 ** l);
  return { values, zeros: { structural: [], underflow: values.flatMap((v, i) => (v === 0 && Number.isFinite(logs[i]) ? [i] : [])) } };
}

/** A series' name for a legend, saying so when none of its values can be drawn (all NaN: nothing to plot). */
export function legendName(series: Series, kinds: readonly PointKind[]): string {
  return kinds.length > 0 && kinds.every((k) => k === 'missing') ? `${series.name} (not drawn: no value is a number)` : series.name;
}

/** A table cell for value i of a curve: the number itself, or for an exact 0 its label ("0 (structural)"). */
export function zeroCell(values: readonly number[], zeros: Series['zeros'], i: number): number | string {
  const kind = pointKind({ name: '', values, zeros }, i);
  return kind === 'underflow' || kind === 'zero' || kind === 'structural' ? ZERO_LABELS[kind] : values[i];
}
