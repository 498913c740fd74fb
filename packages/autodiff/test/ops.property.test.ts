/**
 * Property tests of the tensor engine: for shapes and values drawn by fast-check, every op's
 * backprop gradient (its whole Jacobian, for every input) equals central differences.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { concat, gradcheck, stack, type Tensor } from '../src/index.js';
import {
  awayFromZeroOf,
  broadcastPairArb,
  distinctTensorOf,
  permutationArb,
  shapeArb,
  tensorOf,
} from './helpers/tensors.js';

/** Asserts gradcheck passes, showing its errors when it does not. */
function expectGradcheck(f: (...xs: Tensor[]) => Tensor, inputs: Tensor[]): void {
  const result = gradcheck(f, inputs, { rtol: 1e-6, atol: 1e-8 });
  expect(result, `maxAbs ${result.maxAbsError}, maxRel ${result.maxRelError}`).toMatchObject({ ok: true });
}

const runs = { numRuns: 60 };

describe('elementwise unary ops: gradient equals central differences', () => {
  const cases: [string, (x: Tensor) => Tensor, (shape: number[]) => fc.Arbitrary<Tensor>][] = [
    ['neg', (x) => x.neg(), (s) => tensorOf(s)],
    ['exp', (x) => x.exp(), (s) => tensorOf(s)],
    ['log', (x) => x.log(), (s) => tensorOf(s, 0.2, 3)],
    ['tanh', (x) => x.tanh(), (s) => tensorOf(s)],
    ['sigmoid', (x) => x.sigmoid(), (s) => tensorOf(s, -4, 4)],
    ['relu', (x) => x.relu(), awayFromZeroOf],
    ['pow 2', (x) => x.pow(2), (s) => tensorOf(s)],
    ['pow 3', (x) => x.pow(3), (s) => tensorOf(s)],
    ['pow 0.5', (x) => x.pow(0.5), (s) => tensorOf(s, 0.2, 3)],
    ['pow -1.5', (x) => x.pow(-1.5), (s) => tensorOf(s, 0.3, 3)],
  ];
  for (const [name, f, values] of cases) {
    test.prop([shapeArb.chain(values)], runs)(name, (x) => expectGradcheck(f, [x]));
  }
});

describe('broadcasting binary ops', () => {
  const ops: [string, (a: Tensor, b: Tensor) => Tensor][] = [
    ['add', (a, b) => a.add(b)],
    ['sub', (a, b) => a.sub(b)],
    ['mul', (a, b) => a.mul(b)],
    ['div', (a, b) => a.div(b)],
  ];
  for (const [name, f] of ops) {
    test.prop(
      [broadcastPairArb.chain(([sa, sb]) => fc.tuple(tensorOf(sa), name === 'div' ? awayFromZeroOf(sb) : tensorOf(sb)))],
      runs,
    )(`${name}: gradient equals central differences, for both operands`, ([a, b]) => expectGradcheck(f, [a, b]));
  }

  test.prop([broadcastPairArb.chain(([sa, sb]) => fc.tuple(tensorOf(sa), tensorOf(sb)))], runs)(
    'a broadcast input gets a gradient of its own shape, the sum over the axes it was repeated along',
    ([a, b]) => {
      const x = a.detach();
      const y = b.detach();
      x.requiresGrad = true;
      y.requiresGrad = true;
      const out = x.add(y);
      // Weights r = 1, 2, 3, ... over the output make every position's contribution distinct.
      const r = out.detach().mul(0).add(1);
      r.data.forEach((_, i) => (r.data[i] = i + 1));
      out.mul(r).sum().backward();
      for (const [input, inputShape] of [
        [x, a.shape],
        [y, b.shape],
      ] as const) {
        expect(input.grad!.shape).toEqual(inputShape);
        // Oracle: walk every output position, find which input element it read, add its weight.
        const expected = new Float64Array(input.size);
        const outShape = out.shape;
        const lead = outShape.length - inputShape.length;
        for (let flat = 0; flat < out.size; flat++) {
          let rest = flat;
          const index = outShape.map(() => 0);
          for (let ax = outShape.length - 1; ax >= 0; ax--) {
            index[ax] = rest % outShape[ax];
            rest = Math.floor(rest / outShape[ax]);
          }
          let at = 0;
          for (let ax = 0; ax < inputShape.length; ax++) {
            at = at * inputShape[ax] + (inputShape[ax] === 1 ? 0 : index[ax + lead]);
          }
          expected[at] += r.data[flat];
        }
        expect(Array.from(input.grad!.data)).toEqual(Array.from(expected));
      }
    },
  );
});

