/**
 * An LSTM step, fused: `lstmStepFused` computes what `lstmStep` (cells/lstm-cell.ts) computes,
 * with the two matrix products as ordinary ops and everything after them in two nodes written
 * by hand. The elementwise half (`lstmPointwise`): from the terms of the gate pre-activations,
 * z = x W_ihᵀ + h W_hhᵀ + b_ih + b_hh ([B, 4H], one block of H columns per gate, in the order
 * i, f, g, o), and the old cell state c [B, H]:
 *
 *   [a_i, a_f, a_g, a_o] = z
 *   i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)
 *   c' = f ⊙ c + i ⊙ g
 *   h' = o ⊙ tanh(c')
 *
 * Written with tensor ops (`lstmStep`) this is three sums, four slices,
 * four activations, three products, a sum and a tanh: sixteen arrays on the way forward and more
 * on the way back, per time step. Here it is two nodes recorded by `customVjp`
 * (@chainrule/autodiff), each one loop forward and one loop back:
 *
 *   cellUpdate:  (terms of z, c) → (c', o)   saves i, f, g
 *   hiddenState: (o, c') → h'                 saves tanh(c')
 *
 * Why two nodes and not one: a tensor's `.grad` is the gradient that flows into it from the
 * nodes that use it. If h' were made inside the node that makes c', no later node would use c'
 * on the way to h', and c'.grad would miss that path; but all of dE/dc' is what the constant
 * error carousel is about (and what PyTorch's fixtures check). So c' is handed on to the node
 * that makes h'.
 *
 * Tested against `lstmStep` and against central differences (test/fused-lstm-step.test.ts).
 */
import { customVjp, empty, formatShape, fromArray, type Tensor } from '@chainrule/autodiff';
import { expAll } from '@chainrule/autodiff/fast';
import type { LSTMState } from '../cells/lstm-step.js';
import type { CellWeights } from '../cells/recurrent-cell.js';
import { tanhFromExp } from './tanh-from-exp.js';
import { sigmoidSlopeFromExp, tanhSlopeFromExp } from './slopes-from-exp.js';
import { scratch } from './scratch.js';

/** What cellUpdate keeps for its backward pass. */
interface CellUpdateSaved {
  /** i, f, g after their activations, [B, 3H]: blocks of H columns. */
  readonly gates: Float64Array;
  /** σ′(a_i), σ′(a_f), tanh′(a_g), σ′(a_o), [B, 4H], from the exponentials (slopes-from-exp.ts). */
  readonly slopes: Float64Array;
  /** The old cell state c, [B, H] (the input's own array). */
  readonly cPrevious: Float64Array;
}

/**
 * (z₁, …, z_n, c) → (c', o), with z = z₁ + … + z_n; each term is [B, 4H] or a bias row [4H].
 *
 * Backward, per element, from dc' (all of dE/dc': through h' and through later steps) and do:
 *
 *   da_i = dc' · g · σ′(a_i)       c' = f · c + i · g,  σ′ = σ(1 − σ)
 *   da_f = dc' · c · σ′(a_f)
 *   da_g = dc' · i · tanh′(a_g)     tanh′ = 1 − tanh²
 *   da_o = do · σ′(a_o)
 *   dc   = dc' · f                  the constant error carousel: dc'/dc = f
 *
 * with the slopes computed on the way forward from the exponentials, not from i, f, g, o: in
 * saturation i(1 − i) and 1 − g² cancel to 0 (slopes-from-exp.ts).
 *
 * and every term of z gets dz: a [B, 4H] term dz itself, a bias row the sum of dz over the batch
 * (it was added to every row). All [B, 4H] terms share one tensor, and all bias rows another
 * (gradients are never written to once returned, so sharing is safe).
 */
