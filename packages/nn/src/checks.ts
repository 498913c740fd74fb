/**
 * Argument checks shared by the cells, layers and losses. Every error names the op and shows
 * the shape it got next to the shape it expected, e.g.
 *   RNNCell.forward: x has shape [2,4], expected [batch, 3]
 */
import { formatShape, Tensor } from '@chainrule/autodiff';

/** A size option (inputSize, hiddenSize, ...) must be a positive integer. */
export function checkSize(owner: string, name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${owner}: ${name} must be a positive integer, got ${show(value)}`);
  }
  return value;
}

/** An options argument must be an object (not null, an array or a number). */
export function checkOptions<T>(owner: string, value: T, name = 'options'): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${owner}: ${name} must be an object, got ${show(value)}`);
  }
  return value;
}

/** A list of parameters: an iterable (an array, a Set, model.parameters()) of Tensors. */
export function checkTensorIterable(owner: string, name: string, value: unknown): Tensor[] {
  const iterable = value !== null && value !== undefined && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function';
  if (!iterable || typeof value === 'string') throw new Error(`${owner}: ${name} must be a list of tensors (e.g. model.parameters()), got ${show(value)}`);
  const list = [...(value as Iterable<unknown>)];
  const bad = list.findIndex((p) => !(p instanceof Tensor));
  if (bad >= 0) throw new Error(`${owner}: ${name}[${bad}] must be a Tensor, got ${show(list[bad])}`);
  return list as Tensor[];
}

/** A short description of any value for an error message; never throws. */
export function show(value: unknown): string {
  try {
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string') return JSON.stringify(value.length > 30 ? `${value.slice(0, 27)}...` : value);
    if (typeof value === 'bigint') return `the bigint ${value}n`;
    if (typeof value === 'symbol') return 'a symbol';
    if (typeof value === 'function') return 'a function';
    if (value === null || value === undefined || typeof value === 'boolean') return String(value);
    if (value instanceof Tensor) return `a Tensor of shape ${formatShape(value.shape)}`;
    if (Array.isArray(value)) return `an array of ${value.length}`;
    return 'an object';
  } catch {
    return 'an unprintable value';
  }
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
