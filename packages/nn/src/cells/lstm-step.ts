/**
 * One LSTM step as tensor ops, one line per equation: the textbook step. From x [B, I] and the
 * state (h, c), both [B, H], with the gate blocks i, f, g, o of the weights (lstm-cell.ts):
 *
 *   [a_i, a_f, a_g, a_o] = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh
 *   i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)
 *   c' = f ⊙ c + i ⊙ g
 *   h' = o ⊙ tanh(c')
 *
 * `LSTMCell` runs it with `fused: false`; the fused versions in ../fused/ are tested against it.
 */
import type { Tensor } from '@chainrule/autodiff';
import { linear } from '../linear.js';
import type { CellWeights } from './recurrent-cell.js';

/** An LSTM's state: the hidden state h (the output) and the cell state c, both [batch, H]. */
export interface LSTMState {
  /** The hidden state, the cell's output h = o ⊙ tanh(c). */
  readonly h: Tensor;
  /** The cell state c, carried from step to step by f ⊙ c + i ⊙ g. */
  readonly c: Tensor;
}

/** z = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh: [B, 4H], the gate blocks i, f, g, o side by side. */
export function gatePreactivations(w: CellWeights, x: Tensor, h: Tensor): Tensor {
  return linear(x, w.weightIh, w.biasIh).add(linear(h, w.weightHh, w.biasHh));
}

/** One LSTM step with the given weights (no shape checks): the six equations above, one line each. */
export function lstmStep(w: CellWeights, x: Tensor, state: LSTMState): LSTMState {
  const H = state.h.shape[1];
  const [aI, aF, aG, aO] = gatePreactivations(w, x, state.h).split(H, 1); // blocks i, f, g, o
  const i = aI.sigmoid();
  const f = aF.sigmoid();
  const g = aG.tanh();
  const o = aO.sigmoid();
  const c = f.mul(state.c).add(i.mul(g)); // c' = f ⊙ c + i ⊙ g
  const h = o.mul(c.tanh()); // h' = o ⊙ tanh(c')
  return { h, c };
}

/** @deprecated The textbook step is `lstmStep` now; this name stays for code written before. */
export const lstmStepUnfused = lstmStep;

