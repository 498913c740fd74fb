/**
 * Matrix products in WebAssembly SIMD, with the same contract as `matmul` in kernels.ts:
 * flat row-major Float64Arrays in, a fresh Float64Array out, shapes assumed valid.
 *
 * Each call: copy the operands into the module's memory, zero-padded to whole tiles (the
 * "staging" copies); pack them into panels (in wasm); run the gemm kernel; copy C out.
 * The memory is created once and reused by every call, grown when a call needs more. The
 * copies cost O(mk + kn + mn) against the kernel's O(mkn), so they matter only for small
 * products; matmul-auto.ts sends those to the plain JavaScript kernel instead.
 */
import type { MatmulKernels } from './matmul-module.js';
import { freeStart, getRuntime, KEEP_BYTES, memoryFor, releaseWasmMemory } from './runtime.js';
import { stage } from './staging.js';
import { F64_BYTES, roundUp, TILE_COLS, TILE_ROWS } from './tile.js';

/**
 * Cache blocking for big products. Rows of C per block: the block's part of Ã (64 × 256 × 8 =
 * 128 KB) stays in the L2 cache while every B̃ panel passes over it...
 */
const BLOCK_ROWS = 64;
/**
 * ...and k steps per block: the part of a B̃ panel in use (256 × 4 × 8 = 8 KB) stays in L1.
 * Products up to 64 × 256 × n are one block. Measured (GFLOP/s, median of 7, busy machine):
 * 1024³ 5.4 unblocked → 9.2 blocked; 1536³ 6.2 → 11.7; 512³ and below: no difference.
 */
const BLOCK_K = 256;

/**
 * C = Ã·B̃ for packed Ã [mPad, k] and B̃ [k, nPad], in blocks of BLOCK_ROWS rows and BLOCK_K
 * k steps so both the B̃ panel and the Ã block being multiplied stay in cache. The first k
 * block writes C, the others add to it, in order, so each element of C is still summed for
 * p = 0, 1, …, k-1. With `accumulate` the first block adds to C too: C + Ã·B̃.
 */
function multiplyBlocked(
  kernels: MatmulKernels,
  a: number,
  b: number,
  c: number,
  cRowLength: number,
  mPad: number,
  k: number,
  nPad: number,
  accumulate: boolean,
): void {
  const aPanelBytes = k * TILE_ROWS * F64_BYTES;
  const bPanelBytes = k * TILE_COLS * F64_BYTES;
  for (let p0 = 0; p0 < k; p0 += BLOCK_K) {
    const kBlock = Math.min(BLOCK_K, k - p0);
    for (let i0 = 0; i0 < mPad; i0 += BLOCK_ROWS) {
      const rows = Math.min(BLOCK_ROWS, mPad - i0);
      kernels.gemm(
        a + (i0 * k + p0 * TILE_ROWS) * F64_BYTES,
        aPanelBytes,
        b + p0 * TILE_COLS * F64_BYTES,
        bPanelBytes,
        c + i0 * cRowLength * F64_BYTES,
        rows / TILE_ROWS,
        nPad / TILE_COLS,
        kBlock,
        cRowLength * F64_BYTES,
        p0 === 0 && !accumulate ? 0 : 1,
      );
    }
  }
}

/**
 * Doubles from one row of C to the next in wasm memory. The kernel fills C a column of tiles
 * at a time, down 64 rows; if rows are a multiple of 1 KB apart, those rows share a few of
 * the L1 cache's 64 sets and evict each other before the next column of tiles writes the
 * other half of their cache lines. One tile of padding spreads them out: measured 1.3–1.6×
 * faster for [128,32]@[32,512], the same elsewhere.
 */
function cRowLengthFor(nPad: number): number {
  return nPad % 128 === 0 ? nPad + TILE_COLS : nPad;
}

/** Which way each operand is stored; the math is always C[i, j] = Σ_p A(i, p) · B(p, j). */
interface Layout {
  /** a is [k, m] (so A = aᵀ) instead of [m, k]. */
  transA: boolean;
  /** b is [n, k] (so B = bᵀ) instead of [k, n]. */
  transB: boolean;
}

/**
 * The three products share this: stage, pack, multiply, copy C out (into `out` if given, or
 * added to what `out` holds with `accumulate`: a gradient summed over time steps).
 */
function product(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  layout: Layout,
  out: Float64Array | undefined,
  accumulate = false,
): Float64Array {
  if (out !== undefined && out.length !== m * n) {
    throw new RangeError(`matmulWasm: out has ${out.length} elements, the product ${m}×${n} = ${m * n}`);
  }
  if (accumulate && out === undefined) throw new RangeError('matmulWasm: accumulate needs an out array to add to');
  if (m === 0 || n === 0 || k === 0) {
    if (out === undefined) return new Float64Array(m * n);
    return accumulate ? out : out.fill(0);
  }
  const { kernels, memory } = getRuntime();
  const nPad = roundUp(n, TILE_COLS);
  // Memory map, in doubles, from the first free double (past any operand packed for many
  // products, packed-right.ts); every region is a multiple of 4 doubles long, so all start
  // 32-byte aligned: [staged b | packed B | staged a | packed A | C (rows cRowLength apart)].
  const stagedB = freeStart();
  const packedB = stagedB + k * nPad;
  const stagedA = packedB + k * nPad;
  const heap = memoryFor(memory, stagedA);
  packRight(kernels, heap, b, k, n, layout.transB, stagedB, packedB);
  const result = multiplyPacked(a, m, k, n, layout.transA, packedB, stagedA, out, accumulate);
  // A big product leaves a big memory behind: give it back, unless an operand is packed in it.
  if (memory.buffer.byteLength > KEEP_BYTES && freeStart() === 0) releaseWasmMemory();
  return result;
}

