/**
 * Backpropagation through time starts here: apply a cell along a sequence and keep every
 * step's state in the graph.
 *
 *   const { h, c } = unroll(lstm, xs);          // h[t − 1] = h_t, c[t − 1] = c_t, t = 1..T
 *   const loss = mseLoss(h[h.length - 1], target);
 *   loss.backward();
 *   h.map((ht) => ht.grad);                       // dLoss/dh_t for every t: one .grad away
 *
 * The states are the very tensors the next step consumed, so each `.grad` is the total
 * derivative, through every later step. (An LSTMCell made with fused: 'sequence' runs the whole
 * sequence as one node instead; its states' `.grad` then hold only what reached them from
 * outside it, see cells/lstm-cell.ts.)
 */
import { Tensor } from '@chainrule/autodiff';
import { checkShape, checkTensor } from './checks.js';
import type { LSTMState } from './cells/lstm-step.js';
import type { RecurrentCell } from './cells/recurrent-cell.js';
import type { AnyCell } from './model-file.js';

/** What unroll returns for a cell whose state is one tensor (RNNCell, GRUCell). */
export interface Trajectory {
  /** h[t − 1] = h_t, [batch, H], for t = 1..T (h_0 is not included). */
  readonly h: readonly Tensor[];
  /** The state after the last step, h_T: pass it as state0 to continue the sequence. */
  readonly last: Tensor;
}

/** What unroll returns for an LSTMCell: both states at every step. */
export interface LSTMTrajectory {
  /** h[t − 1] = h_t, [batch, H], for t = 1..T. */
  readonly h: readonly Tensor[];
  /** c[t − 1] = c_t, the cell state, [batch, H], for t = 1..T. */
  readonly c: readonly Tensor[];
  /** The state after the last step, { h: h_T, c: c_T }. */
  readonly last: LSTMState;
}

/** The trajectory type that goes with a cell's state type. */
export type TrajectoryOf<State> = State extends LSTMState ? LSTMTrajectory : Trajectory;

/**
 * Runs `cell` over xs = x_1..x_T, from state0 (default: zeros), and returns every state.
 * xs is a list of T tensors [batch, I], or one tensor [T, batch, I].
 */
export function unroll<State>(cell: RecurrentCell<State>, xs: readonly Tensor[] | Tensor, state0?: State): TrajectoryOf<State>;
/** A cell whose kind is known only at run time (e.g. from `cellFromModelFile`): check `'c' in result`. */
export function unroll(cell: AnyCell, xs: readonly Tensor[] | Tensor): Trajectory | LSTMTrajectory;
export function unroll<State>(
  cell: RecurrentCell<State>,
  xs: readonly Tensor[] | Tensor,
  state0?: State,
): TrajectoryOf<State> {
  const batch = checkInputs(cell.inputSize, xs);
  const states = cell.forwardSequence(xs, state0 ?? cell.zeroState(batch));
  const last = states[states.length - 1];
  const trajectory: Trajectory | LSTMTrajectory =
    last instanceof Tensor
      ? { h: states as Tensor[], last }
      : {
          h: (states as LSTMState[]).map((s) => s.h),
          c: (states as LSTMState[]).map((s) => s.c),
          last: last as LSTMState,
        };
  return trajectory as TrajectoryOf<State>;
}

/** Checks the inputs (a list of T tensors [batch, I], or one [T, batch, I]) and returns the batch size. */
function checkInputs(inputSize: number, xs: readonly Tensor[] | Tensor): number {
  if (xs instanceof Tensor) {
    const [T, batch] = checkShape('unroll', 'xs', xs, ['T', 'batch', inputSize]).shape;
    if (T === 0) throw new Error('unroll: xs has no time steps');
    return batch;
  }
  if (!Array.isArray(xs)) throw new Error('unroll: xs must be a list of tensors [batch, I] or a tensor [T, batch, I]');
  if (xs.length === 0) throw new Error('unroll: xs has no time steps');
  const batch = checkTensor('unroll', 'xs[0]', xs[0]).shape[0];
  xs.forEach((x, t) => checkShape('unroll', `xs[${t}]`, x, [batch, inputSize]));
  return batch;
}
