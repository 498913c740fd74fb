/**
 * A whole LSTM sequence as ONE node, with backpropagation through time written by hand (what
 * cuDNN's RNN functions do). `unroll(lstm, xs)` runs this for an LSTMCell made with
 * fused: 'sequence'.
 *
 * Step by step (cells/lstm-cell.ts, lstm-step.ts), each of the T steps records two products and
 * two fused nodes, and backward sums the weights' gradients one step at a time: 2T small
 * products for dW_ih and dW_hh, each copying its running sum in and out of the matrix kernel.
 * Seen as a whole, the work regroups into fewer, bigger products:
 *
 * Forward (X = [x_1; …; x_T], the steps' inputs stacked: [T·B, I]):
 *
 *   P   = X W_ihᵀ + b_ih + b_hh           every step's input term in ONE product, [T·B, 4H]
 *   z_t = P_t + h_{t−1} W_hhᵀ              P_t: step t's B rows of P; blocks a_i, a_f, a_g, a_o
 *   i = σ(a_i)  f = σ(a_f)  g = tanh(a_g)  o = σ(a_o)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g
 *   h_t = o ⊙ tanh(c_t)
 *
 * saving i, f, g, o, tanh(c_t) and the five slopes σ′(a_i), σ′(a_f), tanh′(a_g), σ′(a_o), tanh′(c_t)
 * of every step (computed from the exponentials, not from the gates: i(1 − i) and 1 − g² cancel to
 * 0 in saturation, slopes-from-exp.ts). Only h_{t−1} W_hhᵀ has to wait for the step
 * before it. (The code multiplies by each gate's weights scaled by −1 or 2, so that the products
 * give −a or 2a, the arguments of the exponentials in σ and tanh, directly: see forward.)
 *
 * Backward, t = T, …, 1. gh_t and gc_t are what reached h_t and c_t from outside the sequence
 * (a loss on h_T, a next layer); the rest of their gradient comes from the steps after them:
 *
 *   dh_t = gh_t + dz_{t+1} W_hh                             h_t fed z_{t+1} = … + h_t W_hhᵀ
 *   dc_t = gc_t + dh_t ⊙ o ⊙ tanh′(c_t) + dc_{t+1} ⊙ f_{t+1}    via h_t, and via c_{t+1}
 *   dz_t = [ da_i, da_f, da_g, da_o ] with                   (the two terms after t = T are 0)
 *     da_i = dc_t ⊙ g ⊙ σ′(a_i)          c_t = f ⊙ c_{t−1} + i ⊙ g,   σ′ = σ(1 − σ)
 *     da_f = dc_t ⊙ c_{t−1} ⊙ σ′(a_f)
 *     da_g = dc_t ⊙ i ⊙ tanh′(a_g)       tanh′ = 1 − tanh²
 *     da_o = dh_t ⊙ tanh(c_t) ⊙ σ′(a_o)
 *
 * Then, with every dz_t stacked as dZ [T·B, 4H], the weights' gradients are sums over steps
 * that are each ONE product with k = T·B:
 *
 *   dW_ih = Σ_t dz_tᵀ x_t     = dZᵀ X
 *   dW_hh = Σ_t dz_tᵀ h_{t−1} = dZᵀ [h_0; h_1; …; h_{T−1}]
 *   db_ih = db_hh = Σ_t Σ_rows dz_t                            (each bias was added to every row)
 *   dX    = dZ W_ih,   dh_0 = dz_1 W_hh,   dc_0 = dc_1 ⊙ f_1
 *
 * Outputs: h_1, …, h_T, c_1, …, c_T, each [B, H], side by side in one packed array (customVjp).
 * Since they are made inside one node, the graph does not know that h_{t+1} was made from h_t:
 * a state's `.grad` holds only what reached it from outside the node (gh_t, gc_t), as with
 * PyTorch's nn.LSTM; the totals dh_t, dc_t above live only inside backward. The weights' and
 * the inputs' gradients are the full ones, the same as step by step (tested against it).
 */
