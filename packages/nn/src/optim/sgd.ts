/**
 * Stochastic gradient descent with optional momentum, with PyTorch's formulas (torch.optim.SGD,
 * dampening 0, not Nesterov, no weight decay):
 *
 *   momentum 0:   p ← p − lr · g
 *   momentum μ:   buf ← g on the first step, then buf ← μ · buf + g
 *                 p ← p − lr · buf
 */
import type { Tensor } from '@chainrule/autodiff';
import { checkOptions } from '../checks.js';
import { checkRange, Optimizer } from './optimizer.js';

/** Options of {@link SGD}. */
export interface SGDOptions {
  /** The learning rate (no default, as in PyTorch). */
  readonly lr: number;
  /** μ, default 0 (plain gradient descent). */
  readonly momentum?: number;
}

/** Gradient descent, p ← p − lr · g, optionally with momentum. */
export class SGD extends Optimizer {
  /** The learning rate. */
  readonly lr: number;
  /** μ: how much of the previous direction each step keeps (0: none). */
  readonly momentum: number;
  /** Each parameter's momentum buffer (PyTorch's `momentum_buffer`), after its first step. */
  readonly state = new Map<
    Tensor,
    {
      /** μ · buf + g, the direction of the last step. */
      readonly momentumBuffer: Float64Array;
    }
  >();

  constructor(params: Iterable<Tensor>, options: SGDOptions) {
    super('SGD', params);
    const { lr, momentum = 0 } = checkOptions('SGD', options);
    this.lr = checkRange('SGD', 'lr', lr, 0);
    this.momentum = checkRange('SGD', 'momentum', momentum, 0);
  }

  protected update(p: Float64Array, g: Float64Array, param: Tensor): void {
    let direction = g;
    if (this.momentum !== 0) {
      const state = this.state.get(param);
      if (state === undefined) {
        direction = g.slice(); // buf ← g
        this.state.set(param, { momentumBuffer: direction });
      } else {
        direction = state.momentumBuffer;
        for (let i = 0; i < p.length; i++) direction[i] = this.momentum * direction[i] + g[i]; // buf ← μ·buf + g
      }
    }
    for (let i = 0; i < p.length; i++) p[i] -= this.lr * direction[i];
  }
}
