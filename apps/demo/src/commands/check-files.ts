/** Reads a model file and/or an input file, checks them against the format, and shows what they hold. */
import { defineCommand } from '../framework/command.js';
import { UsageError } from '../framework/errors.js';
import { file } from '../framework/flags.js';
import type { Cell } from '../render/figures.js';
import { loadJsonFile } from '../input/json-file.js';
import { inputFileShape, loadModelAndInput, modelFileShape, type CheckedModelFile, type InputFile } from '../input/model-file.js';

export const checkFilesCommand = defineCommand({
  name: 'check-files',
  summary: 'check a model file and/or an input file (e.g. exported from PyTorch) and show what they hold',
  description: [
    'The formats are in {examples}/README.md. When both files are given, they must also fit each',
    "other: each input step has input_size numbers and the target has hidden_size. Any problem is one line",
    'naming the file and the place in it, with exit code 2.',
  ],
  outputs: ['json', 'csv', 'html'],
  flags: {
    model: file({ description: 'a model file: cell, sizes, state_dict in PyTorch layout' }),
    input: file({ description: 'an input file: inputs (T × input_size) and target (hidden_size)' }),
  },
  examples: [
    'check-files --model {examples}/lstm.model.json --input {examples}/lstm.input.json',
  ],
  run: ({ model: modelPath, input: inputPath }) => {
    if (modelPath === undefined && inputPath === undefined) {
      throw new UsageError('give --model FILE, --input FILE or both');
    }
    let model: CheckedModelFile | undefined;
    let input: InputFile | undefined;
    if (modelPath !== undefined && inputPath !== undefined) ({ model, input } = loadModelAndInput(modelPath, inputPath));
    else if (modelPath !== undefined) model = loadJsonFile(modelPath, modelFileShape, '--model');
    else if (inputPath !== undefined) input = loadJsonFile(inputPath, inputFileShape, '--input');

    const rows: [string, Cell][] = [];
    const data: Record<string, Record<string, string | number | boolean>> = {};
    if (model !== undefined && modelPath !== undefined) {
      // Every number of the state dict is one parameter (the checks made its sizes agree with the cell).
      const parameters = Object.values(model.state_dict).reduce((n, values) => n + values.flat().length, 0);
      data.model = {
        file: modelPath,
        cell: model.cell,
        ...(model.activation !== undefined ? { activation: model.activation } : {}),
        bias: model.bias,
        input_size: model.input_size,
        hidden_size: model.hidden_size,
        ...(model.forget_bias !== undefined ? { forget_bias: model.forget_bias } : {}),
        parameters,
      };
      rows.push(['model file', modelPath], ['cell', model.activation !== undefined ? `${model.cell} (${model.activation})` : model.cell]);
      rows.push(['bias', String(model.bias)], ['input_size', model.input_size], ['hidden_size', model.hidden_size]);
      if (model.forget_bias !== undefined) rows.push(['forget_bias (already in bias_ih)', model.forget_bias]);
      rows.push(['parameters', parameters]);
    }
    if (input !== undefined && inputPath !== undefined) {
      data.input = { file: inputPath, steps: input.inputs.length, input_size: input.inputs[0].length, target_size: input.target.length };
      rows.push(['input file', inputPath], ['steps T', input.inputs.length], ['numbers per step', input.inputs[0].length], ['target size', input.target.length]);
    }
    return {
      data,
      figures: [
        { kind: 'table', title: 'The files are valid', columns: [{ header: 'what' }, { header: 'value', align: 'left', format: 'integer' }], rows },
      ],
    };
  },
});
