/**
 * Argument checks shared by the cells, layers and losses. Every error names the op and shows
 * the shape it got next to the shape it expected, e.g.
 *   RNNCell.forward: x has shape [2,4], expected [batch, 3]
 */
import { formatShape, Tensor } from '@chainrule/autodiff';

/** A size option (inputSize, hiddenSize, ...) must be a positive integer. */
export function checkSize(owner: string, name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${owner}: ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `value` is a Tensor. */
export function checkTensor(op: string, name: string, value: unknown): Tensor {
  if (!(value instanceof Tensor)) {
    const got = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
    throw new Error(`${op}: ${name} must be a Tensor, got ${got}`);
  }
  return value;
}

/**
 * Checks a tensor against a pattern: numbers must match exactly, a string (like 'batch') matches
 * any size. Returns the tensor.
 */
export function checkShape(op: string, name: string, value: unknown, pattern: readonly (number | string)[]): Tensor {
  const t = checkTensor(op, name, value);
  const fits = t.ndim === pattern.length && pattern.every((d, i) => typeof d === 'string' || d === t.shape[i]);
  if (!fits) throw new Error(`${op}: ${name} has shape ${formatShape(t.shape)}, expected [${pattern.join(', ')}]`);
  return t;
}
