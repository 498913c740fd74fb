/** Module basics: names, state dicts and their errors, seeds, zeroGrad, nesting. */
import { fromArray, Random, tensor, type Tensor } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import { GRUCell, Linear, LSTMCell, Module, RNNCell, unroll, type StateDict } from '../src/index.js';

const shapes = (m: Module) => Object.fromEntries(m.namedParameters().map(([name, p]) => [name, p.shape]));

describe('parameter names and shapes follow PyTorch', () => {
  it('RNNCell, LSTMCell, GRUCell: weight_ih [g·H, I], weight_hh [g·H, H], bias_ih, bias_hh [g·H]', () => {
    const I = 3;
    const H = 5;
    for (const [cell, gates] of [
      [new RNNCell({ inputSize: I, hiddenSize: H, seed: 1 }), 1],
      [new LSTMCell({ inputSize: I, hiddenSize: H, seed: 1 }), 4],
      [new GRUCell({ inputSize: I, hiddenSize: H, seed: 1 }), 3],
    ] as const) {
      expect(shapes(cell)).toEqual({
        weight_ih: [gates * H, I],
        weight_hh: [gates * H, H],
        bias_ih: [gates * H],
        bias_hh: [gates * H],
      });
      expect(cell.parameters()).toEqual([cell.weightIh, cell.weightHh, cell.biasIh, cell.biasHh]);
      expect(cell.parameters().every((p) => p.requiresGrad)).toBe(true);
    }
  });

  it('bias: false leaves out bias_ih and bias_hh; Linear has weight [out, in] and bias [out]', () => {
    const cell = new RNNCell({ inputSize: 2, hiddenSize: 4, bias: false, seed: 1 });
    expect(shapes(cell)).toEqual({ weight_ih: [4, 2], weight_hh: [4, 4] });
    expect(cell.biasIh).toBeNull();
    expect(shapes(new Linear({ inFeatures: 4, outFeatures: 3, seed: 1 }))).toEqual({ weight: [3, 4], bias: [3] });
    expect(shapes(new Linear({ inFeatures: 4, outFeatures: 3, bias: false, seed: 1 }))).toEqual({ weight: [3, 4] });
  });

  it('a model made of modules names parameters with dotted prefixes, like PyTorch', () => {
    class Tagger extends Module {
      readonly cell = this.registerModule('cell', new LSTMCell({ inputSize: 2, hiddenSize: 3, seed: 1 }));
      readonly head = this.registerModule('head', new Linear({ inFeatures: 3, outFeatures: 2, seed: 2 }));
    }
    const model = new Tagger();
    expect(model.namedParameters().map(([name]) => name)).toEqual([
      'cell.weight_ih',
      'cell.weight_hh',
      'cell.bias_ih',
      'cell.bias_hh',
      'head.weight',
      'head.bias',
    ]);
    const copy = new Tagger();
    copy.loadStateDict(JSON.parse(JSON.stringify(model.stateDict())) as StateDict);
    expect(copy.stateDict()).toEqual(model.stateDict());
  });
});

