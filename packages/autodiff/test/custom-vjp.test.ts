/**
 * customVjp: functions with a hand-written backward, recorded as one node. Their gradients must
 * equal central differences and the same math written with ordinary ops; outputs behave like
 * any other tensor (intermediate .grad, reuse, noGrad); mistakes in a definition are errors
 * that name the function and the shapes.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  customVjp,
  empty,
  fromArray,
  gradcheck,
  noGrad,
  randn,
  tensor,
  zeros,
  type CustomFunction,
  type Tensor,
} from '../src/index.js';
import { useFastPath } from '../src/fast/index.js';
import { shapeArb, tensorOf } from './helpers/tensors.js';

/** y = x², the example of custom-vjp.ts's comment. */
const square = customVjp({
  name: 'square',
  outputShapes: ([x]) => [x],
  forward: ([x], [y]) => {
    for (let i = 0; i < y.length; i++) y[i] = x.data[i] * x.data[i];
    return x.data;
  },
  backward: ({ grads: [dy], saved: x }) => {
    const dx = empty(dy.shape);
    for (let i = 0; i < dx.size; i++) dx.data[i] = 2 * x[i] * dy.data[i];
    return [dx];
  },
});

/**
 * Two inputs, two outputs: from a and b (same shape), s = a·b and d = a − b², with
 * ds = b·da + a·db and dd = da − 2b·db. Enough to catch outputs' gradients landing on the
 * wrong output or input.
 */
const productAndDifference = customVjp({
  name: 'productAndDifference',
  outputShapes: ([a, b]) => {
    if (a.length !== b.length || a.some((d, i) => d !== b[i])) throw new Error('productAndDifference: a and b differ in shape');
    return [a, a];
  },
  forward: ([a, b], [s, d]) => {
    for (let i = 0; i < s.length; i++) {
      s[i] = a.data[i] * b.data[i];
      d[i] = a.data[i] - b.data[i] * b.data[i];
    }
    return null;
  },
  backward: ({ grads: [ds, dd], inputs: [a, b], needsGrad: [needA, needB] }) => {
    const da = needA ? empty(a.shape) : null;
    const db = needB ? empty(b.shape) : null;
    for (let i = 0; i < ds.size; i++) {
      if (da) da.data[i] = ds.data[i] * b.data[i] + dd.data[i];
      if (db) db.data[i] = ds.data[i] * a.data[i] - 2 * b.data[i] * dd.data[i];
    }
    return [da, db];
  },
});

/** The same two outputs from ordinary ops. */
function productAndDifferenceByOps(a: Tensor, b: Tensor): Tensor[] {
  return [a.mul(b), a.sub(b.mul(b))];
}

function expectGradcheck(f: (...xs: Tensor[]) => Tensor, inputs: Tensor[]): void {
  const result = gradcheck(f, inputs, { rtol: 1e-6, atol: 1e-8 });
  expect(result, `maxAbs ${result.maxAbsError}, maxRel ${result.maxRelError}`).toMatchObject({ ok: true });
}

