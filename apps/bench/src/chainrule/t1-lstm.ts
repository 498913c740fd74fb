/**
 * chainrule T1: the LSTM BPTT step with chainrule's float64 tensors. Each gate has its own
 * [I, H] and [H, H] weight blocks (what the API guarantees today); the gradient of the PyTorch
 * weight matrix is these blocks side by side.
 */
import type { Case, StepResult } from '../case.js';
import { makeLstmData } from '../workloads/lstm.js';
import { toRows } from '../workloads/random.js';
import { normOf } from '../peers/norm.js';
import { loadTensorApi, type TensorLike } from './tensor-api.js';

function block(flat: Float64Array, rows: number, cols: number, from: number, width: number): number[][] {
  return toRows(flat, rows, cols).map((row) => row.slice(from, from + width));
}

export default async function setup(): Promise<Case> {
  const { tensor } = loadTensorApi();
  const d = makeLstmData();
  const { batch: B, input: I, hidden: H } = d;
  const G = 4 * H;
  const gates = [0, 1, 2, 3];
  let wx = gates.map((k) => tensor(block(d.wx, I, G, k * H, H), { requiresGrad: true }));
  let wh = gates.map((k) => tensor(block(d.wh, H, G, k * H, H), { requiresGrad: true }));
  let b = gates.map((k) => tensor([Array.from(d.b.subarray(k * H, (k + 1) * H))], { requiresGrad: true }));
  const xs = d.xs.map((x) => tensor(toRows(x, B, I)));
  const zeros = toRows(new Float64Array(B * H), B, H);

  return {
    dtype: 'float64',
    notes: 'chainrule tensor, per-gate weights',
    step(): StepResult {
      // Fresh leaves each step: gradients accumulate, and this step must see only its own.
      wx = wx.map((w) => tensor(toRows(w.data, I, H), { requiresGrad: true }));
      wh = wh.map((w) => tensor(toRows(w.data, H, H), { requiresGrad: true }));
      b = b.map((v) => tensor([Array.from(v.data)], { requiresGrad: true }));
      let h: TensorLike = tensor(zeros);
      let c: TensorLike = tensor(zeros);
      for (const x of xs) {
        const gate = (k: number): TensorLike => x.matmul(wx[k]).add(h.matmul(wh[k])).add(b[k]);
        const i = gate(0).sigmoid();
        const f = gate(1).sigmoid();
        const g = gate(2).tanh();
        const o = gate(3).sigmoid();
        c = f.mul(c).add(i.mul(g));
        h = o.mul(c.tanh());
      }
      const loss = h.mul(h).mean();
      loss.backward();
      const grads = [...wx, ...wh, ...b].map((p) => p.grad?.data ?? new Float64Array(0));
      return { check: loss.item(), gradNorm: normOf(grads) };
    },
  };
}
