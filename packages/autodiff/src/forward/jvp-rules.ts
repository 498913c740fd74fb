/**
 * Forward mode's table: for each primitive, the tangent of its result from the tangents of its
 * inputs, dResult = Σ_k ∂result/∂input_k · dInput_k (a Jacobian-vector product, JVP). The same
 * derivatives as the VJP table of tensor/vjp.ts, applied the other way round: there a gradient
 * flows from the result back to the inputs, here a small change flows from the inputs forward.
 *
 * A tangent is null where nothing changes (an input that does not depend on the point we move),
 * which the rules treat as zero. Every rule uses ordinary tensor ops.
 */
import { concat } from '../tensor/ops.js';
import { zeros } from '../tensor/creation.js';
import type { Primitive, PrimitiveAttrs } from '../tensor/primitives.js';
import type { Tensor } from '../tensor/tensor.js';

/** What a JVP rule receives. */
export interface JvpArgs<P extends Primitive> {
  /** The primitive's inputs, in order. */
  readonly inputs: readonly Tensor[];
  /** dInput for each input (null: it does not move). */
  readonly tangents: readonly (Tensor | null)[];
  /** What the primitive returned. */
  readonly result: Tensor;
  /** What the forward op recorded besides its inputs (tensor/primitives.ts). */
  readonly attrs: PrimitiveAttrs[P];
  /**
   * Forward mode through a whole function (jvp.ts hands its own sweep in): the tangents of f's
   * outputs when its inputs move by `tangents`. Only the custom rule needs it.
   */
  readonly tangentsThrough: (f: (...xs: Tensor[]) => Tensor[], inputs: readonly Tensor[], tangents: readonly (Tensor | null)[]) => Tensor[];
}

/** A primitive's forward-mode rule: the result's tangent from its inputs' (null: it does not move). */
export type JvpRule<P extends Primitive> = (args: JvpArgs<P>) => Tensor | null;

/** Adds the terms that are there (null: no term); null if none is. */
function sumOf(...terms: (Tensor | null)[]): Tensor | null {
  const present = terms.filter((t): t is Tensor => t !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a.add(b));
}

/** A tangent of one input, spread to the result's shape (broadcasting moves every copy of it). */
const spread = (t: Tensor | null, result: Tensor): Tensor | null => (t === null ? null : t.broadcastTo(result.shape));

/** One rule per primitive: leaving one out does not compile. */
export const jvpRules: { readonly [P in Primitive]: JvpRule<P> } = {
  // d(a + b) = da + db
  add: ({ tangents: [da, db], result }) => sumOf(spread(da, result), spread(db, result)),

  // d(a − b) = da − db
  sub: ({ tangents: [da, db], result }) => sumOf(spread(da, result), spread(db?.neg() ?? null, result)),

  // d(a · b) = b · da + a · db
  mul: ({ inputs: [a, b], tangents: [da, db], result }) => sumOf(spread(da?.mul(b) ?? null, result), spread(db?.mul(a) ?? null, result)),

  // d(a / b) = da / b − (result / b) · db
  div: ({ inputs: [, b], tangents: [da, db], result }) => sumOf(spread(da?.div(b) ?? null, result), spread(db?.mul(result).div(b).neg() ?? null, result)),

  // d(−a) = −da
  neg: ({ tangents: [da] }) => da?.neg() ?? null,

  // d eᵃ = result · da
  exp: ({ tangents: [da], result }) => da?.mul(result) ?? null,

  // d ln a = da / a
  log: ({ inputs: [a], tangents: [da] }) => da?.div(a) ?? null,

  // d tanh a = (1 − tanh² a) · da = 4 σ(2a) σ(−2a) · da   (no cancellation: see vjp.ts)
  tanh: ({ inputs: [a], tangents: [da] }) => da?.mul(a.mul(2).sigmoid().mul(a.mul(-2).sigmoid()).mul(4)) ?? null,

  // d σ(a) = result · σ(−a) · da   (= result · (1 − result) · da without the cancellation)
  sigmoid: ({ inputs: [a], tangents: [da], result }) => da?.mul(result.mul(a.neg().sigmoid())) ?? null,

  // d relu(a) = [a > 0] · da
  relu: ({ inputs: [a], tangents: [da] }) => da?.mul(a.step()) ?? null,

  // d aᵏ = k · aᵏ⁻¹ · da   (x⁰ is constant)
  pow: ({ inputs: [a], tangents: [da], attrs: { k } }) => (k === 0 ? null : (da?.mul(a.pow(k - 1)).mul(k) ?? null)),

  // d(A·B) = dA·B + A·dB
  matmul: ({ inputs: [a, b], tangents: [da, db] }) => sumOf(da?.matmul(b) ?? null, db === null ? null : a.matmul(db)),

  // d(A·Bᵀ) = dA·Bᵀ + A·dBᵀ
  matmulBT: ({ inputs: [a, b], tangents: [da, db] }) => sumOf(da?.matmulBT(b) ?? null, db === null ? null : a.matmulBT(db)),

  // A sum moves by the sum of the moves.
  sum: ({ tangents: [da], attrs: { axes, keepDims } }) => da?.sum(axes, keepDims) ?? null,

  // The maximum moves with the element that is the maximum.
  max: ({ tangents: [da], attrs: { axis, keepDims, mask } }) => da?.mul(mask).sum(axis, keepDims) ?? null,

  // Moving numbers around moves their tangents the same way.
  broadcastTo: ({ tangents: [da], attrs: { shape } }) => da?.broadcastTo(shape) ?? null,
  reshape: ({ tangents: [da], attrs: { shape } }) => da?.reshape(shape) ?? null,
  transpose: ({ tangents: [da], attrs: { perm } }) => da?.transpose(perm) ?? null,
  slice: ({ tangents: [da], attrs: { axis, start, end } }) => da?.slice(axis, start, end) ?? null,
  pad: ({ tangents: [da], attrs: { axis, before, after } }) => da?.pad(axis, before, after) ?? null,
  takeAlong: ({ tangents: [da], attrs: { axis, index } }) => da?.takeAlong(axis, index) ?? null,
  putAlong: ({ tangents: [da], attrs: { axis, index, width } }) => da?.putAlong(axis, index, width) ?? null,

  // The joined tangent: each input's own, zeros where an input does not move.
  concat: ({ inputs, tangents, attrs: { axis } }) =>
    tangents.every((t) => t === null) ? null : concat(inputs.map((x, k) => tangents[k] ?? zeros(x.shape)), axis),

  // A custom function's loops have no forward-mode rule: its fallback (the same function in
  // tensor ops) is run forward instead, its outputs' tangents packed side by side as its result is.
  custom: ({ inputs, tangents, attrs: { name, fallback }, tangentsThrough }) => {
    if (fallback === null) {
      throw new Error(`customVjp ${name}: forward mode (jvp) needs its fallback, the same function in tensor ops`);
    }
    const outputTangents = tangentsThrough(fallback, inputs, tangents);
    if (outputTangents.length === 1) return outputTangents[0];
    return concat(outputTangents.map((t) => t.reshape([t.size])), 0);
  },

  // One output of a custom call: its stretch of the packed tangent.
  part: ({ tangents: [dPacked], result, attrs: { offset } }) =>
    dPacked?.slice(0, offset, offset + result.size).reshape(result.shape) ?? null,
};
