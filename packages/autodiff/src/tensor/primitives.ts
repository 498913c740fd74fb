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

type NoAttrs = Readonly<Record<string, never>>;

export interface PrimitiveAttrs {
  add: NoAttrs;
  sub: NoAttrs;
  mul: NoAttrs;
  div: NoAttrs;
  neg: NoAttrs;
  exp: NoAttrs;
  log: NoAttrs;
  tanh: NoAttrs;
  sigmoid: NoAttrs;
  relu: NoAttrs;
  pow: { readonly k: number };
  matmul: NoAttrs;
  matmulBT: NoAttrs;
  sum: { readonly axes: readonly number[]; readonly keepDims: boolean };
  /** `mask`: a constant of the input's shape, 1 where the maximum was taken, else 0. */
  max: { readonly axis: number; readonly keepDims: boolean; readonly mask: Tensor };
  broadcastTo: { readonly shape: Shape };
  reshape: { readonly shape: Shape };
  transpose: { readonly perm: readonly number[] };
  slice: { readonly axis: number; readonly start: number; readonly end: number };
  pad: { readonly axis: number; readonly before: number; readonly after: number };
  /** `index`: for every position of the other axes (row-major), which element along `axis`. */
  takeAlong: { readonly axis: number; readonly index: Int32Array };
  /** `width`: the axis's length in the result. */
  putAlong: { readonly axis: number; readonly index: Int32Array; readonly width: number };
  concat: { readonly axis: number };
  /**
   * A call of a custom function (custom/custom-vjp.ts): its result is all of the call's outputs
   * side by side in one flat array, and `backward` maps that array's gradient to the inputs'.
   */
  custom: {
    readonly name: string;
    readonly backward: (grad: Tensor, needsGrad: readonly boolean[]) => readonly (Tensor | null)[];
    /** The same function in tensor ops, for recorded passes and forward mode; null if not given. */
    readonly fallback: ((...inputs: Tensor[]) => Tensor[]) | null;
  };
  /** One output of a custom call: its stretch of the packed result, from `offset` on. */
  part: { readonly offset: number };
}

export type Primitive = keyof PrimitiveAttrs;

/** How a tensor was made: which primitive, with which attributes. */
export type RecipeOf<P extends Primitive> = { readonly primitive: P; readonly attrs: PrimitiveAttrs[P] };
export type Recipe = { [P in Primitive]: RecipeOf<P> }[Primitive];
