/**
 * Gradient norm clipping (Pascanu, Mikolov & Bengio 2013, Algorithm 1): when the gradient
 * explodes, keep its direction and cut its length.
 *
 *   ĝ = all gradients as one vector;  if ||ĝ|| ≥ threshold:  ĝ ← (threshold / ||ĝ||) · ĝ
 *
 * As torch.nn.utils.clip_grad_norm_: the coefficient is maxNorm / (||ĝ|| + 1e-6), applied only
 * when it is below 1, so a clipped gradient's norm is maxNorm·||ĝ||/(||ĝ|| + 1e-6), a hair under
 * maxNorm. Returns ||ĝ|| before clipping (log it: spikes are the exploding gradients).
 */
import type { Tensor } from '@chainrule/autodiff';
import { checkTensorIterable, show } from '../checks.js';

/**
 * Scales the `.grad` of `params` in place (each tensor's .grad owns its array) so their total 2-norm is at most `maxNorm`, and
 * returns the total norm before clipping. Parameters without a gradient are skipped. If the
 * norm is not finite (an overflow or NaN upstream), the gradients are left as they are and
 * the norm is returned for the caller to act on (e.g. skip the step).
 */
export function clipGradNorm(params: Iterable<Tensor>, maxNorm: number): number {
  if (typeof maxNorm !== 'number' || !(maxNorm > 0)) throw new Error(`clipGradNorm: maxNorm must be positive, got ${show(maxNorm)}`);
  const grads = checkTensorIterable('clipGradNorm', 'params', params).flatMap((p) => (p.grad === null ? [] : [p.grad.data]));
  const total = euclideanNorm(grads);
  const coefficient = maxNorm / (total + 1e-6);
  if (coefficient < 1 && Number.isFinite(total)) {
    for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= coefficient;
  }
  return total;
}

/**
 * √(Σ g²) over several arrays. Scaled by the largest |g| first, so gradients above 1e154,
 * whose squares would overflow to Infinity, still get a finite norm.
 */
function euclideanNorm(arrays: readonly Float64Array[]): number {
  let largest = 0;
  for (const a of arrays) for (const v of a) largest = Math.max(largest, Math.abs(v));
  if (largest === 0 || !Number.isFinite(largest)) return largest;
  let sumOfSquares = 0;
  for (const a of arrays) {
    for (const v of a) sumOfSquares += (v / largest) ** 2;
  }
  return largest * Math.sqrt(sumOfSquares);
}
