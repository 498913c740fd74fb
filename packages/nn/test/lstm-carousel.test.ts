/**
 * The LSTM's constant error carousel (Hochreiter & Schmidhuber 1997), as properties over any T.
 *
 * 1. Forget gate forced to exactly 1 and input gate to exactly 0: c_t = c_0 at every step, and
 *    for a loss that reads only c_T, dE/dc_t = dE/dc_T at every step, bit for bit.
 * 2. No recurrent weights (W_hh = 0): along the cell-state path dc_t/dc_(t−1) = diag(f_t), so
 *    dE/dc_k = (Π_{t=k+1..T} f_t) ⊙ dE/dc_T, with f_t = σ(W_if x_t + b_if + b_hf) by hand.
 */
import { fc, test } from '@fast-check/vitest';
import { randn, sigmoid, tensor, type Tensor } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import { linear, LSTMCell, unroll } from '../src/index.js';

/**
 * Saturating biases. σ(50) = 1/(1 + e^−50) = 1/(1 + 1.9e−22) rounds to exactly 1, but σ(−50) is
 * 1.9e−22, not 0: the input gate needs e^v to underflow, v < −745, hence −1000.
 */
const OPEN = 50;
const SHUT = -1000;

/** An LSTM whose i and f blocks ignore x and h (weights 0) and sit at σ(SHUT) = 0, σ(OPEN) = 1. */
function carouselLstm(inputSize: number, hiddenSize: number, seed: number): LSTMCell {
  const cell = new LSTMCell({ inputSize, hiddenSize, seed });
  const H = hiddenSize;
  cell.weightIh.data.fill(0, 0, 2 * H * inputSize); // rows of blocks i and f
  cell.weightHh.data.fill(0, 0, 2 * H * H);
  cell.biasIh!.data.fill(SHUT, 0, H);
  cell.biasIh!.data.fill(OPEN, H, 2 * H);
  cell.biasHh!.data.fill(0, 0, 2 * H);
  return cell;
}

const sizes = fc.record({
  T: fc.integer({ min: 1, max: 80 }),
  B: fc.integer({ min: 1, max: 3 }),
  I: fc.integer({ min: 1, max: 3 }),
  H: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 0, max: 1e6 }),
});

describe('forget gate 1, input gate 0: the cell state and its gradient are carried unchanged', () => {
  it('the saturation is exact in float64: σ(50) = 1, σ(−1000) = 0, and so are the gates', () => {
    expect(Array.from(sigmoid(tensor([OPEN, SHUT])).data)).toEqual([1, 0]);
    const cell = carouselLstm(2, 3, 1);
    const x = randn([2, 2], { seed: 2 }).mul(10);
    const h = randn([2, 3], { seed: 3 }).mul(10);
    const [i, f] = linear(x, cell.weightIh, cell.biasIh).add(linear(h, cell.weightHh, cell.biasHh)).split(3, 1);
    expect(Array.from(i.sigmoid().data)).toEqual(new Array(6).fill(0));
    expect(Array.from(f.sigmoid().data)).toEqual(new Array(6).fill(1));
  });

  test.prop([sizes], { numRuns: 40 })('c_t = c_0 and dE/dc_t = dE/dc_T for every t, any T', ({ T, B, I, H, seed }) => {
    const cell = carouselLstm(I, H, seed);
    const xs = randn([T, B, I], { seed: seed + 1 }).mul(3);
    const h0 = randn([B, H], { seed: seed + 2 });
    const c0 = randn([B, H], { seed: seed + 3, requiresGrad: true });
    const w = randn([B, H], { seed: seed + 4 }); // E = Σ w ⊙ c_T, so dE/dc_T = w
    const { c } = unroll(cell, xs, { h: h0, c: c0 });
    c[T - 1].mul(w).sum().backward();
    for (const ct of [...c, c0]) {
      expect(Array.from(ct.data)).toEqual(Array.from(c0.data));
      expect(Array.from(ct.grad!.data)).toEqual(Array.from(w.data));
    }
  });

  it('contrast: with the input gate only nearly shut (bias −50) the state does drift', () => {
    const cell = carouselLstm(1, 1, 4);
    cell.biasIh!.data[0] = -50; // σ(−50) ≈ 1.9e−22 ≠ 0
    const c0 = tensor([[1e-7]]);
    const { c } = unroll(cell, randn([200, 1, 1], { seed: 5 }), { h: tensor([[0]]), c: c0 });
    expect(c[199].item()).not.toBe(c0.item());
  });
});

describe('no recurrent weights: dE/dc_k = (Π f_t) ⊙ dE/dc_T', () => {
  test.prop([sizes, fc.constantFrom(0, 1, 2, 5)], { numRuns: 30 })(
    'matches the product of forget gates computed by hand (forget bias 0, 1, 2, 5)',
    ({ T, B, I, H, seed }, forgetBias) => {
      const cell = new LSTMCell({ inputSize: I, hiddenSize: H, forgetBias, seed });
      cell.weightHh.data.fill(0);
      const xs = randn([T, B, I], { seed: seed + 1 });
      const c0 = randn([B, H], { seed: seed + 2 });
      const w = randn([B, H], { seed: seed + 3 });
      const { c } = unroll(cell, xs, { h: randn([B, H], { seed: seed + 4 }), c: c0 });
      c[T - 1].mul(w).sum().backward();

      // f_t[b, j] = σ(Σ_k W_ih[H + j, k] x_t[b, k] + b_ih[H + j] + b_hh[H + j]), plain loops
      const forget = (t: number, b: number, j: number): number => {
        let a = cell.biasIh!.data[H + j] + cell.biasHh!.data[H + j];
        for (let k = 0; k < I; k++) a += cell.weightIh.data[(H + j) * I + k] * xs.data[(t * B + b) * I + k];
        return 1 / (1 + Math.exp(-a));
      };
      for (let k = 0; k < T; k++) {
        const expected = Array.from(w.data, (wv, n) => {
          const [b, j] = [Math.floor(n / H), n % H];
          let product = wv;
          for (let t = k + 1; t < T; t++) product *= forget(t, b, j); // steps after k (0-based)
          return product;
        });
        const got = (c[k].grad as Tensor).data;
        expected.forEach((e, n) => expect(Math.abs(got[n] - e)).toBeLessThanOrEqual(1e-12 * Math.abs(e) + 1e-300));
      }
    },
  );
});
