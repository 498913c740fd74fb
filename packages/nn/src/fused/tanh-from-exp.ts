/**
 * tanh(a) given e^(2a): 1 − 2 / (1 + e^(2a)). The fused LSTM computes all of a step's
 * exponentials at once (`expAll`, WebAssembly SIMD) and turns them into σ and tanh with one
 * division each.
 *
 * Near 0 that subtraction cancels: its error is about 3e-16 absolute, so about 3e-16/|a|
 * relative. For |a| < 1/16 the Taylor series takes over,
 *   tanh(a) = a − a³/3 + 2a⁵/15 − 17a⁷/315 + 62a⁹/2835 − …,
 * whose first dropped term is below 1e-14 relative there. Either way: within about 1e-14 of tanh.
 */
export function tanhFromExp(a: number, expTwoA: number): number {
  if (Math.abs(a) < 1 / 16) {
    const a2 = a * a;
    return a * (1 + a2 * (-1 / 3 + a2 * (2 / 15 + a2 * (-17 / 315 + a2 * (62 / 2835)))));
  }
  return 1 - 2 / (1 + expTwoA);
}
