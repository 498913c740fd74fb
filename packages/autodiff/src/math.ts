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
