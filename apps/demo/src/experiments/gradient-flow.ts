/**
 * Experiment 1 of docs/experiments.md, the vanishing-gradient argument measured: run a cell over
 * a sequence, take the loss E = ½·||h_T − y||² at the last step, backpropagate once, and read
 * off how large the gradient still is at every earlier step.
 *
 * The measurements, all by backprop through our engine's rules (no gradient from a formula):
 *   - ||dE/dh_t|| for t = 1..T (and ||dE/dc_t|| for the LSTM's cell state);
 *   - ||dh_T/dh_t||₂, the spectral norm of the Jacobian from step t to the end (RNN, GRU);
 *   - each step's term of the sum dE/dW_rec = Σ_t (step t's share). Weight sharing
 *     makes the gradient of W_rec a sum over time; letting every step read W_rec through its
 *     own view (same numbers, a separate node) makes each term the gradient of a node of its own;
 *   - the gate path (LSTM: the forget-gate path (Π f) ⊙ dE/dc_T; GRU: the update-gate path
 *     (Π z) ⊙ dE/dh_T, @chainrule/nn's gate-paths.ts), beside the full gradient.
 *
 * Memory. Each step's term is an H×H matrix, but only its norm is reported. The reverse pass
 * below is the engine's (`backpropagate`: the same topological order, the same rules of vjp.ts)
 * with one change: it keeps the gradients the experiment reads (the states') and drops every
 * other one once it has been passed back, and it reduces each step's term to its norm the
 * moment the term is complete. So at most a term or two are alive at once: O(H²) memory for the
 * terms, not O(T·H²).
 */
import {
  backpropagate,
  fromArray,
  noGrad,
  spectralNorm,
  Tensor,
  topologicalOrder,
  vjpRules,
  zeros,
  type Primitive,
  type VjpRule,
} from '@chainrule/autodiff';
import {
  forgetGates,
  gatePath,
  GRUCell,
  gruStep,
  LSTMCell,
  lstmStep,
  lstmStepFused,
  rnnStep,
  RNNCell,
  updateGates,
  type AnyCell,
  type CellWeights,
} from '@chainrule/nn';
import { SILENT, type Report } from './report.js';
import type { Sequence } from './sequence.js';
import { norm2 } from './stats.js';

export interface GradientFlow {
  loss: number;
  /** ||dE/dh_t||, t = 1..T, first step first. */
  gradHNorms: number[];
  /** dE/dh_t itself, t = 1..T (batch 1). */
  gradHs: number[][];
  /** ||dE/dc_t|| for the LSTM's cell state; null for other cells. */
  gradCNorms: number[] | null;
  /** dE/dc_t itself (LSTM), t = 1..T. */
  gradCs: number[][] | null;
  /** ||dh_T/dh_t||₂ (RNN, GRU) when asked for; null otherwise. */
  jacobianNorms: number[] | null;
  /** ||step t's term of dE/dW_hh||_F, t = 1..T (null when not asked for). The first is 0: h_0 = 0. */
  stepContributions: number[] | null;
  /** ||dE/dW_hh||_F, the sum of all the terms. */
  gradWhhNorm: number;
  /** The states h_t (and c_t), t = 1..T, as numbers (batch 1). */
  hs: number[][];
  cs: number[][] | null;
  /**
   * The gate of the direct path at every step, t = 1..T: the LSTM's forget gates f_t, the GRU's
   * update gates z_t; null for an RNN.
   */
  gates: number[][] | null;
  /**
   * The direct path's norm, t = 1..T: LSTM ||(f_{t+1} ⊙ … ⊙ f_T) ⊙ dE/dc_T||, GRU
   * ||(z_{t+1} ⊙ … ⊙ z_T) ⊙ dE/dh_T|| (the empty product at t = T); null for an RNN.
   */
  gatePathNorms: number[] | null;
  /** The most step terms (H×H each) the reverse pass held at once: 1 or 2, whatever T is. */
  peakTermsHeld: number;
}

export interface FlowOptions {
  /** Also compute ||dh_T/dh_t||₂ (H extra backward passes). Default false. */
  jacobians?: boolean;
  /** Also measure each step's share of dE/dW_hh (default true). */
  stepContributions?: boolean;
  /** Progress: the forward steps, the backward pass, the Jacobian passes. */
  report?: Report;
}