import { customVjp, empty, formatShape, type Shape, zeros, type Tensor } from '@chainrule/autodiff';
import { expAll, matmulAuto, matmulTransAAuto, matmulTransBAuto, withPackedRight } from '@chainrule/autodiff/fast';
import { lstmStep, type LSTMState } from '../cells/lstm-step.js';
import type { CellWeights } from '../cells/recurrent-cell.js';
import { scratch as sharedScratch } from './scratch.js';
import { sigmoidSlopeFromExp, tanhSlopeFromExp } from './slopes-from-exp.js';
import { tanhFromExp } from './tanh-from-exp.js';

/** Where each input is in the node's input list, and the sizes. */
interface Layout {
  readonly T: number;
  readonly B: number;
  readonly I: number;
  readonly H: number;
  /** Inputs are [W_ih, W_hh, (b_ih, b_hh,) h_0, c_0, x...]; whether the biases are there. */
  readonly hasBias: boolean;
  /** Index of h_0 (c_0 follows, then the inputs). */
  readonly h0: number;
  /** The inputs come as one [T, B, I] tensor (true) or T tensors [B, I]. */
  readonly stacked: boolean;
}

const OP = 'lstmSequence';

/** Reads the layout from the inputs' shapes; throws, naming the shapes, if they do not fit. */
function layoutOf(shapes: readonly Shape[]): Layout {
  const fail = (): never => {
    throw new Error(
      `${OP}: expected weight_ih [4H,I], weight_hh [4H,H], optional bias_ih and bias_hh [4H], h0 [B,H], c0 [B,H], then xs [T,B,I] or T × [B,I]; got ${shapes.map(formatShape).join(', ')}`,
    );
  };
  if (shapes.length < 5 || shapes[0].length !== 2 || shapes[1].length !== 2) return fail();
  const [fourH, I] = shapes[0];
  const H = fourH / 4;
  const hasBias = shapes[2].length === 1;
  const h0 = hasBias ? 4 : 2;
  const xs = shapes.slice(h0 + 2);
  if (xs.length === 0 || !Number.isInteger(H) || H === 0) return fail();
  const B = shapes[h0][0];
  const stacked = xs.length === 1 && xs[0].length === 3;
  const T = stacked ? xs[0][0] : xs.length;
  const is = (shape: Shape, expected: readonly number[]) => shape.length === expected.length && shape.every((d, k) => d === expected[k]);
  const fits =
    is(shapes[1], [4 * H, H]) &&
    (!hasBias || (is(shapes[2], [4 * H]) && is(shapes[3], [4 * H]))) &&
    is(shapes[h0], [B, H]) &&
    is(shapes[h0 + 1], [B, H]) &&
    T > 0 &&
    (stacked ? is(xs[0], [T, B, I]) : xs.every((x) => is(x, [B, I])));
  return fits ? { T, B, I, H, hasBias, h0, stacked } : fail();
}

/** What the forward pass keeps for backward. */
interface Saved {
  /** i, f, g, o of every step, [T·B, 4H] (blocks of H columns, as in z). */
  readonly gates: Float64Array;
  /** tanh(c_t) of every step, [T·B, H]. */
  readonly tanhC: Float64Array;
  /** σ′(a_i), σ′(a_f), tanh′(a_g), σ′(a_o) of every step, [T·B, 4H] (slopes-from-exp.ts). */
  readonly slopes: Float64Array;
  /** tanh′(c_t) of every step, [T·B, H]. */
  readonly slopeC: Float64Array;
  /** X = [x_1; …; x_T], [T·B, I]. */
  readonly x: Float64Array;
}

/** This function's work arrays (scratch.ts), named lstmSequence.<name>. */
const scratch = (name: string, length: number): Float64Array => sharedScratch(`${OP}.${name}`, length);

/** The inputs' numbers, stacked [T·B, I]: the tensor's own array, or the steps copied in. */
function stackedInputs(inputs: readonly Tensor[], { T, B, I, h0, stacked }: Layout): Float64Array {
  if (stacked) return inputs[h0 + 2].data;
  const x = empty([T * B, I]).data;
  for (let t = 0; t < T; t++) x.set(inputs[h0 + 2 + t].data, t * B * I);
  return x;
}

