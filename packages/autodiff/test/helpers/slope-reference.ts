/**
 * σ′(a) and tanh′(a) to far more digits than float64 holds, for checking the engines' slopes in
 * saturation, where float64 formulas written with the output (y(1 − y), 1 − y²) cancel to 0.
 *
 * Everything is exact integer arithmetic on BigInt, in fixed point with 320 fraction bits:
 *   x = n·ln 2 + r, 0 ≤ r < ln 2      (ln 2 = Σ_k 1/(k·2^k), summed to 320 bits)
 *   e^(−x) = 2^(−n) · e^(−r)           (e^(−r) by its Taylor series)
 *   σ′(a) = E / (1 + E)²  with E = e^(−|a|),    tanh′(a) = 4E / (1 + E)²  with E = e^(−2|a|)
 * then one conversion to the nearest float64 (twice rounded only where the result is subnormal).
 * Each step loses at most a few units of 2^−320, so the result is right to about 1e-90 relative
 * before that conversion. The test of this file checks a few values against mpmath.
 */
const BITS = 320n;
const ONE = 1n << BITS;

/** ln 2 in fixed point, from ln 2 = Σ_{k≥1} 1 / (k·2^k), with 32 guard bits. */
const LN2: bigint = (() => {
  const guard = 32n;
  const one = 1n << (BITS + guard);
  let sum = 0n;
  for (let k = 1n; k <= BITS + guard + 8n; k++) sum += one / (k << k);
  return sum >> guard;
})();

/** A non-negative double as a fixed-point BigInt (exactly, when it has no bits below 2^−320). */
function toFixed(x: number): bigint {
  if (!(x >= 0) || !Number.isFinite(x)) throw new RangeError(`slope reference: expected a finite x ≥ 0, got ${x}`);
  if (x === 0) return 0n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponentField = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // x = mantissa · 2^exponent
  const mantissa = exponentField === 0 ? fraction : fraction | (1n << 52n);
  const exponent = BigInt((exponentField === 0 ? 1 : exponentField) - 1075);
  const shift = BITS + exponent;
  return shift >= 0n ? mantissa << shift : mantissa >> -shift;
}

/** e^(−x) for x ≥ 0 as (R, n): e^(−x) = R·2^(−n), R in fixed point, 1/2 < R ≤ 1. */
function expMinus(x: bigint): { R: bigint; n: bigint } {
  const n = x / LN2;
  const r = x - n * LN2; // 0 ≤ r < ln 2
  let term = ONE;
  let sum = ONE;
  for (let k = 1n; term !== 0n; k++) {
    term = -((term * r) >> BITS) / k; // (−r)^k / k!
    sum += term;
  }
  return { R: sum, n };
}

/** factor · E / (1 + E)², E = e^(−x), as the nearest float64 (x ≥ 0, a double). */
function slope(x: number, factor: bigint): number {
  const { R, n } = expMinus(toFixed(x));
  const denominator = ONE + (n > BITS ? 0n : R >> n); // 1 + E, fixed point
  // q = factor · R / (1 + E)², fixed point; the value is q · 2^(−n − BITS).
  const q = (factor * R * ONE * ONE) / (denominator * denominator);
  // q has about BITS bits: shift it to 64 bits (the dropped ones only round), then scale in steps
  // that stay normal until the last one, so the result is rounded to float64 at most twice.
  const length = BigInt(q.toString(2).length);
  const drop = length > 64n ? length - 64n : 0n;
  const sticky = drop > 0n && (q & ((1n << drop) - 1n)) !== 0n ? 1n : 0n; // keep "inexact" for the rounding
  let value = Number((q >> drop) | sticky);
  let exponent = Number(drop) - Number(n) - Number(BITS); // value · 2^exponent
  while (exponent < 0 && value !== 0) {
    const step = Math.max(exponent, -960);
    value *= 2 ** step;
    exponent -= step;
  }
  return value * 2 ** exponent;
}

/** σ′(a) = σ(a)·(1 − σ(a)), correctly rounded to float64 (but for double rounding below 2.2e-308). */
export function sigmoidSlopeReference(a: number): number {
  return slope(Math.abs(a), 1n);
}

/** tanh′(a) = 1 − tanh²(a), likewise. */
export function tanhSlopeReference(a: number): number {
  return slope(2 * Math.abs(a), 4n);
}

/** The smallest normal float64: below it a number is subnormal and keeps fewer than 53 bits. */
export const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * How far an engine's slope may be from the reference: 8 units in the last place, relative, for a
 * normal result (a handful of roundings); and where the result is subnormal, 4 units of its last
 * place (2^−1074), since a subnormal intermediate keeps only the digits above 2^−1074.
 */
export function slopeTolerance(reference: number): number {
  return 8 * Number.EPSILON * reference + 4 * Number.MIN_VALUE;
}
