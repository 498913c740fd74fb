/**
 * The whole-sequence LSTM node (fused/lstm-sequence.ts, backpropagation through time by hand)
 * against the same sequence run step by step with the textbook `lstmStep` (ordinary tensor ops,
 * gradients from the engine's rules), and against central differences: values, the gradients of
 * the weights, biases, inputs and initial state, and every state's `.grad`, which for one node
 * holds only what reached the state from outside it (the loss's own term).
 */
import { fc, test } from '@fast-check/vitest';
import { fromArray, gradcheck, noGrad, randn, tensor, zeros, type Tensor } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import { LSTMCell, lstmSequence, lstmStep, unroll, type CellWeights } from '../src/index.js';
import { expectEntriesClose } from './helpers/compare.js';
import { expectSame, lossWeight, problemArb, run, stepByStep, type Problem, type Runner } from './helpers/lstm-runs.js';

/**
 * What one node gives where step by step differs: a state's `.grad` is only the loss's own term
 * on it (its weight in the loss, or none when the loss does not use it), and every input gets a
 * gradient, zeros for the steps after the last one the loss uses (step by step: none).
 */
function asOneNodeSees(
  stepped: Map<string, Float64Array | null>,
  { B, H, T, seed }: Problem,
  upTo?: { step: number; h: boolean; c: boolean },
): Map<string, Float64Array | null> {
  const expected = new Map(stepped);
  for (let t = 0; t < T; t++) {
    for (const state of ['h', 'c'] as const) {
      const used = upTo === undefined || (upTo.step === t && upTo[state]);
      expected.set(`dE/d${state}_${t + 1}`, used ? lossWeight(state, B, H, seed, t).data : null);
    }
    const dx = expected.get(`dE/dx_${t + 1}`);
    if (dx === null) expected.set(`dE/dx_${t + 1}`, new Float64Array(stepped.get(`dE/dx_1`)!.length));
  }
  return expected;
}

/** The sequence node, the inputs given as a list or stacked into one [T, B, I] leaf. */
const asOneNode =
  (stacked: boolean): Runner =>
  (w, xs, state0) => {
    if (!stacked) return { ...lstmSequence(w, xs, state0), dxs: () => xs.map((x) => x.grad?.data ?? null) };
    const [B, I] = xs[0].shape;
    const data = new Float64Array(xs.length * B * I);
    xs.forEach((x, t) => data.set(x.data, t * B * I));
    const all = fromArray(data, [xs.length, B, I], { requiresGrad: true });
    const states = lstmSequence(w, all, state0);
    return { ...states, dxs: () => xs.map((_, t) => all.grad!.data.slice(t * B * I, (t + 1) * B * I)) };
  };

describe('lstmSequence equals lstmStep step by step', () => {
  test.prop([problemArb], { numRuns: 60 })('values and gradients (weights, biases, inputs, h0, c0; every h_t and c_t seen from outside) to 1e-12', (problem) => {
    expectSame(run(asOneNode(problem.stacked), problem), asOneNodeSees(run(stepByStep(lstmStep), problem), problem));
  });

  test.prop([problemArb, fc.nat(), fc.constantFrom([true, false], [false, true], [true, true])], { numRuns: 40 })(
    'a loss on one step s only: the same weights’ gradients; only the states the loss uses get a .grad',
    (problem, s, [h, c]) => {
      const upTo = { step: s % problem.T, h, c };
      expectSame(run(asOneNode(false), problem, upTo), asOneNodeSees(run(stepByStep(lstmStep), problem, upTo), problem, upTo));
    },
  );

  it('at sizes whose products run in WebAssembly (W_hh packed once per pass), the same to 1e-12', () => {
    for (const [problem, wasm] of [
      [{ B: 8, I: 16, H: 32, T: 6, bias: true, seed: 3, stacked: false }, [8 * 32 * 128, 48 * 17 * 128, 128 * 48 * 48]],
      [{ B: 5, I: 7, H: 24, T: 4, bias: false, seed: 4, stacked: true }, [5 * 24 * 96, 20 * 8 * 96, 96 * 20 * 31]],
    ] as const) {
      // m·k·n of the step product, P and dW: at least 4096, autodiff's WASM_MIN_WORK (matmul-auto.ts).
      for (const work of wasm) expect(work).toBeGreaterThanOrEqual(4096);
      expectSame(run(asOneNode(problem.stacked), problem), asOneNodeSees(run(stepByStep(lstmStep), problem), problem));
    }
  });

  it('backward twice adds up, and leavesOnly gives the leaves the same gradients', () => {
    const cell = new LSTMCell({ inputSize: 3, hiddenSize: 4, seed: 1, fused: 'sequence' });
    const xs = Array.from({ length: 3 }, (_, t) => randn([2, 3], { seed: t }));
    const lossOf = () => unroll(cell, xs).h.reduce((sum: Tensor, ht) => sum.add(ht.mul(ht).sum()), tensor(0));
    const loss = lossOf();
    loss.backward();
    const once = cell.weightHh.grad!.data.slice();
    loss.backward();
    expectEntriesClose(cell.weightHh.grad!.data, once.map((g) => 2 * g), 'twice');
    cell.zeroGrad();
    lossOf().backward(undefined, { leavesOnly: true });
    expectEntriesClose(cell.weightHh.grad!.data, once, 'leavesOnly');
  });
});

