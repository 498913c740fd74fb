/**
 * Tensor: an n-dimensional array of float64 numbers in one flat row-major Float64Array, plus
 * what reverse mode needs: the tensors it was computed from (`parents`), how (`recipe`), and
 * after `backward()`, dRoot/dThis in `.grad` (a Tensor of the same shape).
 *
 * The methods are thin: each one calls the op of the same name in ops.ts, where the forward
 * computation and the recording happen. The rules for the backward pass are in vjp.ts.
 *
 * This file and ops.ts import each other: the methods call the ops, and the ops make Tensors.
 * It is the one import cycle the engine keeps (scripts/check-imports.mjs allows it and no other):
 * breaking it would move the methods away from the class or the ops away from their file.
 */
import type { GraphNode } from '../graph.js';
import { backward, clearGradients, type BackwardOptions } from './backward.js';
import * as ops from './ops.js';
import type { Recipe } from './primitives.js';
import { formatShape, sizeOf, type Shape } from './shape.js';

/** What an op accepts where a tensor goes: a Tensor, or a number used as a constant. */
export type TensorLike = Tensor | number;

/** Nested arrays of numbers, as `toArray()` returns and `tensor()` accepts. */
export type NestedArray = number | readonly NestedArray[];

export class Tensor implements GraphNode {
  /** The numbers, row-major: the last axis varies fastest. */
  readonly data: Float64Array;
  /** The length of each axis: [] for one number, [rows, columns] for a matrix. */
  readonly shape: Shape;
  /** dRoot/dThis after `root.backward()`; null until then. Same shape as this tensor. */
  grad: Tensor | null = null;
  /** Whether gradients flow to this tensor. Set on leaves; results inherit it from inputs. */
  requiresGrad: boolean;
  /** The tensors this one was computed from (empty for leaves and constants). */
  readonly parents: readonly Tensor[];
  /** Which primitive made this tensor, and its attributes (null for leaves and constants). */
  readonly recipe: Recipe | null;
  /** An optional name, shown by graph drawings. */
  label = '';
  /** Used by `topologicalOrder` to tell visited nodes (see graph.ts). */
  visitMark = 0;

