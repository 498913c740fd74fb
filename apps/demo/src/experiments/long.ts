/**
 * Experiment 6 of docs/experiments.md: long sequences at initialization (Arjovsky, Shah & Bengio
 * 2016, their figure of gradient norms at the beginning of training). A tanh RNN and an LSTM with
 * Glorot-uniform weights (the LSTM with forget bias 1), 128 units, T = 1000 steps, before any
 * training.
 *
 * The RNN's log-norm falls on a straight line: about the same factor is lost at every step, so
 * the first steps of a 1,000-step sequence get a gradient hundreds of orders of magnitude smaller
 * than the last. The LSTM's cell-state gradient falls more slowly at these settings (the command
 * says how much, or that it does not, from the run); its forget-gate path is measured beside it.
 */
import { Random } from '@chainrule/autodiff';
import { initGlorotUniform, LSTMCell, RNNCell } from '@chainrule/nn';
import { gradientFlow } from './gradient-flow.js';
import { prefixed, SILENT, type Report } from './report.js';
import { randomSequence } from './sequence.js';
import { activationSlopes } from './rnn-bound.js';
import { decayPerStepBack, mean, spectralRadius, type LineFit } from './stats.js';

export interface LongOptions {
  steps: number;
  hiddenSize: number;
  inputSize: number;
  forgetBias: number;
  seed: number;
}

export const longDefaults: LongOptions = { steps: 1000, hiddenSize: 128, inputSize: 32, forgetBias: 1, seed: 0 };

export interface LongResult {
  /** ||dE/dh_t|| of the tanh RNN, t = 1..T. */
  rnn: number[];
  /** ||dE/dc_t|| of the LSTM's cell state, t = 1..T (the full gradient). */
  lstmCell: number[];
  /** ||dE/dh_t|| of the LSTM, t = 1..T. */
  lstmHidden: number[];
  /** The LSTM's forget-gate path ||(Π f) ⊙ dE/dc_T||, t = 1..T. */
  lstmPath: number[];
  /** Straight-line fits of log10 norm against steps back from T. */
  rnnFit: LineFit;
  lstmFit: LineFit;
  lstmPathFit: LineFit;
  /** The LSTM's mean forget gate. */
  meanForget: number;
  /** The RNN's spectral radius, mean tanh′ (from the pre-activations) and the heuristic log10(ρ · mean tanh′). */
  rnnSpectralRadius: number;
  rnnMeanSlope: number;
  rnnHeuristic: number;
}

export function longSequences({ steps, hiddenSize, inputSize, forgetBias, seed }: LongOptions = longDefaults, report: Report = SILENT): LongResult {
  const rng = new Random(seed);
  const sequence = randomSequence(steps, inputSize, hiddenSize, seed + 1);

  const rnn = new RNNCell({ inputSize, hiddenSize, activation: 'tanh', seed: rng });
  initGlorotUniform(rnn.weightIh, { seed: rng });
  initGlorotUniform(rnn.weightHh, { seed: rng });
  rnn.biasIh!.data.fill(0);
  rnn.biasHh!.data.fill(0);

  const lstm = new LSTMCell({ inputSize, hiddenSize, seed: rng });
  initGlorotUniform(lstm.weightIh, { seed: rng });
  initGlorotUniform(lstm.weightHh, { seed: rng });
  lstm.biasIh!.data.fill(0);
  lstm.biasHh!.data.fill(0);
  for (let j = hiddenSize; j < 2 * hiddenSize; j++) lstm.biasIh!.data[j] = forgetBias;

  // The per-step terms of dE/dW_hh are not read here: leaving them out saves time and changes no number.
  // Stryker disable next-line BooleanLiteral: computing them anyway gives the same numbers
  const rnnFlow = gradientFlow(rnn, sequence, { stepContributions: false, report: prefixed(report, 'tanh RNN') });
  // Stryker disable next-line BooleanLiteral: as above
  const lstmFlow = gradientFlow(lstm, sequence, { stepContributions: false, report: prefixed(report, 'LSTM') });
  const rho = spectralRadius(rnn.weightHh);
  const meanSlope = mean(activationSlopes(rnn, sequence, rnnFlow.hs).slice(1).flat());
  return {
    rnn: rnnFlow.gradHNorms,
    lstmCell: lstmFlow.gradCNorms!,
    lstmHidden: lstmFlow.gradHNorms,
    lstmPath: lstmFlow.gatePathNorms!,
    rnnFit: decayPerStepBack(rnnFlow.gradHNorms),
    lstmFit: decayPerStepBack(lstmFlow.gradCNorms!),
    lstmPathFit: decayPerStepBack(lstmFlow.gatePathNorms!),
    meanForget: mean(lstmFlow.gates!.flat()),
    rnnSpectralRadius: rho,
    rnnMeanSlope: meanSlope,
    rnnHeuristic: Math.log10(rho * meanSlope),
  };
}
