/**
 * The default tour: the textbook RNN (sigmoid, no bias; see docs/experiments.md), the same
 * network with tanh, and an LSTM, all on one random sequence, with the loss at the last step. One
 * backward pass each, then the gradient's size at every earlier step; for the RNNs Pascanu's
 * bound, the split of their rate into ρ, the slopes and the rest, and the same weights with no
 * activation; for the LSTM the full cell-state gradient beside its forget-gate path, at its forget
 * bias and at bias 0.
 */
import { Random } from '@chainrule/autodiff';
import { LSTMCell, RNNCell } from '@chainrule/nn';
import { gradientFlow, type GradientFlow } from './gradient-flow.js';
import { measureAgainstBound, type BoundReport } from './rnn-bound.js';
import { prefixed, SILENT, type Report } from './report.js';
import { randomSequence, type Sequence } from './sequence.js';
import { decayPerStepBack, mean, stepsBackUntilBelow, type LineFit } from './stats.js';

export interface TourOptions {
  steps: number;
  hiddenSize: number;
  inputSize: number;
  forgetBias: number;
  seed: number;
}

export const tourDefaults: TourOptions = { steps: 100, hiddenSize: 16, inputSize: 4, forgetBias: 3, seed: 0 };

/** One LSTM run: the full ‖dE/dc_t‖ and its forget-gate path ‖(Π f) ⊙ dE/dc_T‖. */
export interface LstmRun {
  forgetBias: number;
  flow: GradientFlow;
  meanForget: number;
  /** Fit of log10‖dE/dc_t‖ against steps back from T. */
  fit: LineFit;
  /** Fit of log10 of the forget-gate path. */
  pathFit: LineFit;
  stepsBelow1e8: number | null;
}

export interface TourResult {
  options: TourOptions;
  sigmoid: BoundReport;
  tanh: BoundReport;
  /** The LSTM at `forgetBias`. */
  lstm: LstmRun;
  /** The same LSTM at forget bias 0 (null when `forgetBias` is 0). */
  lstmAtZero: LstmRun | null;
}

export function lstmRun(forgetBias: number, options: TourOptions, sequence: Sequence, report: Report): LstmRun {
  const { hiddenSize, inputSize, seed } = options;
  const cell = new LSTMCell({ inputSize, hiddenSize, forgetBias, seed: new Random(seed) });
  const flow = gradientFlow(cell, sequence, { stepContributions: false, report });
  const norms = flow.gradCNorms!;
  return {
    forgetBias,
    flow,
    meanForget: mean(flow.gates!.flat()),
    fit: decayPerStepBack(norms),
    pathFit: decayPerStepBack(flow.gatePathNorms!),
    stepsBelow1e8: stepsBackUntilBelow(norms, 1e-8),
  };
}

export function tour(options: TourOptions = tourDefaults, report: Report = SILENT): TourResult {
  const { steps, hiddenSize, inputSize, forgetBias, seed } = options;
  const sequence = randomSequence(steps, inputSize, hiddenSize, seed + 1);
  // The two RNNs share their weights (same seed): only the activation differs.
  const rnn = (activation: 'sigmoid' | 'tanh') =>
    new RNNCell({ inputSize, hiddenSize, activation, bias: false, seed: new Random(seed) });
  const sigmoid = measureAgainstBound(rnn('sigmoid'), sequence, false, prefixed(report, 'sigmoid RNN'));
  const tanh = measureAgainstBound(rnn('tanh'), sequence, false, prefixed(report, 'tanh RNN'));
  return {
    options,
    sigmoid,
    tanh,
    lstm: lstmRun(forgetBias, options, sequence, prefixed(report, `LSTM, forget bias ${forgetBias}`)),
    lstmAtZero: forgetBias === 0 ? null : lstmRun(0, options, sequence, prefixed(report, 'LSTM, forget bias 0')),
  };
}
