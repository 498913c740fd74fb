/**
 * Experiment 5 of docs/experiments.md: why the LSTM's cell state keeps the gradient alive
 * (Hochreiter & Schmidhuber 1997; the forget gate of Gers et al. 2000; the forget bias of
 * Jozefowicz et al. 2015).
 *
 * c_t = f_t ⊙ c_(t−1) + i_t ⊙ g_t. Along this additive path dc_t/dc_(t−1) = diag(f_t): no
 * weight matrix, no squashing derivative, just the forget gate. So the part of the gradient
 * that travels along the cell state alone (the "direct path") is
 *
 *   (Π_{i=t+1..T} f_i) ⊙ dE/dc_T,
 *
 * whose log-norm falls by about log10(mean f) per step: f = σ(forget bias) ≈ 0.5, 0.73, 0.88,
 * 0.993 for biases 0, 1, 2, 5. The full gradient dE/dc_t adds the paths through h and the
 * gates; it is not bounded by the direct path in general, so both are shown, labelled.
 */
import { fromArray, Random, type Tensor } from '@chainrule/autodiff';
import { LSTMCell } from '@chainrule/nn';
import { gradientFlow, type GradientFlow } from './gradient-flow.js';
import { prefixed, SILENT, type Report } from './report.js';
import { randomSequence, type Sequence } from './sequence.js';
import { decayPerStepBack, norm2 } from './stats.js';

export interface LstmOptions {
  hiddenSize: number;
  inputSize: number;
  steps: number;
  seed: number;
}

export interface ForgetCurve {
  forgetBias: number;
  flow: GradientFlow;
  /** f_t, t = 1..T, every unit (batch 1). */
  forgetGates: number[][];
  /** ||(Π_{i>t} f_i) ⊙ dE/dc_T||, t = 1..T: the cell-state path alone. */
  directPath: number[];
  /** Fitted per-step change of log10 of the direct path, going back in time. */
  directSlope: number;
  /** log10 of the mean forget gate: what the direct slope should be close to. */
  log10MeanF: number;
  /** Fitted per-step change of log10||dE/dc_t|| (the full gradient), going back. */
  fullSlope: number;
}

/** An LSTM with PyTorch's default init plus `forgetBias` on the forget gate. */
export function lstmCell(forgetBias: number, { hiddenSize, inputSize, seed }: Omit<LstmOptions, 'steps'>): LSTMCell {
  return new LSTMCell({ inputSize, hiddenSize, forgetBias, seed: new Random(seed) });
}

/** The forget gates f_t = σ(x_t W_ifᵀ + b_if + h_(t−1) W_hfᵀ + b_hf), t = 1..T, recomputed from the states. */
export function forgetGates(cell: LSTMCell, sequence: Sequence, hs: readonly (readonly number[])[]): number[][] {
  const H = cell.hiddenSize;
  const block = (w: Tensor) => w.slice(0, H, 2 * H); // rows of the forget gate
  const [wIf, wHf] = [block(cell.weightIh), block(cell.weightHh)];
  const [bIf, bHf] = [cell.biasIh?.slice(0, H, 2 * H) ?? null, cell.biasHh?.slice(0, H, 2 * H) ?? null];
  return sequence.inputs.map((x, t) => {
    const previous = t === 0 ? new Array<number>(H).fill(0) : hs[t - 1];
    let a = fromArray(x, [1, cell.inputSize]).matmul(wIf.transpose()).add(fromArray(previous, [1, H]).matmul(wHf.transpose()));
    if (bIf !== null && bHf !== null) a = a.add(bIf).add(bHf);
    return Array.from(a.sigmoid().data);
  });
}

/** (Π_{i=t+1..T} f_i) ⊙ v for every t = 1..T, as vectors. */
export function directPathVectors(forget: readonly (readonly number[])[], last: readonly number[]): number[][] {
  const T = forget.length;
  const out: number[][] = new Array(T);
  let carried = [...last];
  for (let t = T - 1; t >= 0; t--) {
    out[t] = carried;
    carried = carried.map((v, j) => v * forget[t][j]);
  }
  return out;
}

export function forgetBiasSweep(biases: readonly number[], options: LstmOptions, report: Report = SILENT): ForgetCurve[] {
  const sequence = randomSequence(options.steps, options.inputSize, options.hiddenSize, options.seed + 1);
  return biases.map((forgetBias) => {
    const cell = lstmCell(forgetBias, options);
    const flow = gradientFlow(cell, sequence, { report: prefixed(report, `forget bias ${forgetBias}`) });
    const gates = forgetGates(cell, sequence, flow.hs);
    const gradCs = flow.gradCs!;
    const direct = directPathVectors(gates, gradCs[gradCs.length - 1]).map(norm2);
    const allF = gates.flat();
    return {
      forgetBias,
      flow,
      forgetGates: gates,
      directPath: direct,
      directSlope: decayPerStepBack(direct).slope,
      log10MeanF: Math.log10(allF.reduce((s, f) => s + f, 0) / allF.length),
      fullSlope: decayPerStepBack(flow.gradCNorms!).slope,
    };
  });
}
