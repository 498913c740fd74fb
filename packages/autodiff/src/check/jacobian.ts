/**
 * The Jacobian of a tensor function, by reverse mode: one backward pass per output element.
 * Row i is the gradient of output element i, i.e. the vector-Jacobian product e_iᵀ·J.
 */
import { backpropagate } from '../tensor/backward.js';
import { fromArray } from '../tensor/creation.js';
import { isGradEnabled } from '../tensor/grad-mode.js';
import { sizeOf } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * J[i, j] = d f(x)_i / d x_j for every element of the output and of x (both flattened,
 * row-major): a Tensor of shape [output size, x size]. x is not modified.
 */
export function jacobian(f: (x: Tensor) => Tensor, x: Tensor): Tensor {
  const [matrix] = jacobians((xs) => f(xs[0]), [x]);
  return matrix;
}

/** The Jacobian of f with respect to each of its inputs: one [output size, input size] matrix each. */
export function jacobians(f: (xs: Tensor[]) => Tensor, inputs: readonly Tensor[]): Tensor[] {
  if (!isGradEnabled()) {
    throw new Error('jacobian: called inside noGrad(), where no graph is recorded to differentiate');
  }
  const leaves = inputs.map((x) => fromArray(x.data.slice(), x.shape, { requiresGrad: true }));
  const y = f(leaves);
  const rows = y.size;
  const matrices = leaves.map((leaf) => new Float64Array(rows * leaf.size));
  if (y.requiresGrad) {
    for (let i = 0; i < rows; i++) {
      const seed = new Float64Array(rows);
      seed[i] = 1;
      const grads = backpropagate(y, fromArray(seed, y.shape));
      leaves.forEach((leaf, k) => {
        const g = grads.get(leaf);
        if (g !== undefined) matrices[k].set(g.data, i * leaf.size);
      });
    }
  }
  return matrices.map((m, k) => fromArray(m, [rows, sizeOf(leaves[k].shape)]));
}
