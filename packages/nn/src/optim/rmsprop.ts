/**
 * RMSProp (Hinton's lecture 6e, 2012) with PyTorch's formulas (torch.optim.RMSprop, no momentum,
 * not centered, no weight decay), v starting at 0:
 *
 *   v ← α · v + (1 − α) · g²        running mean of the squared gradient
 *   p ← p − lr · g / (√v + ε)        ε outside the square root
 *
 * Each coordinate's step is scaled by its own recent gradient size.
 */
import type { Tensor } from '@chainrule/autodiff';
import { checkOptions } from '../checks.js';
import { checkRange, Optimizer } from './optimizer.js';

/** Options of {@link RMSProp}; every one has PyTorch's default. */
export interface RMSPropOptions {
  /** Default 1e-2 (PyTorch's default). */
  readonly lr?: number;
  /** α, default 0.99. */
  readonly alpha?: number;
  /** Default 1e-8. */
  readonly eps?: number;
}

/** RMSProp: each coordinate's step is its gradient over the root of its running mean square. */
export class RMSProp extends Optimizer {
  /** The learning rate. */
  readonly lr: number;
  /** α: how slowly the running mean of g² forgets. */
  readonly alpha: number;
  /** ε, added to √v so that a zero gradient does not divide by zero. */
  readonly eps: number;
  /** v per parameter (PyTorch's `square_avg`). */
  readonly state = new Map<
    Tensor,
    {
      /** v, the running mean of g². */
      readonly squareAvg: Float64Array;
    }
  >();

  constructor(params: Iterable<Tensor>, options: RMSPropOptions = {}) {
    super('RMSProp', params);
    const { lr = 1e-2, alpha = 0.99, eps = 1e-8 } = checkOptions('RMSProp', options);
    this.lr = checkRange('RMSProp', 'lr', lr, 0);
    this.alpha = checkRange('RMSProp', 'alpha', alpha, 0, 1);
    this.eps = checkRange('RMSProp', 'eps', eps, 0);
  }

  protected update(p: Float64Array, g: Float64Array, param: Tensor): void {
    let state = this.state.get(param);
    if (state === undefined) {
      state = { squareAvg: new Float64Array(p.length) };
      this.state.set(param, state);
    }
    const v = state.squareAvg;
    for (let i = 0; i < p.length; i++) {
      v[i] = this.alpha * v[i] + (1 - this.alpha) * g[i] * g[i];
      p[i] -= (this.lr * g[i]) / (Math.sqrt(v[i]) + this.eps);
    }
  }
}
