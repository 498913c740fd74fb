/**
 * Second derivatives and forward mode on random programs (fast-check): expression trees over
 * every op, on tensors of shapes [2, 3], [3] and [1] so every binary op broadcasts, summed to one
 * number. Checked against central differences (gradgradcheck, jvp), and against each other:
 * forward mode against reverse mode (⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩), hvp against the Hessian's rows.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fromArray, grad, gradgradcheck, hessian, hvp, jvp, matmul, tensor, type Tensor } from '../src/index.js';
import { buildWith, exprArb, inDomain, type Expr } from './helpers/expressions.js';

const SHAPES: readonly (readonly number[])[] = [[2, 3], [3], [1]];
/** The three variables' numbers for element (i, j) of the broadcast result [2, 3]. */
const pointAt = (xs: readonly number[][], i: number, j: number) => [xs[0][i * 3 + j], xs[1][j], xs[2][0]];

const valuesArb = fc.tuple(
  ...SHAPES.map((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: n, maxLength: n });
  }),
);

/** Keeps only programs defined and smooth at every element (no log of a negative, no relu kink nearby). */
function everywhereInDomain(expr: Expr, values: readonly number[][]): boolean {
  for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) if (!inDomain(expr, pointAt(values, i, j))) return false;
  return true;
}

const program = (expr: Expr) => (...xs: Tensor[]) => buildWith(expr, xs, (v) => tensor(v)).sum();
const leavesOf = (values: readonly number[][]) => values.map((v, k) => fromArray(v, SHAPES[k]));

describe('second derivatives against central differences of the gradient', () => {
  test.prop([exprArb, valuesArb], { numRuns: 120 })('gradgradcheck on random broadcasting programs', (expr, values) => {
    fc.pre(everywhereInDomain(expr, values));
    const result = gradgradcheck(program(expr), leavesOf(values), { rtol: 1e-5, atol: 1e-7 });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  });

  test.prop([fc.integer({ min: 0, max: 1000 })], { numRuns: 30 })('through matmul, both operands', (seed) => {
    const rand = (n: number, k: number) => Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 1.3 + k));
    const a = fromArray(rand(6, 1), [2, 3]);
    const b = fromArray(rand(12, 2), [3, 4]);
    const result = gradgradcheck((p, q) => matmul(p, q).tanh().matmul(q.transpose()).sigmoid().sum(), [a, b], { rtol: 1e-5, atol: 1e-7 });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  });
});

describe('forward mode', () => {
  test.prop([exprArb, valuesArb, valuesArb], { numRuns: 150 })('⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩: jvp against grad, per input', (expr, values, directions) => {
    fc.pre(everywhereInDomain(expr, values));
    const f = (...xs: Tensor[]) => buildWith(expr, xs, (v) => tensor(v)); // [2, 3]-valued (or smaller)
    const primals = leavesOf(values);
    const tangents = leavesOf(directions);
    const { output, tangent } = jvp(f, primals, tangents);
    const u = fromArray(Array.from({ length: output.size }, (_, i) => Math.cos(i + 1)), output.shape);
    const forward = Array.from(tangent.data).reduce((s, t, i) => s + t * u.data[i], 0); // ⟨u, J·v⟩
    const leaves = primals.map((p) => fromArray(p.data.slice(), p.shape, { requiresGrad: true }));
    const y = f(...leaves);
    const reverse = y.requiresGrad
      ? grad(y, leaves, { gradOutputs: u }).reduce((s, g, k) => s + Array.from(g.data).reduce((t, gi, i) => t + gi * tangents[k].data[i], 0), 0)
      : 0;
    expect(Math.abs(forward - reverse), `${forward} vs ${reverse}`).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(reverse)));
  });

  test.prop([exprArb, valuesArb, valuesArb], { numRuns: 100 })('jvp equals a central difference along the direction', (expr, values, directions) => {
    fc.pre(everywhereInDomain(expr, values));
    const f = program(expr);
    const primals = leavesOf(values);
    const { tangent } = jvp(f, primals, leavesOf(directions));
    const h = 1e-5;
    const at = (s: number) => f(...primals.map((p, k) => fromArray(p.data.map((v, i) => v + s * directions[k][i]), p.shape))).item();
    // Stay in the domain along the whole step (inDomain checked steps of 1e-3 per coordinate only).
    fc.pre(Number.isFinite(at(h)) && Number.isFinite(at(-h)));
    const numeric = (at(h) - at(-h)) / (2 * h);
    expect(Math.abs(tangent.item() - numeric)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(numeric)));
  });
});

describe('Hessians', () => {
  test.prop([exprArb, valuesArb], { numRuns: 60 })('hvp(f, x, e_i) is row i of hessian(f, x), and the Hessian is symmetric', (expr, values) => {
    fc.pre(everywhereInDomain(expr, values));
    // f of one tensor: the three variables are slices of x (6 + 3 + 1 numbers).
    const f = (x: Tensor) => program(expr)(x.slice(0, 0, 6).reshape([2, 3]), x.slice(0, 6, 9), x.slice(0, 9, 10));
    const x = fromArray(values.flat(), [10]);
    const H = hessian(f, x);
    for (let i = 0; i < 10; i++) {
      const e = fromArray(Array.from({ length: 10 }, (_, j) => (j === i ? 1 : 0)), [10]);
      const row = hvp(f, x, e);
      row.data.forEach((v, j) => {
        expect(v).toBe(H.data[i * 10 + j]);
        expect(Math.abs(v - H.data[j * 10 + i])).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(v)));
      });
    }
  });
});
