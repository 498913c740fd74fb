import { describe, expect, it } from 'vitest';
import { concat, stack, tensor, zeros } from '../src/index.js';

const m23 = () =>
  tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);

describe('forward values', () => {
  it('broadcasting elementwise ops follow NumPy', () => {
    expect(m23().add(tensor([10, 20, 30])).toArray()).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(m23().mul(tensor([[2], [3]])).toArray()).toEqual([
      [2, 4, 6],
      [12, 15, 18],
    ]);
    expect(tensor([[1], [2]]).sub(tensor([10, 20])).toArray()).toEqual([
      [-9, -19],
      [-8, -18],
    ]);
    expect(m23().div(2).toArray()).toEqual([
      [0.5, 1, 1.5],
      [2, 2.5, 3],
    ]);
    expect(m23().pow(2).sum().item()).toBe(91);
  });

  it('unary ops against Math, including ±1000', () => {
    const x = tensor([-1000, -1, 0, 0.5, 1000]);
    expect(x.tanh().toArray()).toEqual([-1, Math.tanh(-1), 0, Math.tanh(0.5), 1]);
    expect(x.sigmoid().toArray()).toEqual([0, 1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-0.5)), 1]);
    expect(x.relu().toArray()).toEqual([0, 0, 0, 0.5, 1000]);
    expect(x.neg().toArray()).toEqual([1000, 1, -0, -0.5, -1000]);
    expect(tensor([0, 1]).exp().toArray()).toEqual([1, Math.E]);
    const logs = tensor([0, -1, Math.E]).log().toArray() as number[];
    expect(logs[0]).toBe(-Infinity);
    expect(Number.isNaN(logs[1])).toBe(true);
    expect(logs[2]).toBe(1);
  });

  it('matmul, 2-D and batched', () => {
    const a = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const b = tensor([
      [1, 0, -1],
      [2, 1, 0],
    ]);
    expect(a.matmul(b).toArray()).toEqual([
      [5, 2, -1],
      [11, 4, -3],
      [17, 6, -5],
    ]);
    const batched = tensor([[[1, 2]], [[3, 4]]]); // [2, 1, 2]
    expect(batched.matmul(b).toArray()).toEqual([[[5, 2, -1]], [[11, 4, -3]]]);
  });

  it('matmul with more than four rows uses the blocked loop and the remainder loop', () => {
    const rows = 7;
    const a = tensor(Array.from({ length: rows }, (_, i) => [i, 1, -i]));
    const b = tensor([[1], [2], [3]]);
    expect(a.matmul(b).toArray()).toEqual(Array.from({ length: rows }, (_, i) => [i + 2 - 3 * i]));
  });

  it('sum, mean, max over axes, with and without keepDims', () => {
    expect(m23().sum().item()).toBe(21);
    expect(m23().sum(0).toArray()).toEqual([5, 7, 9]);
    expect(m23().sum(1, true).toArray()).toEqual([[6], [15]]);
    expect(m23().sum([0, 1]).shape).toEqual([]);
    expect(m23().mean(-1).toArray()).toEqual([2, 5]);
    expect(m23().mean().item()).toBe(3.5);
    expect(tensor([[1, 9, 9], [7, 2, 3]]).max(1).toArray()).toEqual([9, 7]);
    expect(tensor([[1, 9], [7, 2]]).max(0, true).toArray()).toEqual([[7, 9]]);
    expect(m23().max().item()).toBe(6);
    expect(m23().max(undefined, true).shape).toEqual([1, 1]);
  });

  it('logSumExp, logSoftmax and softmax are stable for huge inputs', () => {
    const x = tensor([[1000, 1000], [-1000, 0]]);
    expect(x.logSumExp(1).toArray()).toEqual([1000 + Math.log(2), Math.log1p(Math.exp(-1000))]);
    expect(x.softmax(1).toArray()).toEqual([
      [0.5, 0.5],
      [0, 1],
    ]);
    const ls = x.logSoftmax(1).toArray() as number[][];
    expect(ls[0][0]).toBeCloseTo(-Math.log(2), 15);
    expect(ls[1][0]).toBe(-1000);
    expect(tensor([1, 2, 3]).logSumExp().item()).toBeCloseTo(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), 14);
  });

  it('transpose, reshape, broadcastTo', () => {
    expect(m23().transpose().toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    const t = tensor([[[1, 2, 3], [4, 5, 6]]]); // [1, 2, 3]
    expect(t.transpose([2, 0, 1]).shape).toEqual([3, 1, 2]);
    expect(t.transpose([2, 0, 1]).toArray()).toEqual([[[1, 4]], [[2, 5]], [[3, 6]]]);
    expect(m23().reshape([3, -1]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(tensor([1, 2]).broadcastTo([2, 2]).toArray()).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it('slice, split, concat, stack', () => {
    expect(m23().slice(1, 1, 3).toArray()).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(m23().slice(0, 1).toArray()).toEqual([[4, 5, 6]]);
    const [a, b] = m23().split([1, 2], 1);
    expect(a.toArray()).toEqual([[1], [4]]);
    expect(b.toArray()).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(tensor([1, 2, 3, 4, 5]).split(2).map((p) => p.toArray())).toEqual([[1, 2], [3, 4], [5]]);
    expect(concat([a, b], 1).toArray()).toEqual(m23().toArray());
    expect(concat([m23(), tensor([[7, 8, 9]])], 0).shape).toEqual([3, 3]);
    expect(stack([tensor([1, 2]), tensor([3, 4])]).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(stack([tensor([1, 2]), tensor([3, 4])], 1).toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });
});

describe('every documented shape error, with its message', () => {
  const cases: [string, () => unknown, string][] = [
    ['matmul inner', () => zeros([3, 4]).matmul(zeros([5, 2])), 'matmul: inner dimensions differ, [3,4] @ [5,2]'],
    ['matmul rank', () => zeros([3]).matmul(zeros([3, 2])), 'matmul: expected [m,k] @ [k,n] or [batch,m,k] @ [k,n], got [3] @ [3,2]'],
    ['matmulBT inner', () => zeros([3, 4]).matmulBT(zeros([2, 5])), 'matmulBT: inner dimensions differ, [3,4] @ [2,5]ᵀ'],
    ['matmul batched inner', () => zeros([2, 3, 4]).matmul(zeros([3, 4])), 'matmul: inner dimensions differ, [2,3,4] @ [3,4]'],
    ['add broadcast', () => zeros([2, 3]).add(zeros([4])), 'add: shapes [2,3] and [4] cannot be broadcast together'],
    ['mul broadcast', () => zeros([2, 3]).mul(zeros([3, 3])), 'mul: shapes [2,3] and [3,3] cannot be broadcast together'],
    ['sub operand', () => zeros([2]).sub('x' as never), 'sub: expected a Tensor or a number, got string'],
    ['sum axis', () => zeros([2, 3]).sum(2), 'sum: axis 2 is out of range for shape [2,3]'],
    ['sum repeated axis', () => zeros([2, 3]).sum([1, -1]), 'sum: repeated axis in [1,-1]'],
    ['mean axis', () => zeros([2]).mean(-2), 'mean: axis -2 is out of range for shape [2]'],
    ['mean empty', () => zeros([0]).mean(), 'mean: cannot average over an empty axis of shape [0]'],
    ['max axis', () => zeros([2]).max(1), 'max: axis 1 is out of range for shape [2]'],
    ['max empty', () => zeros([0]).max(), 'max: empty tensor of shape [0] has no maximum'],
    ['reshape size', () => zeros([2, 3]).reshape([4, 2]), 'reshape: cannot reshape [2,3] (6 elements) to [4,2]'],
    ['reshape two -1', () => zeros([2, 3]).reshape([-1, -1]), 'reshape: cannot reshape [2,3] (6 elements) to [-1,-1]'],
    ['reshape -1 not integer', () => zeros([2, 3]).reshape([4, -1]), 'reshape: cannot reshape [2,3] (6 elements) to [4,-1]'],
    ['transpose perm', () => zeros([2, 3]).transpose([0, 0]), 'transpose: [0,0] is not a permutation of the axes of [2,3]'],
    ['broadcastTo', () => zeros([3]).broadcastTo([2, 2]), 'broadcastTo: shapes [3] and [2,2] cannot be broadcast together'],
    ['broadcastTo shrink', () => zeros([2, 2]).broadcastTo([2]), 'broadcastTo: shape [2,2] cannot be broadcast to [2]'],
    ['slice range', () => zeros([2, 3]).slice(1, 2, 4), 'slice: range 2..4 is out of bounds for axis 1 of shape [2,3]'],
    ['slice axis', () => zeros([2, 3]).slice(2, 0, 1), 'slice: axis 2 is out of range for shape [2,3]'],
    ['split sizes', () => zeros([2, 3]).split([1, 1], 1), 'split: sizes [1,1] do not add up to 3, axis 1 of shape [2,3]'],
    ['split size', () => zeros([2, 3]).split(0, 1), 'split: piece size must be a positive integer, got 0'],
    ['concat shapes', () => concat([zeros([2, 3]), zeros([3, 2])], 1), 'concat: shapes [2,3], [3,2] differ outside axis 1'],
    ['concat empty', () => concat([]), 'concat: needs at least one tensor'],
    ['stack shapes', () => stack([zeros([2]), zeros([3])]), 'stack: shapes [2], [3] differ'],
    ['pow exponent', () => zeros([2]).pow('2' as never), 'pow: the exponent must be a number, got string'],
    ['backward non-scalar', () => zeros([2, 3], { requiresGrad: true }).mul(2).backward(), 'backward: output has shape [2,3]; call backward() on a one-element tensor (e.g. a loss) or pass a seed gradient of that shape'],
    ['backward seed shape', () => zeros([2], { requiresGrad: true }).mul(2).backward(zeros([3])), 'backward: seed gradient has shape [3], the output has [2]'],
    ['backward no grad', () => zeros([1]).mul(2).backward(), 'backward: this tensor does not require grad (no input was created with requiresGrad: true)'],
  ];
  it.each(cases)('%s', (_name, run, message) => {
    expect(run).toThrow(message);
  });
});
