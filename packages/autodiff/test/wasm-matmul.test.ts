/**
 * The WebAssembly SIMD matrix products against the reference JavaScript kernel `matmul`
 * (kernels.ts). They add the same products in the same order without fused multiply-adds,
 * so the results must be identical, bit for bit (NaN equal to NaN, +0 distinct from -0).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { matmul, transpose } from '../src/tensor/kernels.js';
import {
  matmulAuto,
  matmulTransAAuto,
  matmulTransAWasm,
  matmulTransBAuto,
  matmulTransBWasm,
  matmulWasm,
  releaseWasmMemory,
  usesWasm,
  wasmSimdAvailable,
  withPackedRight,
  expAll,
} from '../src/fast/index.js';

/** Fails with the first element that differs, if any. */
function expectIdentical(actual: Float64Array, expected: Float64Array): void {
  expect(actual).toBeInstanceOf(Float64Array);
  expect(actual.length).toBe(expected.length);
  const at = expected.findIndex((x, i) => !Object.is(x, actual[i]));
  expect(at === -1 ? 'identical' : `element ${at}: ${actual[at]} instead of ${expected[at]}`).toBe('identical');
}

function randomArray(size: number, seed: number): Float64Array {
  const out = new Float64Array(size);
  let s = seed | 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1103515245) + 12345) | 0; // a small LCG: reproducible, no dependencies
    out[i] = s / 2 ** 31; // in [-1, 1)
  }
  return out;
}

const transposed = (x: Float64Array, rows: number, cols: number): Float64Array => transpose(x, [rows, cols], [1, 0]);

/** Shapes from 1 to 70 (odd, prime, not multiples of the 4×4 tile) and matching values. */
const productArb = (values: fc.Arbitrary<number>) =>
  fc
    .tuple(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }))
    .chain(([m, k, n]) =>
      fc.record({
        m: fc.constant(m),
        k: fc.constant(k),
        n: fc.constant(n),
        a: fc.array(values, { minLength: m * k, maxLength: m * k }).map((a) => Float64Array.from(a)),
        b: fc.array(values, { minLength: k * n, maxLength: k * n }).map((b) => Float64Array.from(b)),
      }),
    );

const moderate = fc.double({ min: -1e3, max: 1e3, noNaN: true });

