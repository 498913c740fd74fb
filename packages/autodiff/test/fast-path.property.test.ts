/**
 * The fast path gives the textbook path's gradients. fast-check draws small recurrent programs
 * (weights reused at every step through matmul and matmulBT, broadcast biases, inputs cut out of
 * one stacked tensor by slice, pieces split and joined again, a custom function with two outputs,
 * losses on some steps) and their numbers; both passes run on the same graph, and every gradient
 * must agree to 1e-12, with and without leavesOnly.
 */
import { fc, test } from '@fast-check/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backpropagateInPlace, inPlaceRules, useFastPath } from '../src/fast/index.js';
import {
  backpropagate,
  concat,
  customVjp,
  empty,
  fromArray,
  noGrad,
  ones,
  tensor,
  topologicalOrder,
  vjpRules,
  type Tensor,
} from '../src/index.js';

/** (a, b) → (a·b, a − b), elementwise, written by hand: a call with two outputs. */
const productAndDifference = customVjp<null>({
  name: 'productAndDifference',
  outputShapes: ([a]) => [a, a],
  forward: ([a, b], [p, d]) => {
    for (let i = 0; i < p.length; i++) {
      p[i] = a.data[i] * b.data[i];
      d[i] = a.data[i] - b.data[i];
    }
    return null;
  },
  backward: ({ grads: [dp, dd], inputs: [a, b], needsGrad: [needA, needB] }) => {
    const da = needA ? empty(a.shape) : null;
    const db = needB ? empty(b.shape) : null;
    for (let i = 0; i < dp.size; i++) {
      if (da !== null) da.data[i] = dp.data[i] * b.data[i] + dd.data[i]; // d(ab) = b da, d(a − b) = da
      if (db !== null) db.data[i] = dp.data[i] * a.data[i] - dd.data[i];
    }
    return [da, db];
  },
});

const ACTIVATIONS = ['tanh', 'sigmoid', 'relu', 'none'] as const;
const STEP_KINDS = ['plain', 'transposed', 'splitAndSwap', 'custom', 'squared'] as const;

interface Program {
  readonly B: number;
  readonly I: number;
  readonly H: number;
  readonly steps: readonly { kind: (typeof STEP_KINDS)[number]; activation: (typeof ACTIVATIONS)[number]; lossWeight: number }[];
  /** Inputs are cut from one stacked tensor [T, B, I] (slice) or made one per step. */
  readonly stacked: boolean;
  readonly values: readonly number[];
}

