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
import { freeStart, releaseWasmMemory, wasmSimdAvailable } from './runtime.js';
import { F64_BYTES, roundUp, TILE_COLS, TILE_ROWS } from './tile.js';

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
 * The most memory a product may take in wasm: 2 GiB, half of what a 32-bit wasm memory can address,
 * so every byte offset handed to the kernel stays a positive 32-bit integer. A 5000 × 5000 product
 * takes about 1 GB (two copies of A and B, and C); past the limit (square products above about 7,300 × 7,300)
 * run in JavaScript, about 8× slower, and say so once (a process warning).
 */
export const WASM_MAX_BYTES = 2 ** 31;

/** The wasm memory an [m, k]·[k, n] product needs: staged and packed copies of A and B, and C. */
export function wasmBytesFor(m: number, k: number, n: number): number {
  const mPad = roundUp(m, TILE_ROWS);
  const nPad = roundUp(n, TILE_COLS);
  return (freeStart() + 2 * k * nPad + 2 * mPad * k + mPad * (nPad + TILE_COLS)) * F64_BYTES;
}

/** Whether matmulAuto and its variants send an [m, k]·[k, n] product to WebAssembly. */
export function usesWasm(m: number, k: number, n: number): boolean {
  if (m * k * n < WASM_MIN_WORK || !wasmSimdAvailable()) return false;
  const bytes = wasmBytesFor(m, k, n);
  if (bytes <= WASM_MAX_BYTES) return true;
  fallbackNotice(
    `a ${m}×${k} by ${k}×${n} matrix product needs ${gigabytes(bytes)} of WebAssembly memory, more than its ${gigabytes(WASM_MAX_BYTES)} limit: ` +
      'it runs in JavaScript instead, about 8× slower',
  );
  return false;
}

function gigabytes(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GB`;
}

const noticed = new Set<string>();

/**
 * Says once per process, as a Node.js warning on stderr (code CHAINRULE_WASM_FALLBACK), that
 * products run in JavaScript and why. `onWasmFallback` replaces the warning (tests, or an app
 * that reports it its own way).
 */
function fallbackNotice(message: string): void {
  const key = message.replace(/\d+/g, '#');
  if (noticed.has(key)) return;
  noticed.add(key);
  if (fallbackListener !== undefined) fallbackListener(message);
  else if (typeof process !== 'undefined' && typeof process.emitWarning === 'function') process.emitWarning(message, { code: 'CHAINRULE_WASM_FALLBACK' });
}

let fallbackListener: ((message: string) => void) | undefined;

/** Sets who hears that a product fell back to JavaScript (undefined: a Node.js warning, the default). */
export function onWasmFallback(listener: ((message: string) => void) | undefined): void {
  fallbackListener = listener;
  noticed.clear();
}

/** Runs a wasm product; if its memory cannot grow (the machine is out of memory), gives the memory back and says so. */
function orJs<T>(wasm: () => T, js: () => T, m: number, k: number, n: number): T {
  try {
    return wasm();
  } catch (error) {
    if (!(error instanceof RangeError) || !/memory/i.test(error.message)) throw error;
    releaseWasmMemory();
    fallbackNotice(`a ${m}×${k} by ${k}×${n} matrix product could not grow the WebAssembly memory (${error.message}): it runs in JavaScript instead`);
    return js();
  }
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
  const js = () => matmulJs(a, b, m, k, n, target(out, m, n, accumulate), accumulate);
  if (usesWasm(m, k, n)) return orJs(() => matmulWasm(a, b, m, k, n, out, accumulate), js, m, k, n);
  return js();
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
  const js = () => matmulTransBJs(a, b, m, k, n, target(out, m, n, accumulate), accumulate);
  if (usesWasm(m, k, n)) return orJs(() => matmulTransBWasm(a, b, m, k, n, out, accumulate), js, m, k, n);
  return js();
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
  const js = () => matmulTransAJs(a, b, m, k, n, target(out, m, n, accumulate), accumulate);
  if (usesWasm(m, k, n)) return orJs(() => matmulTransAWasm(a, b, m, k, n, out, accumulate), js, m, k, n);
  return js();
}
