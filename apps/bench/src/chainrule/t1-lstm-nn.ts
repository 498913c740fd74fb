/**
 * chainrule-nn T1: the same LSTM BPTT step written with @chainrule/nn as its README shows
 * training an LSTM: an `LSTMCell` made with fused: 'sequence', `unroll` over the sequence, the
 * loss, `loss.backward()` with its defaults (the textbook pass; no fast path plugged in).
 * `unroll` runs the whole sequence as one node with backpropagation through time written by hand
 * (`lstmSequence`, built on `customVjp`); the raw-tensor-ops rows (t1-lstm.ts) stay beside it.
 *
 * The workload's weights are [in, 4H] with one bias; the cell stores PyTorch's [4H, in] with
 * bias_ih and bias_hh, so setup (untimed) loads the transposes, b into bias_ih and zeros into
 * bias_hh. ‖∇‖ is over weight_ih, weight_hh and bias_ih: the same numbers as W_ih, W_hh and b.
 */
import { fromArray, noGrad } from '@chainrule/autodiff';
import { LSTMCell, unroll } from '@chainrule/nn';
import type { Case, StepResult } from '../case.js';
import { makeLstmData } from '../workloads/lstm.js';
import { normOf } from '../norm.js';

export default async function setup(): Promise<Case> {
  const d = makeLstmData();
  const { batch: B, input: I, hidden: H } = d;
  const cell = new LSTMCell({ inputSize: I, hiddenSize: H, seed: 0, fused: 'sequence' });
  noGrad(() => {
    cell.weightIh.data.set(fromArray(d.wx, [I, 4 * H]).transpose().data);
    cell.weightHh.data.set(fromArray(d.wh, [H, 4 * H]).transpose().data);
    cell.biasIh?.data.set(d.b);
    cell.biasHh?.data.fill(0);
  });
  const xs = d.xs.map((x) => fromArray(x, [B, I]));
  const graded = [cell.weightIh, cell.weightHh, cell.biasIh];

  return {
    dtype: 'float64',
    notes: "@chainrule/nn LSTMCell fused: 'sequence' + unroll + backward()",
    step(): StepResult {
      cell.zeroGrad();
      const hT = unroll(cell, xs).last.h;
      const loss = hT.mul(hT).mean();
      loss.backward();
      return { check: loss.item(), gradNorm: normOf(graded.map((p) => p?.grad?.data ?? [Number.NaN])) };
    },
  };
}
