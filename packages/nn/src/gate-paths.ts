/**
 * The gate paths of the LSTM and the GRU: the part of the gradient that travels back along the
 * cell's carried state alone, where each step multiplies it by a gate and by nothing else (no
 * weight matrix, no squashing slope).
 *
 * LSTM: c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t. Along c alone, ∂c_t/∂c_{t−1} = diag(f_t), so the
 * forget-gate path from the loss at T back to step t is
 *
 *   (f_{t+1} ⊙ f_{t+2} ⊙ ⋯ ⊙ f_T) ⊙ dE/dc_T.
 *
 * GRU (PyTorch's): h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}. The term z_t ⊙ h_{t−1} contributes
 * diag(z_t) to ∂h_t/∂h_{t−1}, so the update-gate path is
 *
 *   (z_{t+1} ⊙ z_{t+2} ⊙ ⋯ ⊙ z_T) ⊙ dE/dh_T.
 *
 * The full gradient (dE/dc_t, dE/dh_t) adds every other path: from c_t through h_t = o_t ⊙ tanh(c_t)
 * into the next step's gates, each behind a block of W_hh (LSTM); through the gates and the
 * candidate n_t (GRU). Those may add to the gate path or cancel part of it, so the full gradient
 * can lie above or below it. The gates are recomputed here from the inputs and the states a
 * forward pass produced (PyTorch's fixtures hold both paths: fixtures/cells.json).
 */
import { noGrad, zeros, type Tensor } from '@chainrule/autodiff';
import type { RecurrentCell } from './cells/recurrent-cell.js';
import type { LSTMCell } from './cells/lstm-cell.js';
import type { GRUCell } from './cells/gru-cell.js';
import { linear } from './linear.js';

/** σ of the pre-activations of gate block `block` (rows block·H … (block + 1)·H) at every step. */
function gateBlock(cell: RecurrentCell<unknown>, block: number, xs: readonly Tensor[], hs: readonly Tensor[]): Tensor[] {
  const H = cell.hiddenSize;
  const rows = (w: Tensor | null) => (w === null ? null : w.slice(0, block * H, (block + 1) * H));
  const [wI, wH, bI, bH] = [rows(cell.weightIh)!, rows(cell.weightHh)!, rows(cell.biasIh), rows(cell.biasHh)];
  return noGrad(() =>
    xs.map((x, t) => {
      const previous = t === 0 ? zeros([x.shape[0], H]) : hs[t - 1];
      return linear(x, wI, bI).add(linear(previous, wH, bH)).sigmoid();
    }),
  );
}

/**
 * The LSTM's forget gates f_1 … f_T (each [B, H]), recomputed from the inputs x_1 … x_T and the
 * hidden states h_1 … h_T of a forward pass from h_0 = 0.
 */
export function forgetGates(cell: LSTMCell, xs: readonly Tensor[], hs: readonly Tensor[]): Tensor[] {
  return gateBlock(cell, 1, xs, hs); // blocks i, f, g, o
}

/** The GRU's update gates z_1 … z_T, likewise (h_0 = 0). */
export function updateGates(cell: GRUCell, xs: readonly Tensor[], hs: readonly Tensor[]): Tensor[] {
  return gateBlock(cell, 1, xs, hs); // blocks r, z, n
}

/**
 * (g_{t+1} ⊙ ⋯ ⊙ g_T) ⊙ last for t = 1 … T, first step first: the gate path of `last` (dE/dc_T
 * with the forget gates, dE/dh_T with the update gates). At t = T the product is empty: `last`.
 */
export function gatePath(gates: readonly Tensor[], last: Tensor): Tensor[] {
  return noGrad(() => {
    const out: Tensor[] = new Array<Tensor>(gates.length);
    let carried = last;
    for (let t = gates.length - 1; t >= 0; t--) {
      out[t] = carried;
      carried = carried.mul(gates[t]);
    }
    return out;
  });
}
