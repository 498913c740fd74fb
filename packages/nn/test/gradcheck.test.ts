/**
 * Backprop against central differences (autodiff's gradcheck) for every cell — each RNN
 * activation with and without bias, the LSTM, the GRU — over several steps, with respect to
 * every weight, the inputs and the initial state; and for the losses and Linear.
 */
import { concat, gradcheck, randn, stack, type Tensor } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  crossEntropy,
  GRUCell,
  gruStep,
  Linear,
  linear,
  LSTMCell,
  lstmStep,
  mseLoss,
  RNNCell,
  rnnStep,
  unroll,
  type CellWeights,
} from '../src/index.js';

const T = 3;
const B = 2;
const I = 3;
const H = 4;

/** [W_ih, W_hh, b_ih?, b_hh?] as a CellWeights. */
function weightsOf(ws: readonly Tensor[]): CellWeights {
  return { weightIh: ws[0], weightHh: ws[1], biasIh: ws[2] ?? null, biasHh: ws[3] ?? null };
}

/** The per-step inputs of xs [T, B, I]. */
const stepsOf = (xs: Tensor): Tensor[] => xs.split(1, 0).map((x) => x.reshape([B, I]));

const inputs = (seed: number) => [randn([T, B, I], { seed }), randn([B, H], { seed: seed + 1 })];

describe('gradcheck: every state h_1..h_T with respect to weights, inputs and h_0', () => {
  for (const activation of ACTIVATIONS) {
    for (const bias of [true, false]) {
      it(`RNNCell ${activation}, bias ${bias}`, () => {
        const cell = new RNNCell({ inputSize: I, hiddenSize: H, activation, bias, seed: 3 });
        const f = (xs: Tensor, h0: Tensor, ...ws: Tensor[]): Tensor => {
          let h = h0;
          const hs = stepsOf(xs).map((x) => (h = rnnStep(activation, weightsOf(ws), x, h)));
          return stack(hs);
        };
        const result = gradcheck(f, [...inputs(10), ...cell.parameters()]);
        expect(result.ok, JSON.stringify(result)).toBe(true);
      });
    }
  }

  for (const bias of [true, false]) {
    it(`LSTMCell, bias ${bias} (h and c at every step, with respect to c_0 too)`, () => {
      const cell = new LSTMCell({ inputSize: I, hiddenSize: H, bias, forgetBias: bias ? 1 : 0, seed: 4 });
      const f = (xs: Tensor, h0: Tensor, c0: Tensor, ...ws: Tensor[]): Tensor => {
        let state = { h: h0, c: c0 };
        const states = stepsOf(xs).map((x) => (state = lstmStep(weightsOf(ws), x, state)));
        return concat([stack(states.map((s) => s.h)), stack(states.map((s) => s.c))]);
      };
      const result = gradcheck(f, [...inputs(20), randn([B, H], { seed: 22 }), ...cell.parameters()]);
      expect(result.ok, JSON.stringify(result)).toBe(true);
    });

    it(`GRUCell, bias ${bias}`, () => {
      const cell = new GRUCell({ inputSize: I, hiddenSize: H, bias, seed: 5 });
      const f = (xs: Tensor, h0: Tensor, ...ws: Tensor[]): Tensor => {
        let h = h0;
        return stack(stepsOf(xs).map((x) => (h = gruStep(weightsOf(ws), x, h))));
      };
      const result = gradcheck(f, [...inputs(30), ...cell.parameters()]);
      expect(result.ok, JSON.stringify(result)).toBe(true);
    });
  }

  it('through the classes and unroll: dh_T/dxs and dh_T/dh_0 for each kind of cell', () => {
    const rnn = new RNNCell({ inputSize: I, hiddenSize: H, activation: 'sigmoid', seed: 6 });
    const gru = new GRUCell({ inputSize: I, hiddenSize: H, seed: 6 });
    const lstm = new LSTMCell({ inputSize: I, hiddenSize: H, seed: 6 });
    const checks = [
      gradcheck((xs, h0) => unroll(rnn, xs, h0).last, inputs(40)),
      gradcheck((xs, h0) => unroll(gru, xs, h0).last, inputs(41)),
      gradcheck((xs, h0) => unroll(lstm, stepsOf(xs), { h: h0, c: h0.mul(0.5) }).last.c, inputs(42)),
    ];
    for (const result of checks) expect(result.ok, JSON.stringify(result)).toBe(true);
  });
});

describe('gradcheck: losses and Linear', () => {
  it('mseLoss with respect to the prediction', () => {
    const target = randn([3, 4], { seed: 51 });
    const result = gradcheck((pred) => mseLoss(pred, target), [randn([3, 4], { seed: 50 })]);
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });

  it('crossEntropy with respect to the logits, small and large (±30) ones', () => {
    for (const scale of [1, 30]) {
      const logits = randn([4, 5], { seed: 60 }).mul(scale);
      const result = gradcheck((l) => crossEntropy(l, [0, 4, 2, 2]), [logits]);
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
  });

  it('Linear with respect to input, weight and bias', () => {
    const layer = new Linear({ inFeatures: 3, outFeatures: 2, seed: 7 });
    const result = gradcheck((x, w, b) => linear(x, w, b), [randn([4, 3], { seed: 70 }), ...layer.parameters()]);
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });
});
