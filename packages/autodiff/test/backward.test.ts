import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fromArray, jacobian, noGrad, numericJacobians, randn, tensor, Value, type Tensor } from '../src/index.js';
import { build, buildWith, exprArb, inDomain, VARS, type Expr } from './helpers/expressions.js';
import { slopeTolerance, tanhSlopeReference } from './helpers/slope-reference.js';

describe('backward() semantics', () => {
  it('fills .grad of every tensor that requires grad, intermediates included', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const c = tensor([3, 4]); // a constant
    const h = x.mul(c); // [3, 8]
    const y = h.tanh().sum();
    y.backward();
    // tanh′ to 53 bits (1 − tanh(8)² would be off in its 9th digit: it cancels)
    const dh = [tanhSlopeReference(3), tanhSlopeReference(8)];
    h.grad!.data.forEach((g, i) => expect(Math.abs(g - dh[i])).toBeLessThanOrEqual(slopeTolerance(dh[i])));
    x.grad!.data.forEach((g, i) => expect(Math.abs(g - dh[i] * c.data[i])).toBeLessThanOrEqual(slopeTolerance(dh[i]) * c.data[i]));
    expect(y.grad!.item()).toBe(1);
    expect(c.grad).toBeNull();
    expect(c.requiresGrad).toBe(false);
  });

  it('leavesOnly: the same leaf gradients, and no .grad on intermediates', () => {
    const build = () => {
      const x = tensor([0.3, -0.7], { requiresGrad: true });
      const w = tensor([[1.5, -2], [0.5, 1]], { requiresGrad: true });
      const h = w.matmul(x.reshape([2, 1])).tanh();
      return { x, w, h, loss: h.mul(h).sum() };
    };
    const full = build();
    full.loss.backward();
    const lean = build();
    lean.loss.backward(undefined, { leavesOnly: true });
    expect(lean.x.grad!.toArray()).toEqual(full.x.grad!.toArray());
    expect(lean.w.grad!.toArray()).toEqual(full.w.grad!.toArray());
    expect(full.h.grad).not.toBeNull();
    expect(lean.h.grad).toBeNull();
    expect(lean.loss.grad).toBeNull();
  });

  it('x*x, x-x and a reused subexpression accumulate their shares', () => {
    const x = tensor([1.5, -2], { requiresGrad: true });
    x.mul(x).sum().backward();
    expect(x.grad!.toArray()).toEqual([3, -4]);
    const z = tensor([1.5, -2], { requiresGrad: true });
    z.sub(z).sum().backward();
    expect(z.grad!.toArray()).toEqual([0, 0]);
    const w = tensor([0.5], { requiresGrad: true });
    const u = w.exp();
    u.add(u).add(u.mul(u)).sum().backward(); // d/dw (2e^w + e^2w) = 2e^w + 2e^2w
    expect(w.grad!.item()).toBeCloseTo(2 * Math.exp(0.5) + 2 * Math.exp(1), 14);
  });

  it('many contributions to one tensor (summed in place) leave every other gradient intact', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const a = x.mul(2); // [2, 4]
    const left = a.add(a); // add hands its gradient on unchanged to both inputs
    const s = left.add(a.mul(a)).add(a.reshape([2]));
    s.sum().backward();
    // ds/da = 1 + 1 + 2a + 1 = 3 + 2a
    expect(a.grad!.toArray()).toEqual([7, 11]);
    expect(x.grad!.toArray()).toEqual([14, 22]);
    expect(left.grad!.toArray()).toEqual([1, 1]);
    expect(s.grad!.toArray()).toEqual([1, 1]);
  });

  it('backward twice adds the gradients again; zeroGrad clears the whole graph', () => {
    const x = tensor([0.3, 0.7], { requiresGrad: true });
    const h = x.tanh();
    const y = h.mul(h).sum();
    y.backward();
    const once = [x.grad!.toArray(), h.grad!.toArray()] as number[][];
    y.backward();
    expect(x.grad!.toArray()).toEqual(once[0].map((g) => 2 * g));
    expect(h.grad!.toArray()).toEqual(once[1].map((g) => 2 * g));
    y.zeroGrad();
    expect([x.grad, h.grad, y.grad]).toEqual([null, null, null]);
  });

  it('each tensor gets its own gradient array, so scaling one .grad in place leaves the others', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4], { requiresGrad: true });
    const y = a.add(b); // add hands the same gradient to both inputs
    y.sum().backward();
    a.grad!.data[0] = 100;
    expect(b.grad!.toArray()).toEqual([1, 1]);
    expect(y.grad!.toArray()).toEqual([1, 1]);
  });

  it('a seed gradient starts backward from a non-scalar output', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.mul(x).backward(tensor([1, 0, -1]));
    expect(x.grad!.toArray()).toEqual([2, 0, -6]);
  });

  it('noGrad records nothing and returns its value; the flag is restored after a throw', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => x.mul(3));
    expect(y.requiresGrad).toBe(false);
    expect(y.parents).toEqual([]);
    expect(() =>
      noGrad(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(x.mul(3).requiresGrad).toBe(true);
  });

  it('detach cuts the graph', () => {
    const x = tensor([2], { requiresGrad: true });
    const y = x.mul(x.detach()).sum(); // treats the second x as the constant 2
    y.backward();
    expect(x.grad!.item()).toBe(2);
  });

  it('backprops a 200,000-op tensor chain without a stack overflow', () => {
    // h ← 0.999·h + 0.001·x, 100,000 times (a mul then an add: 200,000 ops):
    // dh/dx = 0.001 · Σ 0.999^i = 1 − 0.999^100000.
    const x = tensor([1, -1], { requiresGrad: true });
    const input = x.mul(0.001);
    let h = tensor([0, 0]);
    for (let i = 0; i < 100_000; i++) h = h.mul(0.999).add(input);
    h.sum().backward();
    const expected = 1 - 0.999 ** 100_000;
    expect(x.grad!.data[0]).toBeCloseTo(expected, 10);
    expect(x.grad!.data[1]).toBeCloseTo(expected, 10);
  });
});

