/**
 * Second derivatives of a function of one tensor, f: x ↦ one number, by differentiating a
 * gradient (reverse mode over reverse mode, with `createGraph`).
 *
 *   hvp(f, x, v) = H·v = ∇ₓ ⟨∇f(x), v⟩     one more reverse pass through the recorded gradient
 *   hessian(f, x) = H, one row H·e_i per element of x   (for small x: n passes)
 */
import { fromArray, zeros } from './creation.js';
import { grad } from './grad.js';
import { formatShape, sameShape } from './shape.js';
import type { Tensor } from './tensor.js';

/** f at x on a fresh leaf, and its gradient there, recorded so it can be differentiated again. */
function recordedGradient(f: (x: Tensor) => Tensor, x: Tensor, op: string): { leaf: Tensor; g: Tensor } {
  const leaf = fromArray(x.data.slice(), x.shape, { requiresGrad: true });
  const y = f(leaf);
  if (y.size !== 1) throw new Error(`${op}: f must return one number, got shape ${formatShape(y.shape)}`);
  const [g] = grad(y, leaf, { createGraph: true });
  return { leaf, g };
}

/** The Hessian of f at x times v (v of x's shape): a tensor of x's shape. x is not changed. */
export function hvp(f: (x: Tensor) => Tensor, x: Tensor, v: Tensor): Tensor {
  if (!sameShape(v.shape, x.shape)) throw new Error(`hvp: v has shape ${formatShape(v.shape)}, x has ${formatShape(x.shape)}`);
  const { leaf, g } = recordedGradient(f, x, 'hvp');
  if (!g.requiresGrad) return zeros(x.shape); // ∇f does not depend on x: H = 0
  return grad(g, leaf, { gradOutputs: v })[0];
}

/** The Hessian of f at x: [n, n] for x of n elements (flattened row-major), H[i][j] = ∂²f/∂x_i∂x_j. */
export function hessian(f: (x: Tensor) => Tensor, x: Tensor): Tensor {
  const { leaf, g } = recordedGradient(f, x, 'hessian');
  const n = x.size;
  const rows = new Float64Array(n * n);
  if (g.requiresGrad) {
    for (let i = 0; i < n; i++) {
      const e = new Float64Array(n);
      e[i] = 1;
      rows.set(grad(g, leaf, { gradOutputs: fromArray(e, x.shape) })[0].data, i * n);
    }
  }
  return fromArray(rows, [n, n]);
}
