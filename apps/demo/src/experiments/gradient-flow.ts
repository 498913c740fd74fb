/**
 * Experiment 1 of docs/experiments.md, the vanishing-gradient argument measured: run a cell over
 * a sequence, take the loss E = ½·||h_T − y||² at the last step, backpropagate once, and read
 * off how large the gradient still is at every earlier step.
 *
 * Three measurements, all by backprop through our engine (no formulas):
 *   - ||dE/dh_t|| for t = 1..T (and ||dE/dc_t|| for the LSTM's cell state);
 *   - ||dh_T/dh_t||₂, the spectral norm of the Jacobian from step t to the end (RNN, GRU);
 *   - each step's term of the sum dE/dW_rec = Σ_t (step t's share). Weight sharing
 *     makes the gradient of W_rec a sum over time; letting every step read W_rec through its
 *     own view (same numbers, a separate node) makes each term a `.grad` of its own.
 */
import { backpropagate, fromArray, spectralNorm, Tensor, zeros } from '@chainrule/autodiff';
import { GRUCell, gruStep, LSTMCell, lstmStep, lstmStepFused, rnnStep, RNNCell, type AnyCell, type CellWeights } from '@chainrule/nn';
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
  /** ||step t's term of dE/dW_hh||_F, t = 1..T (null when not asked for). */
  stepContributions: number[] | null;
  /** ||dE/dW_hh||_F, the sum of all the terms. */
  gradWhhNorm: number;
  /** The states h_t (and c_t), t = 1..T, as numbers (batch 1). */
  hs: number[][];
  cs: number[][] | null;
}

export interface FlowOptions {
  /** Also compute ||dh_T/dh_t||₂ (H extra backward passes). Default false. */
  jacobians?: boolean;
  /**
   * Also measure each step's share of dE/dW_hh (default true). It keeps one W_hh-sized
   * gradient per step: turn it off for long sequences of big cells.
   */
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
  // share of dE/dW_hh lands in the view's .grad, and the shares add up in cell.weightHh.grad.
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
  // One call into the engine: the line names it before it starts, and can only say when it is done.
  const backward = `backward pass through ${xs.length} steps`;
  report(backward, 0, 1);
  loss.backward();
  report(backward, 1, 1);

  const gradOf = (t: Tensor) => (t.grad === null ? new Array<number>(H).fill(0) : Array.from(t.grad.data));
  const norm = (t: Tensor | null) => (t === null ? 0 : norm2(t.data));
  const hs = states.map(hiddenOf);
  const cs = cell instanceof LSTMCell ? states.map((s) => (s as { c: Tensor }).c) : null;
  return {
    loss: loss.item(),
    gradHNorms: hs.map((h) => norm(h.grad)),
    gradHs: hs.map(gradOf),
    gradCs: cs === null ? null : cs.map(gradOf),
    gradCNorms: cs === null ? null : cs.map((c) => norm(c.grad)),
    jacobianNorms: jacobians && !(cell instanceof LSTMCell) ? jacobianNorms(cell, step, xs, report) : null,
    stepContributions: stepContributions ? views.map((v) => norm(v.grad)) : null,
    gradWhhNorm: norm(cell.weightHh.grad),
    hs: hs.map((h) => Array.from(h.data)),
    cs: cs === null ? null : cs.map((c) => Array.from(c.data)),
  };
}

/**
 * ||dh_T/dh_t||₂ for every t, from H backward passes: seeding dh_T with the unit vector e_j
 * fills every h_t.grad with row j of dh_T/dh_t at once. The weights are constants here and
 * h_0 is the only leaf that requires grad, so these passes touch nothing but the states.
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
