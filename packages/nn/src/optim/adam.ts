/**
 * Adam (Kingma & Ba 2015) with PyTorch's formulas (torch.optim.Adam, no weight decay, no
 * amsgrad). At step k, with m and v starting at 0:
 *
 *   m ← β₁ · m + (1 − β₁) · g              running mean of the gradient
 *   v ← β₂ · v + (1 − β₂) · g²             running mean of its square
 *   p ← p − (lr / (1 − β₁ᵏ)) · m / (√v / √(1 − β₂ᵏ) + ε)
 *
 * Dividing by 1 − βᵏ undoes the pull toward the zeros m and v started from ("bias
 * correction"); ε is added outside the square root, after correcting √v, as PyTorch does.
 */
import type { Tensor } from '@chainrule/autodiff';
import { checkOptions, show } from '../checks.js';
import { checkRange, Optimizer } from './optimizer.js';

/** Options of {@link Adam}; every one has PyTorch's default. */
export interface AdamOptions {
  /** Default 1e-3. */
  readonly lr?: number;
  /** [β₁, β₂], default [0.9, 0.999]. */
  readonly betas?: readonly [number, number];
  /** Default 1e-8. */
  readonly eps?: number;
}

/** What Adam keeps for one parameter between steps (PyTorch's per-parameter state). */
export interface AdamState {
  /** Steps taken with this parameter, k. */
  step: number;
  /** m (PyTorch's `exp_avg`). */
  readonly expAvg: Float64Array;
  /** v (PyTorch's `exp_avg_sq`). */
  readonly expAvgSq: Float64Array;
}

/** Adam: each coordinate's step is its gradient's running mean over the root of its running mean square, both bias-corrected. */
export class Adam extends Optimizer {
  /** The learning rate. */
  readonly lr: number;
  /** β₁ and β₂, how slowly the running means of g and g² forget. */
  readonly betas: readonly [number, number];
  /** ε, added to the corrected √v so that a zero gradient does not divide by zero. */
  readonly eps: number;
  /** Each parameter's {@link AdamState}, after its first step. */
  readonly state = new Map<Tensor, AdamState>();

  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super('Adam', params);
    const { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8 } = checkOptions('Adam', options);
    if (!Array.isArray(betas) || betas.length !== 2) throw new Error(`Adam: betas must be a pair of numbers, got ${show(betas)}`);
    this.lr = checkRange('Adam', 'lr', lr, 0);
    this.betas = [checkRange('Adam', 'betas[0]', betas[0], 0, 1, true), checkRange('Adam', 'betas[1]', betas[1], 0, 1, true)];
    this.eps = checkRange('Adam', 'eps', eps, 0);
  }

  protected update(p: Float64Array, g: Float64Array, param: Tensor): void {
    const [beta1, beta2] = this.betas;
    let state = this.state.get(param);
    if (state === undefined) {
      state = { step: 0, expAvg: new Float64Array(p.length), expAvgSq: new Float64Array(p.length) };
      this.state.set(param, state);
    }
    state.step += 1;
    const { expAvg: m, expAvgSq: v, step: k } = state;
    const stepSize = this.lr / (1 - beta1 ** k);
    const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** k);
    for (let i = 0; i < p.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      p[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / biasCorrection2Sqrt + this.eps);
    }
  }
}