/** Copies B (b [k, n], or [n, k] with transB) into memory at `staged` and packs it at `packed`. */
export function packRight(
  kernels: MatmulKernels,
  heap: Float64Array,
  b: Float64Array,
  k: number,
  n: number,
  transB: boolean,
  staged: number,
  packed: number,
): void {
  const nPad = roundUp(n, TILE_COLS);
  if (transB) {
    stage(heap, staged, b, n, k, nPad, k);
    kernels.packRowsB(staged * F64_BYTES, packed * F64_BYTES, nPad / TILE_COLS, k, k * F64_BYTES);
  } else {
    stage(heap, staged, b, k, n, k, nPad);
    kernels.packColumnsB(staged * F64_BYTES, packed * F64_BYTES, nPad / TILE_COLS, k, nPad * F64_BYTES);
  }
}

/**
 * The rest of a product once B is packed at `packedB`: copy A in and pack it (from double
 * `free` on), multiply, copy C out (into `out` if given, or added to what `out` holds with
 * `accumulate`: a gradient summed over time steps).
 */
export function multiplyPacked(
  a: Float64Array,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  packedB: number,
  free: number,
  out: Float64Array | undefined,
  accumulate: boolean,
): Float64Array {
  const { kernels, memory } = getRuntime();
  const mPad = roundUp(m, TILE_ROWS);
  const nPad = roundUp(n, TILE_COLS);
  const stagedA = free;
  const packedA = stagedA + mPad * k;
  const c = packedA + mPad * k;
  // Adding to `out` copies C in as well as out; rows exactly n apart make both copies one bulk
  // copy each instead of one per row, which for a weight's gradient (512 rows of 128) costs more
  // than the cache conflicts the padding avoids: measured on T1, about 4% of the whole step.
  const cRowLength = accumulate && nPad === n ? n : cRowLengthFor(nPad);
  const heap = memoryFor(memory, c + mPad * cRowLength);

  if (transA) {
    stage(heap, stagedA, a, k, m, k, mPad);
    kernels.packColumnsA(stagedA * F64_BYTES, packedA * F64_BYTES, mPad / TILE_ROWS, k, mPad * F64_BYTES);
  } else {
    stage(heap, stagedA, a, m, k, mPad, k);
    kernels.packRowsA(stagedA * F64_BYTES, packedA * F64_BYTES, mPad / TILE_ROWS, k, k * F64_BYTES);
  }
  // To add to `out`, C starts as `out` and the kernel adds every product term to it, in order.
  if (accumulate && out !== undefined) stage(heap, c, out, m, n, mPad, cRowLength);
  multiplyBlocked(kernels, packedA * F64_BYTES, packedB * F64_BYTES, c * F64_BYTES, cRowLength, mPad, k, nPad, accumulate);

  if (cRowLength === n && out === undefined) return heap.slice(c, c + m * n);
  const result = out ?? new Float64Array(m * n);
  if (cRowLength === n) result.set(heap.subarray(c, c + m * n));
  else for (let i = 0; i < m; i++) result.set(heap.subarray(c + i * cRowLength, c + i * cRowLength + n), i * n);
  return result;
}

/**
 * C = A·B for A [m, k] and B [k, n], row-major: exactly `matmul` from kernels.ts, and
 * bit-for-bit the same numbers (same summation order, no fused multiply-add). Returns a
 * fresh array, or writes C into `out` (m·n long; not a, b, or a view of them) and returns it:
 * allocating a large result each call can cost more than the multiplication of a small one.
 * With `accumulate`, the product is added to what `out` holds, each term in order,
 * ((out + a₀b₀) + a₁b₁) + …, as `matmul` of kernels.ts does when given an array to add to.
 * Throws if WebAssembly SIMD is missing (see wasmSimdAvailable) or memory cannot grow.
 */
export function matmulWasm(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  out?: Float64Array,
  accumulate = false,
): Float64Array {
  return product(a, b, m, k, n, { transA: false, transB: false }, out, accumulate);
}

/**
 * C = A·Bᵀ for a = A [m, k] and b [n, k] (so Bᵀ is [k, n]); C is [m, n]. In backward,
 * dA = dC·Bᵀ without transposing B first. Same numbers as matmul(a, transpose(b)); `out`
 * as in matmulWasm.
 */
export function matmulTransBWasm(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  out?: Float64Array,
  accumulate = false,
): Float64Array {
  return product(a, b, m, k, n, { transA: false, transB: true }, out, accumulate);
}

/**
 * C = Aᵀ·B for a [k, m] (so Aᵀ is [m, k]) and b = B [k, n]; C is [m, n]. In backward,
 * dB = Aᵀ·dC without transposing A first. Same numbers as matmul(transpose(a), b); `out`
 * as in matmulWasm.
 */
export function matmulTransAWasm(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  out?: Float64Array,
  accumulate = false,
): Float64Array {
  return product(a, b, m, k, n, { transA: true, transB: false }, out, accumulate);
}
