/**
 * T1 on js-pytorch 0.7.2 (float64, nested JavaScript arrays). It has no sigmoid, tanh or slicing:
 * σ(x) = eˣ / (eˣ + 1) and tanh(x) = 2σ(2x) − 1 are composed from exp, add, div, mul, sub (its
 * `pow` gradient is wrong for exponents other than 2, so no pow), and each gate has its own
 * [I, H] and [H, H] weight blocks (8 matmuls per step instead of 2, the same FLOPs).
 */
import { torch } from 'js-pytorch';
import type { Case, StepResult } from '../../src/case.js';
import { makeLstmData } from '../../src/workloads/lstm.js';
import { toRows } from '../../src/workloads/random.js';
import { flatten, normOf } from '../../src/norm.js';

type JsTensor = ReturnType<typeof torch.tensor>;

/** Columns [from, from + width) of a row-major [rows, cols] matrix, as nested rows. */
function block(flat: Float64Array, rows: number, cols: number, from: number, width: number): number[][] {
  return toRows(flat, rows, cols).map((row) => row.slice(from, from + width));
}

function sigmoid(x: JsTensor): JsTensor {
  const e = x.exp();
  return e.div(e.add(1));
}

function tanh(x: JsTensor): JsTensor {
  return sigmoid(x.mul(2)).mul(2).sub(1);
}

export default async function setup(): Promise<Case> {
  const d = makeLstmData();
  const { batch: B, input: I, hidden: H } = d;
  const G = 4 * H;
  // gate order i, f, g, o: block k holds columns [kH, (k+1)H)
  const wx = [0, 1, 2, 3].map((k) => torch.tensor(block(d.wx, I, G, k * H, H), true));
  const wh = [0, 1, 2, 3].map((k) => torch.tensor(block(d.wh, H, G, k * H, H), true));
  const b = [0, 1, 2, 3].map((k) => torch.tensor(Array.from(d.b.subarray(k * H, (k + 1) * H)), true));
  const params = [...wx, ...wh, ...b];
  const xs = d.xs.map((x) => torch.tensor(toRows(x, B, I)));

  return {
    dtype: 'float64',
    notes: 'js-pytorch, per-gate weights, σ and tanh from exp/div',
    step(): StepResult {
      for (const p of params) p.zero_grad();
      let h = torch.zeros([B, H]);
      let c = torch.zeros([B, H]);
      for (const x of xs) {
        const gate = (k: number): JsTensor => x.matmul(wx[k]).add(h.matmul(wh[k])).add(b[k]);
        const i = sigmoid(gate(0));
        const f = sigmoid(gate(1));
        const g = tanh(gate(2));
        const o = sigmoid(gate(3));
        c = f.mul(c).add(i.mul(g));
        h = o.mul(tanh(c));
      }
      const loss = h.mul(h).mean().mean();
      loss.backward();
      return { check: flatten(loss.data)[0], gradNorm: normOf(params.map((p) => flatten(p.grad))) };
    },
  };
}