describe('lstmSequence: gradients equal central differences', () => {
  const B = 2;
  const H = 2;
  const I = 3;
  const T = 3;
  const loss = (s: { h: readonly Tensor[]; c: readonly Tensor[] }) =>
    s.h.reduce((sum: Tensor, ht, t) => sum.add(ht.mul(randn([B, H], { seed: 20 + t })).sum()), tensor(0)).add(s.c[T - 1].mul(s.c[T - 1]).sum());

  it('weights, biases, h0, c0 and the inputs stacked [T, B, I]', () => {
    const inputs = [randn([4 * H, I], { seed: 1 }), randn([4 * H, H], { seed: 2 }), randn([4 * H], { seed: 3 }), randn([4 * H], { seed: 4 }), randn([B, H], { seed: 5 }), randn([B, H], { seed: 6 }), randn([T, B, I], { seed: 7 })];
    const f = (wi: Tensor, wh: Tensor, bi: Tensor, bh: Tensor, h: Tensor, c: Tensor, xs: Tensor) => loss(lstmSequence({ weightIh: wi, weightHh: wh, biasIh: bi, biasHh: bh }, xs, { h, c }));
    const result = gradcheck(f, inputs);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  });

  it('without biases, the inputs as a list', () => {
    const inputs = [randn([4 * H, I], { seed: 8 }), randn([4 * H, H], { seed: 9 }), randn([B, H], { seed: 10 }), randn([B, H], { seed: 11 }), ...Array.from({ length: T }, (_, t) => randn([B, I], { seed: 12 + t }))];
    const f = (wi: Tensor, wh: Tensor, h: Tensor, c: Tensor, ...xs: Tensor[]) => loss(lstmSequence({ weightIh: wi, weightHh: wh, biasIh: null, biasHh: null }, xs, { h, c }));
    const result = gradcheck(f, inputs);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  });
});

