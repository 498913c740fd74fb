/**
 * The table of vector-Jacobian products: for each primitive, given `grad` = dRoot/dResult,
 * return dRoot/dInput for each of its `inputs`. This is the whole of calculus the engine knows;
 * everything else is the chain rule, applied by backward.ts in topological order.
 *
 * Every rule is a pure function: it reads `grad`, the `inputs`, the `result` and the `attrs`
 * the forward op recorded, and returns new tensors, computed with the same tensor ops a user
 * calls. It changes nothing and keeps nothing. Its math is the comment above it.
 *
 * For a broadcast input the gradient is summed back to that input's shape by `sumToShape`,
 * the one place broadcasting is undone. `null` means "no gradient for this input": the rules
 * skip inputs that do not need one (`needsGrad`), as tinygrad's `needs_input_grad` does, so no
 * matrix product is spent on a constant.
 */
import { sumToShape } from './broadcast.js';
import type { Primitive, PrimitiveAttrs } from './primitives.js';
import type { Tensor } from './tensor.js';

/** What a VJP rule receives. */
export interface RuleArgs<P extends Primitive> {
  /** dRoot/dResult, the shape of the result. */
  readonly grad: Tensor;
  /** The primitive's inputs, in order. */
  readonly inputs: readonly Tensor[];
  /** What the primitive returned on the forward pass. */
  readonly result: Tensor;
  /** What the forward op recorded besides its inputs (primitives.ts). */
  readonly attrs: PrimitiveAttrs[P];
  /** Which inputs want a gradient; a rule returns null for the others. */
  readonly needsGrad: readonly boolean[];
}

/** A primitive's rule: dRoot/dInput for each input (null: none) from dRoot/dResult. */
export type VjpRule<P extends Primitive> = (args: RuleArgs<P>) => readonly (Tensor | null)[];

/** One rule per primitive: leaving one out does not compile. */
export type VjpRules = { readonly [P in Primitive]: VjpRule<P> };

/** The table: every primitive's rule. */
export const vjpRules: VjpRules = {
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

  // d(a / b) = da / b − (a / b²) · db = da / b − (result / b) · db
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

  // d tanh a = (1 − tanh² a) · da = 4 σ(2a) σ(−2a) · da
  // Not (1 − result²): in saturation result rounds to ±1 and 1 − result² cancels to 0 where the
  // slope is 7e-35 (a = 40). 1 − tanh a = 2σ(−2a) and 1 + tanh a = 2σ(2a) hold exactly, and σ
  // is computed without cancellation (math.ts), so the product keeps its digits for every a.
  tanh: ({ grad, inputs: [a] }) => [grad.mul(a.mul(2).sigmoid().mul(a.mul(-2).sigmoid()).mul(4))],

  // d σ(a) = σ(a) · (1 − σ(a)) · da = result · σ(−a) · da   (1 − result cancels in saturation)
  sigmoid: ({ grad, inputs: [a], result }) => [grad.mul(result.mul(a.neg().sigmoid()))],

  // d relu(a) = [a > 0] · da   (0 at the kink, as PyTorch)
  relu: ({ grad, inputs: [a] }) => [grad.mul(a.step())],

  // d aᵏ = k · aᵏ⁻¹ · da   (x⁰ is the constant 1: no gradient, even at 0 where aᵏ⁻¹ is ∞;
  // grad times aᵏ⁻¹ first, then k: 0.5 · 2a does not overflow where 2a would)
  pow: ({ grad, inputs: [a], attrs: { k } }) => [k === 0 ? null : grad.mul(a.pow(k - 1)).mul(k)],

  // C = A·B:  dA = dC · Bᵀ,  dB = Aᵀ · dC
  matmul: ({ grad, inputs: [a, b], needsGrad: [da, db] }) => [
    da ? grad.matmulBT(b) : null,
    db ? a.transpose().matmul(grad) : null,
  ],

  // C = A·Bᵀ:  dA = dC · B,  dB = dCᵀ · A
  matmulBT: ({ grad, inputs: [a, b], needsGrad: [da, db] }) => [
    da ? grad.matmul(b) : null,
    db ? grad.transpose().matmul(a) : null,
  ],

  // Every summed element contributed with weight 1: spread grad back over the summed axes.
  sum: ({ grad, inputs: [a], attrs: { axes } }) => {
    const keptShape = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    return [grad.reshape(keptShape).broadcastTo(a.shape)];
  },

  // Only the arg-max element reached the result: it alone gets the gradient.
  max: ({ grad, inputs: [a], attrs: { axis, mask } }) => {
    const keptShape = a.shape.map((d, i) => (i === axis ? 1 : d));
    return [grad.reshape(keptShape).mul(mask)];
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
  slice: ({ grad, inputs: [a], attrs: { axis, start, end } }) => [grad.pad(axis, start, a.shape[axis] - end)],

  // Padding is undone by slicing: the zeros added around `a` depend on nothing.
  pad: ({ grad, inputs: [a], attrs: { axis, before } }) => [grad.slice(axis, before, before + a.shape[axis])],

  // Only the picked elements reached the result: each gets its gradient back, the rest zeros.
  takeAlong: ({ grad, inputs: [a], attrs: { axis, index } }) => [grad.putAlong(axis, index, a.shape[axis])],

  // Putting is undone by taking the same elements back.
  putAlong: ({ grad, attrs: { axis, index } }) => [grad.takeAlong(axis, index)],

  // Each input gets back its own stretch of the gradient.
  concat: ({ grad, inputs, attrs: { axis } }) => grad.split(inputs.map((t) => t.shape[axis]), axis),

  // A custom function's rule is the backward its author wrote (custom/custom-vjp.ts), given the
  // gradients of all its outputs at once: side by side, as the outputs were made.
  custom: ({ grad, attrs: { backward }, needsGrad }) => backward(grad, needsGrad),

  // One output of a custom call: its gradient goes to its own stretch of the packed result
  // (a 1-D array), zeros elsewhere, as for a slice.
  part: ({ grad, inputs: [packed], attrs: { offset } }) => [
    grad.reshape([grad.size]).pad(0, offset, packed.size - offset - grad.size),
  ],
};