const sequence = customVjp<Saved>({
  name: OP,

  outputShapes: (shapes) => {
    const { T, B, H } = layoutOf(shapes);
    return Array.from({ length: 2 * T }, () => [B, H]); // h_1..h_T, then c_1..c_T
  },

  forward: (inputs, outputs) => {
    const layout = layoutOf(inputs.map((t) => t.shape));
    const { T, B, I, H, hasBias, h0 } = layout;
    const BH = B * H;
    const G = 4 * H; // columns of z
    const weightHh = inputs[1].data;
    const x = stackedInputs(inputs, layout);

    // The gates need e^(−a) for σ(a) = 1 / (1 + e^(−a)) (i, f, o) and e^(2a) for
    // tanh(a) = 1 − 2 / (1 + e^(2a)) (g). Scaling each gate's rows of the weights and biases by
    // s = −1 or 2 makes the products give s·a directly, so expAll reads the arguments as they
    // come out of the kernel. Both scalings are exact in floating point: s·a is exactly −a or 2a.
    const scaleOf = (j: number) => (j >= 2 * H && j < 3 * H ? 2 : -1); // column j of z: gate j / H
    // P = [X | 1] [s·W_ih | s·b]ᵀ = s·(X W_ihᵀ + b_ih + b_hh): all steps in one product, the
    // biases riding along as a column of ones. Each step then adds s·h_{t−1} W_hhᵀ to its block
    // of P and turns it into its gates, in place: `gates` is that same array.
    const wIn = scratch('wIn', G * (I + 1));
    for (let j = 0; j < G; j++) {
      const s = scaleOf(j);
      for (let p = 0; p < I; p++) wIn[j * (I + 1) + p] = s * inputs[0].data[j * I + p];
      wIn[j * (I + 1) + I] = hasBias ? s * (inputs[2].data[j] + inputs[3].data[j]) : 0;
    }
    const xOnes = scratch('xOnes', T * B * (I + 1));
    for (let row = 0; row < T * B; row++) {
      xOnes.set(x.subarray(row * I, (row + 1) * I), row * (I + 1));
      xOnes[row * (I + 1) + I] = 1;
    }
    const gates = empty([T * B, G]).data;
    matmulTransBAuto(xOnes, wIn, T * B, I + 1, G, gates);
    const wHhScaled = scratch('wHh', G * H);
    for (let j = 0; j < G; j++) for (let p = 0; p < H; p++) wHhScaled[j * H + p] = scaleOf(j) * weightHh[j * H + p];
    const tanhC = empty([T * B, H]).data;
    const slopes = empty([T * B, G]).data;
    const slopeC = empty([T * B, H]).data;
    const e = scratch('e', B * G); // exponentials of the gates
    const eC = scratch('eC', BH); // e^(2c_t), for tanh(c_t)

    withPackedRight(wHhScaled, H, G, true, (timesWeightHhT) => {
      for (let t = 0; t < T; t++) {
        const hPrevious = t === 0 ? inputs[h0].data : outputs[t - 1];
        const cPrevious = t === 0 ? inputs[h0 + 1].data : outputs[T + t - 1];
        const h = outputs[t];
        const c = outputs[T + t];
        const z = gates.subarray(t * B * G, (t + 1) * B * G);
        timesWeightHhT(hPrevious, B, z, true); // s·z_t = s·P_t + h_{t−1} (s·W_hh)ᵀ, W_hh packed once for all steps
        expAll(z, e);
        cellState(z, e, cPrevious, c, eC, slopes.subarray(t * B * G, (t + 1) * B * G), B, H);
        expAll(eC, eC);
        hiddenState(z, c, eC, tanhC.subarray(t * BH, (t + 1) * BH), slopeC.subarray(t * BH, (t + 1) * BH), h, B, H);
      }
    });
    return { gates, tanhC, slopes, slopeC, x };
  },

  backward: ({ grads, saved: { gates, tanhC, slopes, slopeC, x }, inputs, outputs, needsGrad }) => {
    const layout = layoutOf(inputs.map((t) => t.shape));
    const { T, B, I, H, hasBias, h0 } = layout;
    const BH = B * H;
    const G = 4 * H;
    const weightHh = inputs[1].data;
    const dZ = scratch('dZ', T * B * G);
    const dh = scratch('dh', BH); // dh_t
    const dc = scratch('dc', BH); // dc_t
    const dBias = scratch('dBias', G).fill(0); // Σ over steps and rows of dz_t
    const dcCarry = scratch('dcCarry', BH).fill(0); // dc_{t+1} ⊙ f_{t+1}

    withPackedRight(weightHh, G, H, false, (timesWeightHh) => {
      for (let t = T - 1; t >= 0; t--) {
        const gh = grads[t].data;
        const cPrevious = t === 0 ? inputs[h0 + 1].data : outputs[T + t - 1].data;
        const z = gates.subarray(t * B * G, (t + 1) * B * G); // i, f, g, o of step t
        const dz = dZ.subarray(t * B * G, (t + 1) * B * G);
        // dh_t = gh_t + dz_{t+1} W_hh: the kernel adds the product to gh_t (W_hh packed once).
        dh.set(gh);
        if (t < T - 1) timesWeightHh(dZ.subarray((t + 1) * B * G, (t + 2) * B * G), B, dh, true);
        const tanhCt = tanhC.subarray(t * BH, (t + 1) * BH);
        const slopesT = slopes.subarray(t * B * G, (t + 1) * B * G);
        const slopeCt = slopeC.subarray(t * BH, (t + 1) * BH);
        stepBackward(z, slopesT, tanhCt, slopeCt, cPrevious, dh, grads[T + t].data, dcCarry, dc, dz, dBias, B, H);
      }
    });

    const need = (k: number) => needsGrad[k];
    let dWeightIh: Tensor | null = null;
    let dWeightHh: Tensor | null = null;
    if (need(0) || need(1)) {
      // dW_ih = dZᵀ X and dW_hh = dZᵀ [h_0; …; h_{T−1}] side by side, as ONE product (dZ, the big
      // operand, is copied into the kernel once): [dW_ih | dW_hh] = dZᵀ [X | H_prev], [4H, I + H].
      const inputsAndStates = scratch('xh', T * B * (I + H));
      for (let t = 0; t < T; t++) {
        const hPrevious = t === 0 ? inputs[h0].data : outputs[t - 1].data;
        for (let r = 0; r < B; r++) {
          const row = (t * B + r) * (I + H);
          inputsAndStates.set(x.subarray((t * B + r) * I, (t * B + r + 1) * I), row);
          inputsAndStates.set(hPrevious.subarray(r * H, (r + 1) * H), row + I);
        }
      }
      const dW = matmulTransAAuto(dZ, inputsAndStates, G, T * B, I + H, scratch('dW', G * (I + H)));
      dWeightIh = need(0) ? empty([G, I]) : null;
      dWeightHh = need(1) ? empty([G, H]) : null;
      for (let j = 0; j < G; j++) {
        dWeightIh?.data.set(dW.subarray(j * (I + H), j * (I + H) + I), j * I);
        dWeightHh?.data.set(dW.subarray(j * (I + H) + I, (j + 1) * (I + H)), j * H);
      }
    }
    const biasGrads: (Tensor | null)[] = [];
    if (hasBias) {
      for (const k of [2, 3]) {
        const grad = need(k) ? empty([G]) : null;
        grad?.data.set(dBias);
        biasGrads.push(grad);
      }
    }
    let dh0: Tensor | null = null;
    if (need(h0)) {
      dh0 = empty([B, H]);
      matmulAuto(dZ.subarray(0, B * G), weightHh, B, G, H, dh0.data); // dh_0 = dz_1 W_hh
    }
    let dc0: Tensor | null = null;
    if (need(h0 + 1)) {
      dc0 = empty([B, H]);
      dc0.data.set(dcCarry); // dc_0 = dc_1 ⊙ f_1
    }
    const inputGrads = stackedInputGrads(dZ, inputs, needsGrad, layout);
    return [dWeightIh, dWeightHh, ...biasGrads, dh0, dc0, ...inputGrads];
  },

  // The same states stepped with the textbook lstmStep, for recorded passes and forward mode.
  fallback: (...inputs) => {
    const { T, B, I, hasBias, h0, stacked } = layoutOf(inputs.map((t) => t.shape));
    const w: CellWeights = { weightIh: inputs[0], weightHh: inputs[1], biasIh: hasBias ? inputs[2] : null, biasHh: hasBias ? inputs[3] : null };
    const xs = stacked ? inputs[h0 + 2].split(1, 0).map((x) => x.reshape([B, I])) : inputs.slice(h0 + 2);
    let state: LSTMState = { h: inputs[h0], c: inputs[h0 + 1] };
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    for (let t = 0; t < T; t++) {
      state = lstmStep(w, xs[t], state);
      hs.push(state.h);
      cs.push(state.c);
    }
    return [...hs, ...cs];
  },
});

