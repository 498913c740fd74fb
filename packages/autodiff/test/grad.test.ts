/**
 * grad(outputs, inputs, { gradOutputs, createGraph }), torch.autograd.grad's meaning, and
 * backward({ createGraph }): derivatives of derivatives, checked against calculus by hand.
 */
import { describe, expect, it } from 'vitest';
import { useFastPath } from '../src/fast/index.js';
import { customVjp, empty, grad, jvp, noGrad, tensor, type Tensor } from '../src/index.js';

const close = (got: Tensor, want: readonly number[], digits = 12) =>
  Array.from(got.data).forEach((v, i) => expect(v, `[${i}]: ${v} vs ${want[i]}`).toBeCloseTo(want[i], digits));

describe('grad: first derivatives, returned', () => {
  it('of an intermediate: dE/dh for h inside the graph, and .grad is not touched', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(3);
    const e = h.pow(2).sum();
    const [dh, dx] = grad(e, [h, x]);
    close(dh, [6, 12]); // 2h
    close(dx, [18, 36]); // 2h · 3
    expect(x.grad).toBeNull();
    expect(h.grad).toBeNull();
    expect(dh.requiresGrad).toBe(false); // a constant without createGraph
  });

  it('several outputs and gradOutputs: Σ_i v_iᵀ ∂y_i/∂x', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y1 = x.mul(x); // ∂y1/∂x = diag(2x)
    const y2 = x.sum(); // ∂y2/∂x = 1ᵀ
    const [dx] = grad([y1, y2], x, { gradOutputs: [tensor([1, 0, -1]), tensor(5)] });
    close(dx, [2 * 1 + 5, 0 + 5, -6 + 5]);
  });

  it('an input the outputs do not depend on gets zeros', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const unused = tensor([[3]], { requiresGrad: true });
    const [, du] = grad(x.sum(), [x, unused]);
    expect(du.toArray()).toEqual([[0]]);
  });

  it('works inside noGrad too, for outputs recorded before (it records the one join it needs)', () => {
    const x = tensor([2], { requiresGrad: true });
    const y = x.mul(x);
    const z = x.mul(3);
    noGrad(() => close(grad([y, z], x, { gradOutputs: [tensor([1]), tensor([1])] })[0], [4 + 3]));
  });

  it('errors name the argument', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => grad(x.mul(2), x)).toThrow('grad: output 0 has shape [2]; pass gradOutputs');
    expect(() => grad(x.sum(), tensor([1]))).toThrow('grad: input 0 (shape [1]) does not require grad');
    expect(() => grad(x.sum(), x, { gradOutputs: tensor([1, 2]) })).toThrow('grad: gradOutputs[0] has shape [2], output 0 has []');
    expect(() => grad([x.sum(), x.sum()], x, { gradOutputs: [tensor(1)] })).toThrow('grad: 1 gradOutputs for 2 outputs');
    expect(() => grad(x.sum(), [3 as unknown as Tensor])).toThrow('grad: input 0 is not a Tensor (got number)');
  });
});

