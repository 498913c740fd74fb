/**
 * The register tile: how many rows and columns of C the kernel computes at once.
 *
 * Chosen by measurement on the 2-core AMD EPYC (Zen 4) this project benchmarks on, kernel
 * alone, GFLOP/s at 256³ (best of 7; the machine is shared, so noisy):
 *
 *     rows × cols   4×4   2×8   4×6   6×4   3×6   5×4   8×2
 *     GFLOP/s        22    22    14    14    10    11    10
 *
 * 4×4 holds 8 f64x2 accumulators plus 2 vectors of B, 1 splat of A and a product: 12 of the
 * 16 SSE/AVX registers V8 allocates from. Bigger tiles would do more arithmetic per load, but
 * they no longer fit: V8 spills accumulators to the stack and loses more than it gains.
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
