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
import { instantiateMatmul, matmulModuleBytes, type MatmulKernels } from './matmul-module.js';
import { F64_BYTES, roundUp, TILE_COLS, TILE_ROWS } from './tile.js';
import { webAssemblyApi, type WasmMemory } from './webassembly-api.js';

const PAGE_BYTES = 65536;

interface Runtime {
  kernels: MatmulKernels;
  memory: WasmMemory;
}

let runtime: Runtime | undefined;
let simdAvailable: boolean | undefined;

/** True if this JavaScript engine runs WebAssembly with SIMD (Node ≥ 16.4, current browsers). */
export function wasmSimdAvailable(): boolean {
  if (simdAvailable === undefined) {
    const wasm = webAssemblyApi();
    try {
      simdAvailable = wasm !== undefined && wasm.validate(matmulModuleBytes());
    } catch {
      simdAvailable = false;
    }
  }
  return simdAvailable;
}

/** Compiles the module and creates its memory on first use. */
function getRuntime(): Runtime {
  if (runtime === undefined) {
    const wasm = webAssemblyApi();
    if (wasm === undefined || !wasmSimdAvailable()) {
      throw new Error('matmulWasm: this JavaScript engine has no WebAssembly SIMD');
    }
    const memory = new wasm.Memory({ initial: 1 });
    runtime = { kernels: instantiateMatmul(wasm, matmulModuleBytes(), memory), memory };
  }
  return runtime;
}

/** A Float64Array over the memory with room for `doubles` numbers, growing the memory if needed. */
function memoryFor(memory: WasmMemory, doubles: number): Float64Array {
  const bytes = doubles * F64_BYTES;
  if (bytes > memory.buffer.byteLength) {
    // Growing detaches the old ArrayBuffer, so views are made after it, never kept across calls.
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES));
  }
  return new Float64Array(memory.buffer);
}

/**
 * Copies the row-major [rows, cols] matrix `src` into `heap` at double offset `at` as a
 * [paddedRows, paddedCols] matrix, zeros in the padding. One bulk copy when no columns are
 * added, else one per row.
 */
function stage(
  heap: Float64Array,
  at: number,
  src: Float64Array,
  rows: number,
  cols: number,
  paddedRows: number,
  paddedCols: number,
): void {
  if (cols === paddedCols) {
    heap.set(src.subarray(0, rows * cols), at);
  } else {
    for (let r = 0; r < rows; r++) {
      const to = at + r * paddedCols;
      heap.set(src.subarray(r * cols, (r + 1) * cols), to);
      heap.fill(0, to + cols, to + paddedCols);
    }
  }
  heap.fill(0, at + rows * paddedCols, at + paddedRows * paddedCols);
}

/** Which way each operand is stored; the math is always C[i, j] = Σ_p A(i, p) · B(p, j). */
interface Layout {
  /** a is [k, m] (so A = aᵀ) instead of [m, k]. */
  transA: boolean;
  /** b is [n, k] (so B = bᵀ) instead of [k, n]. */
  transB: boolean;
}

function product(a: Float64Array, b: Float64Array, m: number, k: number, n: number, layout: Layout): Float64Array {
  if (m === 0 || n === 0 || k === 0) return new Float64Array(m * n);
  const { kernels, memory } = getRuntime();
  const mPad = roundUp(m, TILE_ROWS);
  const nPad = roundUp(n, TILE_COLS);
  // Memory map, in doubles; every region is a multiple of 4 doubles long, so all start
  // 32-byte aligned: [staged a | staged b | packed A | packed B | C].
  const stagedA = 0;
  const stagedB = stagedA + mPad * k;
  const packedA = stagedB + k * nPad;
  const packedB = packedA + mPad * k;
  const c = packedB + k * nPad;
  const heap = memoryFor(memory, c + mPad * nPad);

  if (layout.transA) {
    stage(heap, stagedA, a, k, m, k, mPad);
    kernels.packColumnsA(stagedA * F64_BYTES, packedA * F64_BYTES, mPad / TILE_ROWS, k, mPad * F64_BYTES);
  } else {
    stage(heap, stagedA, a, m, k, mPad, k);
    kernels.packRowsA(stagedA * F64_BYTES, packedA * F64_BYTES, mPad / TILE_ROWS, k, k * F64_BYTES);
  }
  if (layout.transB) {
    stage(heap, stagedB, b, n, k, nPad, k);
    kernels.packRowsB(stagedB * F64_BYTES, packedB * F64_BYTES, nPad / TILE_COLS, k, k * F64_BYTES);
  } else {
    stage(heap, stagedB, b, k, n, k, nPad);
    kernels.packColumnsB(stagedB * F64_BYTES, packedB * F64_BYTES, nPad / TILE_COLS, k, nPad * F64_BYTES);
  }
  heap.fill(0, c, c + mPad * nPad); // the kernel adds into C
  kernels.gemm(packedA * F64_BYTES, packedB * F64_BYTES, c * F64_BYTES, mPad / TILE_ROWS, nPad / TILE_COLS, k, nPad * F64_BYTES);

  if (nPad === n) return heap.slice(c, c + m * n);
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) out.set(heap.subarray(c + i * nPad, c + i * nPad + n), i * n);
  return out;
}

/**
 * C = A·B for A [m, k] and B [k, n], row-major: exactly `matmul` from kernels.ts, and
 * bit-for-bit the same numbers (same summation order, no fused multiply-add).
 * Throws if WebAssembly SIMD is missing (see wasmSimdAvailable) or memory cannot grow.
 */
export function matmulWasm(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  return product(a, b, m, k, n, { transA: false, transB: false });
}

/**
 * C = A·Bᵀ for a = A [m, k] and b [n, k] (so Bᵀ is [k, n]); C is [m, n]. In backward,
 * dA = dC·Bᵀ without transposing B first. Same numbers as matmul(a, transpose(b)).
 */
export function matmulTransBWasm(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  return product(a, b, m, k, n, { transA: false, transB: true });
}

/**
 * C = Aᵀ·B for a [k, m] (so Aᵀ is [m, k]) and b = B [k, n]; C is [m, n]. In backward,
 * dB = Aᵀ·dC without transposing A first. Same numbers as matmul(transpose(a), b).
 */
export function matmulTransAWasm(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  return product(a, b, m, k, n, { transA: true, transB: false });
}