describe('jacobian', () => {
  it('of an elementwise function is diagonal; of a linear map is its matrix', () => {
    expect(jacobian((v) => v.mul(v), tensor([1, 2, 3])).toArray()).toEqual([
      [2, 0, 0],
      [0, 4, 0],
      [0, 0, 6],
    ]);
    const W = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    // f(x) = W·x for x of shape [2, 1]
    expect(jacobian((x) => W.matmul(x), tensor([[0.5], [-1]])).toArray()).toEqual(W.toArray());
  });

  it('refuses to run inside noGrad, where it could only return zeros', () => {
    expect(() => noGrad(() => jacobian((v) => v.mul(v), tensor([1])))).toThrow(
      'jacobian: called inside noGrad(), where no graph is recorded to differentiate',
    );
  });

  it('is all zeros when the output does not depend on x', () => {
    expect(jacobian(() => tensor([1, 2]), tensor([5])).toArray()).toEqual([[0], [0]]);
  });

  test.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1000 })], { numRuns: 40 })(
    'agrees with finite differences for f(x) = tanh(W x) · sum(x²)',
    (n, m, seed) => {
      const W = randn([m, n], { seed });
      const f = (x: Tensor): Tensor => W.matmul(x.reshape([n, 1])).tanh().mul(x.pow(2).sum());
      const x = randn([n], { seed: seed + 1 });
      const J = jacobian(f, x);
      const [numeric] = numericJacobians(f, [x]);
      expect(J.shape).toEqual([m, n]);
      J.data.forEach((v, i) => expect(Math.abs(v - numeric.data[i])).toBeLessThan(1e-7 * Math.max(1, Math.abs(v))));
    },
  );
});

describe('the scalar and the tensor engine agree', () => {
  /** The same expression tree built from tensors of shape [points]: each element is one point. */
  const buildTensor = (e: Expr, vars: readonly Tensor[]): Tensor => buildWith(e, vars, (value) => vars[0].mul(0).add(value));

  const pointsArb = fc.array(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: VARS, maxLength: VARS }), {
    minLength: 1,
    maxLength: 5,
  });

  test.prop([exprArb, pointsArb], { numRuns: 500 })(
    'random elementwise computations: same values and gradients to 1e-12',
    (expr, points) => {
      fc.pre(points.every((p) => inDomain(expr, p)));
      const vars = Array.from({ length: VARS }, (_, v) =>
        fromArray(
          points.map((p) => p[v]),
          [points.length],
          { requiresGrad: true },
        ),
      );
      const out = buildTensor(expr, vars);
      if (out.requiresGrad) out.sum().backward();
      points.forEach((p, i) => {
        const leaves = p.map((x) => new Value(x));
        const scalarOut = build(expr, leaves);
        scalarOut.backward();
        expect(Math.abs(out.data[i] - scalarOut.data)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(scalarOut.data)));
        leaves.forEach((leaf, v) => {
          const tensorGrad = vars[v].grad?.data[i] ?? 0;
          expect(Math.abs(tensorGrad - leaf.grad)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(leaf.grad)));
        });
      });
    },
  );
});

describe('leavesOnly recycles dead gradient arrays without changing any result', () => {
  test.prop([exprArb, fc.array(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: VARS, maxLength: VARS }), { minLength: 1, maxLength: 4 })], {
    numRuns: 300,
  })('random computations on 2,048-element tensors, three passes in a row: same leaf gradients as the full backward', (expr, points) => {
    fc.pre(points.every((p) => inDomain(expr, p)));
    // Big enough (≥ 1,024 numbers) for the recycling to apply: each point repeated 512 times.
    const leaves = (requiresGrad: boolean) =>
      Array.from({ length: VARS }, (_, v) => fromArray(Array.from({ length: 2048 }, (_, i) => points[i % points.length][v]), [2048], { requiresGrad }));
    const run = (leavesOnly: boolean) => {
      const vars = leaves(true);
      const out = buildWith(expr, vars, (value) => vars[0].mul(0).add(value));
      if (out.requiresGrad) out.mul(out).sum().backward(undefined, { leavesOnly });
      return vars.map((v) => Array.from(v.grad?.data ?? []));
    };
    const full = run(false);
    for (let pass = 0; pass < 3; pass++) expect(run(true)).toEqual(full);
  });
});