type Step = (w: CellWeights, x: Tensor, state: State) => State;
type State = Tensor | { h: Tensor; c: Tensor };

/**
 * The step function of a cell, as a function of its weights. An LSTM steps the way the cell was
 * made to (`fused`): the fused step by default, the same numbers and every state's full `.grad`
 * (@chainrule/nn's tests), or the six equations op by op with `fused: false`.
 */
function stepOf(cell: AnyCell): Step {
  if (cell instanceof RNNCell) return (w, x, h) => rnnStep(cell.activation, w, x, h as Tensor);
  if (cell instanceof LSTMCell) {
    const lstm = cell.fused === false ? lstmStep : lstmStepFused;
    return (w, x, s) => lstm(w, x, s as { h: Tensor; c: Tensor });
  }
  if (cell instanceof GRUCell) return (w, x, h) => gruStep(w, x, h as Tensor);
  throw new Error('gradientFlow: unknown cell');
}

/** h_t: the state itself for an RNN or GRU, its `h` for an LSTM. */
const hiddenOf = (state: State): Tensor => (state instanceof Tensor ? state : state.h);

export function gradientFlow(cell: AnyCell, { inputs, target }: Sequence, options: FlowOptions = {}): GradientFlow {
  const { jacobians = false, stepContributions = true, report = SILENT } = options;
  const H = cell.hiddenSize;
  const step = stepOf(cell);
  const xs = inputs.map((x) => fromArray(x, [1, cell.inputSize]));
  const y = fromArray(target, [1, H]);

  // Untie W_hh: step t reads it through its own view (same numbers, no copy), so that step's
  // share of dE/dW_hh is the gradient of the view, and the shares add up in W_hh's.
  cell.zeroGrad();
  const views = xs.map(() => (stepContributions ? cell.weightHh.reshape(cell.weightHh.shape) : cell.weightHh));
  let state: State = cell.zeroState(1);
  const states: State[] = [];
  xs.forEach((x, t) => {
    state = step({ weightIh: cell.weightIh, weightHh: views[t], biasIh: cell.biasIh, biasHh: cell.biasHh }, x, state);
    states.push(state);
    report('forward', t + 1, xs.length);
  });
  const hT = hiddenOf(state);
  const loss = hT.sub(y).pow(2).sum().mul(0.5);
  const hs = states.map(hiddenOf);
  const cs = cell instanceof LSTMCell ? states.map((s) => (s as { c: Tensor }).c) : null;

  // One call into the engine's rules: the line names it before it starts, and can only say when it is done.
  const backward = `backward pass through ${xs.length} steps`;
  report(backward, 0, 1);
  const pass = reversePass(loss, new Set([...hs, ...(cs ?? []), cell.weightHh]), stepContributions ? views : []);
  report(backward, 1, 1);

  const gradOf = (t: Tensor) => pass.grads.get(t)?.data ?? new Float64Array(H);
  const gradHs = hs.map((h) => Array.from(gradOf(h)));
  const gradCs = cs === null ? null : cs.map((c) => Array.from(gradOf(c)));
  const paths = gatePaths(cell, xs, hs, cs === null ? gradOf(hT) : gradOf(cs[cs.length - 1]));
  return {
    loss: loss.item(),
    gradHNorms: gradHs.map(norm2),
    gradHs,
    gradCs,
    gradCNorms: gradCs === null ? null : gradCs.map(norm2),
    jacobianNorms: jacobians && !(cell instanceof LSTMCell) ? jacobianNorms(cell, step, xs, report) : null,
    stepContributions: stepContributions ? pass.termNorms : null,
    gradWhhNorm: norm2(gradOf(cell.weightHh)),
    hs: hs.map((h) => Array.from(h.data)),
    cs: cs === null ? null : cs.map((c) => Array.from(c.data)),
    gates: paths?.gates ?? null,
    gatePathNorms: paths?.norms ?? null,
    peakTermsHeld: pass.peakTermsHeld,
  };
}

