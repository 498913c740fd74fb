/**
 * The model and input files (snake_case JSON, PyTorch's names and layouts; examples/README.md
 * describes them), checked in full so an experiment receives sizes that agree, or the user gets
 * one line saying what is off:
 *
 *   model: { "cell": "rnn"|"lstm"|"gru", "activation"?: …, "bias"?: bool, "input_size": I, "hidden_size": H,
 *            "forget_bias"?: number (lstm only, informational),
 *            "state_dict": { "weight_ih": [G·H × I], "weight_hh": [G·H × H], "bias_ih"?: [G·H], "bias_hh"?: [G·H] } }
 *          with G = 1 (rnn), 4 (lstm: gates i, f, g, o), 3 (gru: r, z, n)
 *   input: { "inputs": [T × I], "target": [H] }          — the two may share one file
 *
 * A checked model is still @chainrule/nn's ModelFile, keys and all, so it goes straight to
 * cellFromModelFile; the checks only add what nn leaves open (see CheckedModelFile).
 */
import { ACTIVATIONS, type Activation, type ModelFile, type StateDict } from '@chainrule/nn';
import { CELL_KINDS, type CellKind } from '../cell-kind.js';
import { UsageError } from '../framework/errors.js';
import { loadJsonFile } from './json-file.js';
import { arrayOf, boolean, finiteNumber, integer, matrix, object, oneOf, ShapeError, vector, type Shape } from './shape.js';

/** The most time steps an input file may hold: the same as the commands' --steps. */
export const MAX_INPUT_STEPS = 100_000;

/** Rows of weight_ih / weight_hh per hidden unit: one block per gate. */
export const GATE_BLOCKS: Readonly<Record<CellKind, number>> = { rnn: 1, lstm: 4, gru: 3 };

/**
 * nn's ModelFile after the checks: the defaults are filled in, so no reader has to know them
 * (`bias`: true unless the file says false; an rnn's `activation`: 'tanh', as in PyTorch), an
 * lstm or gru has no activation at all, and the state dict holds PyTorch's keys at sizes that
 * agree with the cell.
 */
export type CheckedModelFile = ModelFile & { readonly bias: boolean; readonly state_dict: StateDict } & (
    | { readonly cell: 'rnn'; readonly activation: Activation }
    | { readonly cell: 'lstm' | 'gru'; readonly activation?: undefined }
  );

export interface InputFile {
  /** T × I, first step first. */
  readonly inputs: readonly (readonly number[])[];
  readonly target: readonly number[];
}

const MODEL_KEYS = ['cell', 'activation', 'bias', 'input_size', 'hidden_size', 'forget_bias', 'state_dict'] as const satisfies readonly (keyof ModelFile)[];
const INPUT_KEYS = ['inputs', 'target'] as const satisfies readonly (keyof InputFile)[];

const rawModel = object(
  {
    cell: oneOf(CELL_KINDS),
    input_size: integer({ min: 1 }),
    hidden_size: integer({ min: 1 }),
    state_dict: object({ weight_ih: matrix(), weight_hh: matrix() }, { bias_ih: vector(), bias_hh: vector() }),
  },
  { activation: oneOf(ACTIVATIONS), bias: boolean, forget_bias: finiteNumber },
  { alsoAllowed: INPUT_KEYS },
);

export const modelFileShape: Shape<CheckedModelFile> = (value, path) => {
  const raw = rawModel(value, path);
  const { cell, state_dict: sd } = raw;
  const rows = GATE_BLOCKS[cell] * raw.hidden_size;
  const blocks = cell === 'rnn' ? 'hidden_size' : `${GATE_BLOCKS[cell]}·hidden_size`;
  const gates = cell === 'rnn' ? '' : ` (${blocks} for ${cell})`;
  const checkMatrix = (m: readonly (readonly number[])[], key: string, cols: number, colsName: string): void => {
    const expected = `${rows}×${cols} (${blocks} × ${colsName})`;
    const width = m[0]?.length ?? 0;
    const ragged = m.findIndex((r) => r.length !== width);
    if (ragged >= 0) {
      throw new ShapeError(`state_dict.${key} must be ${expected}, but its rows differ: row ${ragged} has ${count(m[ragged].length)}, row 0 ${count(width)}`);
    }
    if (m.length !== rows || width !== cols) throw new ShapeError(`state_dict.${key} must be ${expected}, got ${m.length}×${width}`);
  };
  checkMatrix(sd.weight_ih, 'weight_ih', raw.input_size, 'input_size');
  checkMatrix(sd.weight_hh, 'weight_hh', raw.hidden_size, 'hidden_size');
  const bias = raw.bias ?? true;
  const stateDict: StateDict = { weight_ih: sd.weight_ih, weight_hh: sd.weight_hh };
  for (const key of ['bias_ih', 'bias_hh'] as const) {
    const b = sd[key];
    if (bias && b === undefined) throw new ShapeError(`state_dict is missing "${key}" (set "bias": false for a cell without biases)`);
    if (!bias && b !== undefined) throw new ShapeError(`state_dict has "${key}" but "bias" is false`);
    if (b !== undefined && b.length !== rows) throw new ShapeError(`state_dict.${key} must hold ${count(rows)}${gates}, got ${b.length}`);
    if (b !== undefined) stateDict[key] = b;
  }
  if (cell !== 'rnn' && raw.activation !== undefined) {
    throw new ShapeError(`"activation" applies to rnn cells only; ${cell} cells have fixed nonlinearities`);
  }
  if (cell !== 'lstm' && raw.forget_bias !== undefined) {
    throw new ShapeError(`"forget_bias" applies to lstm cells only; ${cell} cells have no forget gate`);
  }
  const checked = {
    bias,
    input_size: raw.input_size,
    hidden_size: raw.hidden_size,
    // Informational only: the forget bias is already inside bias_ih, and nn does not add it again.
    ...(raw.forget_bias !== undefined ? { forget_bias: raw.forget_bias } : {}),
    state_dict: stateDict,
  };
  return cell === 'rnn' ? { cell, activation: raw.activation ?? 'tanh', ...checked } : { cell, ...checked };
};

export const inputFileShape: Shape<InputFile> = (value, path) => {
  const raw = object(
    {
      inputs: arrayOf(vector(), { minLength: 1, maxLength: MAX_INPUT_STEPS, why: 'the limit of --steps', what: 'time steps' }),
      target: vector(),
    },
    {},
    { alsoAllowed: MODEL_KEYS },
  )(value, path);
  const width = raw.inputs[0].length;
  const bad = raw.inputs.findIndex((row) => row.length !== width);
  if (bad >= 0) throw new ShapeError(`inputs[${bad}] has ${count(raw.inputs[bad].length)} but inputs[0] has ${count(width)}: every step needs the same size`);
  return raw;
};

/** Loads both files and checks they fit: each input step has input_size numbers, the target hidden_size. */
export function loadModelAndInput(modelPath: string, inputPath: string): { model: CheckedModelFile; input: InputFile } {
  const model = loadJsonFile(modelPath, modelFileShape, '--model');
  const input = loadJsonFile(inputPath, inputFileShape, '--input');
  if (input.inputs[0].length !== model.input_size) {
    throw new UsageError(
      `--input ${inputPath}: each step has ${count(input.inputs[0].length)} but the model's input_size is ${model.input_size}`,
    );
  }
  if (input.target.length !== model.hidden_size) {
    throw new UsageError(`--input ${inputPath}: target has ${count(input.target.length)} but the model's hidden_size is ${model.hidden_size}`);
  }
  return { model, input };
}

function count(n: number): string {
  return n === 1 ? '1 number' : `${n} numbers`;
}
