/**
 * Property tests: for random expression trees over every op, backprop through `Value` equals
 * central differences of the same tree evaluated with plain `Math`.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { centralDifference, Value } from '../src/index.js';

type Expr =
  | { kind: 'var'; index: number }
  | { kind: 'const'; value: number }
  | { kind: 'unary'; op: UnaryOp; arg: Expr }
  | { kind: 'pow'; k: number; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr };

const unaryOps = ['neg', 'exp', 'log', 'tanh', 'sigmoid', 'relu'] as const;
const binaryOps = ['add', 'sub', 'mul', 'div'] as const;
type UnaryOp = (typeof unaryOps)[number];
type BinaryOp = (typeof binaryOps)[number];

const VARS = 3;

const exprArb = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('var' as const), index: fc.integer({ min: 0, max: VARS - 1 }) }),
    fc.record({ kind: fc.constant('const' as const), value: fc.double({ min: -2, max: 2, noNaN: true }) }),
    fc.record({ kind: fc.constant('unary' as const), op: fc.constantFrom(...unaryOps), arg: tie('expr') }),
    fc.record({ kind: fc.constant('pow' as const), k: fc.constantFrom(2, 3, 0.5, -1, 1.5), arg: tie('expr') }),
    fc.record({
      kind: fc.constant('binary' as const),
      op: fc.constantFrom(...binaryOps),
      left: tie('expr'),
      right: tie('expr'),
    }),
  ),
})).expr;

/** The oracle: the same tree on plain numbers with Math; throws OutOfDomain near a bad point. */
class OutOfDomain extends Error {}
function evaluate(e: Expr, xs: readonly number[], reluSides: boolean[] = []): number {
  switch (e.kind) {
    case 'var':
      return xs[e.index];
    case 'const':
      return e.value;
    case 'pow': {
      const a = evaluate(e.arg, xs, reluSides);
      // Fractional and negative powers need a base safely away from 0 (and > 0).
      if (!Number.isInteger(e.k) && a < 0.1) throw new OutOfDomain();
      if (e.k < 0 && Math.abs(a) < 0.1) throw new OutOfDomain();
      return guard(a ** e.k);
    }
    case 'unary': {
      const a = evaluate(e.arg, xs, reluSides);
      switch (e.op) {
        case 'neg':
          return -a;
        case 'exp':
          return guard(Math.exp(a));
        case 'log':
          if (a < 0.1) throw new OutOfDomain();
          return Math.log(a);
        case 'tanh':
          return Math.tanh(a);
        case 'sigmoid':
          return 1 / (1 + Math.exp(-a));
        case 'relu':
          if (Math.abs(a) < 1e-3) throw new OutOfDomain(); // off the kink
          reluSides.push(a > 0);
          return Math.max(a, 0);
      }
    }
    // falls through: every unary case returns
    case 'binary': {
      if (e.kind !== 'binary') throw new Error('unreachable');
      const a = evaluate(e.left, xs, reluSides);
      const b = evaluate(e.right, xs, reluSides);
      switch (e.op) {
        case 'add':
          return a + b;
        case 'sub':
          return a - b;
        case 'mul':
          return guard(a * b);
        case 'div':
          if (Math.abs(b) < 0.1) throw new OutOfDomain();
          return guard(a / b);
      }
    }
  }
}

function guard(x: number): number {
  if (!(Math.abs(x) < 1e4)) throw new OutOfDomain();
  return x;
}

/** The code under test: the same tree built from Values. */
function build(e: Expr, vars: readonly Value[]): Value {
  switch (e.kind) {
    case 'var':
      return vars[e.index];
    case 'const':
      return new Value(e.value);
    case 'pow':
      return build(e.arg, vars).pow(e.k);
    case 'unary':
      return build(e.arg, vars)[e.op]();
    case 'binary':
      return build(e.left, vars)[e.op](build(e.right, vars));
  }
}

const STEPS = [1e-3, 5e-4];

/**
 * True when the tree is defined and smooth at every point the finite differences visit:
 * no bad domain, and every relu input stays on the same side of its kink.
 */
function inDomain(e: Expr, xs: readonly number[]): boolean {
  try {
    const sides: boolean[] = [];
    evaluate(e, xs, sides);
    for (let i = 0; i < xs.length; i++) {
      for (const h of [...STEPS, ...STEPS.map((s) => -s)]) {
        const moved: boolean[] = [];
        evaluate(e, xs.map((x, j) => (j === i ? x + h : x)), moved);
        if (moved.join() !== sides.join()) return false;
      }
    }
    return true;
  } catch (err) {
    if (err instanceof OutOfDomain) return false;
    throw err;
  }
}

const pointArb = fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: VARS, maxLength: VARS });

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
    vars.forEach((v) => expect(v.grad).toBe(0));
    expect(out.grad).toBe(0);
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
