import { describe, expect, it } from 'vitest';
import { Value } from '../src/index.js';

/** Builds y = op(x) on a fresh leaf, backpropagates, and returns [y, dy/dx]. */
function unary(x: number, op: (v: Value) => Value): [number, number] {
  const leaf = new Value(x);
  const y = op(leaf);
  y.backward();
  return [y.data, leaf.grad];
}

/** Builds y = op(a, b), backpropagates, and returns [y, dy/da, dy/db]. */
function binary(a: number, b: number, op: (x: Value, y: Value) => Value): [number, number, number] {
  const va = new Value(a);
  const vb = new Value(b);
  const y = op(va, vb);
  y.backward();
  return [y.data, va.grad, vb.grad];
}

describe('Value ops against Math and calculus', () => {
  it('a new Value has grad 0 (plus zero: it prints 0, not -0)', () => {
    const v = new Value(1);
    expect(Object.is(v.grad, 0)).toBe(true);
    expect(String(v)).toBe('Value(data=1, grad=0)');
    expect(`${v.grad}`).toBe('0');
  });

  it('add, sub, mul, div: values and both partial derivatives', () => {
    expect(binary(3, -2, (a, b) => a.add(b))).toEqual([1, 1, 1]);
    expect(binary(3, -2, (a, b) => a.sub(b))).toEqual([5, 1, -1]);
    expect(binary(3, -2, (a, b) => a.mul(b))).toEqual([-6, -2, 3]);
    // d(a/b)/da = 1/b = -0.5; d(a/b)/db = -a/b² = -3/4
    expect(binary(3, -2, (a, b) => a.div(b))).toEqual([-1.5, -0.5, -0.75]);
  });

  it('accepts plain numbers as the other operand', () => {
    expect(unary(4, (x) => x.add(1))).toEqual([5, 1]);
    expect(unary(4, (x) => x.sub(1))).toEqual([3, 1]);
    expect(unary(4, (x) => x.mul(2.5))).toEqual([10, 2.5]);
    expect(unary(4, (x) => x.div(8))).toEqual([0.5, 0.125]);
  });

  it('pow(k): k·x^(k-1), including fractional and negative exponents', () => {
    expect(unary(3, (x) => x.pow(2))).toEqual([9, 6]);
    expect(unary(4, (x) => x.pow(0.5))).toEqual([2, 0.25]);
    expect(unary(2, (x) => x.pow(-1))).toEqual([0.5, -0.25]);
    expect(unary(5, (x) => x.pow(0))).toEqual([1, 0]);
  });

  it('neg, exp, log', () => {
    expect(unary(1.5, (x) => x.neg())).toEqual([-1.5, -1]);
    const [e, de] = unary(1, (x) => x.exp());
    expect(e).toBe(Math.E);
    expect(de).toBe(Math.E);
    const [l, dl] = unary(Math.E, (x) => x.log());
    expect(l).toBe(1);
    expect(dl).toBeCloseTo(1 / Math.E, 15);
  });

  it('tanh, sigmoid, relu at known points', () => {
    expect(unary(0, (x) => x.tanh())).toEqual([0, 1]);
    expect(unary(0, (x) => x.sigmoid())).toEqual([0.5, 0.25]);
    const [t, dt] = unary(0.5, (x) => x.tanh());
    expect(t).toBe(Math.tanh(0.5));
    expect(dt).toBeCloseTo(1 / Math.cosh(0.5) ** 2, 15);
    const [s, ds] = unary(2, (x) => x.sigmoid());
    expect(s).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    expect(ds).toBeCloseTo(Math.exp(-2) / (1 + Math.exp(-2)) ** 2, 15);
    expect(unary(-3, (x) => x.sigmoid())[0]).toBeCloseTo(1 / (1 + Math.exp(3)), 15);
    expect(unary(2, (x) => x.relu())).toEqual([2, 1]);
    expect(unary(-2, (x) => x.relu())).toEqual([0, 0]);
    expect(unary(0, (x) => x.relu())).toEqual([0, 0]); // PyTorch's choice at the kink
  });

  it('tanh and sigmoid are stable at ±1000: exact limits, zero gradient, no NaN', () => {
    expect(unary(1000, (x) => x.tanh())).toEqual([1, 0]);
    expect(unary(-1000, (x) => x.tanh())).toEqual([-1, 0]);
    expect(unary(1000, (x) => x.sigmoid())).toEqual([1, 0]);
    expect(unary(-1000, (x) => x.sigmoid())).toEqual([0, 0]);
    // Far out but not saturated to exactly 0: sigmoid(-700) ≈ e^-700 ≈ 9.86e-305.
    expect(unary(-700, (x) => x.sigmoid())[0] / Math.exp(-700)).toBeCloseTo(1, 12);
  });

  it('log follows IEEE 754 (and PyTorch) outside its domain', () => {
    const [l0, dl0] = unary(0, (x) => x.log());
    expect(l0).toBe(-Infinity);
    expect(dl0).toBe(Infinity);
    expect(Number.isNaN(unary(-1, (x) => x.log())[0])).toBe(true);
  });

  it('records op labels and parents for display', () => {
    const a = new Value(2, [], '', 'a');
    const b = new Value(3);
    const c = a.mul(b);
    expect(c.op).toBe('*');
    expect(c.parents).toEqual([a, b]);
    expect(a.op).toBe('');
    expect(a.label).toBe('a');
    expect(a.pow(3).op).toBe('^3');
    expect(String(c)).toBe('Value(data=6, grad=0)');
  });
});

describe('gradient accumulation', () => {
  it('x * x gets both shares: d(x²)/dx = 2x', () => {
    expect(unary(3, (x) => x.mul(x))).toEqual([9, 6]);
  });

  it('x - x has zero gradient, x + x has gradient 2', () => {
    expect(unary(3, (x) => x.sub(x))).toEqual([0, 0]);
    expect(unary(3, (x) => x.add(x))).toEqual([6, 2]);
  });

  it('a node reused in many places sums its shares', () => {
    // y = (a·b) + (a·b)·a + tanh(a·b): with u = a·b, dy/du = 1 + a + (1 − tanh²u)
    const a = new Value(0.7);
    const b = new Value(-1.3);
    const u = a.mul(b);
    const y = u.add(u.mul(a)).add(u.tanh());
    y.backward();
    const uData = 0.7 * -1.3;
    const dyDu = 1 + 0.7 + (1 - Math.tanh(uData) ** 2);
    expect(u.grad).toBeCloseTo(dyDu, 14);
    // a appears directly (in u·a) and through u: dy/da = u + dy/du · b
    expect(a.grad).toBeCloseTo(uData + dyDu * -1.3, 14);
    expect(b.grad).toBeCloseTo(dyDu * 0.7, 14);
  });

  it('backward() twice doubles every gradient, intermediates included; zeroGrad() resets', () => {
    const x = new Value(0.4);
    const h = x.mul(2).tanh();
    const y = h.mul(h).add(x);
    y.backward();
    const once = [x.grad, h.grad, y.grad];
    y.backward();
    expect([x.grad, h.grad, y.grad]).toEqual(once.map((g) => 2 * g));
    y.zeroGrad();
    expect([x.grad, h.grad, y.grad]).toEqual([0, 0, 0]);
    y.backward();
    expect([x.grad, h.grad, y.grad]).toEqual(once);
  });
});