const cellUpdate = customVjp<CellUpdateSaved>({
  name: 'lstmCellUpdate',

  outputShapes: (shapes) => {
    const c = shapes[shapes.length - 1];
    const terms = shapes.slice(0, -1);
    const [B, H] = c;
    const fits = (z: readonly number[]) => (z.length === 2 && z[0] === B && z[1] === 4 * H) || (z.length === 1 && z[0] === 4 * H);
    if (c.length !== 2 || terms.length === 0 || !terms.every(fits)) {
      const got = terms.map((z) => `z ${formatShape(z)}`).join(', ');
      throw new Error(`lstmPointwise: expected terms of z [B,4H] or [4H] and c [B,H], got ${got || 'no terms'} and c ${formatShape(c)}`);
    }
    return [c, c]; // c' and o
  },

  forward: (inputs, [cNext, o]) => {
    const cPrevious = inputs[inputs.length - 1];
    const terms = inputs.slice(0, -1);
    const [B, H] = cPrevious.shape;
    const c = cPrevious.data;
    const gates = empty([B, 3 * H]).data;
    const slopes = empty([B, 4 * H]).data;
    // All of the step's exponentials in one call (expAll: WebAssembly SIMD, about 4 ns each
    // against 11–17 for Math.exp one at a time): e^(−a_i), e^(−a_f), e^(2a_g), e^(−a_o), for
    //   σ(a) = 1 / (1 + e^(−a))   and   tanh(a) = 1 − 2 / (1 + e^(2a))
    // (`tanhFromExp`, tanh-from-exp.ts, keeps that tanh's relative error near 1e-14, at 0 too).
    const { p, q, bias } = twoRowsAndABias(terms, B, H);
    const e = scratch('lstmStep.e', B * 4 * H);
    for (let r = 0; r < B; r++) {
      for (let j = 0; j < 4 * H; j++) {
        const at = r * 4 * H + j;
        const a = p[at] + q[at] + bias[j]; // gate block j / H: i, f, g, o
        e[at] = j >= 2 * H && j < 3 * H ? 2 * a : -a;
      }
    }
    expAll(e, e);
    for (let r = 0; r < B; r++) {
      for (let u = 0; u < H; u++) {
        const at = r * 4 * H + u; // this unit's a_i in z; a_f, a_g, a_o are H, 2H, 3H further on
        const a = (gate: number) => p[at + gate * H] + q[at + gate * H] + bias[gate * H + u]; // as above
        const i = 1 / (1 + e[at]);
        const f = 1 / (1 + e[at + H]);
        const aG = a(2);
        const g = tanhFromExp(aG, e[at + 2 * H]);
        const k = r * H + u;
        cNext[k] = f * c[k] + i * g; // c' = f ⊙ c + i ⊙ g
        o[k] = 1 / (1 + e[at + 3 * H]);
        const saved = r * 3 * H + u;
        gates[saved] = i;
        gates[saved + H] = f;
        gates[saved + 2 * H] = g;
        slopes[at] = sigmoidSlopeFromExp(e[at], -a(0));
        slopes[at + H] = sigmoidSlopeFromExp(e[at + H], -a(1));
        slopes[at + 2 * H] = tanhSlopeFromExp(e[at + 2 * H], 2 * aG);
        slopes[at + 3 * H] = sigmoidSlopeFromExp(e[at + 3 * H], -a(3));
      }
    }
    return { gates, slopes, cPrevious: c };
  },

  backward: ({ grads: [dcNext, dOutputGate], saved: { gates, slopes, cPrevious }, inputs, needsGrad }) => {
    const c = inputs[inputs.length - 1];
    const terms = inputs.slice(0, -1);
    const [B, H] = c.shape;
    const termNeedsGrad = needsGrad.slice(0, -1);
    const wantsBias = terms.some((t, n) => termNeedsGrad[n] && t.ndim === 1);
    const dzTensor = empty([B, 4 * H]); // the [B, 4H] terms' gradient
    const dz = dzTensor.data;
    const dBias = wantsBias ? new Float64Array(4 * H) : undefined;
    const dc = needsGrad[needsGrad.length - 1] ? empty(c.shape) : null;
    const dcNextData = dcNext.data;
    const doData = dOutputGate.data;
    const dcData = dc?.data;
    for (let r = 0; r < B; r++) {
      for (let u = 0; u < H; u++) {
        const at = r * 4 * H + u;
        const k = r * H + u;
        const i = gates[r * 3 * H + u];
        const f = gates[r * 3 * H + H + u];
        const g = gates[r * 3 * H + 2 * H + u];
        const dcv = dcNextData[k];
        dz[at] = dcv * g * slopes[at]; // da_i = dc'·g·σ′(a_i)
        dz[at + H] = dcv * cPrevious[k] * slopes[at + H]; // da_f = dc'·c·σ′(a_f)
        dz[at + 2 * H] = dcv * i * slopes[at + 2 * H]; // da_g = dc'·i·tanh′(a_g)
        dz[at + 3 * H] = doData[k] * slopes[at + 3 * H]; // da_o = do·σ′(a_o)
        if (dcData !== undefined) dcData[k] = dcv * f; // dc = dc'·f
      }
      if (dBias !== undefined) for (let j = 0; j < 4 * H; j++) dBias[j] += dz[r * 4 * H + j]; // Σ over the batch
    }
    const bias = dBias === undefined ? null : fromArray(dBias, [4 * H]);
    const termGrads = terms.map((t, n) => (!termNeedsGrad[n] ? null : t.ndim === 2 ? dzTensor : bias));
    return [...termGrads, dc];
  },

  // The same (c', o) in tensor ops, for recorded passes (second derivatives) and forward mode.
  fallback: (...inputs) => {
    const c = inputs[inputs.length - 1];
    const z = inputs.slice(0, -1).reduce((sum, term) => sum.add(term)); // bias rows broadcast over the batch
    const [aI, aF, aG, aO] = z.split(c.shape[1], 1);
    return [aF.sigmoid().mul(c).add(aI.sigmoid().mul(aG.tanh())), aO.sigmoid()];
  },
});

