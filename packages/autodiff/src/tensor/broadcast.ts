/**
 * Broadcasting, NumPy's rule: line the shapes up at their last axis; two dimensions are
 * compatible when they are equal or one of them is 1 (a missing leading axis counts as 1).
 * The result takes the larger of each pair. [32, 128] + [128] → [32, 128]: the bias row is
 * reused for every example in the batch.
 *
 * The gradient runs the other way. An input that was reused along an axis received
 * contributions from every position along it, so its gradient is the SUM over that axis.
 * `sumToShape` is the one function in the engine that undoes broadcasting.
 */
import { formatShape, sameShape, type Shape } from './shape.js';
import type { Tensor } from './tensor.js';

/** The broadcast shape of a and b, or an error naming the op and both shapes. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const ndim = Math.max(a.length, b.length);
  const out = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) {
    const da = a[a.length - ndim + i] ?? 1;
    const db = b[b.length - ndim + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Un-broadcasting: sums `grad` (of a broadcast result's shape) down to `shape`, the shape of
 * the input that was broadcast. Leading axes that the input lacked are summed away; axes
 * where the input had size 1 are summed and kept as size 1.
 */
export function sumToShape(grad: Tensor, shape: Shape): Tensor {
  if (sameShape(grad.shape, shape)) return grad;
  const lead = grad.shape.length - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < grad.shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) axes.push(i);
  }
  return grad.sum(axes, true).reshape(shape);
}
