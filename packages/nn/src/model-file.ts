/**
 * The model-file format of the CLI and the fixtures (snake_case, so a few lines of Python move
 * weights from PyTorch):
 *
 *   { "cell": "rnn" | "lstm" | "gru", "activation"?: ..., "bias"?: bool,
 *     "input_size": I, "hidden_size": H, "state_dict": { "weight_ih": [[...]], ... } }
 *
 * A forget bias is already inside the state dict (PyTorch has no separate setting), so a
 * "forget_bias" key is informational and is not added again.
 */
import type { Activation } from './activations.js';
import { GRUCell } from './cells/gru-cell.js';
import { LSTMCell } from './cells/lstm-cell.js';
import type { StateDict, StateDictInput } from './module.js';
import { RNNCell } from './cells/rnn-cell.js';

/** One cell as JSON: its kind, sizes and PyTorch state dict (the format above). */
export interface ModelFile {
  /** Which cell: `RNNCell`, `LSTMCell` or `GRUCell`. */
  readonly cell: 'rnn' | 'lstm' | 'gru';
  /** RNN only; default 'tanh'. */
  readonly activation?: Activation;
  /** Default: whether the state dict has bias_ih. */
  readonly bias?: boolean;
  /** I. */
  readonly input_size: number;
  /** H. */
  readonly hidden_size: number;
  /** LSTM only, informational: the forget bias already inside `state_dict`. */
  readonly forget_bias?: number;
  /** The weights under PyTorch's names (`weight_ih`, `weight_hh`, `bias_ih`, `bias_hh`). */
  readonly state_dict: StateDictInput;
}

/** Any of the three cells, as a model file may hold. */
export type AnyCell = RNNCell | LSTMCell | GRUCell;

/** Builds the cell a model file describes and loads its weights (checked by loadStateDict). */
export function cellFromModelFile(model: ModelFile): AnyCell {
  if (typeof model !== 'object' || model === null || typeof model.state_dict !== 'object' || model.state_dict === null) {
    throw new Error('cellFromModelFile: expected { cell, input_size, hidden_size, state_dict, ... }');
  }
  const options = {
    inputSize: model.input_size,
    hiddenSize: model.hidden_size,
    bias: model.bias ?? Object.hasOwn(model.state_dict, 'bias_ih'),
    seed: 0, // every number is overwritten by the state dict; don't draw from the shared generator
  };
  let cell: AnyCell;
  if (model.cell === 'rnn') cell = new RNNCell({ ...options, activation: model.activation ?? 'tanh' });
  else if (model.cell === 'lstm') cell = new LSTMCell(options);
  else if (model.cell === 'gru') cell = new GRUCell(options);
  else throw new Error(`cellFromModelFile: unknown cell ${JSON.stringify(model.cell)} (expected rnn, lstm or gru)`);
  cell.loadStateDict(model.state_dict);
  return cell;
}

/** The model file of a cell: its kind, sizes and weights. */
export function toModelFile(cell: AnyCell): ModelFile & {
  /** The weights, as plain nested arrays. */
  readonly state_dict: StateDict;
} {
  const common = {
    bias: cell.biasIh !== null,
    input_size: cell.inputSize,
    hidden_size: cell.hiddenSize,
    state_dict: cell.stateDict(),
  };
  if (cell instanceof RNNCell) return { cell: 'rnn', activation: cell.activation, ...common };
  return { cell: cell instanceof LSTMCell ? 'lstm' : 'gru', ...common };
}