describe('matmul', () => {
  const dims = fc.integer({ min: 1, max: 6 });
  test.prop([fc.tuple(dims, dims, dims).chain(([m, k, n]) => fc.tuple(tensorOf([m, k]), tensorOf([k, n])))], runs)(
    '2-D: both gradients equal central differences',
    ([a, b]) => expectGradcheck((x, y) => x.matmul(y), [a, b]),
  );
  test.prop(
    [fc.tuple(fc.integer({ min: 1, max: 3 }), dims, dims, dims).chain(([bt, m, k, n]) => fc.tuple(tensorOf([bt, m, k]), tensorOf([k, n])))],
    runs,
  )('batched [b,m,k] @ [k,n]: both gradients equal central differences', ([a, b]) =>
    expectGradcheck((x, y) => x.matmul(y), [a, b]),
  );
  test.prop(
    [fc.tuple(fc.integer({ min: 1, max: 3 }), dims, dims, dims).chain(([bt, m, k, n]) => fc.tuple(tensorOf([m, k]), tensorOf([n, k]), tensorOf([bt, m, k])))],
    runs,
  )('matmulBT a @ bᵀ (2-D and batched): equals matmul with the transpose, gradients equal central differences', ([a, b, batched]) => {
    a.matmulBT(b).data.forEach((v, i) => expect(v).toBeCloseTo(a.matmul(b.transpose()).data[i], 12));
    expectGradcheck((x, y) => x.matmulBT(y), [a, b]);
    expectGradcheck((x, y) => x.matmulBT(y), [batched, b]);
  });
});

/** A shape with at least one axis, an axis of it, and keepDims. */
const withAxis = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
  .chain((shape) => fc.tuple(fc.constant(shape), fc.integer({ min: -shape.length, max: shape.length - 1 }), fc.boolean()));

describe('reductions', () => {
  test.prop([withAxis.chain(([s, axis, keep]) => fc.tuple(tensorOf(s), fc.constant(axis), fc.constant(keep)))], runs)(
    'sum and mean over one axis',
    ([x, axis, keep]) => {
      expectGradcheck((t) => t.sum(axis, keep), [x]);
      expectGradcheck((t) => t.mean(axis, keep), [x]);
    },
  );
  test.prop([shapeArb.chain((s) => tensorOf(s))], runs)('sum and mean over everything', (x) => {
    expectGradcheck((t) => t.sum(), [x]);
    expectGradcheck((t) => t.mean(undefined, true), [x]);
  });
  test.prop([withAxis.chain(([s, axis, keep]) => fc.tuple(distinctTensorOf(s), fc.constant(axis), fc.constant(keep)))], runs)(
    'max along an axis (distinct values): gradient goes to the arg-max',
    ([x, axis, keep]) => {
      expectGradcheck((t) => t.max(axis, keep), [x]);
      expectGradcheck((t) => t.max(), [x]);
    },
  );
  test.prop([withAxis.chain(([s, axis, keep]) => fc.tuple(tensorOf(s, -5, 5), fc.constant(axis), fc.constant(keep)))], runs)(
    'logSumExp, logSoftmax, softmax',
    ([x, axis, keep]) => {
      expectGradcheck((t) => t.logSumExp(axis, keep), [x]);
      expectGradcheck((t) => t.logSoftmax(axis), [x]);
      expectGradcheck((t) => t.softmax(axis), [x]);
    },
  );
});

describe('moving numbers around', () => {
  test.prop([shapeArb.chain((s) => fc.tuple(tensorOf(s), permutationArb(s.length)))], runs)(
    'transpose by any permutation',
    ([x, perm]) => expectGradcheck((t) => t.transpose(perm), [x]),
  );
  test.prop([shapeArb.chain((s) => tensorOf(s))], runs)('reshape: flatten and reversed shape', (x) => {
    expectGradcheck((t) => t.reshape([-1]), [x]);
    expectGradcheck((t) => t.reshape([...x.shape].reverse()), [x]);
  });
  test.prop([broadcastPairArb.chain(([full, small]) => fc.tuple(tensorOf(small), fc.constant(full)))], runs)(
    'broadcastTo a larger shape',
    ([x, target]) => {
      fc.pre(target.length >= x.ndim && x.shape.every((d, i) => d === 1 || d === target[target.length - x.ndim + i]));
      expectGradcheck((t) => t.broadcastTo(target), [x]);
    },
  );
  test.prop(
    [
      withAxis.chain(([s, axis]) => {
        const length = s[(axis + s.length) % s.length];
        return fc.tuple(tensorOf(s), fc.constant(axis), fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length }));
      }),
    ],
    runs,
  )('slice any range of any axis', ([x, axis, p, q]) => {
    expectGradcheck((t) => t.slice(axis, Math.min(p, q), Math.max(p, q)), [x]);
  });
  test.prop([withAxis.chain(([s, axis]) => fc.tuple(tensorOf(s), fc.constant(axis), fc.integer({ min: 1, max: 4 })))], runs)(
    'split: every piece gets its own stretch of the gradient',
    ([x, axis, size]) => {
      // Weight the pieces differently so a mixed-up gradient would show.
      expectGradcheck((t) => concat(t.split(size, axis).map((piece, i) => piece.mul(i + 1)), axis), [x]);
    },
  );
  test.prop(
    [withAxis.chain(([s, axis]) => fc.tuple(tensorOf(s), tensorOf(s.map((d, i) => (i === (axis + s.length) % s.length ? d + 1 : d))), fc.constant(axis)))],
    runs,
  )('concat and stack of several inputs', ([a, b, axis]) => {
    expectGradcheck((x, y) => concat([x, y, x], axis), [a, b]);
    expectGradcheck((x) => stack([x, x.mul(2)], axis), [a]);
  });
});
