/**
 * The table of vector-Jacobian products: for each primitive, given `grad` = dRoot/dResult,
 * return dRoot/dInput for each of its `inputs`. This is the whole of calculus the engine knows;
 * everything else is the chain rule, applied by backward.ts in topological order.
 *
 * Each rule is written with tensor ops (run without recording) and carries its math as a comment.
 * For a broadcast input the gradient is summed back to that input's shape by `sumToShape`,
 * the one place broadcasting is undone. `null` means "no gradient flows to this input".
 * A rule returns `grad` itself, a view of it (reshape), or new tensors; backward.ts relies on
 * that to know which arrays it may add into or recycle.
 */
import { sumToShape } from './broadcast.js';
import { addAlongAxis } from './kernels.js';
import { argmaxMask, isPositive, padWithZeros, sigmoidSlope, tanhSlope, transposeTimes } from './ops.js';
import type { OutputGrads, Primitive, PrimitiveAttrs } from './primitives.js';
import type { Tensor } from './tensor.js';

export interface RuleArgs<P extends Primitive> {
  /** dRoot/dResult, the shape of the result. */
  readonly grad: Tensor;
  /** The primitive's inputs, in order. */
  readonly inputs: readonly Tensor[];
  /** What the primitive returned on the forward pass. */
  readonly result: Tensor;
  readonly attrs: PrimitiveAttrs[P];
  /**
   * Which inputs want a gradient. Rules may skip the others (return null), as tinygrad's
   * `needs_input_grad` does: no point multiplying matrices for a constant input.
   */
  readonly needsGrad: readonly boolean[];
  /**
   * For each input, the gradient this pass has summed for it so far, when the rule may add its
   * contribution into that array and return the same tensor (null: return a new one). Saves a
   * new array and a pass of additions for a weight used at every time step (the matmul rules),
   * or a full-size array per piece of a tensor cut into many (slice, part). Returning a new
   * tensor is always correct.
   */
  readonly addTo: readonly (Tensor | null)[];
  /**
   * What this pass knows of tensors it has already passed back, for the `custom` rule only: a
   * custom function whose outputs feed one another inside (a whole recurrence in one call)
   * learns which of its outputs were reached, and gives each one's total gradient only when it
   * runs, so it puts that where `.grad` will read it.
   */
  readonly outputGrads?: OutputGrads | null;
}

export type VjpRule<P extends Primitive> = (args: RuleArgs<P>) => readonly (Tensor | null)[];

