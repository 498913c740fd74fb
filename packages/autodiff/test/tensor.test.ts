import { describe, expect, it } from 'vitest';
import { fromArray, full, ones, rand, randn, Random, scalar, tensor, Tensor, zeros } from '../src/index.js';

describe('creating tensors', () => {
  it('from numbers and nested arrays, row-major', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor(7).shape).toEqual([]);
    expect(tensor(7).item()).toBe(7);
    expect(tensor([[[1], [2]]]).shape).toEqual([1, 2, 1]);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor(new Float64Array([1, 2])).toArray()).toEqual([1, 2]);
    expect(tensor([1], { requiresGrad: true }).requiresGrad).toBe(true);
  });

  it('rejects ragged and non-numeric input, saying where', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow('tensor: ragged nested array: [1] has length 1, expected length 2');
    expect(() => tensor([[1, 2], 3] as never)).toThrow('tensor: ragged nested array: [1] has number 3, expected length 2');
    expect(() => tensor([1, 'a'] as never)).toThrow('tensor: expected a number at [1], got string "a"');
    expect(() => tensor([[1], [null]] as never)).toThrow('tensor: expected a number at [1][0], got null');
  });

  it('zeros, ones, full, scalar, fromArray', () => {
    expect(zeros([2, 2]).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(ones([3]).toArray()).toEqual([1, 1, 1]);
    expect(full([1, 2], 2.5).toArray()).toEqual([[2.5, 2.5]]);
    expect(scalar(3).shape).toEqual([]);
    expect(fromArray([1, 2, 3, 4], [2, 2]).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(() => fromArray([1, 2, 3], [2, 2])).toThrow('fromArray: 3 numbers do not fill shape [2,2] (4 elements)');
    expect(() => zeros([2, -1])).toThrow('zeros: a shape must be a list of non-negative integers, got [2,-1]');
  });

  it('item() needs exactly one element', () => {
    expect(() => zeros([2]).item()).toThrow('item: tensor of shape [2] has 2 elements, not 1');
    expect(zeros([1, 1]).item()).toBe(0);
  });

  it('the constructor checks that data fills the shape', () => {
    expect(() => new Tensor(new Float64Array(3), [2, 2])).toThrow('Tensor: 3 numbers do not fill shape [2,2]');
  });
});

describe('seeded random tensors', () => {
  it('the same seed gives the same numbers; different seeds differ', () => {
    expect(randn([5], { seed: 42 }).toArray()).toEqual(randn([5], { seed: 42 }).toArray());
    expect(randn([5], { seed: 42 }).toArray()).not.toEqual(randn([5], { seed: 43 }).toArray());
    expect(rand([3], { seed: 1, low: -2, high: 2 }).toArray()).toEqual(rand([3], { seed: 1, low: -2, high: 2 }).toArray());
  });

  it('a shared generator continues its stream', () => {
    const rng = new Random(7);
    const first = randn([3], { seed: rng }).toArray();
    const second = randn([3], { seed: rng }).toArray();
    expect(first).not.toEqual(second);
    const again = new Random(7);
    expect(randn([6], { seed: again }).toArray()).toEqual([...(first as number[]), ...(second as number[])]);
  });

  it('uniform samples lie in [low, high) with the right mean; normal samples have mean 0, variance 1', () => {
    const u = rand([20000], { seed: 3, low: -1, high: 3 });
    expect(Math.min(...u.data)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...u.data)).toBeLessThan(3);
    const uMean = u.data.reduce((s, v) => s + v, 0) / u.size;
    expect(Math.abs(uMean - 1)).toBeLessThan(0.05); // std of the mean: (4/√12)/√20000 ≈ 0.008
    const n = randn([20000], { seed: 4 }).data;
    const mean = n.reduce((s, v) => s + v, 0) / n.length;
    const variance = n.reduce((s, v) => s + (v - mean) ** 2, 0) / n.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('Random rejects non-integer seeds and bad ranges', () => {
    expect(() => new Random(1.5)).toThrow('Random: seed must be an integer, got 1.5');
    expect(() => new Random(1).int(0)).toThrow('Random.int: n must be a positive integer, got 0');
    const r = new Random(9);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[r.int(3)]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(120);
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
