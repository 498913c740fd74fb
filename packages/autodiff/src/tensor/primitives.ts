/**
 * The primitives: the operations the engine differentiates directly. Each one has a rule in
 * vjp.ts; every other op (mean, split, softmax, batched matmul, ...) is built from these.
 *
 * `PrimitiveAttrs` lists, for each primitive, what its rule needs to remember besides the
 * inputs and the result (the exponent of pow, the axes of sum, ...). Adding a primitive here
 * without adding its rule to the table in vjp.ts is a compile error.
 */
import type { Shape } from './shape.js';
import type { Tensor } from './tensor.js';

/** What a primitive that needs nothing besides its inputs and result records: nothing. */
export type NoAttrs = Readonly<Record<string, never>>;

/** For each primitive, what its forward op records for the backward rule. */
export interface PrimitiveAttrs {
  /** a + b, broadcasting. */
  add: NoAttrs;
  /** a − b, broadcasting. */
  sub: NoAttrs;
  /** a · b elementwise, broadcasting. */
  mul: NoAttrs;
  /** a / b elementwise, broadcasting. */
  div: NoAttrs;
  /** −a. */
  neg: NoAttrs;
  /** eᵃ. */
  exp: NoAttrs;
  /** ln a. */
  log: NoAttrs;
  /** tanh a. */
  tanh: NoAttrs;
  /** σ(a) = 1 / (1 + e⁻ᵃ). */
  sigmoid: NoAttrs;
  /** max(a, 0). */
  relu: NoAttrs;
  /** aᵏ for a constant k. */
  pow: {
    /** The exponent. */
    readonly k: number;
  };
  /** A·B of 2-D tensors. */
  matmul: NoAttrs;
  /** A·Bᵀ of 2-D tensors. */
  matmulBT: NoAttrs;
  /** A sum over some axes. */
  sum: {
    /** The axes summed over, ascending. */
    readonly axes: readonly number[];
    /** Whether the summed axes stay, as size 1. */
    readonly keepDims: boolean;
  };
  /** The largest element along one axis. */
  max: {
    /** The axis reduced. */
    readonly axis: number;
    /** Whether it stays, as size 1. */
    readonly keepDims: boolean;
    /** A constant of the input's shape, 1 where the maximum was taken, else 0. */
    readonly mask: Tensor;
  };
  /** The input repeated along new and size-1 axes. */
  broadcastTo: {
    /** The result's shape. */
    readonly shape: Shape;
  };
  /** The same numbers in a new shape. */
  reshape: {
    /** The result's shape. */
    readonly shape: Shape;
  };
  /** The axes reordered. */
  transpose: {
    /** Result axis i is input axis perm[i]. */
    readonly perm: readonly number[];
  };
  /** The elements start ≤ index < end along one axis. */
  slice: {
    /** The axis sliced. */
    readonly axis: number;
    /** The first index kept. */
    readonly start: number;
    /** One past the last index kept. */
    readonly end: number;
  };
  /** Zeros added before and after along one axis (slice's transpose). */
  pad: {
    /** The axis padded. */
    readonly axis: number;
    /** Zeros before. */
    readonly before: number;
    /** Zeros after. */
    readonly after: number;
  };
  /** One element picked along an axis at every position of the others. */
  takeAlong: {
    /** The axis picked along. */
    readonly axis: number;
    /** For every position of the other axes (row-major), which element along `axis`. */
    readonly index: Int32Array;
  };
  /** takeAlong's transpose: zeros, with each element put at its index along the axis. */
  putAlong: {
    /** The axis put along. */
    readonly axis: number;
    /** Where each element goes along `axis`. */
    readonly index: Int32Array;
    /** The axis's length in the result. */
    readonly width: number;
  };
  /** Tensors joined along one axis. */
  concat: {
    /** The axis joined along. */
    readonly axis: number;
  };
  /**
   * A call of a custom function (custom/custom-vjp.ts): its result is all of the call's outputs
   * side by side in one flat array, and `backward` maps that array's gradient to the inputs'.
   */
  custom: {
    /** The function's name, for drawings and errors. */
    readonly name: string;
    /** The hand-written vector-Jacobian product of the whole call. */
    readonly backward: (grad: Tensor, needsGrad: readonly boolean[]) => readonly (Tensor | null)[];
    /** The same function in tensor ops, for recorded passes and forward mode; null if not given. */
    readonly fallback: ((...inputs: Tensor[]) => Tensor[]) | null;
  };
  /** One output of a custom call: its stretch of the packed result. */
  part: {
    /** Where the stretch starts in the packed result. */
    readonly offset: number;
  };
}

/** The name of a primitive: a key of `PrimitiveAttrs`. */
export type Primitive = keyof PrimitiveAttrs;

/** How a tensor was made: which primitive, with which attributes. */
export interface RecipeOf<P extends Primitive> {
  /** Which primitive. */
  readonly primitive: P;
  /** What its forward op recorded. */
  readonly attrs: PrimitiveAttrs[P];
}
/** A recipe of any primitive. */
export type Recipe = { [P in Primitive]: RecipeOf<P> }[Primitive];
