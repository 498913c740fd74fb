import { show } from '../check/show.js';

/**
 * Shapes and strides: how an n-dimensional index maps into the flat, row-major Float64Array.
 *
 * Row-major: the last axis varies fastest. For shape [2, 3] the element (i, j) lives at
 * i·3 + j, so the strides are [3, 1]: one step along axis 0 skips a whole row of 3.
 */
export type Shape = readonly number[];

/** Number of elements: the product of the dimensions (1 for a scalar, shape []). */
export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Row-major strides: strides[i] = product of the dimensions after axis i. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

/** "[3,4]": how error messages print a shape. */
export function formatShape(shape: Shape): string {
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number')) return show(shape);
  return `[${shape.join(',')}]`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Turns a possibly negative axis (−1 = last) into 0..ndim−1, or throws naming the op. */
export function normalizeAxis(op: string, axis: number, shape: Shape): number {
  const ndim = shape.length;
  if (!Number.isInteger(axis)) throw new Error(`${op}: an axis must be an integer, got ${show(axis)}`);
  if (axis < -ndim || axis >= ndim) {
    throw new Error(`${op}: axis ${axis} is out of range for shape ${formatShape(shape)}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** Checks that a shape is a list of non-negative integers. */
export function checkShape(op: string, shape: Shape): void {
  // Array.from: a hole in a sparse array ([ , 2]) is checked as undefined, not skipped.
  if (!Array.isArray(shape) || !Array.from(shape).every((d) => Number.isInteger(d) && d >= 0)) {
    throw new Error(`${op}: a shape must be a list of non-negative integers, got ${show(shape)}`);
  }
}