describe('matmulWasm equals the reference matmul', () => {
  it('WebAssembly SIMD is available here (Node ≥ 16.4)', () => {
    expect(wasmSimdAvailable()).toBe(true);
  });

  test.prop([productArb(moderate)], { numRuns: 150 })('random shapes up to 70, bit for bit', ({ a, b, m, k, n }) => {
    expectIdentical(matmulWasm(a, b, m, k, n), matmul(a, b, m, k, n));
  });

  test.prop([productArb(fc.double())], { numRuns: 60 })(
    'any doubles: ±0, subnormals, huge values that overflow, ±Infinity, NaN',
    ({ a, b, m, k, n }) => {
      expectIdentical(matmulWasm(a, b, m, k, n), matmul(a, b, m, k, n));
    },
  );

  test.prop([productArb(moderate)], { numRuns: 80 })('A·Bᵀ and Aᵀ·B equal matmul on transposed copies', ({ a, b, m, k, n }) => {
    const expected = matmul(a, b, m, k, n);
    expectIdentical(matmulTransBWasm(a, transposed(b, k, n), m, k, n), expected);
    expectIdentical(matmulTransAWasm(transposed(a, m, k), b, m, k, n), expected);
  });

  test.prop(
    [fc.integer({ min: 1, max: 9 }), fc.integer({ min: 250, max: 600 }), fc.integer({ min: 1, max: 9 }), fc.integer()],
    { numRuns: 20 },
  )('long k, split into several cache blocks that add up in order', (m, k, n, seed) => {
    const a = randomArray(m * k, seed);
    const b = randomArray(k * n, seed + 1);
    expectIdentical(matmulWasm(a, b, m, k, n), matmul(a, b, m, k, n));
  });

  it('256×256×256 and a large odd shape', () => {
    for (const [m, k, n] of [
      [256, 256, 256],
      [131, 257, 67],
    ]) {
      const a = randomArray(m * k, 1);
      const b = randomArray(k * n, 2);
      const expected = matmul(a, b, m, k, n);
      expectIdentical(matmulWasm(a, b, m, k, n), expected);
      expectIdentical(matmulTransBWasm(a, transposed(b, k, n), m, k, n), expected);
      expectIdentical(matmulTransAWasm(transposed(a, m, k), b, m, k, n), expected);
    }
  });

  test.prop([productArb(moderate), fc.integer()], { numRuns: 60 })(
    'accumulate: out plus the product, every term added in order (wasm, auto and the JS kernel agree bit for bit)',
    ({ a, b, m, k, n }, seed) => {
      const start = randomArray(m * n, seed);
      const reference = matmul(a, b, m, k, n, start.slice()); // the JS kernel starting from `start`
      const product = matmul(a, b, m, k, n);
      start.forEach((x, i) => expect(Math.abs(reference[i] - (x + product[i]))).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(x) + Math.abs(product[i]))));
      const at = transposed(a, m, k);
      const bt = transposed(b, k, n);
      expectIdentical(matmulWasm(a, b, m, k, n, start.slice(), true), reference);
      expectIdentical(matmulTransBWasm(a, bt, m, k, n, start.slice(), true), reference);
      expectIdentical(matmulTransAWasm(at, b, m, k, n, start.slice(), true), reference);
      expectIdentical(matmulAuto(a, b, m, k, n, start.slice(), true), reference);
      expectIdentical(matmulTransBAuto(a, bt, m, k, n, start.slice(), true), reference);
      expectIdentical(matmulTransAAuto(at, b, m, k, n, start.slice(), true), reference);
    },
  );

  it('accumulate over several cache blocks of k (k > 256) adds in order too', () => {
    const [m, k, n] = [5, 600, 7];
    const a = randomArray(m * k, 5);
    const b = randomArray(k * n, 6);
    const start = randomArray(m * n, 7);
    expectIdentical(matmulWasm(a, b, m, k, n, start.slice(), true), matmul(a, b, m, k, n, start.slice()));
  });

  it('accumulate without an out array to add to is an error', () => {
    expect(() => matmulWasm(new Float64Array(4), new Float64Array(4), 2, 2, 2, undefined, true)).toThrow(
      'matmulWasm: accumulate needs an out array to add to',
    );
    expect(() => matmulAuto(new Float64Array(1), new Float64Array(1), 1, 1, 1, undefined, true)).toThrow(
      'matmulAuto: accumulate needs an out array to add to',
    );
  });

  it('leaves nothing behind between calls: a small product after a big one full of NaN', () => {
    const big = new Float64Array(200 * 200).fill(Number.NaN);
    matmulWasm(big, big, 200, 200, 200); // the reused memory now holds NaN everywhere it wrote
    const a = randomArray(5 * 3, 3);
    const b = randomArray(3 * 7, 4);
    expectIdentical(matmulWasm(a, b, 5, 3, 7), matmul(a, b, 5, 3, 7));
    expectIdentical(matmulTransBWasm(a, transposed(b, 3, 7), 5, 3, 7), matmul(a, b, 5, 3, 7));
  });

  it('returns a fresh array each call, not a view of the wasm memory', () => {
    const a = randomArray(8 * 8, 5);
    const first = matmulWasm(a, a, 8, 8, 8);
    const copy = first.slice();
    matmulWasm(randomArray(8 * 8, 6), a, 8, 8, 8);
    expectIdentical(first, copy);
    expect(first.buffer.byteLength).toBe(8 * 8 * 8);
  });

  it('works again after its memory is released', () => {
    const a = randomArray(40 * 30, 7);
    const b = randomArray(30 * 20, 8);
    matmulWasm(a, b, 40, 30, 20);
    releaseWasmMemory();
    expectIdentical(matmulWasm(a, b, 40, 30, 20), matmul(a, b, 40, 30, 20));
  });

  it('writes into `out` when given one, and checks its length', () => {
    const a = randomArray(9 * 6, 9);
    const b = randomArray(6 * 130, 10);
    const expected = matmul(a, b, 9, 6, 130);
    const out = new Float64Array(9 * 130).fill(Number.NaN);
    expect(matmulWasm(a, b, 9, 6, 130, out)).toBe(out);
    expectIdentical(out, expected);
    out.fill(Number.NaN);
    expect(matmulTransBWasm(a, transposed(b, 6, 130), 9, 6, 130, out)).toBe(out);
    expectIdentical(out, expected);
    out.fill(Number.NaN);
    expect(matmulTransAWasm(transposed(a, 9, 6), b, 9, 6, 130, out)).toBe(out);
    expectIdentical(out, expected);
    const small = new Float64Array(2);
    expect(matmulAuto(a.subarray(0, 4), b.subarray(0, 2), 2, 2, 1, small)).toBe(small); // matmulAuto's JS side
    expectIdentical(small, matmul(a.subarray(0, 4), b.subarray(0, 2), 2, 2, 1));
    expect(() => matmulWasm(a, b, 9, 6, 130, new Float64Array(5))).toThrow(RangeError);
    expect(() => matmulAuto(a, b, 2, 2, 1, new Float64Array(5))).toThrow(RangeError);
  });

  it('empty products: zeros of the right size, as the reference', () => {
    expectIdentical(matmulWasm(new Float64Array(0), new Float64Array(6), 2, 0, 3), new Float64Array(6));
    expectIdentical(matmulWasm(new Float64Array(0), new Float64Array(0), 0, 4, 0), new Float64Array(0));
  });
});

