import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellFromModelFile, toModelFile, type ModelFile } from '@chainrule/nn';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { locateJsonProblem } from '../src/input/json-locate.js';
import { UsageError } from '../src/framework/errors.js';
import { loadJsonFile } from '../src/input/json-file.js';
import { inputFileShape, loadModelAndInput, modelFileShape } from '../src/input/model-file.js';
import { arrayOf, finiteNumber, integer, matrix, object, oneOf, vector } from '../src/input/shape.js';

const dir = mkdtempSync(join(tmpdir(), 'chainrule-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string | object): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const examples = join(import.meta.dirname, '../examples');

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof UsageError) {
      expect(error.message).not.toContain('\n');
      return error.message;
    }
    throw error;
  }
  throw new Error('no UsageError');
}

const anyObject = object({}, { a: finiteNumber, b: finiteNumber });

describe('loadJsonFile', () => {
  it('reads and checks a file', () => {
    expect(loadJsonFile(write('ok.json', { a: 1 }), anyObject, '--x')).toEqual({ a: 1 });
  });
  it('names the flag and file when the file is missing, a folder or empty', () => {
    expect(message(() => loadJsonFile(join(dir, 'none.json'), anyObject, '--model'))).toBe(`--model ${join(dir, 'none.json')}: no such file`);
    expect(message(() => loadJsonFile(dir, anyObject, '--model'))).toBe(`--model ${dir}: is a folder, not a file`);
    expect(message(() => loadJsonFile(write('empty.json', '  \n'), anyObject, '--model'))).toMatch(/: the file is empty, expected JSON$/);
  });
  it('gives the line and column of every JSON syntax error', () => {
    const path = write('bad.json', '{\n  "a": 1\n  "b": 2\n}');
    expect(message(() => loadJsonFile(path, anyObject, '--input'))).toBe(
      `--input ${path}: not valid JSON: unexpected '"', expected ',' or '}' after a value at line 3, column 3`,
    );
    expect(message(() => loadJsonFile(write('cut.json', '{"a": [1, 2'), anyObject, '--input'))).toMatch(
      /not valid JSON: the JSON ends too early, .* at line 1, column 12$/,
    );
    const quoted = message(() => loadJsonFile(write('tok.json', '{"a": }'), anyObject, '--input'));
    expect(quoted).toMatch(/not valid JSON: unexpected '}', expected a value at line 1, column 7$/);
    expect(quoted).not.toContain('is not valid JSON'); // no copy of the whole text
  });
  it('names NaN, binary bytes and UTF-16 with their place; skips a UTF-8 byte-order mark', () => {
    expect(message(() => loadJsonFile(write('nan.json', '{\n"a": NaN}'), anyObject, '--input'))).toMatch(
      /not valid JSON: NaN is not a JSON value \(JSON has no NaN or Infinity\) at line 2, column 6$/,
    );
    expect(message(() => loadJsonFile(write('inf.json', '{"a": -Infinity}'), anyObject, '--input'))).toMatch(/-Infinity is not a JSON value .* column 7$/);
    const binary = join(dir, 'binary.json');
    writeFileSync(binary, Buffer.from([0x7b, 0x0a, 0x00, 0xff, 0x10]));
    expect(message(() => loadJsonFile(binary, anyObject, '--input'))).toMatch(/: is not a text file: a zero byte at line 2, column 1$/);
    const latin1 = join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    expect(message(() => loadJsonFile(latin1, anyObject, '--input'))).toMatch(/: is not a text file: bytes that are not UTF-8 at line 1, column 3$/);
    const utf16 = join(dir, 'utf16.json');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": 1}', 'utf16le')]));
    expect(message(() => loadJsonFile(utf16, anyObject, '--input'))).toMatch(/: is UTF-16 text .*; save it as UTF-8$/);
    const bom = join(dir, 'bom.json');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a": 1}')]));
    expect(loadJsonFile(bom, anyObject, '--input')).toEqual({ a: 1 });
  });
  it('never echoes a control character from the file: an unknown key is quoted with escapes', () => {
    const path = write('esc.json', '{"\\u001b[2J\\u001b]0;pwned\\u0007": 1}');
    const text = message(() => loadJsonFile(path, anyObject, '--input'));
    expect(text).toContain('unknown key "\\u001b[2J');
    expect(text).not.toMatch(/[\u0000-\u001f]/);
  });
  it('says where in the document the shape is wrong', () => {
    expect(message(() => loadJsonFile(write('s1.json', { a: 'x' }), anyObject, '--x'))).toMatch(/: a must be a number, got the string "x"$/);
    expect(message(() => loadJsonFile(write('s2.json', [1]), anyObject, '--x'))).toMatch(/: the top level must be an object, got an array of 1$/);
    expect(message(() => loadJsonFile(write('s3.json', { c: 1 }), anyObject, '--x'))).toMatch(/: the top level has an unknown key "c" \(expected a, b\)$/);
  });
});

