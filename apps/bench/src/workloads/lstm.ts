/**
 * T1, the LSTM BPTT step, defined once for every engine.
 *
 * Batch B = 32, input I = 32, hidden H = 128, T = 64 steps, gates i, f, g, o (PyTorch's order),
 * one bias b, h₀ = c₀ = 0, loss = mean(h_T²) over the batch and the hidden units; one step is the
 * forward pass and the backward pass for W_ih, W_hh and b.
 *
 * Every engine stores the weights as [in, 4H], the transpose of PyTorch's [4H, in], so that a step
 * is `x_t · W_x + h · W_h + b` and no engine pays for a transpose. The columns hold the gate blocks
 * i | f | g | o, H columns each.
 */
import { uniformArray } from './random.js';

export const LSTM_SIZES = { batch: 32, input: 32, hidden: 128, steps: 64 } as const;

export interface LstmData {
  readonly batch: number;
  readonly input: number;
  readonly hidden: number;
  readonly steps: number;
  /** W_ih transposed: [I, 4H], row-major. */
  readonly wx: Float64Array;
  /** W_hh transposed: [H, 4H], row-major. */
  readonly wh: Float64Array;
  /** [4H]. */
  readonly b: Float64Array;
  /** One [B, I] row-major block per time step. */
  readonly xs: readonly Float64Array[];
}

/** Weights from PyTorch's default U(−1/√H, 1/√H), inputs from U(−1, 1); the same for every engine. */
export function makeLstmData(sizes: {
  batch: number;
  input: number;
  hidden: number;
  steps: number;
} = LSTM_SIZES): LstmData {
  const { batch, input, hidden, steps } = sizes;
  const k = 1 / Math.sqrt(hidden);
  const xs: Float64Array[] = [];
  for (let t = 0; t < steps; t++) xs.push(uniformArray(batch * input, -1, 1, 1000 + t));
  return {
    batch,
    input,
    hidden,
    steps,
    wx: uniformArray(input * 4 * hidden, -k, k, 1),
    wh: uniformArray(hidden * 4 * hidden, -k, k, 2),
    b: uniformArray(4 * hidden, -k, k, 3),
    xs,
  };
}

/** Multiply-adds of one step, forward and backward (backward ≈ 2× forward): about 1 GFLOP. */
export function lstmFlops(d: { batch: number; input: number; hidden: number; steps: number } = LSTM_SIZES): number {
  const forward = 2 * d.batch * (d.input + d.hidden) * 4 * d.hidden * d.steps;
  return 3 * forward;
}

/**
 * The loss in plain float64 loops, no autodiff: what every engine's loss is checked against.
 */
export function referenceLstmLoss(d: LstmData): number {
  const { batch: B, input: I, hidden: H, steps: T } = d;
  const G = 4 * H;
  let h = new Float64Array(B * H);
  let c = new Float64Array(B * H);
  const z = new Float64Array(B * G);
  for (let t = 0; t < T; t++) {
    const x = d.xs[t];
    for (let r = 0; r < B; r++) {
      for (let j = 0; j < G; j++) z[r * G + j] = d.b[j];
      for (let k = 0; k < I; k++) {
        const xv = x[r * I + k];
        for (let j = 0; j < G; j++) z[r * G + j] += xv * d.wx[k * G + j];
      }
      for (let k = 0; k < H; k++) {
        const hv = h[r * H + k];
        for (let j = 0; j < G; j++) z[r * G + j] += hv * d.wh[k * G + j];
      }
    }
    const hNext = new Float64Array(B * H);
    const cNext = new Float64Array(B * H);
    for (let r = 0; r < B; r++) {
      for (let u = 0; u < H; u++) {
        const i = sigmoid(z[r * G + u]);
        const f = sigmoid(z[r * G + H + u]);
        const g = Math.tanh(z[r * G + 2 * H + u]);
        const o = sigmoid(z[r * G + 3 * H + u]);
        const cv = f * c[r * H + u] + i * g;
        cNext[r * H + u] = cv;
        hNext[r * H + u] = o * Math.tanh(cv);
      }
    }
    h = hNext;
    c = cNext;
  }
  let sum = 0;
  for (let i = 0; i < h.length; i++) sum += h[i] * h[i];
  return sum / h.length;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