// ---------------------------------------------------------------------------------------------
// One step's elementwise loops, forward and back (small functions, so the engine optimizes each
// one on its own after a few calls).

/**
 * The gates from their exponentials e = e^(s·z) (z holds s·a: −a_i, −a_f, 2a_g, −a_o; 2a_g still
 * read for tanhFromExp, then i, f, g, o written over z), their slopes into `slopes`, c_t, and
 * 2c_t into eC.
 */
function cellState(z: Float64Array, e: Float64Array, cPrevious: Float64Array, c: Float64Array, eC: Float64Array, slopes: Float64Array, B: number, H: number): void {
  const G = 4 * H;
  for (let r = 0; r < B; r++) {
    for (let u = 0; u < H; u++) {
      const at = r * G + u; // a_i of unit u; a_f, a_g, a_o are H, 2H, 3H further on
      const k = r * H + u;
      const i = 1 / (1 + e[at]);
      const f = 1 / (1 + e[at + H]);
      const g = tanhFromExp(z[at + 2 * H] / 2, e[at + 2 * H]); // z holds 2a_g
      const cNext = f * cPrevious[k] + i * g; // c_t = f ⊙ c_{t−1} + i ⊙ g
      c[k] = cNext;
      eC[k] = 2 * cNext;
      // the slopes, while z still holds the exponents −a_i, −a_f, 2a_g, −a_o
      slopes[at] = sigmoidSlopeFromExp(e[at], z[at]);
      slopes[at + H] = sigmoidSlopeFromExp(e[at + H], z[at + H]);
      slopes[at + 2 * H] = tanhSlopeFromExp(e[at + 2 * H], z[at + 2 * H]);
      slopes[at + 3 * H] = sigmoidSlopeFromExp(e[at + 3 * H], z[at + 3 * H]);
      z[at] = i;
      z[at + H] = f;
      z[at + 2 * H] = g;
      z[at + 3 * H] = 1 / (1 + e[at + 3 * H]); // o
    }
  }
}

