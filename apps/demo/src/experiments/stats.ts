/** Small numeric helpers the experiments share: log scales that survive exact zeros, fits. */
import { fromArray, spectralNorm, type Tensor } from '@chainrule/autodiff';

/** The smallest normal float64 (2^−1022): below it a number is subnormal, with fewer than 53 bits. */
export const MIN_NORMAL = 2.2250738585072014e-308;

/** log10(x), or null where it is not a number the fit can use: 0, a negative, ±∞ or NaN. */
export function log10OrNull(x: number): number | null {
  return x > 0 && x < Infinity ? Math.log10(x) : null;
}

/** The index of the first value that is not finite (±∞, NaN), or −1. */
export function firstNonFinite(values: readonly number[]): number {
  return values.findIndex((v) => !Number.isFinite(v));
}

/** The arithmetic mean (NaN for no values). */
export function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

export interface LineFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination: 1 for points exactly on a line. */
  r2: number;
  /** How many points were fitted (nulls are skipped). */
  points: number;
}

/** Least-squares line y = slope·x + intercept through the points whose y is not null. */
export function fitLine(xs: readonly number[], ys: readonly (number | null)[]): LineFit {
  const pairs = xs.map((x, i) => [x, ys[i]] as const).filter((p): p is readonly [number, number] => p[1] !== null);
  const n = pairs.length;
  if (n < 2) return { slope: NaN, intercept: NaN, r2: NaN, points: n };
  const mx = pairs.reduce((s, [x]) => s + x, 0) / n;
  const my = pairs.reduce((s, [, y]) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
    syy += (y - my) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy), points: n };
}

/**
 * How a gradient's size changes going back in time: a line through log10 of the norms against
 * the number of steps back from T (norms[i] is step i + 1; exact zeros are left out). The slope
 * is in decades per step: −1 means ten times smaller at every step back.
 */
export function decayPerStepBack(norms: readonly number[]): LineFit {
  return fitLine(
    norms.map((_, i) => norms.length - 1 - i),
    norms.map(log10OrNull),
  );
}

/** Steps back from T until the norm first drops below `threshold` (null if it never does). */
export function stepsBackUntilBelow(norms: readonly number[], threshold: number): number | null {
  const stepsBack = [...norms].reverse().findIndex((g) => g < threshold);
  return stepsBack < 0 ? null : stepsBack;
}

/** σ_max(W), the largest singular value. */
export function sigmaMax(w: Tensor): number {
  return spectralNorm(w);
}

/**
 * The spectral radius ρ(W) = max |eigenvalue|, by Gelfand's formula ρ = lim ||W^k||^(1/k):
 * square W ten times (k = 1024), rescaling each time so nothing overflows. The result is
 * within a factor n^(1/1024) of ρ (0.4% for n = 50).
 */
export function spectralRadius(w: Tensor): number {
  const n = w.shape[0];
  let m: Float64Array = w.data.slice();
  let logScale = 0; // log of the factor divided out so far, for W^(2^i)
  for (let i = 0; i < 10; i++) {
    const size = Math.sqrt(m.reduce((s, v) => s + v * v, 0));
    if (size === 0) return 0;
    m = m.map((v) => v / size);
    logScale = 2 * (logScale + Math.log(size));
    const squared = fromArray(m, [n, n]).matmul(fromArray(m, [n, n]));
    m = squared.data;
  }
  const size = Math.sqrt(m.reduce((s, v) => s + v * v, 0));
  if (size === 0) return 0;
  return Math.exp((logScale + Math.log(size)) / 1024);
}

/** Euclidean norm of a vector of numbers. */
export function norm2(v: readonly number[] | Float64Array): number {
  let big = 0;
  for (const x of v) big = Math.max(big, Math.abs(x));
  if (big === 0) return 0;
  let s = 0;
  for (const x of v) s += (x / big) ** 2;
  return big * Math.sqrt(s);
}
