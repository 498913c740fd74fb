/**
 * The `vanish` command's experiment (experiments 1 and 2 of docs/experiments.md): one cell of any
 * kind on one sequence, every per-step measurement of gradient-flow.ts, and, for an RNN,
 * Pascanu's bound and the split of its rate (rnn-bound.ts); for an LSTM or a GRU, its gate path
 * beside the full gradient. The cell is either built from flags (the paper's setups) or loaded
 * from a model file, e.g. exported from PyTorch so a user can check our numbers against theirs.
 */
import { Random } from '@chainrule/autodiff';
import { cellFromModelFile, GRUCell, LSTMCell, RNNCell, type Activation, type AnyCell, type ModelFile } from '@chainrule/nn';
import type { CellKind } from '../cell-kind.js';
import { gradientFlow, type GradientFlow } from './gradient-flow.js';
import { measureAgainstBound, setupCell, withActivation, type BoundReport, type Setup } from './rnn-bound.js';
import { SILENT, type Report } from './report.js';
import { randomSequence, type Sequence } from './sequence.js';
import { decayPerStepBack, mean, type LineFit } from './stats.js';

export interface VanishOptions {
  cell: CellKind;
  /** RNN only: one of Pascanu's setups, or 'pytorch' (PyTorch's default init, tanh). */
  setup: Setup | 'pytorch';
  /** RNN only: another activation for the setup's weights (the ablation: 'identity'); null keeps the setup's. */
  activation: Activation | null;
  hiddenSize: number;
  inputSize: number;
  steps: number;
  forgetBias: number;
  seed: number;
  /** Compute ||dh_T/dh_t||₂ (RNN, GRU): H extra backward passes. */
  jacobians: boolean;
  report?: Report;
}

/** An LSTM's forget-gate path or a GRU's update-gate path, beside its full gradient. */
export interface GatedReport {
  cell: 'LSTM' | 'GRU';
  /** The full gradient the path is part of: ‖dE/dc_t‖ (LSTM) or ‖dE/dh_t‖ (GRU). */
  full: number[];
  path: number[];
  fullFit: LineFit;
  pathFit: LineFit;
  /** The mean forget gate (LSTM) or update gate (GRU) over every unit and step. */
  meanGate: number;
}

export interface VanishResult {
  cell: AnyCell;
  flow: GradientFlow;
  /** Pascanu's bound and the split of the rate, for RNN cells. */
  bound: BoundReport | null;
  /** The gate path, for LSTM and GRU cells. */
  gated: GatedReport | null;
}

/** Builds the cell the flags describe. */
export function cellFromFlags(o: VanishOptions): AnyCell {
  const rng = new Random(o.seed);
  const common = { inputSize: o.inputSize, hiddenSize: o.hiddenSize, seed: rng };
  if (o.cell === 'lstm') return new LSTMCell({ ...common, forgetBias: o.forgetBias });
  if (o.cell === 'gru') return new GRUCell(common);
  const cell = o.setup === 'pytorch' ? new RNNCell({ ...common, activation: 'tanh' }) : setupCell(o.setup, { hiddenSize: o.hiddenSize, inputSize: o.inputSize, seed: o.seed });
  return o.activation === null || o.activation === cell.activation ? cell : withActivation(cell, o.activation);
}

/** Runs the measurement on a given cell and sequence. */
export function vanish(cell: AnyCell, sequence: Sequence, jacobians: boolean, report: Report = SILENT): VanishResult {
  if (cell instanceof RNNCell) {
    const bound = measureAgainstBound(cell, sequence, jacobians, report);
    return { cell, flow: bound.flow, bound, gated: null };
  }
  const flow = gradientFlow(cell, sequence, { jacobians, report });
  const full = cell instanceof LSTMCell ? flow.gradCNorms! : flow.gradHNorms;
  const gated: GatedReport = {
    cell: cell instanceof LSTMCell ? 'LSTM' : 'GRU',
    full,
    path: flow.gatePathNorms!,
    fullFit: decayPerStepBack(full),
    pathFit: decayPerStepBack(flow.gatePathNorms!),
    meanGate: mean(flow.gates!.flat()),
  };
  return { cell, flow, bound: null, gated };
}

/** The flags' cell on a seeded random sequence. */
export function vanishFromFlags(o: VanishOptions): VanishResult {
  const cell = cellFromFlags(o);
  return vanish(cell, randomSequence(o.steps, o.inputSize, o.hiddenSize, o.seed + 1), o.jacobians, o.report);
}

/** A model file's cell on an input file's sequence. */
export function vanishFromFiles(model: ModelFile, sequence: Sequence, report: Report = SILENT): VanishResult {
  const cell = cellFromModelFile(model);
  return vanish(cell, sequence, !(cell instanceof LSTMCell), report);
}
