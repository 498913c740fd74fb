/**
 * σ(x) = 1 / (1 + e^(−x)), written so that e^(...) never overflows: for x < 0 it uses the
 * equal form e^x / (1 + e^x). σ(±1000) is exactly 1 or 0, never NaN. Shared by `Value` and
 * the tensor kernels.
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/*
 * The slopes σ′ and tanh′, from the pre-activation a rather than from the output y.
 *
 * The textbook writes them with the output: σ′ = y(1 − y), tanh′ = 1 − y². In saturation y is
 * within rounding of 1, and 1 − y cancels: at a = 40, σ(40) rounds to exactly 1, so y(1 − y) is 0
 * although σ′(40) = 4.2e-18; tanh′(40) = 7.2e-35 comes out as 0 the same way, and σ′(20) is off by
 * 3.6e-8 relative. A tool that measures how small a gradient gets must not make its zeros.
 *
 * Both slopes are even functions of a. With e = e^(−|a|) ≤ 1 nothing overflows and nothing
 * cancels:
 *   σ′(a) = e / (1 + e)²                     (= σ(a) · σ(−a))
 *   tanh′(a) = 4e / (1 + e)²,  e = e^(−2|a|)  (= 1 / cosh²(a) = 4 σ′(2a))
 * a handful of roundings each, so a few units in the last place, relative, wherever the slope is
 * a normal float64 (test/slopes.property.test.ts checks every engine against a 256-bit reference
 * for |a| up to 700). Below 2.2e-308 the slope is subnormal and keeps fewer digits, as any
 * float64 there does; beyond |a| ≈ 745 (σ′) or 372 (tanh′) it is below 4.9e-324 and is 0.
 */

/** σ′(a) = σ(a)(1 − σ(a)), relatively exact for every a (see above). */
export function sigmoidSlope(a: number): number {
  const e = Math.exp(-Math.abs(a));
  const d = 1 + e;
  return e / (d * d);
}

/** tanh′(a) = 1 − tanh²(a), relatively exact for every a (see above). */
export function tanhSlope(a: number): number {
  const e = Math.exp(-2 * Math.abs(a));
  const d = 1 + e;
  return (4 * e) / (d * d);
}
