/**
 * The model and input files of architecture.md (snake_case JSON, PyTorch layouts), checked in full
 * so an experiment receives sizes that agree, or the user gets one line saying what is off:
 *
 *   model: { "cell": "rnn"|"lstm"|"gru", "activation"?: …, "bias"?: bool, "input_size": I, "hidden_size": H,
 *            "state_dict": { "weight_ih": [G·H × I], "weight_hh": [G·H × H], "bias_ih"?: [G·H], "bias_hh"?: [G·H] } }
 *          with G = 1 (rnn), 4 (lstm: gates i, f, g, o), 3 (gru: r, z, n)
 *   input: { "inputs": [T × I], "target": [H] }          — the two may share one file
 */
import { CELL_KINDS, type CellKind } from '../cell-kind.js';
import { UsageError } from '../framework/errors.js';
import { loadJsonFile } from './json-file.js';
import { arrayOf, boolean, integer, matrix, object, oneOf, ShapeError, vector, type Shape } from './shape.js';

export const ACTIVATIONS = ['tanh', 'sigmoid', 'relu', 'identity'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Rows of weight_ih / weight_hh per hidden unit: one block per gate. */
export const GATE_BLOCKS: Readonly<Record<CellKind, number>> = { rnn: 1, lstm: 4, gru: 3 };

export interface StateDict {
  readonly weight_ih: readonly (readonly number[])[];
  readonly weight_hh: readonly (readonly number[])[];
  readonly bias_ih?: readonly number[];
  readonly bias_hh?: readonly number[];
}

export interface ModelFile {
  readonly cell: CellKind;
  /** RNN cells only; default 'tanh' as in PyTorch. */
  readonly activation: Activation;
  readonly bias: boolean;
  readonly inputSize: number;
  readonly hiddenSize: number;
  /** PyTorch key names and layouts, ready for loadStateDict. */
  readonly stateDict: StateDict;
}

export interface InputFile {
  /** T × I, first step first. */
  readonly inputs: readonly (readonly number[])[];
  readonly target: readonly number[];
}

const MODEL_KEYS = ['cell', 'activation', 'bias', 'input_size', 'hidden_size', 'state_dict'] as const;
const INPUT_KEYS = ['inputs', 'target'] as const;

const rawModel = object(
  {
    cell: oneOf(CELL_KINDS),
    input_size: integer({ min: 1 }),
    hidden_size: integer({ min: 1 }),
    state_dict: object({ weight_ih: matrix(), weight_hh: matrix() }, { bias_ih: vector(), bias_hh: vector() }),
  },
  { activation: oneOf(ACTIVATIONS), bias: boolean },
  { alsoAllowed: INPUT_KEYS },
);

export const modelFileShape: Shape<ModelFile> = (value, path) => {
  const raw = rawModel(value, path);
  const { cell, input_size: inputSize, hidden_size: hiddenSize, state_dict: sd } = raw;
  const rows = GATE_BLOCKS[cell] * hiddenSize;
  const blocks = cell === 'rnn' ? 'hidden_size' : `${GATE_BLOCKS[cell]}·hidden_size`;
  const gates = cell === 'rnn' ? '' : ` (${blocks} for ${cell})`;
  const sizeOf = (m: readonly (readonly number[])[]): string => `${m.length}×${m[0]?.length ?? 0}`;
  const checkMatrix = (m: readonly (readonly number[])[], key: string, cols: number, colsName: string): void => {
    if (m.length !== rows || m.some((r) => r.length !== cols)) {
      throw new ShapeError(`state_dict.${key} must be ${rows}×${cols} (${blocks} × ${colsName}), got ${sizeOf(m)}`);
    }
  };
  checkMatrix(sd.weight_ih, 'weight_ih', inputSize, 'input_size');
  checkMatrix(sd.weight_hh, 'weight_hh', hiddenSize, 'hidden_size');
  const bias = raw.bias ?? true;
  for (const key of ['bias_ih', 'bias_hh'] as const) {
    const b = sd[key];
    if (bias && b === undefined) throw new ShapeError(`state_dict is missing "${key}" (set "bias": false for a cell without biases)`);
    if (!bias && b !== undefined) throw new ShapeError(`state_dict has "${key}" but "bias" is false`);
    if (b !== undefined && b.length !== rows) throw new ShapeError(`state_dict.${key} must hold ${count(rows)}${gates}, got ${b.length}`);
  }
  if (cell !== 'rnn' && raw.activation !== undefined) {
    throw new ShapeError(`"activation" applies to rnn cells only; ${cell} cells have fixed nonlinearities`);
  }
  return { cell, activation: raw.activation ?? 'tanh', bias, inputSize, hiddenSize, stateDict: sd };
};

export const inputFileShape: Shape<InputFile> = (value, path) => {
  const raw = object(
    { inputs: arrayOf(vector(), { minLength: 1, what: 'time steps' }), target: vector() },
    {},
    { alsoAllowed: MODEL_KEYS },
  )(value, path);
  const width = raw.inputs[0].length;
  const bad = raw.inputs.findIndex((row) => row.length !== width);
  if (bad >= 0) throw new ShapeError(`inputs[${bad}] has ${count(raw.inputs[bad].length)} but inputs[0] has ${count(width)}: every step needs the same size`);
  return raw;
};

/** Loads both files and checks they fit: each input step has input_size numbers, the target hidden_size. */
export function loadModelAndInput(modelPath: string, inputPath: string): { model: ModelFile; input: InputFile } {
  const model = loadJsonFile(modelPath, modelFileShape, '--model');
  const input = loadJsonFile(inputPath, inputFileShape, '--input');
  if (input.inputs[0].length !== model.inputSize) {
    throw new UsageError(
      `--input ${inputPath}: each step has ${count(input.inputs[0].length)} but the model's input_size is ${model.inputSize}`,
    );
  }
  if (input.target.length !== model.hiddenSize) {
    throw new UsageError(`--input ${inputPath}: target has ${count(input.target.length)} but the model's hidden_size is ${model.hiddenSize}`);
  }
  return { model, input };
}

function count(n: number): string {
  return n === 1 ? '1 number' : `${n} numbers`;
}
