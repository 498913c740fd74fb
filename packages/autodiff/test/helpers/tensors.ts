/** fast-check arbitraries for shapes and tensors, shared by the tensor property tests. */
import { fc } from '@fast-check/vitest';
import { fromArray, sizeOf, type Shape, type Tensor } from '../../src/index.js';

/** Shapes of 0 to 3 axes, each of length 1 to 4. */
export const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 });

/** A tensor of the given shape with values in [min, max]. */
export function tensorOf(shape: Shape, min = -2, max = 2): fc.Arbitrary<Tensor> {
  const size = sizeOf(shape);
  return fc
    .array(fc.double({ min, max, noNaN: true }), { minLength: size, maxLength: size })
    .map((values) => fromArray(values, shape));
}

/** A tensor whose values are all different by at least 0.01 (so max has no ties). */
export function distinctTensorOf(shape: Shape): fc.Arbitrary<Tensor> {
  const size = sizeOf(shape);
  return fc
    .uniqueArray(fc.integer({ min: -300, max: 300 }), { minLength: size, maxLength: size })
    .map((values) => fromArray(values.map((v) => v / 100), shape));
}

/** A tensor with values in ±[0.1, 2]: away from 0, for relu's kink and division. */
export function awayFromZeroOf(shape: Shape): fc.Arbitrary<Tensor> {
  return tensorOf(shape, -1.9, 1.9).map((t) => fromArray(t.data.map((v) => (v >= 0 ? v + 0.1 : v - 0.1)), t.shape));
}

/**
 * A shape and a second shape that broadcasts against it: some leading axes dropped and some
 * axes set to 1, in either order, so both operands get broadcast in the draws.
 */
export const broadcastPairArb = fc
  .tuple(
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    fc.nat(3),
    fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([full, drop, ones, swap]) => {
    const lead = Math.min(drop, full.length);
    const small = full.slice(lead).map((d, i) => (ones[i] ? 1 : d));
    return swap ? ([small, full] as const) : ([full, small] as const);
  });

/** A random permutation of 0..n−1. */
export function permutationArb(n: number): fc.Arbitrary<number[]> {
  return fc
    .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n })
    .map((keys) => keys.map((k, i) => [k, i] as const).sort((p, q) => p[0] - q[0] || p[1] - q[1]).map(([, i]) => i));
}
