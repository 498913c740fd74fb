/**
 * The compiled matmul module and the one memory every call shares: made on first use, grown
 * when a product needs more room, released on request.
 */
import { compileMatmul, instantiateMatmul, matmulModuleBytes, type MatmulKernels } from './matmul-module.js';
import { F64_BYTES } from './tile.js';
import { webAssemblyApi, type WasmMemory } from './webassembly-api.js';

const PAGE_BYTES = 65536;

export interface Runtime {
  kernels: MatmulKernels;
  memory: WasmMemory;
}

let runtime: Runtime | undefined;
let moduleBytes: Uint8Array | undefined;
let compiled: object | undefined;
let simdAvailable: boolean | undefined;

function bytes(): Uint8Array {
  moduleBytes ??= matmulModuleBytes();
  return moduleBytes;
}

/** True if this JavaScript engine runs WebAssembly with SIMD (Node ≥ 16.4, current browsers). */
export function wasmSimdAvailable(): boolean {
  if (simdAvailable === undefined) {
    const wasm = webAssemblyApi();
    try {
      simdAvailable = wasm !== undefined && wasm.validate(bytes());
    } catch {
      simdAvailable = false;
    }
  }
  return simdAvailable;
}

/** Compiles the module and creates its memory on first use (a few milliseconds, once). */
export function getRuntime(): Runtime {
  if (runtime === undefined) {
    const wasm = webAssemblyApi();
    if (wasm === undefined || !wasmSimdAvailable()) {
      throw new Error('matmulWasm: this JavaScript engine has no WebAssembly SIMD');
    }
    compiled ??= compileMatmul(wasm, bytes());
    const memory = new wasm.Memory({ initial: 1 });
    runtime = { kernels: instantiateMatmul(wasm, compiled, memory), memory };
  }
  return runtime;
}

/**
 * The memory only grows (to the largest product seen so far: about 5 × 8 bytes per element of
 * A, B and C). This drops it; the next call starts again with a fresh, small one. Products
 * call it themselves past KEEP_BYTES (matmul-wasm.ts), so one big product does not hold its
 * memory for the rest of the program.
 */
export function releaseWasmMemory(): void {
  runtime = undefined;
  reserved = 0;
}

/** Memory kept between products: 64 MB covers every product of an LSTM step many times over. */
export const KEEP_BYTES = 64 * 2 ** 20;

/** The bytes the module's memory holds now (0 before the first product or after a release). */
export function wasmMemoryBytes(): number {
  return runtime?.memory.buffer.byteLength ?? 0;
}

/**
 * The start of the memory is kept for operands packed once and used by many products
 * (`withPackedRight`, packed-right.ts): every call lays out its own copies from here on.
 * In doubles, a multiple of 4 (so the regions after it stay 32-byte aligned).
 */
let reserved = 0;

/** Where a call may start writing, in doubles: past the packed operands kept in memory. */
export function freeStart(): number {
  return reserved;
}

/** Moves the start of free memory (packed-right.ts keeps an operand below it, then gives it back). */
export function setFreeStart(doubles: number): void {
  reserved = doubles;
}

/** A Float64Array over the memory with room for `doubles` numbers, growing the memory if needed. */
export function memoryFor(memory: WasmMemory, doubles: number): Float64Array {
  const bytes = doubles * F64_BYTES;
  if (bytes > memory.buffer.byteLength) {
    // Growing detaches the old ArrayBuffer, so views are made after it, never kept across calls.
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES));
  }
  return new Float64Array(memory.buffer);
}