describe('a weight used at many steps sums its gradient over them', () => {
  /** Σ_t aₜᵀ·gₜ in plain loops, for a [rows, k] and g [rows, n]: what dW must be. */
  function sumOfProducts(as: readonly Tensor[], gs: readonly Tensor[], k: number, n: number): number[] {
    const out = new Array<number>(k * n).fill(0);
    as.forEach((a, t) => {
      const rows = a.shape[0];
      for (let r = 0; r < rows; r++) for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) out[p * n + j] += a.data[r * k + p] * gs[t].data[r * n + j];
    });
    return out;
  }

  // 2×3×4 stays in JavaScript; 16×24×20 goes to WebAssembly (m·k·n ≥ 4096).
  for (const [rows, k, n] of [
    [2, 3, 4],
    [16, 24, 20],
  ]) {
    for (const leavesOnly of [false, true]) {
      it(`x_t·W and x_t·(Wᵀ)ᵀ over 5 steps, [${rows},${k}]·[${k},${n}], leavesOnly ${leavesOnly}`, () => {
        const W = randn([k, n], { seed: 1, requiresGrad: true });
        const V = randn([n, k], { seed: 2, requiresGrad: true }); // used as Vᵀ via matmulBT
        const xs = Array.from({ length: 5 }, (_, t) => randn([rows, k], { seed: 10 + t }));
        const seeds = Array.from({ length: 5 }, (_, t) => randn([rows, n], { seed: 20 + t }));
        // loss = Σ_t ⟨seed_t, x_t·W⟩ + ⟨seed_t, x_t·Vᵀ⟩, so dW = Σ x_tᵀ·seed_t and dV = (Σ x_tᵀ·seed_t)ᵀ
        let loss: Tensor = tensor(0);
        xs.forEach((x, t) => {
          loss = loss.add(x.matmul(W).mul(seeds[t]).sum()).add(x.matmulBT(V).mul(seeds[t]).sum());
        });
        loss.backward(undefined, { leavesOnly });
        const expected = sumOfProducts(xs, seeds, k, n);
        const close = (actual: ArrayLike<number>, wanted: readonly number[]) =>
          Array.from(actual).every((v, i) => Math.abs(v - wanted[i]) <= 1e-12 * Math.max(1, Math.abs(wanted[i])));
        expect(close(W.grad!.data, expected)).toBe(true);
        const expectedV = Array.from({ length: n * k }, (_, i) => expected[(i % k) * n + Math.floor(i / k)]);
        expect(close(V.grad!.data, expectedV)).toBe(true);
      });
    }
  }

  it('a·a: both of its shares reach a', () => {
    const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const loss = a.matmul(a).sum().add(a.matmul(a).sum()); // d/da Σ(a·a) = 1·aᵀ + aᵀ·1, twice
    loss.backward();
    // Σ_ij (a·a)_ij = Σ_i,p,j a_ip a_pj; d/da_xy = Σ_j a_yj + Σ_i a_ix = row sum y + column sum x
    const rowSum = [3, 7];
    const colSum = [4, 6];
    expect(a.grad!.toArray()).toEqual([
      [2 * (rowSum[0] + colSum[0]), 2 * (rowSum[1] + colSum[0])],
      [2 * (rowSum[0] + colSum[1]), 2 * (rowSum[1] + colSum[1])],
    ]);
  });
});

describe('a tensor cut into many pieces: each piece\'s gradient lands in its own place', () => {
  for (const leavesOnly of [false, true]) {
    for (const axis of [0, 1]) {
      it(`split along axis ${axis} into 12 pieces used in a shuffled order, leavesOnly ${leavesOnly}`, () => {
        const shape = axis === 0 ? [24, 3] : [3, 24];
        const x = randn(shape, { seed: 1, requiresGrad: true });
        const pieces = x.split(2, axis);
        const weights = pieces.map((p, k) => randn(p.shape, { seed: 10 + k }));
        const order = [5, 0, 11, 3, 8, 1, 10, 2, 7, 4, 9, 6];
        let loss: Tensor = tensor(0);
        for (const k of order) loss = loss.add(pieces[k].mul(weights[k]).sum());
        loss.add(pieces[3].mul(2).sum()).backward(undefined, { leavesOnly }); // piece 3 used twice
        // dLoss/dx: piece k's weights in piece k's place, plus 2 in piece 3's
        const expected = new Float64Array(x.size);
        pieces.forEach((p, k) => {
          for (let r = 0; r < p.shape[0]; r++) {
            for (let j = 0; j < p.shape[1]; j++) {
              const at = axis === 0 ? (2 * k + r) * 3 + j : r * 24 + 2 * k + j;
              expected[at] = weights[k].data[r * p.shape[1] + j] + (k === 3 ? 2 : 0);
            }
          }
        });
        expect(Array.from(x.grad!.data)).toEqual(Array.from(expected));
      });
    }
  }
});
