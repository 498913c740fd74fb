/**
 * withPackedRight: many products A·B with the SAME right operand B, which is copied into the
 * WebAssembly memory and packed once instead of once per product.
 *
 * An LSTM multiplies a different h_{t−1} [32, 128] by the same W_hhᵀ [128, 512] at each of its
 * T steps (and dz_t [32, 512] by W_hh on the way back). Each call of matmulWasm copies and packs
 * both operands; for these shapes W_hh's 64 K numbers cost about a sixth of the product itself.
 * Here B is packed at the start of free memory, which is then moved past it (runtime.ts,
 * `setFreeStart`) so that other calls made meanwhile (expAll, matmulWasm) leave it alone; each
 * product copies in only A and copies out C. Results are bit for bit those of matmulWasm.
 */
import { matmulAuto, matmulTransBAuto, usesWasm } from './matmul-auto.js';
import { multiplyPacked, packRight } from './matmul-wasm.js';
import { freeStart, getRuntime, memoryFor, setFreeStart, wasmSimdAvailable } from './runtime.js';
import { roundUp, TILE_COLS } from './tile.js';

/** A B bigger than this (in doubles) is not kept in memory: each product runs on its own. */
const MAX_PACKED_DOUBLES = 2 ** 24;

/**
 * C = A·B (A [m, k]) with the fixed B: written into `out` (m·n long) and returned, or with
 * `accumulate` added to what `out` holds (each term in order, as matmulWasm does).
 */
export type TimesPackedRight = (a: Float64Array, m: number, out: Float64Array, accumulate?: boolean) => Float64Array;

/**
 * Runs `body` with a function that computes A·B for the fixed B: b is B [k, n], or with
 * `transB` b is [n, k] and B = bᵀ (a layer's x·Wᵀ with W stored [out, in]). B is packed once
 * before `body` and its memory given back after it. Products too small for WebAssembly (see
 * matmul-auto.ts) run in JavaScript, as matmulAuto would, and so does everything without SIMD. Calls may nest; `body` must not keep
 * the function past its return.
 */
export function withPackedRight<R>(
  b: Float64Array,
  k: number,
  n: number,
  transB: boolean,
  body: (times: TimesPackedRight) => R,
): R {
  // Each product on its own (matmul-auto.ts: JavaScript when small, else staged and packed).
  const onItsOwn: TimesPackedRight = (a, m, out, accumulate = false) => {
    checkOut(out, m, n);
    return transB ? matmulTransBAuto(a, b, m, k, n, out, accumulate) : matmulAuto(a, b, m, k, n, out, accumulate);
  };
  if (k === 0 || n === 0 || k * n > MAX_PACKED_DOUBLES || !wasmSimdAvailable()) return body(onItsOwn);
  const { kernels, memory } = getRuntime();
  const start = freeStart();
  const packedB = start;
  const staged = packedB + k * roundUp(n, TILE_COLS);
  packRight(kernels, memoryFor(memory, staged + k * roundUp(n, TILE_COLS)), b, k, n, transB, staged, packedB);
  setFreeStart(staged); // B stays below this while body runs
  try {
    return body((a, m, out, accumulate = false) => {
      if (m === 0 || !usesWasm(m, k, n)) return onItsOwn(a, m, out, accumulate);
      checkOut(out, m, n);
      return multiplyPacked(a, m, k, n, false, packedB, freeStart(), out, accumulate);
    });
  } finally {
    setFreeStart(start);
  }
}

function checkOut(out: Float64Array, m: number, n: number): void {
  if (out.length !== m * n) throw new RangeError(`withPackedRight: out has ${out.length} elements, the product ${m}×${n} = ${m * n}`);
}
