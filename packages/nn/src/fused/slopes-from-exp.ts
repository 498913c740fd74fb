/**
 * σ′ and tanh′ from the exponentials the fused LSTM computes anyway, without cancellation.
 *
 * The textbook writes the slopes with the outputs, σ′ = y(1 − y) and tanh′ = 1 − y², and in
 * saturation those cancel: at a = 40, y(1 − y) and 1 − tanh² are exactly 0 although the slopes
 * are 4.2e-18 and 7.2e-35 (see @chainrule/autodiff's math.ts). Both slopes are even in a. Given
 * e = e^x, with x = −a (σ) or x = 2a (tanh), let m = e^(−|x|) ≤ 1: e itself when e ≤ 1, else 1/e;
 * then
 *
 *   σ′(a) = m / (1 + m)²,     tanh′(a) = 4m / (1 + m)²
 *
 * which never overflow (m ≤ 1) and never cancel. One case needs x itself: when e^x overflowed to
 * ∞ (x > 709.8), 1/e would be 0 although e^(−x) is not (yet): tanh′(360) = 8e-313 is such a case,
 * e^720 being ∞. A few units in the last place, relative (test/fused-slopes.test.ts checks them
 * against a 256-bit reference).
 */

/** e^(−|x|) given e = e^x (and x, for when e^x overflowed). */
function smallSide(e: number, x: number): number {
  if (e <= 1) return e;
  return e < Infinity ? 1 / e : Math.exp(-x);
}

/** σ′(a) given e = e^(−a) (and −a). */
export function sigmoidSlopeFromExp(e: number, minusA: number): number {
  const m = smallSide(e, minusA);
  const d = 1 + m;
  return m / (d * d);
}

/** tanh′(a) given e = e^(2a) (and 2a). */
export function tanhSlopeFromExp(e: number, twoA: number): number {
  const m = smallSide(e, twoA);
  const d = 1 + m;
  return (4 * m) / (d * d);
}