/** The LSTM's forget-gate path or the GRU's update-gate path of `last` (dE/dc_T, dE/dh_T); null for an RNN. */
function gatePaths(cell: AnyCell, xs: readonly Tensor[], hs: readonly Tensor[], last: Float64Array) {
  const gates = cell instanceof LSTMCell ? forgetGates(cell, xs, hs) : cell instanceof GRUCell ? updateGates(cell, xs, hs) : null;
  if (gates === null) return null;
  const path = gatePath(gates, fromArray(last, [1, cell.hiddenSize]));
  return { gates: gates.map((g) => Array.from(g.data)), norms: path.map((p) => norm2(p.data)) };
}

/**
 * The engine's reverse pass (tensor/backward.ts: the same order, the same rules), keeping only
 * the gradients of `keep` and reducing the gradient of each of `terms` to its Frobenius norm as
 * soon as it is complete, then dropping it once passed back.
 */
function reversePass(root: Tensor, keep: ReadonlySet<Tensor>, terms: readonly Tensor[]) {
  const termIndex = new Map(terms.map((t, i) => [t, i] as const));
  const termNorms = terms.map(() => 0);
  const grads = new Map<Tensor, Tensor>([[root, fromArray([1], root.shape)]]);
  let termsHeld = 0;
  let peakTermsHeld = 0;
  const order = topologicalOrder(root);
  noGrad(() => {
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i];
      const grad = grads.get(node);
      if (grad === undefined) continue;
      const term = termIndex.get(node);
      if (term !== undefined) termNorms[term] = norm2(grad.data); // complete: every node made from it is done
      if (node.recipe !== null) {
        const rule = vjpRules[node.recipe.primitive] as VjpRule<Primitive>;
        const inputs = node.parents;
        const needsGrad = inputs.map((input) => input.requiresGrad);
        const inputGrads = rule({ grad, inputs, result: node, attrs: node.recipe.attrs, needsGrad });
        inputs.forEach((input, k) => {
          const g = inputGrads[k];
          if (g === null || !input.requiresGrad) return;
          const soFar = grads.get(input);
          if (soFar === undefined && termIndex.has(input)) peakTermsHeld = Math.max(peakTermsHeld, ++termsHeld);
          grads.set(input, soFar === undefined ? g : soFar.add(g));
        });
        if (!keep.has(node)) {
          grads.delete(node); // passed back, and not asked for
          if (term !== undefined) termsHeld -= 1;
        }
      }
    }
  });
  return { grads, termNorms, peakTermsHeld };
}

/**
 * ||dh_T/dh_t||₂ for every t, from H backward passes: seeding dh_T with the unit vector e_j
 * fills every h_t's gradient with row j of dh_T/dh_t at once. The weights are constants here
 * and h_0 is the only leaf that requires grad, so these passes touch nothing but the states.
 */
function jacobianNorms(cell: AnyCell, step: Step, xs: readonly Tensor[], report: Report): number[] {
  const H = cell.hiddenSize;
  const weights = {
    weightIh: cell.weightIh.detach(),
    weightHh: cell.weightHh.detach(),
    biasIh: cell.biasIh?.detach() ?? null,
    biasHh: cell.biasHh?.detach() ?? null,
  };
  let h: Tensor = zeros([1, H], { requiresGrad: true });
  const hs: Tensor[] = [];
  for (const x of xs) {
    h = step(weights, x, h) as Tensor;
    hs.push(h);
    report('Jacobians: forward', hs.length, xs.length);
  }
  const rows = hs.map(() => new Float64Array(H * H));
  for (let j = 0; j < H; j++) {
    report(`Jacobians ‖dh_T/dh_t‖₂: backward passes (one per unit)`, j, H);
    const seed = new Float64Array(H);
    seed[j] = 1;
    const grads = backpropagate(h, fromArray(seed, [1, H]));
    hs.forEach((ht, t) => {
      const g = grads.get(ht);
      if (g !== undefined) rows[t].set(g.data, j * H);
    });
  }
  return rows.map((m, t) => {
    report('Jacobians ‖dh_T/dh_t‖₂: spectral norms', t, rows.length);
    return spectralNorm(fromArray(m, [H, H]));
  });
}
