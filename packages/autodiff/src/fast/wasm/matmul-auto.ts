/**
 * matmulAuto: the same products as tensor/kernels.ts, on whichever kernel is faster for the size.
 *
 * The WebAssembly kernel (matmul-wasm.ts) does the arithmetic about 8× faster than the
 * JavaScript one, but first copies and packs both operands and afterwards copies C out, and
 * each call crosses into wasm a few times. For small products those fixed and O(mk + kn + mn)
 * costs outweigh the O(mkn) arithmetic saved, so below WASM_MIN_WORK multiply-adds we stay in
 * JavaScript. Measured with `npx tsx bench/matmul-wasm.ts --threshold` (README.md here has numbers).
 */
import { matmulJs, matmulTransAJs, matmulTransBJs } from './js-products.js';
import { matmulTransAWasm, matmulTransBWasm, matmulWasm } from './matmul-wasm.js';
import { wasmSimdAvailable } from './runtime.js';

/**
 * Products with m·k·n below this run in JavaScript. Measured (JS time / wasm time, median of
 * 9 alternated samples, fresh results as matmul returns): cubes break even near 8³–12³
 * (4³ 0.5, 8³ 1.0, 12³ 1.2, 16³ 3.6, 32³ 5.4); at m·k·n = 4096 every shape tried gained
 * (32×4×32 2.1, 4×32×32 4.2, 8×64×8 2.8, 1×64×64 4.5, 4×256×4 3.1) except matrix-vector
 * 64×64×1 (1.05) and outer products 128×1×128 (0.97), which are even. Below it the gains,
 * where there are any, are a few µs a call.
 */
export const WASM_MIN_WORK = 4096;

/**
 * Operands bigger than this (in doubles, A, B and C together) stay in JavaScript too: a
 * 32-bit wasm memory holds 4 GB at most, and a call needs room for two copies of A and B.
 */
const WASM_MAX_DOUBLES = 2 ** 26;

/** Whether matmulAuto and its variants send an [m, k]·[k, n] product to WebAssembly. */
export function usesWasm(m: number, k: number, n: number): boolean {
  return m * k * n >= WASM_MIN_WORK && m * k + k * n + m * n <= WASM_MAX_DOUBLES && wasmSimdAvailable();
}

/** The array C goes into: `out`, checked, or a new one. */
function target(out: Float64Array | undefined, m: number, n: number, accumulate: boolean): Float64Array {
  if (out === undefined) {
    if (accumulate) throw new RangeError('matmulAuto: accumulate needs an out array to add to');
    return new Float64Array(m * n);
  }
  if (out.length !== m * n) throw new RangeError(`matmulAuto: out has ${out.length} elements, the product ${m * n}`);
  return out;
}

/**
 * C = A·B for A [m, k], B [k, n]: a new array, or C written into `out` (m·n long) and returned;
 * with `accumulate`, the product added to `out`.
 */
export function matmulAuto(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  out?: Float64Array,
  accumulate = false,
): Float64Array {
  if (usesWasm(m, k, n)) return matmulWasm(a, b, m, k, n, out, accumulate);
  return matmulJs(a, b, m, k, n, target(out, m, n, accumulate), accumulate);
}

/** C = A·Bᵀ for a [m, k], b [n, k]; C is [m, n]. */
export function matmulTransBAuto(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  out?: Float64Array,
  accumulate = false,
): Float64Array {
  if (usesWasm(m, k, n)) return matmulTransBWasm(a, b, m, k, n, out, accumulate);
  return matmulTransBJs(a, b, m, k, n, target(out, m, n, accumulate), accumulate);
}

/** C = Aᵀ·B for a [k, m], b [k, n]; C is [m, n]. */
export function matmulTransAAuto(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  out?: Float64Array,
  accumulate = false,
): Float64Array {
  if (usesWasm(m, k, n)) return matmulTransAWasm(a, b, m, k, n, out, accumulate);
  return matmulTransAJs(a, b, m, k, n, target(out, m, n, accumulate), accumulate);
}