describe("unroll runs an LSTMCell with fused: 'sequence' as one node", () => {
  it('one node for all steps; the same states, the same weights’ and inputs’ .grad as the cell stepped by hand', () => {
    const cell = new LSTMCell({ inputSize: 3, hiddenSize: 4, seed: 2, forgetBias: 1, fused: 'sequence' });
    const xs = randn([5, 2, 3], { seed: 3, requiresGrad: true });
    const trajectory = unroll(cell, xs);
    expect(trajectory.h[0].op).toBe('part');
    expect(trajectory.h[0].parents[0]).toBe(trajectory.c[4].parents[0]); // one lstmSequence node
    expect(trajectory.last.h).toBe(trajectory.h[4]);
    const lossOf = (h: readonly Tensor[]) => h[4].mul(h[2]).sum();
    lossOf(trajectory.h).backward();
    const reference = new LSTMCell({ inputSize: 3, hiddenSize: 4, seed: 2, forgetBias: 1, fused: false });
    const xsRef = fromArray(xs.data.slice(), [5, 2, 3], { requiresGrad: true });
    const stepped = unroll(reference, xsRef);
    lossOf(stepped.h).backward();
    for (let t = 0; t < 5; t++) {
      expectEntriesClose(trajectory.h[t].data, stepped.h[t].data, `h_${t + 1}`);
      expectEntriesClose(trajectory.c[t].data, stepped.c[t].data, `c_${t + 1}`);
    }
    // From outside the node, only the loss reaches h_5 (as h_3) and h_3 (as h_5): no c_t at all.
    expectEntriesClose(trajectory.h[4].grad!.data, trajectory.h[2].data, 'dE/dh_5 seen from outside');
    expectEntriesClose(trajectory.h[2].grad!.data, trajectory.h[4].data, 'dE/dh_3 seen from outside');
    expect(trajectory.h[3].grad).toBeNull();
    expect(trajectory.c.map((c) => c.grad)).toEqual([null, null, null, null, null]);
    expectEntriesClose(xs.grad!.data, xsRef.grad!.data, 'dE/dxs');
    expectEntriesClose(cell.weightIh.grad!.data, reference.weightIh.grad!.data, 'dE/dweight_ih');
  });

  it('without grad, plain tensors with the same numbers', () => {
    const cell = new LSTMCell({ inputSize: 2, hiddenSize: 3, seed: 4, fused: 'sequence' });
    const xs = [randn([1, 2], { seed: 1 }), randn([1, 2], { seed: 2 })];
    const fast = noGrad(() => unroll(cell, xs));
    expect(fast.h[1].requiresGrad).toBe(false);
    const stepped = noGrad(() => unroll(new LSTMCell({ inputSize: 2, hiddenSize: 3, seed: 4, fused: false }), xs));
    expectEntriesClose(fast.h[1].data, stepped.h[1].data, 'h_2');
    expectEntriesClose(fast.c[1].data, stepped.c[1].data, 'c_2');
  });
});

describe('lstmSequence: shapes', () => {
  const w = (H: number, I: number): CellWeights => ({ weightIh: zeros([4 * H, I]), weightHh: zeros([4 * H, H]), biasIh: zeros([4 * H]), biasHh: zeros([4 * H]) });
  it('names the op and every shape when they do not fit', () => {
    const state = { h: zeros([2, 3]), c: zeros([2, 3]) };
    expect(() => lstmSequence(w(3, 4), [zeros([2, 5])], state)).toThrow(
      'lstmSequence: expected weight_ih [4H,I], weight_hh [4H,H], optional bias_ih and bias_hh [4H], h0 [B,H], c0 [B,H], then xs [T,B,I] or T × [B,I]; got [12,4], [12,3], [12], [12], [2,3], [2,3], [2,5]',
    );
    expect(() => lstmSequence(w(3, 4), [zeros([2, 4]), zeros([1, 4])], state)).toThrow('got [12,4], [12,3], [12], [12], [2,3], [2,3], [2,4], [1,4]');
    expect(() => lstmSequence(w(3, 4), zeros([2, 1, 4]), state)).toThrow('got [12,4], [12,3], [12], [12], [2,3], [2,3], [2,1,4]');
    expect(() => lstmSequence(w(3, 4), [], state)).toThrow('lstmSequence: expected');
  });
  it('unroll checks a one-node LSTM state as forward does, naming forwardSequence', () => {
    const cell = new LSTMCell({ inputSize: 2, hiddenSize: 3, fused: 'sequence' });
    expect(() => unroll(cell, [zeros([2, 2])], { h: zeros([2, 3]), c: zeros([1, 3]) })).toThrow('LSTMCell.forwardSequence: c');
    expect(() => unroll(new LSTMCell({ inputSize: 2, hiddenSize: 3, fused: false }), [zeros([2, 2])], { h: zeros([2, 3]), c: zeros([1, 3]) })).toThrow('LSTMCell.forward: c');
  });
});