/** One rule per primitive: leaving one out does not compile. */
export const vjpRules: { readonly [P in Primitive]: VjpRule<P> } = {
  // d(a + b) = da + db
  add: ({ grad, inputs: [a, b], needsGrad: [da, db] }) => [
    da ? sumToShape(grad, a.shape) : null,
    db ? sumToShape(grad, b.shape) : null,
  ],

  // d(a − b) = da − db
  sub: ({ grad, inputs: [a, b], needsGrad: [da, db] }) => [
    da ? sumToShape(grad, a.shape) : null,
    db ? sumToShape(grad.neg(), b.shape) : null,
  ],

  // d(a · b) = b · da + a · db
  mul: ({ grad, inputs: [a, b], needsGrad: [da, db] }) => [
    da ? sumToShape(grad.mul(b), a.shape) : null,
    db ? sumToShape(grad.mul(a), b.shape) : null,
  ],

  // d(a / b) = da / b − (a / b²) · db = da / b − result · db / b
  div: ({ grad, inputs: [a, b], result, needsGrad: [da, db] }) => [
    da ? sumToShape(grad.div(b), a.shape) : null,
    db ? sumToShape(grad.mul(result).div(b).neg(), b.shape) : null,
  ],

  // d(−a) = −da
  neg: ({ grad }) => [grad.neg()],

  // d eᵃ = eᵃ · da = result · da
  exp: ({ grad, result }) => [grad.mul(result)],

  // d ln a = da / a
  log: ({ grad, inputs: [a] }) => [grad.div(a)],

  // d tanh a = (1 − tanh² a) · da = (1 − result²) · da
  tanh: ({ grad, result }) => [grad.mul(tanhSlope(result))],

  // d σ(a) = σ(a) · (1 − σ(a)) · da = result · (1 − result) · da
  sigmoid: ({ grad, result }) => [grad.mul(sigmoidSlope(result))],

  // d relu(a) = [a > 0] · da   (0 at the kink, as PyTorch)
  relu: ({ grad, inputs: [a] }) => [grad.mul(isPositive(a))],

  // d aᵏ = k · aᵏ⁻¹ · da
  pow: ({ grad, inputs: [a], attrs: { k } }) => [grad.mul(a.pow(k - 1).mul(k))],

  // C = A·B:  dA = dC · Bᵀ,  dB = Aᵀ · dC   (products with a transpose, none built;
  // the weight's gradient added straight into its sum so far, see `addTo`)
  matmul: ({ grad, inputs: [a, b], needsGrad: [da, db], addTo }) => [
    da ? grad.matmulBT(b) : null,
    db ? transposeTimes(a, grad, addTo[1]) : null,
  ],

  // C = A·Bᵀ:  dA = dC · B,  dB = dCᵀ · A
  matmulBT: ({ grad, inputs: [a, b], needsGrad: [da, db], addTo }) => [
    da ? grad.matmul(b) : null,
    db ? transposeTimes(grad, a, addTo[1]) : null,
  ],

  // Every summed element contributed with weight 1: spread grad back over the summed axes.
  sum: ({ grad, inputs: [a], attrs: { axes } }) => {
    const keptShape = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    return [grad.reshape(keptShape).broadcastTo(a.shape)];
  },

  // Only the arg-max element reached the result: it alone gets the gradient.
  max: ({ grad, inputs: [a], attrs: { axis, argmax } }) => {
    const keptShape = a.shape.map((d, i) => (i === axis ? 1 : d));
    return [grad.reshape(keptShape).mul(argmaxMask(a.shape, axis, argmax))];
  },

  // A broadcast input was reused along the new axes: sum its gradient over them.
  broadcastTo: ({ grad, inputs: [a] }) => [sumToShape(grad, a.shape)],

  // Same numbers in a new arrangement: arrange the gradient back.
  reshape: ({ grad, inputs: [a] }) => [grad.reshape(a.shape)],

  // Transposing is undone by the inverse permutation.
  transpose: ({ grad, attrs: { perm } }) => {
    const inverse = perm.map((_, i) => perm.indexOf(i));
    return [grad.transpose(inverse)];
  },

  // The sliced-out elements did not reach the result: zeros before and after.
  // Once that gradient exists (another slice of `a` was passed back first), add into its
  // stretch only (`addTo`): a sequence cut into T steps costs one full-size array, not T.
  slice: ({ grad, inputs: [a], attrs: { axis, start }, addTo: [soFar] }) => {
    if (soFar === null) return [padWithZeros(grad, axis, start, a.shape[axis])];
    addAlongAxis(soFar.data, grad.data, grad.shape, axis, start, a.shape[axis]);
    return [soFar];
  },

  // Each input gets back its own stretch of the gradient.
  concat: ({ grad, inputs, attrs: { axis } }) => grad.split(inputs.map((t) => t.shape[axis]), axis),

  // A custom function's rule is the backward its author wrote (custom-vjp.ts), given the
  // gradients of all its outputs at once: they arrive side by side, as the outputs were made.
  custom: ({ grad, attrs: { backward }, needsGrad, outputGrads }) => backward(grad, needsGrad, outputGrads),

  // One output of a custom call: its gradient goes back to its own stretch of the packed
  // result, zeros elsewhere (a slice of the flat packed array, done as slice's rule does it,
  // adding into the packed gradient once it exists).
  part: ({ grad, inputs: [packed], attrs: { offset }, addTo: [soFar] }) => {
    if (grad.size === packed.size) return [grad.reshape(packed.shape)];
    const flat = grad.reshape([grad.size]);
    if (soFar === null) return [padWithZeros(flat, 0, offset, packed.size)];
    addAlongAxis(soFar.data, flat.data, flat.shape, 0, offset, packed.size);
    return [soFar];
  },
};
