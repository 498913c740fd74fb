/**
 * The register tile: how many rows and columns of C the kernel computes at once.
 *
 * Chosen by measurement on the 2-core AMD EPYC (Zen 4) this project benchmarks on: the gemm
 * kernel alone on packed operands, 256³, GFLOP/s, best of 9 rounds (the machine is shared):
 *
 *     rows × cols   4×4   2×8   3×8   2×12  5×4   6×4   4×6   3×6   4×2   2×4   8×2
 *     GFLOP/s       21.5  20.2  12.4  11.5  11.2  10.7  9.7   9.8   9.2   8.7   4.4
 *
 * Why 8 accumulators (4×4 or 2×8, as f64x2 vectors) win: the CPU starts two vector adds per
 * cycle but each takes 3 cycles to finish, and an accumulator's next add must wait for its
 * last one, so at least 2 × 3 = 6 independent accumulators are needed to keep the adders
 * busy (4×2 and 2×4, with 4, run at half speed). 8, plus 2 vectors of B, 1 splat of A and a
 * product, fit in the 16 SSE/AVX registers V8 compiles wasm SIMD to. Bigger tiles measured
 * slower, already from 10 accumulators (5×4): past that point V8's register allocator keeps
 * values on the stack. At 21.5 GFLOP/s the kernel runs near this core's peak for separate
 * multiply and add on 2-wide vectors (standard wasm SIMD has no fused multiply-add).
 */
export const TILE_ROWS = 4;
/** Must be even: a row of the tile is TILE_COLS / 2 f64x2 vectors. */
export const TILE_COLS = 4;

/** Bytes in one float64. */
export const F64_BYTES = 8;
/** Bytes in one v128 (an f64x2 vector). */
export const V128_BYTES = 16;

/** n rounded up to a multiple of `multiple`. */
export function roundUp(n: number, multiple: number): number {
  return Math.ceil(n / multiple) * multiple;
}