describe('matmulAuto', () => {
  it('uses JavaScript for tiny products and wasm for big ones', () => {
    expect(usesWasm(2, 2, 2)).toBe(false);
    expect(usesWasm(256, 256, 256)).toBe(true);
  });

  test.prop([productArb(moderate)], { numRuns: 60 })('equals the reference on either side of the threshold', ({ a, b, m, k, n }) => {
    const expected = matmul(a, b, m, k, n);
    expectIdentical(matmulAuto(a, b, m, k, n), expected);
    expectIdentical(matmulTransBAuto(a, transposed(b, k, n), m, k, n), expected);
    expectIdentical(matmulTransAAuto(transposed(a, m, k), b, m, k, n), expected);
  });
});

describe('withPackedRight: one B packed once for many products', () => {
  test.prop([productArb(moderate), fc.boolean(), fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 4 })], { numRuns: 60 })(
    'A·B (and A·Bᵀ) for several A equal matmul bit for bit, with other products and expAll in between',
    ({ b, k, n }, transB, ms) => {
      const stored = transB ? transposed(b, k, n) : b; // b is B [k, n]; with transB pass [n, k]
      const as = ms.map((m, i) => randomArray(m * k, 17 + i));
      const other = randomArray(9 * 11, 5);
      const got = withPackedRight(stored, k, n, transB, (times) =>
        as.map((a, i) => {
          const out = times(a, ms[i], new Float64Array(ms[i] * n));
          // Calls in between must not disturb the packed B (they start past it).
          expectIdentical(matmulWasm(other, other.subarray(0, 11 * 9), 9, 11, 9), matmul(other, other.subarray(0, 11 * 9), 9, 11, 9));
          expAll(randomArray(300, i));
          return out;
        }),
      );
      got.forEach((out, i) => expectIdentical(out, matmul(as[i], b, ms[i], k, n)));
    },
  );

  it('nests, gives its memory back, and runs small products in JavaScript', () => {
    const [k, n] = [40, 36];
    const b1 = randomArray(k * n, 1);
    const b2 = randomArray(k * n, 2);
    const a = randomArray(20 * k, 3);
    const [outer, inner, outerAgain] = withPackedRight(b1, k, n, false, (times1) => {
      const first = times1(a, 20, new Float64Array(20 * n));
      const second = withPackedRight(b2, k, n, false, (times2) => times2(a, 20, new Float64Array(20 * n)));
      return [first, second, times1(a, 20, new Float64Array(20 * n))];
    });
    expectIdentical(outer, matmul(a, b1, 20, k, n));
    expectIdentical(inner, matmul(a, b2, 20, k, n));
    expectIdentical(outerAgain, matmul(a, b1, 20, k, n));
    const sum = randomArray(20 * n, 4);
    const added = withPackedRight(b1, k, n, false, (times) => times(a, 20, sum.slice(), true));
    expectIdentical(added, matmul(a, b1, 20, k, n, sum.slice())); // accumulate: sum + A·B, each term in order
    const tiny = withPackedRight(b1, k, n, false, (times) => times(a.subarray(0, k), 1, new Float64Array(n))); // m·k·n < WASM_MIN_WORK
    expectIdentical(tiny, matmul(a.subarray(0, k), b1, 1, k, n));
    expect(() => withPackedRight(b1, k, n, false, (times) => times(a, 20, new Float64Array(3)))).toThrow('withPackedRight: out has 3 elements, the product 20×36 = 720');
    expectIdentical(matmulWasm(a, b1, 20, k, n), matmul(a, b1, 20, k, n)); // memory given back
  });
});

describe('memory given back', () => {
  it('a product that needs more than KEEP_BYTES gives its memory back; small ones keep theirs', async () => {
    const { KEEP_BYTES, matmulWasm, wasmMemoryBytes } = await import('../src/fast/index.js');
    const small = new Float64Array(64 * 64).fill(1);
    matmulWasm(small, small, 64, 64, 64);
    const kept = wasmMemoryBytes();
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(KEEP_BYTES);
    const k = 60_000; // [64, k]·[k, 64]: A and B staged and packed, 4 · 8 · 64 · k ≈ 123 MB, but few flops
    const a = new Float64Array(64 * k).fill(0.5);
    const c = matmulWasm(a, a, 64, k, 64); // a read as [k, 64] too: all 0.5 either way
    expect(c[0]).toBe(0.25 * k);
    expect(wasmMemoryBytes()).toBe(0);
    matmulWasm(small, small, 64, 64, 64);
    expect(wasmMemoryBytes()).toBe(kept); // a fresh memory, as small as before
  });
});
