/**
 * Making tensors: from numbers and nested arrays, filled with a constant, or drawn at random
 * from a seeded generator (so every run, test and plot is reproducible).
 */
import { show } from '../check/show.js';
import { defaultRandom, Random } from '../random.js';
import { checkShape, formatShape, sizeOf, type Shape } from './shape.js';
import { Tensor, type NestedArray } from './tensor.js';

/** Options of the functions that make a tensor. */
export interface TensorOptions {
  /** Leaves that gradients should reach (weights, inputs you study) need `requiresGrad: true`. */
  requiresGrad?: boolean;
}

/** Options of the functions that draw a tensor at random. */
export interface RandomOptions extends TensorOptions {
  /** A seed for a fresh generator, or a generator to draw from; default: the shared one. */
  seed?: number | Random;
}

/**
 * A tensor from a number (shape []) or rectangular nested arrays of numbers.
 *   tensor([[1, 2, 3], [4, 5, 6]])  → shape [2, 3]
 * Ragged rows, or anything that is not a finite-or-not number, is an error that says where.
 */
export function tensor(data: NestedArray | Float64Array, options: TensorOptions = {}): Tensor {
  if (data instanceof Float64Array) return fromArray(data.slice(), [data.length], options);
  const shape = inferShape(data);
  const flat = new Float64Array(sizeOf(shape));
  let at = 0;
  const fill = (value: NestedArray, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof value !== 'number') throw new Error(`tensor: expected a number at ${path || 'the top'}, got ${describe(value)}`);
      flat[at++] = value;
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[depth]) {
      const got = Array.isArray(value) ? `length ${value.length}` : describe(value);
      throw new Error(`tensor: ragged nested array: ${path || 'the top'} has ${got}, expected length ${shape[depth]}`);
    }
    value.forEach((v: NestedArray, i: number) => fill(v, depth + 1, `${path}[${i}]`));
  };
  fill(data, 0, '');
  return new Tensor(flat, shape, options.requiresGrad ?? false);
}

/** The shape nested arrays claim along their first elements; `tensor` then checks every row. */
function inferShape(data: NestedArray): number[] {
  const shape: number[] = [];
  let probe: unknown = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  return shape;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return value === null ? 'null' : `${typeof value} ${show(value)}`;
}

/** A tensor over an existing flat row-major array (not copied). */
export function fromArray(data: ArrayLike<number>, shape: Shape, options: TensorOptions = {}): Tensor {
  checkShape('fromArray', shape);
  const flat = data instanceof Float64Array ? data : Float64Array.from(data);
  if (flat.length !== sizeOf(shape)) {
    throw new Error(`fromArray: ${flat.length} numbers do not fill shape ${formatShape(shape)} (${sizeOf(shape)} elements)`);
  }
  return new Tensor(flat, shape, options.requiresGrad ?? false);
}

/** Every element equal to `value`. */
export function full(shape: Shape, value: number, options: TensorOptions = {}): Tensor {
  checkShape('full', shape);
  if (typeof value !== 'number') throw new Error(`full: the fill value must be a number, got ${show(value)}`);
  return new Tensor(allocate('full', shape).fill(value), shape, options.requiresGrad ?? false);
}

/**
 * A Float64Array for a tensor of `shape`, or an error naming the op when the machine cannot hold
 * it (a typed array is at most 2³² − 1 numbers here, and memory may run out before that).
 */
function allocate(op: string, shape: Shape): Float64Array {
  const size = sizeOf(shape);
  try {
    return new Float64Array(size);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new RangeError(`${op}: a tensor of shape ${formatShape(shape)} would hold ${size} numbers (${(size * 8 / 2 ** 30).toFixed(1)} GB), more than can be allocated`);
  }
}

/** A tensor of the given shape filled with 0. */
export function zeros(shape: Shape, options: TensorOptions = {}): Tensor {
  checkShape('zeros', shape);
  return full(shape, 0, options);
}

/** A tensor of the given shape filled with 1. */
export function ones(shape: Shape, options: TensorOptions = {}): Tensor {
  checkShape('ones', shape);
  return full(shape, 1, options);
}

/**
 * A constant for code that writes every one of its numbers (a custom function's backward, say),
 * as torch.empty. Its numbers start as zeros here, but code that means zeros should say `zeros`.
 */
export function empty(shape: Shape): Tensor {
  checkShape('empty', shape);
  return new Tensor(new Float64Array(sizeOf(shape)), shape);
}

/** A one-element constant of shape []: how numbers enter tensor ops. */
export function scalar(value: number): Tensor {
  return new Tensor(Float64Array.of(value), []);
}

/** Standard normal samples N(0, 1), from a seeded generator. */
export function randn(shape: Shape, options: RandomOptions = {}): Tensor {
  checkShape('randn', shape);
  const rng = randomFrom(options.seed);
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return new Tensor(data, shape, options.requiresGrad ?? false);
}

/** Uniform samples in [low, high), default [0, 1), from a seeded generator. */
export function rand(shape: Shape, options: RandomOptions & { low?: number; high?: number } = {}): Tensor {
  checkShape('rand', shape);
  const { low = 0, high = 1 } = options;
  const rng = randomFrom(options.seed);
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = low + (high - low) * rng.uniform();
  return new Tensor(data, shape, options.requiresGrad ?? false);
}

function randomFrom(seed: number | Random | undefined): Random {
  if (seed === undefined) return defaultRandom();
  return seed instanceof Random ? seed : new Random(seed);
}