describe('customVjp: values and gradients', () => {
  it('square: y = x², dy/dx = 2x', () => {
    const x = tensor([1, -2, 3], { requiresGrad: true });
    const [y] = square(x);
    expect(y.toArray()).toEqual([1, 4, 9]);
    y.sum().backward();
    expect(x.grad!.toArray()).toEqual([2, -4, 6]);
  });

  it('two outputs, both used: gradients equal central differences', () => {
    const a = randn([3, 4], { seed: 1 });
    const b = randn([3, 4], { seed: 2 });
    const w = randn([3, 4], { seed: 3 });
    expectGradcheck((p, q) => {
      const [s, d] = productAndDifference(p, q);
      return s.mul(w).add(d.mul(d)).sum();
    }, [a, b]);
  });

  it('only one output reaches the loss: the other counts as zero', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 5], { requiresGrad: true });
    const [, d] = productAndDifference(a, b);
    d.sum().backward(); // d = a − b²: dd/da = 1, dd/db = −2b
    expect(a.grad!.toArray()).toEqual([1, 1]);
    expect(b.grad!.toArray()).toEqual([-6, -10]);
  });

  it('outputs get their own .grad, and an output used twice sums its uses', () => {
    const a = tensor([2], { requiresGrad: true });
    const b = tensor([3], { requiresGrad: true });
    const [s, d] = productAndDifference(a, b);
    const loss = s.mul(s).add(s).add(d.mul(4)); // dL/ds = 2s + 1 = 13, dL/dd = 4
    loss.backward();
    expect(s.grad!.toArray()).toEqual([13]);
    expect(d.grad!.toArray()).toEqual([4]);
    expect(a.grad!.toArray()).toEqual([13 * 3 + 4]); // ds/da = b, dd/da = 1
    expect(b.grad!.toArray()).toEqual([13 * 2 - 4 * 2 * 3]); // ds/db = a, dd/db = −2b
  });

  it('an input without requiresGrad is told so and gets no gradient', () => {
    const seen: boolean[][] = [];
    const scaled = customVjp({
      name: 'scaled',
      outputShapes: ([x]) => [x],
      forward: ([x, k], [y]) => {
        for (let i = 0; i < y.length; i++) y[i] = x.data[i] * k.data[0];
        return null;
      },
      backward: ({ grads: [dy], inputs: [, k], needsGrad }) => {
        seen.push([...needsGrad]);
        return [dy.mul(k.data[0]), null];
      },
    });
    const x = tensor([1, 2], { requiresGrad: true });
    const k = tensor([3]);
    scaled(x, k)[0].sum().backward();
    expect(seen, JSON.stringify(seen)).toEqual([[true, false]]);
    expect(x.grad!.toArray()).toEqual([3, 3]);
    expect(k.grad).toBeNull();
  });

  it('forward runs without recording: tensor ops inside it leave no graph behind', () => {
    let inside: Tensor | null = null;
    const viaOps = customVjp({
      name: 'viaOps',
      outputShapes: ([x]) => [x],
      forward: ([x], [y]) => {
        inside = x.mul(3);
        y.set(inside.data);
      },
      backward: ({ grads: [dy] }) => [dy.mul(3)],
    });
    const x = tensor([1, 2], { requiresGrad: true });
    const [y] = viaOps(x);
    expect(inside!.requiresGrad).toBe(false);
    expect(y.parents).toEqual([x]);
    y.sum().backward();
    expect(x.grad!.toArray()).toEqual([3, 3]);
  });

  it('under noGrad, or with no input requiring grad, the outputs are constants', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const [inside] = noGrad(() => square(x));
    expect(inside.requiresGrad).toBe(false);
    expect(inside.parents).toEqual([]);
    const [constant] = square(tensor([3]));
    expect(constant.requiresGrad).toBe(false);
    expect(constant.toArray()).toEqual([9]);
  });

  it('a call with one output is one node, whose rule is the backward', () => {
    const x = tensor([1], { requiresGrad: true });
    const [y] = square(x);
    expect(y.op).toBe('custom');
    expect(y.parents).toEqual([x]);
  });

  it('a call with several outputs is one node, labelled with the function name, and each output a part of it', () => {
    const a = tensor([1], { requiresGrad: true });
    const [s, d] = productAndDifference(a, tensor([2], { requiresGrad: true }));
    expect(s.op).toBe('part');
    expect(s.parents).toHaveLength(1);
    expect(s.parents[0]).toBe(d.parents[0]);
    expect(s.parents[0].op).toBe('custom');
    expect(s.parents[0].label).toBe('productAndDifference');
  });

  it('a backward that hands a given gradient straight back: later additions do not write into it', () => {
    // backward returns dy₁ itself, a view of the packed gradient; x is also used directly, so its
    // gradient is a sum of that view and another contribution, under both passes.
    const twoCopies = customVjp({
      name: 'twoCopies',
      outputShapes: ([x]) => [x, x],
      forward: ([x], [y1, y2]) => {
        y1.set(x.data);
        y2.set(x.data);
      },
      backward: ({ grads: [dy1] }) => [dy1], // (wrong when y₂ is used; this test uses only y₁)
    });
    try {
      for (const fast of [false, true]) {
        useFastPath(fast);
        const x = tensor([1, 2, 3], { requiresGrad: true });
        const [y1] = twoCopies(x);
        y1.mul(tensor([1, 10, 100])).add(x.mul(2)).add(x.mul(x)).sum().backward();
        expect(x.grad!.toArray(), fast ? 'fast' : 'textbook').toEqual([1 + 2 + 2, 10 + 2 + 4, 100 + 2 + 6]);
        expect(y1.grad!.toArray()).toEqual([1, 10, 100]);
      }
    } finally {
      useFastPath(false); // the test files share one module graph (vitest.config.ts): leave it off
    }
  });
});

describe('customVjp: agrees with the same math from ordinary ops', () => {
  test.prop([shapeArb.chain((shape) => fc.tuple(tensorOf(shape), tensorOf(shape), tensorOf(shape), tensorOf(shape)))], {
    numRuns: 40,
  })('values and gradients, every shape', ([a, b, u, v]) => {
    const run = (f: (p: Tensor, q: Tensor) => Tensor[]) => {
      const p = fromArray(a.data, a.shape, { requiresGrad: true });
      const q = fromArray(b.data, b.shape, { requiresGrad: true });
      const [s, d] = f(p, q);
      s.mul(u).add(d.mul(v)).sum().backward();
      return [s.data, d.data, p.grad!.data, q.grad!.data].map((array) => Array.from(array));
    };
    const custom = run(productAndDifference);
    const byOps = run(productAndDifferenceByOps);
    custom.forEach((values, k) => values.forEach((x, i) => expect(x).toBeCloseTo(byOps[k][i], 12)));
  });

  test.prop([shapeArb.chain((shape) => fc.tuple(tensorOf(shape), tensorOf(shape)))], { numRuns: 30 })(
    'gradcheck through both outputs',
    ([a, b]) => expectGradcheck((p, q) => {
      const [s, d] = productAndDifference(p, q);
      return s.mul(d).sum();
    }, [a, b]),
  );
});