describe('stateDict / loadStateDict', () => {
  it('stateDict holds plain nested arrays with the parameters’ numbers', () => {
    const cell = new RNNCell({ inputSize: 2, hiddenSize: 3, seed: 4 });
    const sd = cell.stateDict();
    expect(sd.weight_ih).toEqual(cell.weightIh.toArray());
    expect(sd.bias_hh).toEqual(Array.from(cell.biasHh!.data));
    // a copy: changing the dict does not change the cell
    (sd.weight_ih as number[][])[0][0] = 123;
    expect(cell.weightIh.data[0]).not.toBe(123);
  });

  it('round-trips through JSON for every cell kind, and the loaded cell computes the same', () => {
    const x = tensor([[0.5, -1]]);
    for (const make of [
      (seed: number) => new RNNCell({ inputSize: 2, hiddenSize: 3, activation: 'relu', seed }),
      (seed: number) => new GRUCell({ inputSize: 2, hiddenSize: 3, seed }),
    ]) {
      const source = make(1);
      const target = make(2);
      target.loadStateDict(JSON.parse(JSON.stringify(source.stateDict())) as StateDict);
      expect(target.stateDict()).toEqual(source.stateDict());
      const h0 = source.zeroState(1);
      expect(Array.from(target.forward(x, h0).data)).toEqual(Array.from(source.forward(x, h0).data));
    }
    const lstm = new LSTMCell({ inputSize: 2, hiddenSize: 3, seed: 1, forgetBias: 1 });
    const other = new LSTMCell({ inputSize: 2, hiddenSize: 3, seed: 9 });
    other.loadStateDict(lstm.stateDict());
    expect(Array.from(other.forward(x, other.zeroState(1)).c.data)).toEqual(Array.from(lstm.forward(x, lstm.zeroState(1)).c.data));
  });

  it('loads in place, so tensors held elsewhere (an optimizer) see the new numbers', () => {
    const cell = new RNNCell({ inputSize: 1, hiddenSize: 1, bias: false, seed: 1 });
    const held = cell.parameters();
    cell.loadStateDict({ weight_ih: [[2]], weight_hh: [[3]] });
    expect(held.map((p) => p.item())).toEqual([2, 3]);
  });

  it('rejects a wrong shape, naming the key and both shapes', () => {
    const cell = new RNNCell({ inputSize: 3, hiddenSize: 5, seed: 1 });
    const other = new RNNCell({ inputSize: 3, hiddenSize: 4, seed: 1 });
    const sd = { ...cell.stateDict(), weight_hh: other.stateDict().weight_hh.map((row) => (row as number[]).concat([0])) };
    expect(() => cell.loadStateDict(sd)).toThrow('loadStateDict: weight_hh has shape [4,5], expected [5,5]');
    expect(() => cell.loadStateDict({ ...cell.stateDict(), bias_ih: [1, 2] })).toThrow(
      'loadStateDict: bias_ih has shape [2], expected [5]',
    );
    expect(() => cell.loadStateDict({ ...cell.stateDict(), bias_ih: [[1, 2, 3, 4, 5]] })).toThrow(
      'loadStateDict: bias_ih has shape [1,5], expected [5]',
    );
  });

  it('rejects an unexpected key and a missing key, naming it and the expected keys', () => {
    const cell = new RNNCell({ inputSize: 3, hiddenSize: 5, seed: 1 });
    expect(() => cell.loadStateDict({ ...cell.stateDict(), weight: [[1]] })).toThrow(
      'loadStateDict: unexpected key "weight" for RNNCell (expected weight_ih, weight_hh, bias_ih, bias_hh)',
    );
    const { bias_hh: _, ...withoutBias } = cell.stateDict();
    expect(() => cell.loadStateDict(withoutBias)).toThrow('loadStateDict: missing key "bias_hh" for RNNCell');
    const noBias = new RNNCell({ inputSize: 3, hiddenSize: 5, bias: false, seed: 1 });
    expect(() => noBias.loadStateDict(cell.stateDict())).toThrow('loadStateDict: unexpected key "bias_ih"');
  });

  it('rejects ragged rows, and writes nothing when anything is wrong', () => {
    const cell = new RNNCell({ inputSize: 2, hiddenSize: 2, seed: 1 });
    const before = cell.stateDict();
    const bad = { ...before, weight_ih: [[9, 9], [9]], weight_hh: [[7, 7], [7, 7]] };
    expect(() => cell.loadStateDict(bad)).toThrow(/loadStateDict: weight_ih: tensor: ragged/);
    expect(() => cell.loadStateDict({ ...before, weight_ih: [[9, 9], [9, 9]], bias_hh: [1] })).toThrow(/bias_hh/);
    expect(cell.stateDict()).toEqual(before);
  });
});

describe('seeded initialization', () => {
  it('the same seed gives the same weights; another seed gives others', () => {
    const make = (seed: number) => new LSTMCell({ inputSize: 3, hiddenSize: 4, seed }).stateDict();
    expect(make(7)).toEqual(make(7));
    expect(make(7)).not.toEqual(make(8));
    expect(new Linear({ inFeatures: 3, outFeatures: 2, seed: 5 }).stateDict()).toEqual(
      new Linear({ inFeatures: 3, outFeatures: 2, seed: 5 }).stateDict(),
    );
  });

  it('a Random passed as seed is drawn from and advanced, so two cells from it differ', () => {
    const rng = new Random(3);
    const a = new GRUCell({ inputSize: 2, hiddenSize: 2, seed: rng });
    const b = new GRUCell({ inputSize: 2, hiddenSize: 2, seed: rng });
    expect(a.stateDict()).not.toEqual(b.stateDict());
    expect(new GRUCell({ inputSize: 2, hiddenSize: 2, seed: 3 }).stateDict()).toEqual(a.stateDict());
  });

  it('PyTorch default: every cell parameter in U(−1/√H, 1/√H), Linear in U(−1/√in, 1/√in), spread over the range', () => {
    const H = 16;
    const within = (values: Float64Array, bound: number) => {
      const largest = Math.max(...Array.from(values, Math.abs));
      expect(largest).toBeLessThanOrEqual(bound);
      expect(largest).toBeGreaterThan(0.9 * bound);
    };
    for (const p of new LSTMCell({ inputSize: 3, hiddenSize: H, seed: 2 }).parameters()) within(p.data, 1 / Math.sqrt(H));
    const linear = new Linear({ inFeatures: 25, outFeatures: 40, seed: 2 });
    within(linear.weight.data, 1 / 5);
    within(linear.bias!.data, 1 / 5);
  });

  it('forgetBias is added to bias_ih[H:2H] after the default init, and only there', () => {
    const H = 3;
    const plain = new LSTMCell({ inputSize: 2, hiddenSize: H, seed: 11 });
    const biased = new LSTMCell({ inputSize: 2, hiddenSize: H, forgetBias: 1, seed: 11 });
    const expected = Array.from(plain.biasIh!.data, (v, j) => (j >= H && j < 2 * H ? v + 1 : v));
    expect(Array.from(biased.biasIh!.data)).toEqual(expected);
    expect(biased.biasHh!.data).toEqual(plain.biasHh!.data);
    expect(biased.weightIh.data).toEqual(plain.weightIh.data);
    expect(() => new LSTMCell({ inputSize: 2, hiddenSize: H, bias: false, forgetBias: 1 })).toThrow(
      'LSTMCell: forgetBias needs bias: true',
    );
  });
});

