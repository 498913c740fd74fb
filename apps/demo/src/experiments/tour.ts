/**
 * The default tour: the textbook RNN (sigmoid, no bias; see docs/experiments.md), the same
 * network with tanh, and an LSTM, all on one random sequence, with the loss at the last step. One
 * backward pass each, then the gradient's size at every earlier step, Pascanu's bound for the two
 * RNNs, and the LSTM's forget gates, which set how fast its cell-state gradient fades.
 */
import { Random } from '@chainrule/autodiff';
import { LSTMCell, RNNCell } from '@chainrule/nn';
import { gradientFlow, type GradientFlow } from './gradient-flow.js';
import { forgetGates } from './lstm-paths.js';
import { measureAgainstBound, type BoundReport } from './rnn-bound.js';
import { prefixed, SILENT, type Report } from './report.js';
import { randomSequence } from './sequence.js';
import { decayPerStepBack, stepsBackUntilBelow, type LineFit } from './stats.js';

export interface TourOptions {
  steps: number;
  hiddenSize: number;
  inputSize: number;
  forgetBias: number;
  seed: number;
}

export const tourDefaults: TourOptions = { steps: 100, hiddenSize: 16, inputSize: 4, forgetBias: 3, seed: 0 };

export interface TourResult {
  options: TourOptions;
  sigmoid: BoundReport;
  tanh: BoundReport;
  lstm: {
    flow: GradientFlow;
    meanForget: number;
    /** Fit of log10||dE/dc_t|| against steps back from T. */
    fit: LineFit;
    stepsBelow1e8: number | null;
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

  const cell = new LSTMCell({ inputSize, hiddenSize, forgetBias, seed: new Random(seed) });
  const flow = gradientFlow(cell, sequence, { report: prefixed(report, 'LSTM') });
  const gates = forgetGates(cell, sequence, flow.hs).flat();
  const norms = flow.gradCNorms!;
  return {
    options,
    sigmoid,
    tanh,
    lstm: {
      flow,
      meanForget: gates.reduce((s, f) => s + f, 0) / gates.length,
      fit: decayPerStepBack(norms),
      stepsBelow1e8: stepsBackUntilBelow(norms, 1e-8),
    },
  };
}
