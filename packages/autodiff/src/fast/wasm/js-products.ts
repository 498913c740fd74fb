/**
 * The products matmulAuto leaves in JavaScript (too small to pay for the trip into wasm), with
 * the contract of the wasm ones: C written into `c`, or, with `accumulate`, added to what `c`
 * holds. Every C[i, j] adds its terms in the order p = 0 … k−1 onto its starting value, as the
 * wasm kernel and tensor/kernels.ts do, so all three agree bit for bit (test/wasm-matmul.test.ts).
 * The fast path keeps its own copy of these few loops so that it imports nothing from the
 * textbook side.
 */

/** C (+)= A·B for A [m, k], B [k, n]. */
export function matmulJs(a: Float64Array, b: Float64Array, m: number, k: number, n: number, c: Float64Array, accumulate: boolean): Float64Array {
  if (!accumulate) c.fill(0);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p];
      for (let j = 0; j < n; j++) c[i * n + j] += av * b[p * n + j];
    }
  }
  return c;
}

/** C (+)= A·Bᵀ for A [m, k], B [n, k]: row i of A against row j of B. */
export function matmulTransBJs(a: Float64Array, b: Float64Array, m: number, k: number, n: number, c: Float64Array, accumulate: boolean): Float64Array {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = accumulate ? c[i * n + j] : 0;
      for (let p = 0; p < k; p++) sum += a[i * k + p] * b[j * k + p];
      c[i * n + j] = sum;
    }
  }
  return c;
}

/** C (+)= Aᵀ·B for A [k, m], B [k, n]. */
export function matmulTransAJs(a: Float64Array, b: Float64Array, m: number, k: number, n: number, c: Float64Array, accumulate: boolean): Float64Array {
  if (!accumulate) c.fill(0);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const av = a[p * m + i];
      for (let j = 0; j < n; j++) c[i * n + j] += av * b[p * n + j];
    }
  }
  return c;
}