const programArb: fc.Arbitrary<Program> = fc
  .record({
    B: fc.integer({ min: 1, max: 3 }),
    I: fc.integer({ min: 1, max: 3 }),
    H: fc.constantFrom(2, 4),
    steps: fc.array(
      fc.record({
        kind: fc.constantFrom(...STEP_KINDS),
        activation: fc.constantFrom(...ACTIVATIONS),
        lossWeight: fc.constantFrom(0, 0, 1, -0.5),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    stacked: fc.boolean(),
  })
  .chain((shape) =>
    fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 400, maxLength: 400 }).map((values) => ({ ...shape, values })),
  );

/** Builds the program's graph; returns the loss and every tensor that requires grad. */
function build({ B, I, H, steps, stacked, values }: Program): { loss: Tensor; leaves: Tensor[] } {
  let next = 0;
  const draw = (shape: number[]) => {
    const size = shape.reduce((n, d) => n * d, 1);
    const data = Array.from({ length: size }, () => values[next++ % values.length]);
    return fromArray(data, shape, { requiresGrad: true });
  };
  const T = steps.length;
  const weightIh = draw([I, H]);
  const weightHh = draw([H, H]); // used as h·W_hh, or as h·W_hhᵀ (matmulBT) on 'transposed' steps
  const bias = draw([H]);
  const h0 = draw([B, H]);
  const xStacked = draw([T, B, I]);
  const xs = stacked ? xStacked.split(1, 0).map((x) => x.reshape([B, I])) : steps.map(() => draw([B, I]));
  let h = h0;
  let loss: Tensor | null = null;
  steps.forEach(({ kind, activation, lossWeight }, t) => {
    const recurrent = kind === 'transposed' ? h.matmulBT(weightHh) : h.matmul(weightHh);
    let a = xs[t].matmul(weightIh).add(recurrent).add(bias);
    if (kind === 'splitAndSwap') {
      const [left, right] = a.split(H / 2, 1);
      a = concat([right, left.mul(0.5)], 1);
    } else if (kind === 'custom') {
      const [p, d] = productAndDifference(a, h);
      a = p.add(d);
    } else if (kind === 'squared') {
      a = a.pow(2).mul(0.3).sub(a);
    }
    h = activation === 'none' ? a : a[activation]();
    if (lossWeight !== 0) {
      const term = h.mul(h).mean().mul(lossWeight);
      loss = loss === null ? term : loss.add(term);
    }
  });
  const last = h.sum().mul(0.1);
  return { loss: loss === null ? last : (loss as Tensor).add(last), leaves: [weightIh, weightHh, bias, h0, xStacked, ...xs] };
}

function expectSameGradients(textbook: Map<Tensor, Tensor>, fast: Map<Tensor, Tensor>): void {
  expect(fast.size).toBe(textbook.size);
  for (const [tensor, g] of textbook) {
    const h = fast.get(tensor);
    if (h === undefined) throw new Error(`the fast pass has no gradient for a ${tensor.op || 'leaf'} tensor`);
    expect(h.shape).toEqual(g.shape);
    g.data.forEach((v, i) => {
      const tolerance = 1e-12 * Math.max(1, Math.abs(v));
      expect(Math.abs(h.data[i] - v), `${tensor.op || 'leaf'} [${i}]: ${h.data[i]} vs ${v}`).toBeLessThanOrEqual(tolerance);
    });
  }
}

const context = { rules: vjpRules, topologicalOrder };

afterEach(() => {
  useFastPath(false);
  vi.restoreAllMocks();
});

describe('the fast path gives the textbook gradients', () => {
  for (const leavesOnly of [false, true]) {
    test.prop([programArb], { numRuns: 150 })(`on random recurrent programs (leavesOnly: ${leavesOnly})`, (program) => {
      const { loss } = build(program);
      const seed = ones([]);
      const textbook = backpropagate(loss, seed, { leavesOnly });
      const fast = noGrad(() => backpropagateInPlace(loss, seed, leavesOnly, context));
      expectSameGradients(textbook, fast);
    });
  }

  test.prop([programArb], { numRuns: 60 })('through backward(): the same .grad with the fast path plugged in or not', (program) => {
    const run = (fast: boolean) => {
      useFastPath(fast);
      const { loss, leaves } = build(program);
      loss.backward();
      loss.backward(); // a second pass adds to the first
      return leaves.map((leaf) => Array.from(leaf.grad?.data ?? []));
    };
    const textbook = run(false);
    const fast = run(true);
    fast.forEach((grads, k) => grads.forEach((v, i) => expect(Math.abs(v - textbook[k][i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(textbook[k][i])))));
  });

  it('the in-place rule runs once the pass owns the sum: a weight used at three steps', () => {
    // Backwards from step 3: its contribution is stored as is, step 2's makes a sum the pass
    // owns, and step 1's product is added into that sum by the in-place rule.
    const addInto = vi.spyOn(inPlaceRules.matmul!, 'addInto');
    const w = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    let h = tensor([[1, -1]]);
    for (let t = 0; t < 3; t++) h = h.matmul(w).mul(0.1).tanh();
    const loss = h.sum();
    const textbook = backpropagate(loss, ones([]));
    const fast = noGrad(() => backpropagateInPlace(loss, ones([]), false, context));
    expect(addInto).toHaveBeenCalledTimes(1);
    expectSameGradients(textbook, fast);
    addInto.mockRestore();
  });
});
