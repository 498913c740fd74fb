// toArray(rank): nested arrays that strict TypeScript can index, checked against the rank.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { tensor, zeros } from '../src/index.js';

describe('toArray(rank)', () => {
  it('gives the numbers row-major, typed by the rank asked for', () => {
    const W = tensor([[0.5, -1], [2, 0.25]], { requiresGrad: true });
    W.matmul(tensor([[1], [2]])).sum().backward();
    const g = W.grad?.toArray(2);
    expectTypeOf(g).toEqualTypeOf<number[][] | undefined>();
    // d(sum(W x))/dW[i][j] = x[j]: every row of the gradient is xᵀ = [1, 2]
    expect(g?.[0][1]).toBe(2);
    expect(g).toEqual([[1, 2], [1, 2]]);
    expectTypeOf(tensor(3).toArray(0)).toEqualTypeOf<number>();
    expect(tensor(3).toArray(0)).toBe(3);
    expectTypeOf(tensor([1, 2]).toArray(1)).toEqualTypeOf<number[]>();
    expect(tensor([1, 2]).toArray(1)[1]).toBe(2);
    expect(zeros([1, 2, 1]).toArray(3)).toEqual([[[0], [0]]]);
    expect(zeros([1, 1, 1, 2]).toArray(4)[0][0][0]).toEqual([0, 0]);
  });

  it('refuses a rank the tensor does not have, naming its shape', () => {
    expect(() => tensor([1, 2]).toArray(2)).toThrow('toArray: asked for rank 2, the tensor has shape [2]');
    expect(() => tensor(1).toArray(1)).toThrow('toArray: asked for rank 1, the tensor has shape []');
  });

  it('without a rank, still returns the nested arrays of any shape', () => {
    expect(zeros([2, 1, 1, 1, 1]).toArray()).toEqual([[[[[0]]]], [[[[0]]]]]);
  });
});