describe('zeroGrad', () => {
  it('clears every parameter’s gradient', () => {
    const cell = new GRUCell({ inputSize: 2, hiddenSize: 3, seed: 1 });
    unroll(cell, [tensor([[1, 2]]), tensor([[0, -1]])]).last.sum().backward();
    expect(cell.parameters().every((p) => p.grad !== null)).toBe(true);
    cell.zeroGrad();
    expect(cell.parameters().map((p) => p.grad)).toEqual([null, null, null, null]);
  });
});

describe('errors name the op and the shapes', () => {
  const rnn = new RNNCell({ inputSize: 3, hiddenSize: 5, seed: 1 });
  const x = (rows: number, cols: number): Tensor => fromArray(new Float64Array(rows * cols), [rows, cols]);

  it('cell.forward checks x and the state', () => {
    expect(() => rnn.forward(x(2, 4), x(2, 5))).toThrow('RNNCell.forward: x has shape [2,4], expected [batch, 3]');
    expect(() => rnn.forward(x(2, 3), x(3, 5))).toThrow('RNNCell.forward: h has shape [3,5], expected [2, 5]');
    expect(() => rnn.forward(x(2, 3).reshape([6]), x(2, 5))).toThrow('RNNCell.forward: x has shape [6], expected [batch, 3]');
    expect(() => rnn.forward([[1, 2, 3]] as unknown as Tensor, x(1, 5))).toThrow('RNNCell.forward: x must be a Tensor, got an array');
    const gru = new GRUCell({ inputSize: 3, hiddenSize: 5, seed: 1 });
    expect(() => gru.forward(x(1, 3), x(1, 4))).toThrow('GRUCell.forward: h has shape [1,4], expected [1, 5]');
    const lstm = new LSTMCell({ inputSize: 3, hiddenSize: 5, seed: 1 });
    expect(() => lstm.forward(x(1, 3), { h: x(1, 5), c: x(1, 4) })).toThrow('LSTMCell.forward: c has shape [1,4], expected [1, 5]');
    expect(() => lstm.forward(x(1, 3), x(1, 5) as unknown as { h: Tensor; c: Tensor })).toThrow('LSTMCell.forward: h must be a Tensor, got undefined');
  });

  it('constructors check sizes and the activation', () => {
    expect(() => new RNNCell({ inputSize: 3, hiddenSize: 5, activation: 'softplus' as 'tanh' })).toThrow(
      'RNNCell: unknown activation "softplus" (expected one of tanh, sigmoid, relu, identity)',
    );
    expect(() => new RNNCell({ inputSize: 3, hiddenSize: 0 })).toThrow('RNNCell: hiddenSize must be a positive integer, got 0');
    expect(() => new LSTMCell({ inputSize: 1.5, hiddenSize: 2 })).toThrow('LSTMCell: inputSize must be a positive integer, got 1.5');
    expect(() => new Linear({ inFeatures: 2, outFeatures: -1 })).toThrow('Linear: outFeatures must be a positive integer, got -1');
  });

  it('Linear.forward and unroll check their inputs', () => {
    const layer = new Linear({ inFeatures: 3, outFeatures: 2, seed: 1 });
    expect(() => layer.forward(x(4, 2))).toThrow('Linear.forward: x has shape [4,2], expected [batch, 3]');
    expect(() => unroll(rnn, [x(2, 3), x(1, 3)])).toThrow('unroll: xs[1] has shape [1,3], expected [2, 3]');
    expect(() => unroll(rnn, [])).toThrow('unroll: xs has no time steps');
    expect(() => unroll(rnn, x(4, 3))).toThrow('unroll: xs has shape [4,3], expected [T, batch, 3]');
    expect(() => unroll(rnn, [x(1, 3)], x(2, 5))).toThrow('RNNCell.forward: h has shape [2,5], expected [1, 5]');
  });
});
