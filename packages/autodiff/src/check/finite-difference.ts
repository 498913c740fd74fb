/**
 * Central differences: the derivative a student computes by hand, used to check backprop.
 *
 *   f'(x) ≈ (f(x + h) − f(x − h)) / 2h
 *
 * The error has two parts: truncation, about f'''(x)·h²/6, which wants h small, and rounding,
 * about ε·|f(x)|/h (ε = 2.2e-16 in float64), which wants h large. Balancing them gives
 * h ≈ ε^(1/3) ≈ 6e-6 relative to the size of x; the default below is of that order.
 */

/** The step used for a coordinate of size |x|: relative for large x, absolute near 0. */
export function stepFor(x: number, relativeStep = 1e-6): number {
  return relativeStep * Math.max(1, Math.abs(x));
}

/** (f(x + h) − f(x − h)) / 2h for a function of one number. */
export function centralDifference(f: (x: number) => number, x: number, h = stepFor(x)): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/** How far a computed gradient is from a reference one, and whether it is within tolerance. */
export interface GradcheckResult {
  /** Whether every coordinate is within tolerance. */
  ok: boolean;
  /** max |analytic − numeric| over all coordinates. */
  maxAbsError: number;
  /** max |analytic − numeric| / max(|analytic|, |numeric|) over coordinates where either is nonzero. */
  maxRelError: number;
}

/** How close two gradients must be, coordinate by coordinate: |a − n| ≤ atol + rtol · |n|. */
export interface Tolerance {
  /** Relative tolerance (default 1e-6). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
}

/**
 * Compares two gradients coordinate by coordinate. A coordinate passes when
 * |analytic − numeric| ≤ atol + rtol · |numeric| (the rule of numpy.allclose and torch.allclose).
 */
export function compareGradients(
  analytic: ArrayLike<number>,
  numeric: ArrayLike<number>,
  { rtol = 1e-6, atol = 1e-8 }: Tolerance = {},
): GradcheckResult {
  if (analytic.length !== numeric.length) {
    throw new Error(`compareGradients: lengths differ, ${analytic.length} vs ${numeric.length}`);
  }
  let ok = true;
  let maxAbsError = 0;
  let maxRelError = 0;
  for (let i = 0; i < analytic.length; i++) {
    const a = analytic[i];
    const n = numeric[i];
    const err = Math.abs(a - n);
    if (!(err <= atol + rtol * Math.abs(n))) ok = false; // written so that NaN fails
    maxAbsError = Math.max(maxAbsError, err);
    const scale = Math.max(Math.abs(a), Math.abs(n));
    if (scale > 0) maxRelError = Math.max(maxRelError, err / scale);
  }
  return { ok, maxAbsError, maxRelError };
}