/**
 * The terms of z regrouped so the loop reads z = p + q + bias without building it: the
 * [B, 4H] terms into two arrays p and q (the usual x W_ihᵀ and h W_hhᵀ as they are; a third or
 * later one added into a copy of q; a missing one read as zeros), the bias rows summed into one.
 */
function twoRowsAndABias(terms: readonly Tensor[], B: number, H: number): { p: Float64Array; q: Float64Array; bias: Float64Array } {
  const rows = terms.filter((t) => t.ndim === 2).map((t) => t.data);
  const bias = new Float64Array(4 * H);
  for (const t of terms) if (t.ndim === 1) for (let j = 0; j < 4 * H; j++) bias[j] += t.data[j];
  const p = rows[0] ?? new Float64Array(B * 4 * H);
  let q = rows[1] ?? new Float64Array(B * 4 * H);
  if (rows.length > 2) {
    q = q.slice();
    for (const more of rows.slice(2)) for (let j = 0; j < q.length; j++) q[j] += more[j];
  }
  return { p, q, bias };
}

/**
 * (o, c') → h' = o ⊙ tanh(c').
 *
 *   do  = dh' · tanh(c')
 *   dc' = dh' · o · tanh′(c')      (tanh′ from e^(2c'), not 1 − tanh²: slopes-from-exp.ts)
 */
const hiddenState = customVjp<{ tanhC: Float64Array; slopeC: Float64Array }>({
  name: 'lstmHiddenState',

  outputShapes: ([, c]) => [c],

  forward: ([o, c], [h]) => {
    const tanhC = empty(c.shape).data;
    const slopeC = empty(c.shape).data;
    const oData = o.data;
    const cData = c.data;
    for (let k = 0; k < h.length; k++) tanhC[k] = 2 * cData[k];
    expAll(tanhC, tanhC); // e^(2c'), then tanh(c') and its slope from it
    for (let k = 0; k < h.length; k++) {
      const t = tanhFromExp(cData[k], tanhC[k]);
      slopeC[k] = tanhSlopeFromExp(tanhC[k], 2 * cData[k]);
      tanhC[k] = t;
      h[k] = oData[k] * t; // h' = o ⊙ tanh(c')
    }
    return { tanhC, slopeC };
  },

  backward: ({ grads: [dh], saved: { tanhC, slopeC }, inputs: [o, c], needsGrad: [needO, needC] }) => {
    const dOutputGate = needO ? empty(o.shape) : null;
    const dc = needC ? empty(c.shape) : null;
    const dhData = dh.data;
    const oData = o.data;
    const doData = dOutputGate?.data;
    const dcData = dc?.data;
    for (let k = 0; k < dhData.length; k++) {
      const t = tanhC[k];
      if (doData !== undefined) doData[k] = dhData[k] * t; // do = dh'·tanh(c')
      if (dcData !== undefined) dcData[k] = dhData[k] * oData[k] * slopeC[k]; // dc' = dh'·o·tanh′(c')
    }
    return [dOutputGate, dc];
  },

  // h' = o ⊙ tanh(c') in tensor ops, for recorded passes and forward mode.
  fallback: (o, c) => [o.mul(c.tanh())],
});

/**
 * h' and c' of an LSTM step from the terms of its gate pre-activations z (each [B, 4H], or a
 * bias row [4H]; z is their sum, blocks i, f, g, o) and the cell state c [B, H]. Pass z itself
 * as the one term, or its terms unsummed (x W_ihᵀ, h W_hhᵀ, b_ih, b_hh) to save adding them up.
 */
export function lstmPointwise(zTerms: readonly Tensor[], c: Tensor): LSTMState {
  const [cNext, o] = cellUpdate(...zTerms, c);
  const [hNext] = hiddenState(o, cNext);
  return { h: hNext, c: cNext };
}

/**
 * One LSTM step with the given weights (no shape checks), as `lstmStep` computes it: the two
 * matrix products give the terms of z, and `lstmPointwise` adds them up inside its loop, so no
 * array is spent on the sums.
 */
export function lstmStepFused(w: CellWeights, x: Tensor, state: LSTMState): LSTMState {
  const zTerms = [x.matmulBT(w.weightIh), state.h.matmulBT(w.weightHh), w.biasIh, w.biasHh];
  return lstmPointwise(
    zTerms.filter((term) => term !== null), // without bias: just the two products
    state.c,
  );
}