/** tanh(c_t) and tanh′(c_t) from eC = e^(2c_t), kept, and h_t = o ⊙ tanh(c_t). */
function hiddenState(z: Float64Array, c: Float64Array, eC: Float64Array, tanhC: Float64Array, slopeC: Float64Array, h: Float64Array, B: number, H: number): void {
  const G = 4 * H;
  for (let r = 0; r < B; r++) {
    for (let u = 0; u < H; u++) {
      const k = r * H + u;
      const tanhCt = tanhFromExp(c[k], eC[k]);
      tanhC[k] = tanhCt;
      slopeC[k] = tanhSlopeFromExp(eC[k], 2 * c[k]);
      h[k] = z[r * G + 3 * H + u] * tanhCt; // h_t = o ⊙ tanh(c_t)
    }
  }
}

/**
 * One step back: from dh_t (complete), what reached c_t from outside (gc) and through c_{t+1}
 * (dcCarry), the total dc_t (into dc), dz_t (into dz, and summed into dBias), and dcCarry becomes
 * dc_t ⊙ f for step t − 1.
 * z holds step t's i, f, g, o; slopes their σ′ and tanh′; slopeC tanh′(c_t).
 */
function stepBackward(
  z: Float64Array,
  slopes: Float64Array,
  tanhC: Float64Array,
  slopeC: Float64Array,
  cPrevious: Float64Array,
  dh: Float64Array,
  gc: Float64Array,
  dcCarry: Float64Array,
  dc: Float64Array,
  dz: Float64Array,
  dBias: Float64Array,
  B: number,
  H: number,
): void {
  const G = 4 * H;
  for (let r = 0; r < B; r++) {
    for (let u = 0; u < H; u++) {
      const at = r * G + u;
      const k = r * H + u;
      const i = z[at];
      const f = z[at + H];
      const g = z[at + 2 * H];
      const o = z[at + 3 * H];
      const dhk = dh[k];
      const dck = gc[k] + dhk * o * slopeC[k] + dcCarry[k]; // dc_t
      const dai = dck * g * slopes[at]; // da_i = dc_t·g·σ′(a_i)
      const daf = dck * cPrevious[k] * slopes[at + H]; // da_f = dc_t·c_{t−1}·σ′(a_f)
      const dag = dck * i * slopes[at + 2 * H]; // da_g = dc_t·i·tanh′(a_g)
      const dao = dhk * tanhC[k] * slopes[at + 3 * H]; // da_o = dh_t·tanh(c_t)·σ′(a_o)
      dz[at] = dai;
      dz[at + H] = daf;
      dz[at + 2 * H] = dag;
      dz[at + 3 * H] = dao;
      dBias[u] += dai; // db = Σ over steps and rows of dz (b was added to every row)
      dBias[u + H] += daf;
      dBias[u + 2 * H] += dag;
      dBias[u + 3 * H] += dao;
      dc[k] = dck;
      dcCarry[k] = dck * f; // what reaches c_{t−1} through c_t: dc_t·f
    }
  }
}

