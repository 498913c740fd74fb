/** Cell and unroll behaviour beyond the fixtures: the textbook cell by hand, unroll's forms, batching. */
import { fc, test } from '@fast-check/vitest';
import { randn, stack, tensor, type Tensor } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import { GRUCell, LSTMCell, RNNCell, unroll, type AnyCell } from '../src/index.js';
import { expectArrayClose } from './helpers/compare.js';

describe("RNNCell({ activation: 'sigmoid', bias: false }) is the textbook c(t) = σ(W_rec c(t−1) + W_in x(t))", () => {
  it('agrees with the formula written with plain loops', () => {
    const [I, H, T] = [3, 4, 6];
    const cell = new RNNCell({ inputSize: I, hiddenSize: H, activation: 'sigmoid', bias: false, seed: 8 });
    const Win = cell.stateDict().weight_ih as number[][];
    const Wrec = cell.stateDict().weight_hh as number[][];
    const xs = Array.from({ length: T }, (_, t) => Array.from({ length: I }, (_, k) => Math.sin(3 * t + k)));
    let c = new Array<number>(H).fill(0);
    const byHand: number[][] = [];
    for (const x of xs) {
      c = c.map((_, j) => {
        let a = 0;
        for (let k = 0; k < H; k++) a += Wrec[j][k] * c[k];
        for (let k = 0; k < I; k++) a += Win[j][k] * x[k];
        return 1 / (1 + Math.exp(-a));
      });
      byHand.push(c);
    }
    const { h } = unroll(cell, xs.map((x) => tensor([x])));
    expectArrayClose(h.map((ht) => Array.from(ht.data)), byHand, 1e-15, 'textbook cell');
  });
});

describe('unroll', () => {
  const cell = new GRUCell({ inputSize: 2, hiddenSize: 3, seed: 1 });
  const xs = randn([5, 2, 2], { seed: 2, requiresGrad: true });
  const list = (x: Tensor) => x.split(1, 0).map((t) => t.reshape([2, 2]));

  it('returns T states; a [T, B, I] tensor and a list of T [B, I] tensors give the same ones', () => {
    const fromTensor = unroll(cell, xs);
    const fromList = unroll(cell, list(xs.detach()));
    expect(fromTensor.h).toHaveLength(5);
    expect(fromTensor.last).toBe(fromTensor.h[4]);
    fromTensor.h.forEach((ht, t) => expect(Array.from(ht.data)).toEqual(Array.from(fromList.h[t].data)));
  });

  it('every h_t has .grad after backward, and the gradient reaches a [T, B, I] input', () => {
    const { h } = unroll(cell, xs);
    h[4].sum().backward();
    expect(h.every((ht) => ht.grad !== null)).toBe(true);
    expect(xs.grad!.shape).toEqual([5, 2, 2]);
    expect(Array.from(xs.grad!.data).some((g) => g !== 0)).toBe(true);
  });

  it('continuing from `last` equals one long unroll (truncated BPTT chunks)', () => {
    const lstm = new LSTMCell({ inputSize: 2, hiddenSize: 3, seed: 3 });
    const steps = list(xs.detach());
    const whole = unroll(lstm, steps);
    const first = unroll(lstm, steps.slice(0, 2));
    const rest = unroll(lstm, steps.slice(2), first.last);
    expect(rest.c).toHaveLength(3);
    expect(Array.from(rest.last.h.data)).toEqual(Array.from(whole.last.h.data));
    expect(Array.from(rest.c[2].data)).toEqual(Array.from(whole.c[4].data));
  });

  it('an LSTM trajectory has h and c; the default initial state is zeros', () => {
    const lstm = new LSTMCell({ inputSize: 2, hiddenSize: 3, seed: 3 });
    const steps = list(xs.detach());
    const zero = lstm.zeroState(2);
    const a = unroll(lstm, steps);
    const b = unroll(lstm, steps, zero);
    expect(Object.keys(a).sort()).toEqual(['c', 'h', 'last']);
    expect(Array.from(a.c[4].data)).toEqual(Array.from(b.c[4].data));
  });
});

const makers: Record<string, (I: number, H: number, seed: number) => AnyCell> = {
  'RNNCell relu': (I, H, seed) => new RNNCell({ inputSize: I, hiddenSize: H, activation: 'relu', seed }),
  LSTMCell: (I, H, seed) => new LSTMCell({ inputSize: I, hiddenSize: H, forgetBias: 1, seed }),
  GRUCell: (I, H, seed) => new GRUCell({ inputSize: I, hiddenSize: H, seed }),
};

/** h_1..h_T stacked to [T, B, H] (and c for an LSTM), from x [T, B, I]. */
function states(cell: AnyCell, xs: Tensor): Tensor {
  if (cell instanceof LSTMCell) {
    const { h, c } = unroll(cell, xs);
    return stack([...h, ...c]);
  }
  return stack([...unroll(cell, xs).h]);
}

describe('a batch of B sequences is B independent runs', () => {
  for (const [name, make] of Object.entries(makers)) {
    test.prop([fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e6 })], { numRuns: 15 })(
      `${name}: same states, and the batch's parameter gradient is the sum of the runs'`,
      (B, T, seed) => {
        const [I, H] = [2, 3];
        const cell = make(I, H, seed);
        const xs = randn([T, B, I], { seed: seed + 1 });
        const weights = randn([1, B, H], { seed: seed + 2 }); // loss = Σ weights ⊙ states
        const batched = states(cell, xs);
        batched.mul(weights).sum().backward();
        const batchGrads = cell.parameters().map((p) => Array.from(p.grad!.data));
        cell.zeroGrad();
        for (let b = 0; b < B; b++) {
          const alone = states(cell, xs.slice(1, b, b + 1).detach());
          const rows = batched.slice(1, b, b + 1);
          expectArrayClose(alone.data, rows.data, 1e-14, 'batch row vs single run');
          alone.mul(weights.slice(1, b, b + 1)).sum().backward(); // accumulates over b
        }
        cell.parameters().forEach((p, k) => expectArrayClose(p.grad!.data, batchGrads[k], 1e-12, 'batch grad vs sum of runs'));
      },
    );
  }
});

describe('unroll on a cell whose kind is known only at run time', () => {
  it('types as Trajectory | LSTMTrajectory; an LSTM result has c', () => {
    const cells: AnyCell[] = [makers.LSTMCell(2, 3, 1), makers.GRUCell(2, 3, 1)];
    const results = cells.map((cell) => unroll(cell, randn([4, 1, 2], { seed: 9 })));
    expect(results.map((r) => r.h.length)).toEqual([4, 4]);
    expect(results.map((r) => 'c' in r)).toEqual([true, false]);
  });
});
