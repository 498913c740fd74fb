/**
 * The LSTM cell (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000),
 * PyTorch's torch.nn.LSTMCell. Gate pre-activations, one block of H columns each, in the
 * order i, f, g, o (rows of weight_ih [4H, I] and weight_hh [4H, H]):
 *
 *   [a_i, a_f, a_g, a_o] = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh
 *   i = σ(a_i)   input gate: how much of the candidate to write
 *   f = σ(a_f)   forget gate: how much of the old cell to keep
 *   g = tanh(a_g) candidate values
 *   o = σ(a_o)   output gate: how much of the cell to show
 *   c' = f ⊙ c + i ⊙ g
 *   h' = o ⊙ tanh(c')
 *
 * The cell state is updated by addition, so along that path dc'/dc = diag(f): with f ≈ 1 the
 * gradient reaches far back instead of vanishing (the "constant error carousel").
 *
 * The equations, one line each, are `lstmStep` in lstm-step.ts; this file is the module that
 * holds the weights and chooses how to compute them.
 */
import { zeros, type Tensor } from '@chainrule/autodiff';
import { lstmSequence } from '../fused/lstm-sequence.js';
import { lstmStepFused } from '../fused/lstm-step.js';
import { lstmStep, type LSTMState } from './lstm-step.js';

export type { LSTMState } from './lstm-step.js';
import { RecurrentCell, type CellOptions } from './recurrent-cell.js';

/** Options of {@link LSTMCell}: those of every cell, and two of its own. */
export interface LSTMCellOptions extends CellOptions {
  /**
   * Added to the forget gate's bias (bias_ih[H:2H]) after the default init, default 0.
   * 1 (Jozefowicz et al. 2015) starts with f ≈ σ(1) ≈ 0.73, so memories fade slowly.
   */
  readonly forgetBias?: number;
  /**
   * How the cell computes; the same numbers every way (tests in test/fused-*.test.ts):
   *   - `false`: `lstmStep`, the equations in ordinary tensor ops; its graph shows every gate.
   *   - `true` (default): each step as two hand-differentiated nodes (fused/lstm-step.ts).
   *     Every state's `.grad` is its full gradient, as with `false`.
   *   - `'sequence'`: steps as with `true`, and `unroll` runs the whole sequence as ONE node
   *     with backpropagation through time written by hand (fused/lstm-sequence.ts): the fastest
   *     for training. A state's `.grad` then holds only what reached it from outside that node
   *     (a loss on it), not what came back through later steps, as with PyTorch's `nn.LSTM`.
   */
  readonly fused?: boolean | 'sequence';
}

/** PyTorch's LSTM cell: its state is the pair {@link LSTMState} { h, c }. */
export class LSTMCell extends RecurrentCell<LSTMState> {
  /** How the cell computes (see LSTMCellOptions.fused). */
  readonly fused: boolean | 'sequence';

  /** Draws the weights as PyTorch does, then adds `forgetBias` to the forget gate's bias. */
  constructor(options: LSTMCellOptions) {
    super('LSTMCell', 4, options);
    const { forgetBias = 0, fused = true } = options;
    if (fused !== true && fused !== false && fused !== 'sequence') {
      throw new Error(`LSTMCell: fused must be true, false or 'sequence', got ${JSON.stringify(fused)}`);
    }
    this.fused = fused;
    if (!Number.isFinite(forgetBias)) throw new Error(`LSTMCell: forgetBias must be a finite number, got ${String(forgetBias)}`);
    if (forgetBias !== 0) {
      if (this.biasIh === null) throw new Error('LSTMCell: forgetBias needs bias: true (there is no bias to add it to)');
      const H = this.hiddenSize;
      for (let j = H; j < 2 * H; j++) this.biasIh.data[j] += forgetBias;
    }
  }

  /** One step: { h', c' } from x [batch, I] and { h, c } (the six equations at the top of this file). */
  forward(x: Tensor, state: LSTMState): LSTMState {
    this.checkState('LSTMCell.forward', state);
    this.checkStep('LSTMCell.forward', x, 'h', state.h);
    this.checkStep('LSTMCell.forward', x, 'c', state.c);
    return this.fused === false ? lstmStep(this, x, state) : lstmStepFused(this, x, state);
  }

  /** With fused: 'sequence', the whole sequence as one node; otherwise step by step. */
  override forwardSequence(xs: readonly Tensor[] | Tensor, state0: LSTMState): LSTMState[] {
    if (this.fused !== 'sequence') return super.forwardSequence(xs, state0);
    this.checkState('LSTMCell.forwardSequence', state0);
    const batch = Array.isArray(xs) ? xs[0].shape[0] : (xs as Tensor).shape[1];
    this.checkStateShape('LSTMCell.forwardSequence', 'h', state0.h, batch);
    this.checkStateShape('LSTMCell.forwardSequence', 'c', state0.c, batch);
    const { h, c } = lstmSequence(this, xs, state0);
    return h.map((ht, t) => ({ h: ht, c: c[t] }));
  }

  /** h = 0 and c = 0, each [batchSize, H]. */
  zeroState(batchSize: number): LSTMState {
    return { h: zeros([batchSize, this.hiddenSize]), c: zeros([batchSize, this.hiddenSize]) };
  }

  private checkState(op: string, state: LSTMState): void {
    if (typeof state !== 'object' || state === null) throw new Error(`${op}: state must be { h, c }, two tensors [batch, H]`);
  }
}
