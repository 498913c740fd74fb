/**
 * Second and third derivatives against PyTorch (create_graph=True), float64: the fixtures of
 * fixtures/generate.py. Each program below is the twin, by name, of the one written there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { grad, tensor, type NestedArray, type Tensor } from '../src/index.js';

interface HvpCase {
  readonly name: string;
  readonly inputs: NestedArray[];
  readonly direction: NestedArray[];
  readonly value: number;
  readonly grad: NestedArray[];
  readonly hvp: NestedArray[];
}
interface ThirdCase {
  readonly name: string;
  readonly points: number[];
  readonly value: number[];
  readonly d1: number[];
  readonly d2: number[];
  readonly d3: number[];
}
const fixtures = JSON.parse(readFileSync(new URL('../fixtures/second-order.json', import.meta.url), 'utf8')) as { hvp: HvpCase[]; third: ThirdCase[] };

const PROGRAMS: Record<string, (...xs: Tensor[]) => Tensor> = {
  tanh_layer: (x, W, b) => x.matmul(W).add(b).tanh().pow(2).sum(),
  broadcast_log_div: (a, b) => a.mul(b).exp().add(1).log().div(b.pow(2).add(1)).sum(),
  matmul_chain: (A, B) => A.matmul(B).sigmoid().matmul(B.transpose()).mean(1).pow(3).sum(),
  log_sum_exp: (x, W) => x.matmul(W).exp().sum(1, true).log().sub(x.matmul(W)).pow(2).sum(),
};

const ELEMENTWISE: Record<string, (x: Tensor) => Tensor> = {
  tanh: (x) => x.tanh(),
  sigmoid: (x) => x.sigmoid(),
  exp: (x) => x.exp(),
  log: (x) => x.log(),
  'pow_2.5': (x) => x.pow(2.5),
  'pow_-1.5': (x) => x.pow(-1.5),
};

/** Every number within 1e-9 relative (absolute below 1). */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    expect(Math.abs(got[i] - want[i]), `${what}[${i}]: ${got[i]} vs PyTorch ${want[i]}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want[i])));
  }
}
const flat = (n: NestedArray): number[] => (typeof n === 'number' ? [n] : n.flatMap(flat));

describe('Hessian-vector products against PyTorch', () => {
  it('covers every program of the fixtures', () => expect(fixtures.hvp.map((c) => c.name).sort()).toEqual(Object.keys(PROGRAMS).sort()));

  it.each(fixtures.hvp)('$name', ({ name, inputs, direction, value, grad: firstGrad, hvp }) => {
    const xs = inputs.map((x) => tensor(x, { requiresGrad: true }));
    const y = PROGRAMS[name](...xs);
    expectClose([y.item()], [value], 'f');
    const gs = grad(y, xs, { createGraph: true });
    gs.forEach((g, k) => expectClose(g.data, flat(firstGrad[k]), `grad ${k}`));
    const hv = grad(gs, xs, { gradOutputs: direction.map((v) => tensor(v)) });
    hv.forEach((h, k) => expectClose(h.data, flat(hvp[k]), `hvp ${k}`));
  });
});

describe('third derivatives against PyTorch', () => {
  it('covers tanh, sigmoid, exp, log and pow', () => expect(fixtures.third.map((c) => c.name).sort()).toEqual(Object.keys(ELEMENTWISE).sort()));

  it.each(fixtures.third)('$name', ({ name, points, value, d1, d2, d3 }) => {
    const x = tensor(points, { requiresGrad: true });
    const y = ELEMENTWISE[name](x);
    expectClose(y.data, value, 'f');
    const [g1] = grad(y.sum(), x, { createGraph: true });
    const [g2] = grad(g1.sum(), x, { createGraph: true });
    const [g3] = grad(g2.sum(), x);
    expectClose(g1.data, d1, "f'");
    expectClose(g2.data, d2, "f''");
    expectClose(g3.data, d3, "f'''");
  });
});