  constructor(
    data: Float64Array,
    shape: Shape,
    requiresGrad = false,
    parents: readonly Tensor[] = [],
    recipe: Recipe | null = null,
  ) {
    if (data.length !== sizeOf(shape)) {
      throw new Error(`Tensor: ${data.length} numbers do not fill shape ${formatShape(shape)}`);
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.requiresGrad = requiresGrad;
    this.parents = parents;
    this.recipe = recipe;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  /** The primitive that made this tensor, or '' for a leaf. */
  get op(): string {
    return this.recipe?.primitive ?? '';
  }

  /** The single number of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new Error(`item: tensor of shape ${formatShape(this.shape)} has ${this.size} elements, not 1`);
    return this.data[0];
  }

  /** The numbers as nested arrays (a plain number for shape []). */
  toArray(): NestedArray;
  /**
   * The same, typed by the rank you expect: `toArray(2)` is a `number[][]` that strict
   * TypeScript can index. Throws if the tensor has another number of axes.
   */
  toArray(rank: 0): number;
  toArray(rank: 1): number[];
  toArray(rank: 2): number[][];
  toArray(rank: 3): number[][][];
  toArray(rank: 4): number[][][][];
  toArray(rank?: 0 | 1 | 2 | 3 | 4): NestedArray {
    if (rank !== undefined && rank !== this.shape.length) {
      throw new Error(`toArray: asked for rank ${rank}, the tensor has shape ${formatShape(this.shape)}`);
    }
    const build = (axis: number, offset: number): NestedArray => {
      if (axis === this.shape.length) return this.data[offset];
      const stride = sizeOf(this.shape.slice(axis + 1));
      return Array.from({ length: this.shape[axis] }, (_, i) => build(axis + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  toString(): string {
    return `Tensor(shape=${formatShape(this.shape)}, data=${JSON.stringify(this.toArray())})`;
  }

  /** Same numbers, cut off from the graph: a constant. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /** A copy of the numbers in an array of its own, cut off from the graph: a constant. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  /** this + other, broadcasting as NumPy (a number is a constant). */
  add(other: TensorLike): Tensor {
    return ops.add(this, other);
  }
  /** this − other, broadcasting. */
  sub(other: TensorLike): Tensor {
    return ops.sub(this, other);
  }
  /** this · other elementwise, broadcasting. */
  mul(other: TensorLike): Tensor {
    return ops.mul(this, other);
  }
  /** this / other elementwise, broadcasting. */
  div(other: TensorLike): Tensor {
    return ops.div(this, other);
  }
  /** thisᵏ elementwise, for a constant exponent k. */
  pow(k: number): Tensor {
    return ops.pow(this, k);
  }
  /** −this. */
  neg(): Tensor {
    return ops.neg(this);
  }
  /** e to each element. */
  exp(): Tensor {
    return ops.exp(this);
  }
  /** The natural log of each element (log 0 = −∞, log of a negative = NaN). */
  log(): Tensor {
    return ops.log(this);
  }
  /** tanh of each element. */
  tanh(): Tensor {
    return ops.tanh(this);
  }
  /** σ(x) = 1 / (1 + e⁻ˣ) of each element, without overflow. */
  sigmoid(): Tensor {
    return ops.sigmoid(this);
  }
  /** max(x, 0) of each element. */
  relu(): Tensor {
    return ops.relu(this);
  }
  /** The step function [x > 0]: 1 where positive, else 0; a constant. */
  step(): Tensor {
    return ops.step(this);
  }
  /** this · other: [m, k] · [k, n] → [m, n] (this may be batched: [batch, m, k]). */
  matmul(other: Tensor): Tensor {
    return ops.matmul(this, other);
  }
  /** this · otherᵀ, without building otherᵀ. */
  matmulBT(other: Tensor): Tensor {
    return ops.matmulBT(this, other);
  }
  /** The sum over `axis` (one, several, or all when omitted). */
  sum(axis?: number | readonly number[], keepDims = false): Tensor {
    return ops.sum(this, axis, keepDims);
  }
  /** The mean over `axis` (one, several, or all when omitted). */
  mean(axis?: number | readonly number[], keepDims = false): Tensor {
    return ops.mean(this, axis, keepDims);
  }
  /** The largest element along `axis` (over all when omitted). */
  max(axis?: number, keepDims = false): Tensor {
    return ops.max(this, axis, keepDims);
  }
  /** log Σ eˣ along `axis`, computed without overflow. */
  logSumExp(axis?: number, keepDims = false): Tensor {
    return ops.logSumExp(this, axis, keepDims);
  }
  /** log softmax along `axis` (default the last). */
  logSoftmax(axis = -1): Tensor {
    return ops.logSoftmax(this, axis);
  }
  /** softmax along `axis` (default the last). */
  softmax(axis = -1): Tensor {
    return ops.softmax(this, axis);
  }
  /** The axes reordered by `perm` (default: reversed, a matrix's transpose). */
  transpose(perm?: readonly number[]): Tensor {
    return ops.transpose(this, perm);
  }
  /** The same numbers in a new shape; one dimension may be −1 (inferred). */
  reshape(shape: Shape): Tensor {
    return ops.reshape(this, shape);
  }
  /** Repeated along new leading and size-1 axes to `shape`. */
  broadcastTo(shape: Shape): Tensor {
    return ops.broadcastTo(this, shape);
  }
  /** The elements with start ≤ index < end along `axis`. */
  slice(axis: number, start: number, end?: number): Tensor {
    return ops.slice(this, axis, start, end);
  }
  /** One element along `axis` at every position of the other axes, `indices` saying which (the axis kept as size 1). */
  takeAlong(axis: number, indices: ArrayLike<number>): Tensor {
    return ops.takeAlong(this, axis, indices);
  }
  /** takeAlong's gradient: zeros `width` long along `axis`, this tensor's elements put at `indices`. */
  putAlong(axis: number, indices: ArrayLike<number>, width: number): Tensor {
    return ops.putAlong(this, axis, indices, width);
  }
  /** `before` zeros ahead of this tensor and `after` zeros behind it, along `axis`. */
  pad(axis: number, before: number, after: number): Tensor {
    return ops.pad(this, axis, before, after);
  }
  /** Pieces along `axis`: of `sizes` each, or one per entry of `sizes`. */
  split(sizes: number | readonly number[], axis = 0): Tensor[] {
    return ops.split(this, sizes, axis);
  }

  /**
   * Reverse mode from this tensor: afterwards every tensor in its graph that requires grad
   * has `.grad` = dThis/dTensor, intermediates included. Gradients add up across calls, as in
   * PyTorch; `zeroGrad()` clears them. A tensor with more than one element needs `seed`, the
   * gradient to start from (same shape), since "the derivative of a vector" is not one number.
   * `{ leavesOnly: true }` keeps only the leaves' gradients (less memory, for training);
   * `{ createGraph: true }` records the pass, so `.grad` can be differentiated again.
   */
  backward(seed?: Tensor, options: BackwardOptions = {}): void {
    if (seed === undefined && this.size !== 1) {
      throw new Error(
        `backward: output has shape ${formatShape(this.shape)}; call backward() on a one-element tensor (e.g. a loss) or pass a seed gradient of that shape`,
      );
    }
    backward(this, seed ?? new Tensor(Float64Array.of(1), this.shape), options);
  }

  /** Sets `.grad` of every tensor in this graph back to null. */
  zeroGrad(): void {
    clearGradients(this);
  }
}
