/**
 * chainrule T1: the LSTM BPTT step with chainrule's float64 tensors, written as a user would:
 * one matmul per input per step, `split` into the four gates, `backward()` from the loss.
 * The parameters' gradients are cleared before each step (they accumulate, as in PyTorch), and
 * backward keeps only the leaves' gradients ({ leavesOnly: true }), as training would.
 *
 * Two rows: `chainrule` with the tuned path plugged in (`useFastPath()`: WebAssembly products, the
 * in-place backward pass), and `chainrule-textbook` without it, the engine as a reader reads it.
 */
import { fromArray, zeros, type Tensor } from '@chainrule/autodiff';
import { useFastPath } from '@chainrule/autodiff/fast';
import type { Case, StepResult } from '../case.js';
import { makeLstmData } from '../workloads/lstm.js';
import { normOf } from '../norm.js';

export default async function setup(fast = true): Promise<Case> {
  useFastPath(fast);
  const d = makeLstmData();
  const { batch: B, input: I, hidden: H } = d;
  const wx = fromArray(d.wx, [I, 4 * H], { requiresGrad: true });
  const wh = fromArray(d.wh, [H, 4 * H], { requiresGrad: true });
  const b = fromArray(d.b, [4 * H], { requiresGrad: true });
  const params = [wx, wh, b];
  const xs = d.xs.map((x) => fromArray(x, [B, I]));

  return {
    dtype: 'float64',
    notes: fast ? 'chainrule Tensor, useFastPath()' : 'chainrule Tensor, textbook path',
    step(): StepResult {
      for (const p of params) p.grad = null;
      let h: Tensor = zeros([B, H]);
      let c: Tensor = zeros([B, H]);
      for (const x of xs) {
        const z = x.matmul(wx).add(h.matmul(wh)).add(b);
        const [zi, zf, zg, zo] = z.split(H, 1);
        c = zf.sigmoid().mul(c).add(zi.sigmoid().mul(zg.tanh()));
        h = zo.sigmoid().mul(c.tanh());
      }
      const loss = h.mul(h).mean();
      loss.backward(undefined, { leavesOnly: true }); // training needs only the weights' gradients
      return { check: loss.item(), gradNorm: normOf(params.map((p) => p.grad?.data ?? [Number.NaN])) };
    },
  };
}
