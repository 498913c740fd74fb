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
 */
import { zeros, type Tensor } from '@chainrule/autodiff';
import { checkShape } from './checks.js';
import { linear } from './linear.js';
import { lstmPointwise } from './lstm-pointwise.js';
import { lstmSequence } from './lstm-sequence.js';
import { RecurrentCell, type CellOptions, type CellWeights } from './recurrent-cell.js';

/** An LSTM's state: the hidden state h (the output) and the cell state c, both [batch, H]. */
export interface LSTMState {
  readonly h: Tensor;
  readonly c: Tensor;
}

/**
 * One LSTM step with the given weights (no shape checks); the equations at the top of this file.
 * The two matrix products give the terms of the gate pre-activations z; everything after them
 * is fused into two hand-differentiated nodes (lstm-pointwise.ts), which also add up z, so no
 * array is spent on the sums. `lstmStepUnfused` is the same math in ordinary tensor ops.
 */
export function lstmStep(w: CellWeights, x: Tensor, state: LSTMState): LSTMState {
  const zTerms = [x.matmulBT(w.weightIh), state.h.matmulBT(w.weightHh), w.biasIh, w.biasHh];
  return lstmPointwise(
    zTerms.filter((term) => term !== null), // without bias: just the two products
    state.c,
  );
}

/** z = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh: [B, 4H], the gate blocks i, f, g, o side by side. */
export function gatePreactivations(w: CellWeights, x: Tensor, h: Tensor): Tensor {
  return linear(x, w.weightIh, w.biasIh).add(linear(h, w.weightHh, w.biasHh));
}

/**
 * The same step written with ordinary tensor ops, every equation one line: the readable
 * reference that the fused `lstmStep` is tested against (and a finer graph to draw).
 */
export function lstmStepUnfused(w: CellWeights, x: Tensor, state: LSTMState): LSTMState {
  const H = state.h.shape[1];
  const gates = gatePreactivations(w, x, state.h);
  const [aI, aF, aG, aO] = gates.split(H, 1); // blocks i, f, g, o
  const i = aI.sigmoid();
  const f = aF.sigmoid();
  const g = aG.tanh();
  const o = aO.sigmoid();
  const c = f.mul(state.c).add(i.mul(g)); // c' = f ⊙ c + i ⊙ g
  const h = o.mul(c.tanh()); // h' = o ⊙ tanh(c')
  return { h, c };
}

export interface LSTMCellOptions extends CellOptions {
  /**
   * Added to the forget gate's bias (bias_ih[H:2H]) after the default init, default 0.
   * 1 (Jozefowicz et al. 2015) starts with f ≈ σ(1) ≈ 0.73, so memories fade slowly.
   */
  readonly forgetBias?: number;
  /**
   * Whether `forward` runs the fused step (`lstmStep`, default true) or the same math in
   * ordinary ops (`lstmStepUnfused`): slower, but its graph shows every gate.
   */
  readonly fused?: boolean;
}

export class LSTMCell extends RecurrentCell<LSTMState> {
  /** Whether `forward` runs the fused step (see LSTMCellOptions.fused). */
  readonly fused: boolean;

  constructor(options: LSTMCellOptions) {
    super('LSTMCell', 4, options);
    const { forgetBias = 0, fused = true } = options;
    this.fused = fused;
    if (!Number.isFinite(forgetBias)) throw new Error(`LSTMCell: forgetBias must be a finite number, got ${String(forgetBias)}`);
    if (forgetBias !== 0) {
      if (this.biasIh === null) throw new Error('LSTMCell: forgetBias needs bias: true (there is no bias to add it to)');
      const H = this.hiddenSize;
      for (let j = H; j < 2 * H; j++) this.biasIh.data[j] += forgetBias;
    }
  }

  forward(x: Tensor, state: LSTMState): LSTMState {
    if (typeof state !== 'object' || state === null) {
      throw new Error('LSTMCell.forward: state must be { h, c }, two tensors [batch, H]');
    }
    this.checkStep('LSTMCell.forward', x, 'h', state.h);
    this.checkStep('LSTMCell.forward', x, 'c', state.c);
    return this.fused ? lstmStep(this, x, state) : lstmStepUnfused(this, x, state);
  }

  /**
   * Every step of a sequence at once (what `unroll` calls for a fused cell): xs is one tensor
   * [T, batch, I] or T tensors [batch, I] (checked by the caller), and the states after each
   * step come back first step first. Recorded as ONE node with backpropagation through time
   * written by hand (lstm-sequence.ts); the states' `.grad` are the same as with `forward` step
   * by step.
   */
  forwardSequence(xs: readonly Tensor[] | Tensor, state: LSTMState): { h: Tensor[]; c: Tensor[] } {
    if (typeof state !== 'object' || state === null) {
      throw new Error('LSTMCell.forward: state must be { h, c }, two tensors [batch, H]');
    }
    const batch = Array.isArray(xs) ? xs[0].shape[0] : (xs as Tensor).shape[1];
    checkShape('LSTMCell.forward', 'h', state.h, [batch, this.hiddenSize]);
    checkShape('LSTMCell.forward', 'c', state.c, [batch, this.hiddenSize]);
    return lstmSequence(this, xs, state);
  }

  zeroState(batchSize: number): LSTMState {
    return { h: zeros([batchSize, this.hiddenSize]), c: zeros([batchSize, this.hiddenSize]) };
  }
}
