/**
 * The log10 axis shared by the terminal chart, the heatmaps and the SVG plots: which decades it spans,
 * where its ticks go, and where values it cannot place (0, +Infinity, NaN) are drawn instead. Every
 * positive float64 has a place on it, the subnormals down to 4.9e-324 included.
 */

/** Where one value goes on a log axis. */
export type LogPosition =
  | { readonly kind: 'value'; readonly log: number }
  | { readonly kind: 'under' } // an exact 0: a band below the axis
  | { readonly kind: 'over' } // +Infinity: the overflow band
  | { readonly kind: 'missing' }; // NaN, negative, −Infinity: not drawn

const UNDER: LogPosition = { kind: 'under' };
const OVER: LogPosition = { kind: 'over' };
const MISSING: LogPosition = { kind: 'missing' };

export function logPosition(value: number): LogPosition {
  if (value === Infinity) return OVER;
  if (!(value >= 0)) return MISSING; // NaN, negatives, −Infinity
  if (value === 0) return UNDER;
  return { kind: 'value', log: Math.log10(value) };
}

/** Below the smallest positive float64 (4.9e-324): the axis never needs to go lower. */
export const FLOOR_DECADE = -324;
/** Above the largest float64 (≈ 1.8e308): the axis never needs to go higher. */
export const CEILING_DECADE = 309;

export interface LogAxis {
  /**
   * The axis spans 10^lo .. 10^hi; lo < hi, -324 ≤ lo, hi ≤ 309. Integers
   * (whole decades), except on a zoomed axis (logAxis's `zoom`), whose ends are ticks like 0.5 or 2.
   */
  readonly lo: number;
  readonly hi: number;
  /** Decades between labelled ticks (0 on a zoomed axis, whose ticks are not evenly spaced in log). */
  readonly step: number;
  /**
   * Labelled ticks as log10 of their value, ascending, all within [lo, hi]: whole decades k (10^k),
   * or on a zoomed axis log10 of round values like 0.5, 1, 2.
   */
  readonly ticks: readonly number[];
  /** Some value was an exact 0: draw a band (or bands) below the axis. */
  readonly hasUnder: boolean;
  /** Some value was +Infinity: draw the overflow band. */
  readonly hasOver: boolean;
}

const STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200] as const;

/**
 * The decades covering every drawable value, widened to whole ticks, with at most `maxTicks` labelled
 * ticks. With no positive finite value the axis is 10^-1..10^1 (or just above the floor).
 */
export function logAxis(values: Iterable<number>, maxTicks = 8, options: { readonly zoom?: boolean } = {}): LogAxis {
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
  // Zoom within one decade, away from the ends of float64 (whose round neighbours would not be finite).
  const zoomable = min !== Infinity && max - min < 1 && min > FLOOR_DECADE + 2 && max < CEILING_DECADE - 3;
  if (options.zoom === true && !hasUnder && !hasOver && zoomable) return zoomedAxis(min, max, maxTicks);
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

/** Round values per decade, finer the narrower the data: 1-2-5, then 1-1.5-2-3-5-7, then finer still. */
const MANTISSAS = [
  [1, 2, 5],
  [1, 1.5, 2, 3, 5, 7],
  [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8],
] as const;

/**
 * For data within one decade (say losses between 0.6 and 1.2): the axis runs from the round value
 * just below the smallest to the one just above the largest, so the curves fill the chart instead
 * of a row or two of a whole-decade axis.
 */
function zoomedAxis(min: number, max: number, maxTicks: number): LogAxis {
  const wanted = Math.max(3, maxTicks);
  const eps = 1e-12;
  let chosen: number[] = [];
  for (const mantissas of MANTISSAS) {
    const candidates: number[] = [];
    for (let k = Math.floor(min) - 1; k <= Math.ceil(max) + 1; k++) for (const m of mantissas) candidates.push(k + Math.log10(m));
    let lo = Math.max(...candidates.filter((c) => c <= min + eps));
    let hi = Math.min(...candidates.filter((c) => c >= max - eps));
    if (hi - lo < eps) {
      // All values on one round number: one step either side.
      lo = Math.max(...candidates.filter((c) => c < lo - eps));
      hi = Math.min(...candidates.filter((c) => c > hi + eps));
    }
    const ticks = candidates.filter((c) => c >= lo - eps && c <= hi + eps);
    // The finest round values that still give at most `wanted` ticks: the tightest axis.
    if (ticks.length > wanted && chosen.length > 0) break;
    chosen = ticks;
  }
  return { lo: chosen[0], hi: chosen[chosen.length - 1], step: 0, ticks: chosen, hasUnder: false, hasOver: false };
}

/** A tick's label: 1e-20, 1, 10 for whole decades; 0.5, 2, 1.5 on a zoomed axis (step 0). */
export function logTickLabel(axis: LogAxis, log: number): string {
  if (axis.step === 0) return String(Number((10 ** log).toPrecision(3)));
  const k = Math.round(log);
  return k === 0 ? '1' : k === 1 ? '10' : `1e${k}`;
}

/** 0 at the bottom of the axis (10^lo), 1 at the top (10^hi). */
export function axisFraction(axis: LogAxis, log: number): number {
  return (log - axis.lo) / (axis.hi - axis.lo);
}
