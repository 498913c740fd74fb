/**
 * Experiment 5 of docs/experiments.md: why the LSTM's cell state can keep the gradient alive
 * (Hochreiter & Schmidhuber 1997; the forget gate of Gers et al. 2000; the forget bias of
 * Jozefowicz et al. 2015), and how far that depends on the forget gate.
 *
 * c_t = f_t ⊙ c_(t−1) + i_t ⊙ g_t. Along this additive path dc_t/dc_(t−1) = diag(f_t): no
 * weight matrix, no squashing derivative, just the forget gate. So the part of the gradient
 * that travels along the cell state alone (the forget-gate path, @chainrule/nn's gate-paths.ts) is
 *
 *   (Π_{i=t+1..T} f_i) ⊙ dE/dc_T,
 *
 * whose log-norm falls by about log10(mean f) per step: f = σ(a_f + b) ≈ 0.5, 0.73, 0.88, 0.993
 * for forget biases b = 0, 1, 2, 5 where a_f ≈ 0. The full gradient dE/dc_t adds the paths through
 * h_t and the next steps' gates, each behind W_hh; it is not bounded by the forget-gate path, so
 * both are measured and shown, labelled.
 */
import { Random } from '@chainrule/autodiff';
import { LSTMCell } from '@chainrule/nn';
import { gradientFlow, type GradientFlow } from './gradient-flow.js';
import { prefixed, SILENT, type Report } from './report.js';
import { randomSequence } from './sequence.js';
import { decayPerStepBack, mean, type LineFit } from './stats.js';

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
  path: number[];
  /** Fit of log10 of the forget-gate path against steps back. */
  pathFit: LineFit;
  /** The mean forget gate over every unit and step, and its log10: what the path's slope is near. */
  meanF: number;
  log10MeanF: number;
  /** Fit of log10||dE/dc_t|| (the full gradient) against steps back. */
  fullFit: LineFit;
}

/** An LSTM with PyTorch's default init plus `forgetBias` on the forget gate. */
export function lstmCell(forgetBias: number, { hiddenSize, inputSize, seed }: Omit<LstmOptions, 'steps'>): LSTMCell {
  return new LSTMCell({ inputSize, hiddenSize, forgetBias, seed: new Random(seed) });
}

export function forgetBiasSweep(biases: readonly number[], options: LstmOptions, report: Report = SILENT): ForgetCurve[] {
  const sequence = randomSequence(options.steps, options.inputSize, options.hiddenSize, options.seed + 1);
  return biases.map((forgetBias) => {
    const cell = lstmCell(forgetBias, options);
    const flow = gradientFlow(cell, sequence, { stepContributions: false, report: prefixed(report, `forget bias ${forgetBias}`) });
    const meanF = mean(flow.gates!.flat());
    return {
      forgetBias,
      flow,
      forgetGates: flow.gates!,
      path: flow.gatePathNorms!,
      pathFit: decayPerStepBack(flow.gatePathNorms!),
      meanF,
      log10MeanF: Math.log10(meanF),
      fullFit: decayPerStepBack(flow.gradCNorms!),
    };
  });
}
