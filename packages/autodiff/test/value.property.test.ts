/**
 * Property tests: for random expression trees over every op, backprop through `Value` equals
 * central differences of the same tree evaluated with plain `Math`.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { centralDifference, Value } from '../src/index.js';
import { build, evaluate, exprArb, inDomain, pointArb, STEPS, VARS } from './helpers/expressions.js';

describe('Value backprop equals central differences', () => {
  test.prop([exprArb, pointArb], { numRuns: 3000 })('random expression trees, every op', (expr, xs) => {
    fc.pre(inDomain(expr, xs));
    const vars = xs.map((x) => new Value(x));
    const out = build(expr, vars);
    expect(out.data).toBeCloseTo(evaluate(expr, xs), 10);
    out.backward();
    for (let i = 0; i < VARS; i++) {
      // Richardson extrapolation of two central differences: error O(h⁴) instead of O(h²).
      const fi = (xi: number) => evaluate(expr, xs.map((x, j) => (j === i ? xi : x)));
      const d1 = centralDifference(fi, xs[i], STEPS[0]);
      const d2 = centralDifference(fi, xs[i], STEPS[1]);
      const numeric = (4 * d2 - d1) / 3;
      const analytic = vars[i].grad;
      expect(Math.abs(analytic - numeric)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(numeric)));
    }
  });

  test.prop([exprArb, pointArb])('backward twice doubles, zeroGrad resets', (expr, xs) => {
    fc.pre(inDomain(expr, xs));
    const vars = xs.map((x) => new Value(x));
    const out = build(expr, vars);
    out.backward();
    const once = vars.map((v) => v.grad);
    out.backward();
    vars.forEach((v, i) => expect(v.grad).toBeCloseTo(2 * once[i], 9));
    out.zeroGrad();
    // === rather than toBe: a variable the tree never used still holds its initial −0.
    vars.forEach((v) => expect(v.grad === 0).toBe(true));
    expect(out.grad === 0).toBe(true);
  });

  test.prop([fc.double({ min: -3, max: 3, noNaN: true }), fc.integer({ min: 1, max: 30 })])(
    'a node used n times: x·x, x−x and sum of n copies',
    (x, n) => {
      const v = new Value(x);
      const square = v.mul(v);
      square.backward();
      expect(v.grad).toBeCloseTo(2 * x, 12);

      const w = new Value(x);
      w.sub(w).backward();
      expect(w.grad).toBe(0);

      // s = tanh(u) + tanh(u) + ... (n times), u = x³: ds/dx = n · (1 − tanh²u) · 3x²
      const z = new Value(x);
      const u = z.pow(3);
      let s = u.tanh();
      for (let i = 1; i < n; i++) s = s.add(u.tanh());
      s.backward();
      const expected = n * (1 - Math.tanh(x ** 3) ** 2) * 3 * x * x;
      expect(z.grad).toBeCloseTo(expected, 9);
    },
  );
});
