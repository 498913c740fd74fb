/**
 * Random expression trees over every scalar op, shared by the property tests: a fast-check
 * arbitrary, an oracle that evaluates a tree with plain Math, and a domain check that keeps
 * points away from kinks and singularities.
 */
import { fc } from '@fast-check/vitest';
import { Value } from '../../src/index.js';

export type Expr =
  | { kind: 'var'; index: number }
  | { kind: 'const'; value: number }
  | { kind: 'unary'; op: UnaryOp; arg: Expr }
  | { kind: 'pow'; k: number; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr };

export const unaryOps = ['neg', 'exp', 'log', 'tanh', 'sigmoid', 'relu'] as const;
export const binaryOps = ['add', 'sub', 'mul', 'div'] as const;
export type UnaryOp = (typeof unaryOps)[number];
export type BinaryOp = (typeof binaryOps)[number];

export const VARS = 3;

export const exprArb = fc.letrec<{ expr: Expr }>((tie) => ({
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
export function evaluate(e: Expr, xs: readonly number[], reluSides: boolean[] = []): number {
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

/** What both engines offer: Value and Tensor have every op of the trees as a method. */
export interface Arithmetic<T> {
  add(other: T): T;
  sub(other: T): T;
  mul(other: T): T;
  div(other: T): T;
  pow(k: number): T;
  neg(): T;
  exp(): T;
  log(): T;
  tanh(): T;
  sigmoid(): T;
  relu(): T;
}

/** The code under test: the same tree built from either engine's nodes. */
export function buildWith<T extends Arithmetic<T>>(e: Expr, vars: readonly T[], constant: (value: number) => T): T {
  switch (e.kind) {
    case 'var':
      return vars[e.index];
    case 'const':
      return constant(e.value);
    case 'pow':
      return buildWith(e.arg, vars, constant).pow(e.k);
    case 'unary':
      return buildWith(e.arg, vars, constant)[e.op]();
    case 'binary':
      return buildWith(e.left, vars, constant)[e.op](buildWith(e.right, vars, constant));
  }
}

/** The tree built from Values. */
export function build(e: Expr, vars: readonly Value[]): Value {
  return buildWith(e, vars, (value) => new Value(value));
}

export const STEPS = [1e-3, 5e-4];

/**
 * True when the tree is defined and smooth at every point the finite differences visit:
 * no bad domain, and every relu input stays on the same side of its kink.
 */
export function inDomain(e: Expr, xs: readonly number[]): boolean {
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

export const pointArb = fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: VARS, maxLength: VARS });