describe('createGraph: the gradient is differentiable again', () => {
  /** d^n f/dx^n at the points, by grad applied n times. */
  const nth = (f: (x: Tensor) => Tensor, points: number[], n: number): Tensor => {
    const x = tensor(points, { requiresGrad: true });
    let d = f(x);
    for (let k = 0; k < n; k++) [d] = grad(d.sum(), x, { createGraph: k < n - 1 });
    return d;
  };
  const points = [-1.3, 0.4, 2.1];
  // Third derivatives by hand: tanh‴ = −2(1 − t²)(1 − 3t²), σ‴ = s(1 − s)(1 − 6s + 6s²), …
  const cases: [string, (x: Tensor) => Tensor, (x: number) => number][] = [
    ['exp', (x) => x.exp(), (x) => Math.exp(x)],
    ['tanh', (x) => x.tanh(), (x) => { const t = Math.tanh(x); return -2 * (1 - t * t) * (1 - 3 * t * t); }],
    ['sigmoid', (x) => x.sigmoid(), (x) => { const s = 1 / (1 + Math.exp(-x)); return s * (1 - s) * (1 - 6 * s + 6 * s * s); }],
    ['log', (x) => x.mul(x).add(1).log(), (x) => (4 * x * (x * x - 3)) / (x * x + 1) ** 3],
    // (1 + x²)ⁿ‴ = n(n−1)(n−2)·8x³·u^(n−3) + 12n(n−1)·x·u^(n−2), u = 1 + x², n = 3.5
    ['pow 3.5', (x) => x.mul(x).add(1).pow(3.5), (x) => 3.5 * 2.5 * 1.5 * 8 * x ** 3 * (1 + x * x) ** 0.5 + 12 * 3.5 * 2.5 * x * (1 + x * x) ** 1.5],
  ];
  for (const [name, f, third] of cases) {
    it(`${name}: the third derivative equals the formula`, () => close(nth(f, points, 3), points.map(third), 9));
  }

  it('relu: its second derivative is 0 (its slope is a step, a constant)', () => {
    close(nth((x) => x.relu().mul(x), points, 2), points.map((x) => (x > 0 ? 2 : 0)));
  });

  it('through matmul and broadcasting: d/dW of ‖∂L/∂x‖² by hand', () => {
    // L = sum(tanh(x W + b)); g = ∂L/∂x = (1 − y²) Wᵀ; Ω = ‖g‖²; check dΩ/dW against central differences.
    const omega = (w: number[][]) => {
      const W = tensor(w, { requiresGrad: true });
      const x = tensor([[0.3, -0.7]], { requiresGrad: true });
      const y = x.matmul(W).add(tensor([0.1, -0.2, 0.05])).tanh();
      const [g] = grad(y.sum(), x, { createGraph: true });
      const value = g.pow(2).sum();
      return { value: value.item(), dW: grad(value, W)[0] };
    };
    const w = [[0.5, -1, 0.25], [2, 0.1, -0.3]];
    const { dW } = omega(w);
    const h = 1e-6;
    w.forEach((row, i) =>
      row.forEach((_, j) => {
        const at = (d: number) => omega(w.map((r, a) => r.map((v, b) => (a === i && b === j ? v + d : v)))).value;
        expect(dW.data[i * 3 + j]).toBeCloseTo((at(h) - at(-h)) / (2 * h), 7);
      }),
    );
  });

  it('backward({ createGraph }) leaves a .grad in the graph; backward on it adds the second derivative', () => {
    const x = tensor([0.5, -1], { requiresGrad: true });
    x.tanh().sum().backward(undefined, { createGraph: true });
    const first = x.grad!;
    expect(first.requiresGrad).toBe(true);
    close(first, [0.5, -1].map((v) => 1 - Math.tanh(v) ** 2));
    first.sum().backward();
    // .grad now holds the first derivative plus the second: 1 − t² − 2t(1 − t²)
    close(x.grad!, [0.5, -1].map((v) => { const t = Math.tanh(v); return 1 - t * t - 2 * t * (1 - t * t); }));
  });

  it('with the fast path plugged in, a recorded pass still runs the textbook rules (same numbers)', () => {
    useFastPath();
    try {
      const W = tensor([[1, 2], [3, 4]], { requiresGrad: true });
      const x = tensor([[0.2, -0.1]]);
      const [g] = grad(x.matmul(W).tanh().sum(), W, { createGraph: true });
      const [gg] = grad(g.pow(2).sum(), W);
      const xs = [0.2, -0.1];
      const y = [0, 1].map((j) => Math.tanh(xs[0] * [1, 2][j] + xs[1] * [3, 4][j])); // z = x W
      // g[i][j] = x_i (1 − y_j²); ∂‖g‖²/∂W_kj = Σ_i 2 g_ij x_i (−2 y_j (1 − y_j²)) x_k
      const want = [0, 1].flatMap((k) => [0, 1].map((j) => xs.reduce((s, xi) => s + 2 * xi * (1 - y[j] ** 2) * xi, 0) * -2 * y[j] * (1 - y[j] ** 2) * xs[k]));
      close(gg, want);
    } finally {
      useFastPath(false);
    }
  });
});

