/**
 * Linear: y = x Wᵀ + b, PyTorch's layout (weight [out, in], bias [out]). The same affine map
 * is the first half of every recurrent cell, so `linear()` is exported for them too.
 */
import { zeros, type Tensor } from '@chainrule/autodiff';
import { checkOptions, checkShape, checkSize } from './checks.js';
import { initUniform, pytorchDefaultBound, randomFrom, type Seed } from './init.js';
import { Module } from './module.js';

/** x Wᵀ + b for x [..., in], W [out, in], b [out] (or no bias): [..., out]. */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const product = x.matmulBT(weight);
  return bias === null ? product : product.add(bias);
}

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** The size of each input row. */
  readonly inFeatures: number;
  /** The size of each output row. */
  readonly outFeatures: number;
  /** Whether to add a learned bias (default true). */
  readonly bias?: boolean;
  /** Seed for the initial weights (default: the shared generator). */
  readonly seed?: Seed;
}

/** A fully connected layer, y = x Wᵀ + b. */
export class Linear extends Module {
  /** The size of each input row. */
  readonly inFeatures: number;
  /** The size of each output row. */
  readonly outFeatures: number;
  /** W [out, in]. */
  readonly weight: Tensor;
  /** b [out], or null without bias. */
  readonly bias: Tensor | null;

  /** PyTorch's default init: W and b ~ U(−1/√in, 1/√in), weight drawn first. */
  constructor(options: LinearOptions) {
    super();
    const { inFeatures, outFeatures, bias = true, seed } = checkOptions('Linear', options);
    this.inFeatures = checkSize('Linear', 'inFeatures', inFeatures);
    this.outFeatures = checkSize('Linear', 'outFeatures', outFeatures);
    const rng = randomFrom(seed);
    const bound = pytorchDefaultBound(inFeatures);
    this.weight = this.registerParameter('weight', initUniform(zeros([outFeatures, inFeatures]), { bound, seed: rng }));
    this.bias = bias ? this.registerParameter('bias', initUniform(zeros([outFeatures]), { bound, seed: rng })) : null;
  }

  /** x [batch, in] (or [T, batch, in]) → x Wᵀ + b, [batch, out] (or [T, batch, out]). */
  forward(x: Tensor): Tensor {
    const batchAxes = x?.ndim === 3 ? ['T', 'batch'] : ['batch'];
    checkShape('Linear.forward', 'x', x, [...batchAxes, this.inFeatures]);
    return linear(x, this.weight, this.bias);
  }
}
