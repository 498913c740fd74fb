/**
 * gradgradcheck: second derivatives, checked. The gradient of f, recorded so it can be
 * differentiated again (`createGraph`), is itself a function of the inputs,
 *
 *   G(x) = ∂⟨u, f(x)⟩/∂x     (u: fixed weights over f's output; ones for a one-number f)
 *
 * and `gradcheck` compares G's Jacobian by backprop (derivatives of the recorded gradient, the
 * second derivatives of f) with central differences of G. The same idea as PyTorch's
 * torch.autograd.gradgradcheck.
 */
import { checkFunctionAndInputs } from './show.js';
import { Random } from '../random.js';
import { concat } from '../tensor/ops.js';
import { fromArray } from '../tensor/creation.js';
import { grad } from '../tensor/grad.js';
import { enableGrad, noGrad } from '../tensor/grad-mode.js';
import type { Tensor } from '../tensor/tensor.js';
import type { GradcheckResult } from './finite-difference.js';
import { gradcheck, type GradcheckOptions } from './gradcheck.js';

/** Checks the second derivatives of f at `inputs` against central differences of its recorded gradient. */
export function gradgradcheck(f: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  checkFunctionAndInputs('gradgradcheck', f, inputs);
  // u: the same fixed weights at every evaluation, drawn once from a seeded generator.
  const outputShape = noGrad(() => f(...inputs.map((x) => fromArray(x.data.slice(), x.shape)))).shape;
  const rng = new Random(1);
  const size = outputShape.reduce((n, d) => n * d, 1);
  const u = fromArray(size === 1 ? [1] : Array.from({ length: size }, () => rng.uniform() * 2 - 1), outputShape);
  const gradientOfF = (...xs: Tensor[]): Tensor =>
    enableGrad(() => {
      // gradcheck hands in leaves (for backprop) or constants (for central differences).
      const leaves = xs.map((x) => (x.requiresGrad ? x : fromArray(x.data.slice(), x.shape, { requiresGrad: true })));
      const gs = grad(f(...leaves), leaves, { gradOutputs: u, createGraph: true });
      return concat(gs.map((g) => g.reshape([g.size])), 0);
    });
  return gradcheck(gradientOfF, inputs, options);
}