describe('createGraph through a custom function', () => {
  const definition = {
    name: 'cube',
    outputShapes: ([x]: readonly (readonly number[])[]) => [x],
    forward: ([x]: readonly Tensor[], [y]: readonly Float64Array[]) => {
      for (let i = 0; i < y.length; i++) y[i] = x.data[i] ** 3;
      return x.data;
    },
    backward: ({ grads: [dy], saved }: { grads: readonly Tensor[]; saved: Float64Array }) => {
      const dx = empty(dy.shape);
      for (let i = 0; i < dx.size; i++) dx.data[i] = 3 * saved[i] ** 2 * dy.data[i];
      return [dx];
    },
  };

  it('without a fallback: an error naming the function, never a wrong second derivative', () => {
    const cube = customVjp<Float64Array>(definition);
    const x = tensor([2], { requiresGrad: true });
    expect(() => grad(cube(x)[0].sum(), x, { createGraph: true })).toThrow('customVjp cube: its backward is written by hand, so its gradient cannot be differentiated again (createGraph)');
    close(grad(cube(x)[0].sum(), x)[0], [12]); // first derivatives still work
  });

  it('with a fallback (the same function in ops): the second and third derivatives are right', () => {
    const cube = customVjp<Float64Array>({ ...definition, fallback: (x) => [x.pow(3)] });
    const x = tensor([2, -0.5], { requiresGrad: true });
    const [d1] = grad(cube(x)[0].mul(x).sum(), x, { createGraph: true }); // d(x⁴) = 4x³
    const [d2] = grad(d1.sum(), x, { createGraph: true });
    const [d3] = grad(d2.sum(), x);
    close(d1, [32, -0.5]);
    close(d2, [48, 3]);
    close(d3, [48, -12]);
  });

  it('inputs that depend on one another before the call: each gets its partial derivative, not a second copy of the other path', () => {
    // mulHand(a, b) = a·b by hand, with a = 2x and b = a² (b is made from a): mulHand = 8x³,
    // d/dx = 24x², second 48x. Asked of a itself, a's gradient would also count the path a → b.
    const mulHand = customVjp<null>({
      name: 'mulHand',
      outputShapes: ([a]) => [a],
      forward: ([a, b], [y]) => {
        for (let i = 0; i < y.length; i++) y[i] = a.data[i] * b.data[i];
        return null;
      },
      backward: ({ grads: [dy], inputs: [a, b] }) => [dy.mul(b), dy.mul(a)],
      fallback: (a, b) => [a.mul(b)],
    });
    const x = tensor([0.5, 2], { requiresGrad: true });
    const a = x.mul(2);
    const [d1] = grad(mulHand(a, a.mul(a))[0].sum(), x, { createGraph: true });
    close(d1, [24 * 0.25, 24 * 4]);
    close(grad(d1.sum(), x)[0], [48 * 0.5, 48 * 2]);
  });

  it('forward mode (jvp) goes through the fallback too', () => {
    const cube = customVjp<Float64Array>({ ...definition, fallback: (x) => [x.pow(3)] });
    close(jvp((x) => cube(x)[0].mul(x), [tensor([2, -0.5])], [tensor([1, 10])]).tangent, [4 * 8, 10 * 4 * -0.125]);
    const bare = customVjp<Float64Array>(definition);
    expect(() => jvp((x) => bare(x)[0], [tensor([2])], [tensor([1])])).toThrow('customVjp cube: forward mode (jvp) needs its fallback');
  });

  it('a fallback of the wrong shape is an error naming the function', () => {
    const cube = customVjp<Float64Array>({ ...definition, fallback: (x) => [x.sum()] });
    const x = tensor([2, 3], { requiresGrad: true });
    expect(() => grad(cube(x)[0].sum(), x, { createGraph: true })).toThrow('customVjp cube: fallback returned [], expected [2]');
  });
});