/** dX = dZ W_ih, [T·B, I], as the inputs came: one [T, B, I] tensor, or T tensors [B, I] (null for those that need none). */
function stackedInputGrads(dZ: Float64Array, inputs: readonly Tensor[], needsGrad: readonly boolean[], { T, B, I, H, h0, stacked }: Layout): (Tensor | null)[] {
  const wanted = needsGrad.slice(h0 + 2);
  if (!wanted.some(Boolean)) return wanted.map(() => null);
  const dX = empty([T * B, I]);
  matmulAuto(dZ, inputs[0].data, T * B, 4 * H, I, dX.data); // dX = dZ W_ih
  if (stacked) return [dX.reshape([T, B, I])];
  return wanted.map((needs, t) => {
    if (!needs) return null;
    const dx = empty([B, I]);
    dx.data.set(dX.data.subarray(t * B * I, (t + 1) * B * I));
    return dx;
  });
}

/**
 * Runs the LSTM with weights `w` over xs (one [T, B, I] tensor or T tensors [B, I]) from
 * `state0`, as ONE node: every step's h_t and c_t, first step first. No shape checks beyond the
 * node's own (LSTMCell.forwardSequence checks the states, unroll the inputs).
 */
export function lstmSequence(w: CellWeights, xs: readonly Tensor[] | Tensor, state0: LSTMState): {
  /** h_1 … h_T, each [B, H]. */
  h: Tensor[];
  /** c_1 … c_T, each [B, H]. */
  c: Tensor[];
} {
  const H = w.weightHh.shape[1];
  // Both biases or neither (a cell has both; a hand-made CellWeights might have one: zeros for the other).
  const biases = w.biasIh === null && w.biasHh === null ? [] : [w.biasIh ?? zeros([4 * H]), w.biasHh ?? zeros([4 * H])];
  const steps = Array.isArray(xs) ? xs : [xs as Tensor];
  const outputs = sequence(w.weightIh, w.weightHh, ...biases, state0.h, state0.c, ...steps);
  const T = outputs.length / 2;
  return { h: outputs.slice(0, T), c: outputs.slice(T) };
}
