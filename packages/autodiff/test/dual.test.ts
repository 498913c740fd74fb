/**
 * Dual numbers (forward mode on scalars) against `Value` (reverse mode) on random expressions:
 * seeding variable i with tangent 1 gives ∂f/∂x_i, which one backward pass of Value gives for
 * every i at once. Also each op against its derivative by hand, and bad operands.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Dual, Value } from '../src/index.js';
import { build, buildWith, exprArb, inDomain, pointArb, VARS } from './helpers/expressions.js';

describe('Dual against Value', () => {
  test.prop([exprArb, pointArb], { numRuns: 300 })('∂f/∂x_i from a dual seeded at x_i equals Value backprop, and the values agree', (expr, point) => {
    fc.pre(inDomain(expr, point));
    const leaves = point.map((x) => new Value(x));
    const y = build(expr, leaves);
    y.backward();
    for (let i = 0; i < VARS; i++) {
      const duals = point.map((x, j) => new Dual(x, j === i ? 1 : 0));
      const d = buildWith(expr, duals, (value) => new Dual(value));
      expect(d.value).toBe(y.data); // the same arithmetic, in the same order
      const g = leaves[i].grad;
      expect(Math.abs(d.tangent - g), `∂f/∂x_${i}: dual ${d.tangent}, Value ${g}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(g)));
    }
  });
});

describe('Dual ops by hand', () => {
  const at = (x: number) => Dual.variable(x);
  it('each op: value and derivative', () => {
    const x = 0.7;
    const cases: [string, Dual, number, number][] = [
      ['x + 3', at(x).add(3), x + 3, 1],
      ['x − 3', at(x).sub(3), x - 3, 1],
      ['5x', at(x).mul(5), 5 * x, 5],
      ['x / 4', at(x).div(4), x / 4, 0.25],
      ['x²·x (product rule)', at(x).mul(at(x)).mul(at(x)), x ** 3, 3 * x * x],
      ['1 / x', new Dual(1).div(at(x)), 1 / x, -1 / (x * x)],
      ['x^2.5', at(x).pow(2.5), x ** 2.5, 2.5 * x ** 1.5],
      ['−x', at(x).neg(), -x, -1],
      ['eˣ', at(x).exp(), Math.exp(x), Math.exp(x)],
      ['ln x', at(x).log(), Math.log(x), 1 / x],
      ['tanh x', at(x).tanh(), Math.tanh(x), 1 - Math.tanh(x) ** 2],
      ['σ(x)', at(x).sigmoid(), 1 / (1 + Math.exp(-x)), Math.exp(-x) / (1 + Math.exp(-x)) ** 2],
      ['relu(x)', at(x).relu(), x, 1],
      ['relu(−x)', at(-x).relu(), 0, 0],
    ];
    for (const [name, d, value, slope] of cases) {
      expect(d.value, name).toBeCloseTo(value, 14);
      expect(d.tangent, name).toBeCloseTo(slope, 14);
    }
  });

  it('a constant has tangent 0; a seeded tangent scales the derivative', () => {
    expect(new Dual(2).mul(new Dual(3)).tangent).toBe(0);
    expect(new Dual(2, 10).tanh().tangent).toBeCloseTo(10 * (1 - Math.tanh(2) ** 2), 14);
  });

  it('bad operands are errors that name what was given', () => {
    expect(() => Dual.variable(1).add('3' as unknown as number)).toThrow('Dual: expected a Dual or a number, got string');
    expect(() => new Dual('1' as unknown as number)).toThrow('Dual: value and tangent must be numbers, got string and number');
    expect(() => Dual.variable(1).pow(Dual.variable(2) as unknown as number)).toThrow('Dual.pow: the exponent must be a number, got object');
  });
});
