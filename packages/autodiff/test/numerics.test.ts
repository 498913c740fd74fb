/**
 * Finite answers stay finite: where the maths is defined, no intermediate may turn it into NaN.
 * And takeAlong / putAlong, the pair that picks one element per row (cross-entropy's target).
 */
import { describe, expect, it } from 'vitest';
import { grad, gradcheck, gradgradcheck, jvp, randn, tensor } from '../src/index.js';

describe('no NaN from finite inputs', () => {
  it('pow: 0.5 · (a²)′ for a = −1e308 is −1e308, not −∞ (the 2a would overflow)', () => {
    const a = tensor([-1e308], { requiresGrad: true });
    a.pow(2).mul(0.5).sum().backward();
    expect(a.grad!.item()).toBe(-1e308);
  });

  it('d(x⁰)/dx: x⁰ is the constant 1, so nothing flows back, even at x = 0 (where x⁻¹ is ∞)', () => {
    const x = tensor([0, 2], { requiresGrad: true });
    expect(grad(x.pow(0).sum(), x)[0].toArray()).toEqual([0, 0]);
    expect(jvp((v) => v.pow(0), [tensor([0, 2])], [tensor([1, 1])]).tangent.toArray()).toEqual([0, 0]);
  });

  it('logSumExp of [−∞, −∞] is −∞ and of [∞, 0] is ∞; softmax of a row with −∞ gives that entry 0', () => {
    expect(tensor([-Infinity, -Infinity]).logSumExp().item()).toBe(-Infinity);
    expect(tensor([Infinity, 0]).logSumExp().item()).toBe(Infinity);
    expect(tensor([[0, -Infinity]]).softmax(1).toArray()).toEqual([[1, 0]]);
    expect(tensor([[0, -Infinity]]).logSoftmax(1).toArray()).toEqual([[0, -Infinity]]);
  });

  it('a −∞ logit beside the picked one: the picked log-probability and its gradient stay finite', () => {
    const logits = tensor([[0, -Infinity]], { requiresGrad: true });
    const picked = logits.logSoftmax(1).takeAlong(1, [0]).sum();
    expect(picked.item()).toBe(0);
    picked.backward();
    expect(logits.grad!.toArray()).toEqual([[0, 0]]);
  });
});

describe('takeAlong and putAlong', () => {
  it('takeAlong picks one element per row along the axis, keeping it as size 1', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(x.takeAlong(1, [2, 0]).toArray()).toEqual([[3], [4]]);
    expect(x.takeAlong(0, [1, 0, 1]).toArray()).toEqual([[4, 2, 6]]);
  });

  it('putAlong is its gradient: the picked elements back in place, zeros elsewhere', () => {
    expect(tensor([[7], [8]]).putAlong(1, [2, 0], 3).toArray()).toEqual([[0, 0, 7], [8, 0, 0]]);
    const x = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    x.takeAlong(1, [1, 1]).mul(tensor([[10], [20]])).sum().backward();
    expect(x.grad!.toArray()).toEqual([[0, 10, 0], [0, 20, 0]]);
  });

  it('first and second derivatives through both, against central differences; jvp too', () => {
    const x = randn([3, 4], { seed: 1 });
    const f = (t: typeof x) => t.takeAlong(1, [3, 0, 2]).tanh().putAlong(1, [1, 1, 0], 2).pow(3).sum();
    expect(gradcheck(f, [x]).ok).toBe(true);
    expect(gradgradcheck(f, [x]).ok).toBe(true);
    const v = randn([3, 4], { seed: 2 });
    const leaf = x.clone();
    leaf.requiresGrad = true;
    const [dx] = grad(f(leaf), leaf);
    const dot = Array.from(dx.data).reduce((s, gi, i) => s + gi * v.data[i], 0);
    expect(jvp(f, [x], [v]).tangent.item()).toBeCloseTo(dot, 12);
  });

  it('indices out of range, not integers, or too few are errors naming the op', () => {
    const x = tensor([[1, 2], [3, 4]]);
    expect(() => x.takeAlong(1, [0, 2])).toThrow('takeAlong: index 1 is 2, not an integer in [0, 2)');
    expect(() => x.takeAlong(1, [0.5, 1])).toThrow('takeAlong: index 0 is 0.5, not an integer in [0, 2)');
    expect(() => x.takeAlong(1, [0])).toThrow('takeAlong: expected 2 indices, got 1');
    expect(() => x.putAlong(1, [0, 1], 3)).toThrow('putAlong: axis 1 of shape [2,2] must have length 1');
  });
});