describe('shapes', () => {
  it('report the path of nested problems', () => {
    const shape = object({ rows: arrayOf(object({ v: vector(2) })) });
    expect(() => shape({ rows: [{ v: [1, 2] }, { v: [1] }] }, '')).toThrow('rows[1].v must be an array of 2 numbers, got an array of 1');
    expect(() => matrix(2, 2)([[1, 2], [3, null]], 'w')).toThrow('w[1][1] must be a number, got null');
    expect(() => integer({ min: 1 })(0, 'n')).toThrow('n must be an integer ≥ 1, got 0');
    expect(() => oneOf(['a', 'b'] as const)('c', 'k')).toThrow('k must be one of "a", "b", got the string "c"');
    expect(() => object({ a: finiteNumber })({}, 'o')).toThrow('o is missing "a"');
  });
});

describe('model and input files', () => {
  it('accepts the example files of every cell', () => {
    for (const name of ['rnn-sigmoid', 'rnn-tanh', 'lstm', 'gru']) {
      const { model, input } = loadModelAndInput(join(examples, `${name}.model.json`), join(examples, `${name}.input.json`));
      expect(model.hidden_size).toBe(8);
      expect(input.inputs[0]).toHaveLength(model.input_size);
    }
  });

  it('hands nn a model it reads back unchanged: cellFromModelFile then toModelFile gives the checked model', () => {
    for (const name of ['rnn-sigmoid', 'rnn-tanh', 'lstm', 'gru']) {
      const model = loadJsonFile(join(examples, `${name}.model.json`), modelFileShape, '--model');
      expect(toModelFile(cellFromModelFile(model)), name).toEqual(model);
    }
  });

  it('accepts every model file of the nn fixtures, "forget_bias" included', () => {
    const fixtures = JSON.parse(readFileSync(join(import.meta.dirname, '../../../packages/nn/fixtures/cells.json'), 'utf8')) as {
      cases: { name: string; model: ModelFile }[];
    };
    const withForgetBias = fixtures.cases.filter((c) => c.model.forget_bias !== undefined);
    expect(withForgetBias.length).toBeGreaterThan(0);
    for (const { name, model } of fixtures.cases) {
      const checked = modelFileShape(model, '');
      expect(checked.forget_bias, name).toBe(model.forget_bias);
      expect(checked.state_dict, name).toEqual(model.state_dict);
    }
  });

  const lstm = (changes: object) => ({
    cell: 'lstm',
    input_size: 2,
    hidden_size: 1,
    state_dict: { weight_ih: [[1, 2], [1, 2], [1, 2], [1, 2]], weight_hh: [[1], [1], [1], [1]], bias_ih: [0, 0, 0, 0], bias_hh: [0, 0, 0, 0] },
    ...changes,
  });
  it('accepts a well-formed LSTM and fills defaults', () => {
    const model = loadJsonFile(write('lstm.json', lstm({})), modelFileShape, '--model');
    expect(model).toMatchObject({ cell: 'lstm', bias: true, input_size: 2, hidden_size: 1 });
    expect(model).not.toHaveProperty('activation'); // an LSTM's nonlinearities are fixed
  });
  it("fills in an rnn's activation as PyTorch does: tanh", () => {
    const rnn = { cell: 'rnn', input_size: 1, hidden_size: 1, state_dict: { weight_ih: [[1]], weight_hh: [[1]], bias_ih: [0], bias_hh: [0] } };
    expect(loadJsonFile(write('rnn.json', rnn), modelFileShape, '--model')).toMatchObject({ cell: 'rnn', activation: 'tanh', bias: true });
  });
  it('checks sizes against the cell: 4 gate blocks for an LSTM', () => {
    const bad = lstm({ state_dict: { ...lstm({}).state_dict, weight_hh: [[1]] } });
    expect(message(() => loadJsonFile(write('m1.json', bad), modelFileShape, '--model'))).toMatch(
      /: state_dict.weight_hh must be 4×1 \(4·hidden_size × hidden_size\), got 1×1$/,
    );
    // A ragged matrix: the message names the row, not a size that looks right.
    const rows = lstm({}).state_dict.weight_hh.map((r: number[], i: number) => (i === 2 ? r.slice(1) : r));
    expect(message(() => loadJsonFile(write('m1b.json', lstm({ state_dict: { ...lstm({}).state_dict, weight_hh: rows } })), modelFileShape, '--model'))).toMatch(
      /: state_dict.weight_hh must be 4×1 \(4·hidden_size × hidden_size\), but its rows differ: row 2 has 0 numbers, row 0 1 number$/,
    );
  });
  it('checks biases against "bias" and activation against the cell', () => {
    const noBias = lstm({ bias: false });
    expect(message(() => loadJsonFile(write('m2.json', noBias), modelFileShape, '--model'))).toMatch(/has "bias_ih" but "bias" is false$/);
    const { bias_hh: _dropped, ...withoutBiasHh } = lstm({}).state_dict;
    expect(message(() => loadJsonFile(write('m2b.json', lstm({ state_dict: withoutBiasHh })), modelFileShape, '--model'))).toMatch(
      /: state_dict is missing "bias_hh" \(set "bias": false for a cell without biases\)$/,
    );
    const shortBias = lstm({ state_dict: { ...lstm({}).state_dict, bias_ih: [0, 0] } });
    expect(message(() => loadJsonFile(write('m2c.json', shortBias), modelFileShape, '--model'))).toMatch(
      /: state_dict.bias_ih must hold 4 numbers \(4·hidden_size for lstm\), got 2$/,
    );
    const act = lstm({ activation: 'relu' });
    expect(message(() => loadJsonFile(write('m3.json', act), modelFileShape, '--model'))).toMatch(/"activation" applies to rnn cells only/);
    expect(message(() => loadJsonFile(write('m4.json', lstm({ cell: 'cnn' })), modelFileShape, '--model'))).toMatch(
      /: cell must be one of "rnn", "lstm", "gru", got the string "cnn"$/,
    );
  });
  it('keeps the "forget_bias" of an lstm (informational) and refuses it on other cells', () => {
    expect(loadJsonFile(write('fb1.json', lstm({ forget_bias: 1 })), modelFileShape, '--model').forget_bias).toBe(1);
    const gru = lstm({ cell: 'gru', forget_bias: 1, state_dict: { weight_ih: [[1, 2], [1, 2], [1, 2]], weight_hh: [[1], [1], [1]], bias_ih: [0, 0, 0], bias_hh: [0, 0, 0] } });
    expect(message(() => loadJsonFile(write('fb2.json', gru), modelFileShape, '--model'))).toMatch(/: "forget_bias" applies to lstm cells only; gru cells have no forget gate$/);
    expect(message(() => loadJsonFile(write('fb3.json', lstm({ forget_bias: 'big' })), modelFileShape, '--model'))).toMatch(/: forget_bias must be a number, got the string "big"$/);
  });
  it('checks an input against its model', () => {
    const model = write('m5.json', lstm({}));
    const input = write('i5.json', { inputs: [[1, 2, 3]], target: [0] });
    expect(message(() => loadModelAndInput(model, input))).toBe(`--input ${input}: each step has 3 numbers but the model's input_size is 2`);
    const longTarget = write('i5b.json', { inputs: [[1, 2]], target: [0, 0] });
    expect(message(() => loadModelAndInput(model, longTarget))).toBe(`--input ${longTarget}: target has 2 numbers but the model's hidden_size is 1`);
    const ragged = write('i6.json', { inputs: [[1, 2], [3]], target: [0] });
    expect(message(() => loadJsonFile(ragged, inputFileShape, '--input'))).toMatch(/inputs\[1\] has 1 number but inputs\[0\] has 2 numbers/);
  });
});

describe('locateJsonProblem agrees with JSON.parse', () => {
  it('finds no problem in valid JSON, and one (at a place inside the text) exactly when JSON.parse refuses', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.nat(), fc.constantFrom(',', '}', ']', '"', 'N', '\u0000', ' ', '1', '-', '.', 'e', ':', '{', '['), (value, at, insert) => {
        const text = JSON.stringify(value, null, at % 2 === 0 ? 0 : 2);
        expect(locateJsonProblem(text)).toBeNull();
        const position = at % (text.length + 1);
        const broken = text.slice(0, position) + insert + text.slice(position);
        let parses = true;
        try {
          JSON.parse(broken);
        } catch {
          parses = false;
        }
        const problem = locateJsonProblem(broken);
        expect(problem === null).toBe(parses);
        if (problem !== null) expect(problem.offset).toBeLessThanOrEqual(broken.length);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
