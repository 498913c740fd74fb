/**
 * The log10 axis shared by the terminal chart, the heatmaps and the SVG plots: which decades it spans,
 * where its ticks go, and where values it cannot place (0, +Infinity, NaN) are drawn instead.
 */
import { FLOOR } from './format.js';

/** Where one value goes on a log axis. */
export type LogPosition =
  | { readonly kind: 'value'; readonly log: number }
  | { readonly kind: 'under' } // 0 ≤ v < 1e-308: the floor band
  | { readonly kind: 'over' } // +Infinity: the overflow band
  | { readonly kind: 'missing' }; // NaN, negative, −Infinity: not drawn

const UNDER: LogPosition = { kind: 'under' };
const OVER: LogPosition = { kind: 'over' };
const MISSING: LogPosition = { kind: 'missing' };

export function logPosition(value: number): LogPosition {
  if (value === Infinity) return OVER;
  if (!(value >= 0)) return MISSING; // NaN, negatives, −Infinity
  if (value < FLOOR) return UNDER;
  return { kind: 'value', log: Math.log10(value) };
}

export const FLOOR_DECADE = -308;
/** Above the largest float64 (≈ 1.8e308): the axis never needs to go higher. */
export const CEILING_DECADE = 309;

export interface LogAxis {
  /** The axis spans 10^lo .. 10^hi; integers, lo < hi, -308 ≤ lo, hi ≤ 309 unless the data needs more. */
  readonly lo: number;
  readonly hi: number;
  /** Decades between labelled ticks. */
  readonly step: number;
  /** Labelled decades k (tick at 10^k), ascending, all within [lo, hi]. */
  readonly ticks: readonly number[];
  /** Some value was below 1e-308 (exact zeros from underflow): draw the floor band. */
  readonly hasUnder: boolean;
  /** Some value was +Infinity: draw the overflow band. */
  readonly hasOver: boolean;
}

const STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200] as const;

/**
 * The decades covering every drawable value, widened to whole ticks, with at most `maxTicks` labelled
 * ticks. With no positive finite value the axis is 10^-1..10^1 (or just above the floor).
 */
export function logAxis(values: Iterable<number>, maxTicks = 8): LogAxis {
  let min = Infinity;
  let max = -Infinity;
  let hasUnder = false;
  let hasOver = false;
  for (const value of values) {
    const position = logPosition(value);
    if (position.kind === 'value') {
      min = Math.min(min, position.log);
      max = Math.max(max, position.log);
    } else if (position.kind === 'under') hasUnder = true;
    else if (position.kind === 'over') hasOver = true;
  }
  let lo: number;
  let hi: number;
  if (min === Infinity) {
    [lo, hi] = hasUnder && !hasOver ? [FLOOR_DECADE, FLOOR_DECADE + 1] : [-1, 1];
  } else {
    lo = Math.max(FLOOR_DECADE, Math.floor(min));
    hi = Math.ceil(max);
    if (hi <= lo) {
      // One decade's worth of equal values: put them mid-axis.
      if (lo > FLOOR_DECADE) lo -= 1;
      hi = lo + 2;
    }
  }
  const wanted = Math.max(2, maxTicks);
  const step = STEPS.find((s) => Math.ceil(hi / s) - Math.floor(lo / s) + 1 <= wanted) ?? 500;
  lo = Math.max(FLOOR_DECADE, Math.floor(lo / step) * step);
  hi = Math.max(hi, Math.min(CEILING_DECADE, Math.ceil(hi / step) * step));
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step) * step; k <= hi; k += step) ticks.push(k);
  return { lo, hi, step, ticks, hasUnder, hasOver };
}

/** 0 at the bottom of the axis (10^lo), 1 at the top (10^hi). */
export function axisFraction(axis: LogAxis, log: number): number {
  return (log - axis.lo) / (axis.hi - axis.lo);
}
