/**
 * gradcheck for tensor functions: the Jacobian from backprop against the Jacobian from
 * central differences, element by element, for every input. (The same idea as
 * torch.autograd.gradcheck; float64 makes a tight tolerance possible.)
 */
import { checkFunctionAndInputs } from './show.js';
import { noGrad } from '../tensor/grad-mode.js';
import { fromArray } from '../tensor/creation.js';
import type { Tensor } from '../tensor/tensor.js';
import { compareGradients, stepFor, type GradcheckResult, type Tolerance } from './finite-difference.js';
import { jacobians } from './jacobian.js';

/** Options of `gradcheck`: the tolerance, and the finite-difference step. */
export interface GradcheckOptions extends Tolerance {
  /** Finite-difference step relative to each coordinate's size (default 1e-6). */
  relativeStep?: number;
}

/**
 * Checks d f(...inputs) / d inputs: backprop (one reverse pass per output element) against
 * central differences (two forward evaluations per input element).
 */
export function gradcheck(
  f: (...xs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  { relativeStep = 1e-6, ...tolerance }: GradcheckOptions = {},
): GradcheckResult {
  checkFunctionAndInputs('gradcheck', f, inputs);
  const analytic = jacobians((xs) => f(...xs), inputs);
  const numeric = numericJacobians(f, inputs, relativeStep);
  const flat = (ms: Tensor[]) => ms.flatMap((m) => Array.from(m.data));
  return compareGradients(flat(analytic), flat(numeric), tolerance);
}

/** Central-difference Jacobians: column j of input k is (f(x + h·e_j) − f(x − h·e_j)) / 2h. */
export function numericJacobians(
  f: (...xs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  relativeStep = 1e-6,
): Tensor[] {
  return noGrad(() => {
    const points = inputs.map((x) => fromArray(x.data.slice(), x.shape));
    const outputSize = f(...points).size;
    return points.map((point) => {
      const columns = point.size;
      const matrix = new Float64Array(outputSize * columns);
      for (let j = 0; j < columns; j++) {
        const original = point.data[j];
        const h = stepFor(original, relativeStep);
        // .slice(): a result may share its numbers with the input (reshape does), and the
        // input is about to change.
        point.data[j] = original + h;
        const plus = f(...points).data.slice();
        point.data[j] = original - h;
        const minus = f(...points).data.slice();
        point.data[j] = original;
        for (let i = 0; i < outputSize; i++) matrix[i * columns + j] = (plus[i] - minus[i]) / (2 * h);
      }
      return fromArray(matrix, [outputSize, columns]);
    });
  });
}
