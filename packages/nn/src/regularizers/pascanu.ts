/**
 * The regularizer of Pascanu, Mikolov & Bengio (2013, §3.3), which keeps the gradient flowing
 * back through time from shrinking step by step:
 *
 *   Ω = Σ_t ( ‖v_t · ∂s_t/∂s_{t−1}‖ / ‖v_t‖ − 1 )²,     v_t = ∂E/∂s_t
 *
 * s_t is the state after step t (h_t; for an LSTM h_t and c_t together). The ratio is how much
 * one step back multiplies the length of the gradient: 1 means it passes unchanged. Each term
 * pulls that ratio towards 1 at the states the loss actually reaches.
 *
 * As in the paper, v_t is held constant, and so is s_{t−1} (their "immediate" derivative, ∂⁺):
 * Ω's gradient flows only through the one-step Jacobian's dependence on the weights. So each
 * term redoes step t from a copy of s_{t−1} that is cut off from the past, and asks for the
 * vector-Jacobian product with the pass recorded (`createGraph`): that product is a function of
 * the weights, and Ω's gradient is a derivative of a derivative.
 */
import { grad, zeros, type Tensor } from '@chainrule/autodiff';
import type { LSTMState } from '../cells/lstm-step.js';
import type { RecurrentCell } from '../cells/recurrent-cell.js';

/** A state's tensors: [h] for an RNN or GRU, [h, c] for an LSTM. */
function partsOf(state: Tensor | LSTMState): Tensor[] {
  return 'c' in state && 'h' in state ? [state.h, state.c] : [state as Tensor];
}

/** The state made of `parts` (the inverse of partsOf). */
function stateOf<State>(parts: readonly Tensor[]): State {
  return (parts.length === 2 ? { h: parts[0], c: parts[1] } : parts[0]) as State;
}

/** A copy of t cut off from the graph, whose own gradient can be asked for. */
function freshLeaf(t: Tensor): Tensor {
  const leaf = t.clone();
  leaf.requiresGrad = true;
  return leaf;
}

/** Σ of every element squared over several tensors, as a one-element tensor in the graph. */
function squaredNormOf(ts: readonly Tensor[]): Tensor {
  return ts.map((t) => t.mul(t).sum()).reduce((a, b) => a.add(b));
}

/** Options of `pascanuRegularizer`. */
export interface PascanuOptions {
  /** Terms whose ‖v_t‖ is at or below this are skipped (the ratio is undefined there). Default 0. */
  readonly minGradNorm?: number;
}

/**
 * Ω for one run of `cell` over xs (xs[t] made states[t] from the state before it, state0 for
 * t = 0), for the loss `loss` computed from those states. A one-element tensor in the graph of
 * the cell's weights: add λ·Ω to the loss and backpropagate as usual.
 *
 * The cell must keep one node per step (every cell does, except an LSTMCell made with
 * fused: 'sequence', whose states' gradients hold only what reached them from outside).
 */
export function pascanuRegularizer<State extends Tensor | LSTMState>(
  cell: RecurrentCell<State>,
  xs: readonly Tensor[],
  states: readonly State[],
  state0: State,
  loss: Tensor,
  { minGradNorm = 0 }: PascanuOptions = {},
): Tensor {
  if ((cell as { fused?: unknown }).fused === 'sequence') {
    throw new Error("pascanuRegularizer: needs every state's full gradient; make the LSTMCell with fused: true or false, not 'sequence'");
  }
  if (xs.length !== states.length || states.length === 0) {
    throw new Error(`pascanuRegularizer: ${xs.length} inputs for ${states.length} states (one state per input, at least one)`);
  }
  // v_t = ∂E/∂s_t, every t at once, as constants.
  const flat = states.flatMap((s) => partsOf(s));
  const wanted = flat.filter((t) => t.requiresGrad);
  const found = wanted.length === 0 ? [] : grad(loss, wanted);
  const gradientOf = new Map(wanted.map((t, k) => [t, found[k]]));
  const terms: Tensor[] = [];
  states.forEach((state, t) => {
    const v = partsOf(state).map((part) => gradientOf.get(part) ?? zeros(part.shape));
    const vNorm = Math.sqrt(squaredNormOf(v).item());
    if (!(vNorm > minGradNorm)) return;
    const before = partsOf(t === 0 ? state0 : states[t - 1]).map(freshLeaf); // s_{t−1}, held constant
    const after = partsOf(cell.forward(xs[t], stateOf<State>(before))); // step t again, from it
    const vJ = grad(after, before, { gradOutputs: v, createGraph: true }); // v_t · ∂s_t/∂s_{t−1}, a function of the weights
    const squared = squaredNormOf(vJ);
    // A step that passes nothing back (ratio 0) has no slope to follow: its term is the constant 1.
    terms.push(squared.item() === 0 ? zeros([]).add(1) : squared.pow(0.5).div(vNorm).sub(1).pow(2));
  });
  return terms.length === 0 ? zeros([]) : terms.reduce((a, b) => a.add(b));
}
