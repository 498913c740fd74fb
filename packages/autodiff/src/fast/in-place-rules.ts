/**
 * Rules that add a gradient into the sum the pass already holds for an input, instead of
 * returning a new tensor for the pass to add: fewer arrays to allocate, fill and collect. Each
 * does exactly what its rule in tensor/vjp.ts does for that one input, followed by the addition.
 *
 * Where it pays: a weight used at every one of T time steps receives T matrix-product
 * contributions (matmul, matmulBT), and a sequence cut into T steps (slice, or the outputs of
 * one custom call, part) receives T contributions that are each zeros but for one stretch.
 * Returning new tensors, the first costs T weight-sized arrays, the second T full-length ones.
 */
import type { Primitive } from '../tensor/primitives.js';
import type { RuleArgs } from '../tensor/vjp.js';
import { matmulTransAAuto } from './wasm/matmul-auto.js';

/** A rule that adds one input's gradient into the sum the pass holds for it. */
export interface InPlaceRule<P extends Primitive> {
  /** The input whose gradient this rule adds in place (the rule of vjp.ts handles the others). */
  readonly input: number;
  /** Adds this result's contribution to the gradient of `inputs[input]` into `soFar`. */
  addInto(args: RuleArgs<P>, soFar: Float64Array): void;
}

/** The primitives with an in-place rule, and the rule. */
export const inPlaceRules: { readonly [P in Primitive]?: InPlaceRule<P> } = {
  // C = A·B: dB += Aᵀ · dC (A [m, k], dC [m, n]).
  matmul: {
    input: 1,
    addInto: ({ grad, inputs: [a] }, soFar) => {
      const [m, k] = a.shape;
      matmulTransAAuto(a.data, grad.data, k, m, grad.shape[1], soFar, true);
    },
  },

  // C = A·Bᵀ: dB += dCᵀ · A (dC [m, n], A [m, k]).
  matmulBT: {
    input: 1,
    addInto: ({ grad, inputs: [a] }, soFar) => {
      const [m, n] = grad.shape;
      matmulTransAAuto(grad.data, a.data, n, m, a.shape[1], soFar, true);
    },
  },

  // The slice's gradient added into its own stretch along `axis`; the rest gets zeros, i.e. nothing.
  slice: {
    input: 0,
    addInto: ({ grad, inputs: [a], attrs: { axis, start } }, soFar) => {
      addIntoStretch(soFar, grad.data, grad.shape, axis, start, a.shape[axis]);
    },
  },

  // One output of a custom call: its gradient added into its stretch of the packed gradient.
  part: {
    input: 0,
    addInto: ({ grad, attrs: { offset } }, soFar) => {
      addIntoStretch(soFar, grad.data, [grad.size], 0, offset, soFar.length);
    },
  },
};

/** target[…, before + j, …] += x[…, j, …]: x (of `shape`) into its stretch along `axis` of a target `width` long there. */
function addIntoStretch(target: Float64Array, x: Float64Array, shape: readonly number[], axis: number, before: number, width: number): void {
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  const stretch = shape[axis] * inner;
  for (let o = 0; o < outer; o++) {
    const from = o * stretch;
    const to = (o * width + before) * inner;
    for (let i = 0; i < stretch; i++) target[to + i] += x[from + i];
  }
}