describe('customVjp: mistakes are errors naming the function and the shapes', () => {
  const broken = (backward: () => readonly (Tensor | null)[]): CustomFunction =>
    customVjp({ name: 'broken', outputShapes: ([x]) => [x], forward: ([x], [y]) => void y.set(x.data), backward });
  const x = () => tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });

  it('a gradient of the wrong shape', () => {
    const [y] = broken(() => [zeros([3, 2])])(x());
    expect(() => y.sum().backward()).toThrow('customVjp broken: backward returned a gradient of shape [3,2] for input 0, which has shape [2,3]');
  });

  it('the wrong number of gradients', () => {
    const [y] = broken(() => [null, null])(x());
    expect(() => y.sum().backward()).toThrow('customVjp broken: backward returned 2 gradients for 1 inputs');
  });

  it('something that is not a tensor', () => {
    const [y] = broken(() => [[1, 2] as unknown as Tensor])(x());
    expect(() => y.sum().backward()).toThrow('customVjp broken: backward returned object for input 0, not a Tensor or null');
  });

  it('an input that is not a tensor', () => {
    expect(() => square([1, 2] as unknown as Tensor)).toThrow('customVjp square: input 0 is not a Tensor (got object)');
  });

  it('outputShapes rejects the inputs before any work', () => {
    expect(() => productAndDifference(zeros([2]), zeros([3]))).toThrow('productAndDifference: a and b differ in shape');
  });

  it('an output shape that is not a shape', () => {
    const bad = customVjp({ name: 'bad', outputShapes: () => [[-1]], forward: () => null, backward: () => [null] });
    expect(() => bad(zeros([1]))).toThrow('customVjp bad: a shape must be a list of non-negative integers, got [-1]');
  });
});

/**
 * A running sum whose outputs feed one another inside the call, y_1 = x_1, y_t = y_{t−1} + x_t
 * (x [T, n] in, T outputs [n]): dE/dx_t = dE/dy_t = g_t + dE/dy_{t+1}, with g_t what reached
 * y_t from outside the call.
 */
const runningSum = customVjp<null>({
  name: 'runningSum',
  outputShapes: ([x]) => Array.from({ length: x[0] }, () => [x[1]]),
  forward: ([x], ys) => {
    const n = x.shape[1];
    ys.forEach((y, t) => {
      for (let j = 0; j < n; j++) y[j] = (t === 0 ? 0 : ys[t - 1][j]) + x.data[t * n + j];
    });
    return null;
  },
  backward: ({ grads, inputs: [x] }) => {
    const [T, n] = x.shape;
    const dx = empty(x.shape);
    for (let t = T - 1; t >= 0; t--) {
      for (let j = 0; j < n; j++) dx.data[t * n + j] = grads[t].data[j] + (t === T - 1 ? 0 : dx.data[(t + 1) * n + j]);
    }
    return [dx];
  },
});

/** The same running sum from ordinary ops: each y_t a node of its own. */
function runningSumByOps(x: Tensor): Tensor[] {
  const rows = x.split(1, 0).map((row) => row.reshape([x.shape[1]]));
  const ys: Tensor[] = [];
  rows.forEach((row, t) => ys.push(t === 0 ? row.add(0) : ys[t - 1].add(row)));
  return ys;
}

describe('customVjp: outputs that feed one another inside', () => {
  const weights = [tensor([1, -2]), tensor([0.5, 3]), tensor([-1, 4])];
  const lossOf = (ys: Tensor[], used: readonly number[]) => used.map((t) => ys[t].mul(weights[t]).sum()).reduce((a, b) => a.add(b));

  it('the inputs get the same gradient as with one node per output; an output’s .grad is what reached it from outside', () => {
    for (const used of [[0, 1, 2], [2], [1], [0, 2]]) {
      const x = tensor([[1, 2], [3, 4], [5, 6]], { requiresGrad: true });
      const ys = runningSum(x);
      lossOf(ys, used).backward();
      const xRef = tensor([[1, 2], [3, 4], [5, 6]], { requiresGrad: true });
      lossOf(runningSumByOps(xRef), used).backward();
      expect(x.grad!.toArray(), `used ${used}`).toEqual(xRef.grad!.toArray());
      // Only the loss's own term reaches y_t: its weight, or nothing when y_t is not used.
      ys.forEach((y, t) => expect(y.grad?.toArray() ?? null, `used ${used}, y_${t + 1}`).toEqual(used.includes(t) ? weights[t].toArray() : null));
    }
  });
});
