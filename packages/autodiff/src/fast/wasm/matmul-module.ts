/**
 * Puts the generated functions into one WebAssembly module and compiles it against a memory.
 */
import { expKernel } from './exp-kernel.js';
import { gemmKernel } from './gemm-kernel.js';
import { encodeModule, type MemoryImport } from './module.js';
import { ValType } from './opcodes.js';
import { packColumnsKernel, packRowsKernel } from './pack-kernels.js';
import { TILE_COLS, TILE_ROWS } from './tile.js';
import type { WasmApi, WasmMemory } from './webassembly-api.js';

/** The module's functions as JavaScript sees them. Every argument is an i32; addresses in bytes. */
export interface MatmulKernels {
  /** C = Ã·B̃, or C += Ã·B̃ if accumulate is 1, on packed panels (gemm-kernel.ts). */
  gemm(
    a: number,
    aPanelBytes: number,
    b: number,
    bPanelBytes: number,
    c: number,
    rowPanels: number,
    colPanels: number,
    k: number,
    cRowBytes: number,
    accumulate: number,
  ): void;
  /** Panels of TILE_ROWS rows of a [·, k] matrix: packs A of A·B. */
  packRowsA(src: number, dst: number, panels: number, k: number, srcRowBytes: number): void;
  /** Panels of TILE_ROWS columns of a [k, ·] matrix: packs A of Aᵀ·B. */
  packColumnsA(src: number, dst: number, panels: number, k: number, srcRowBytes: number): void;
  /** Panels of TILE_COLS rows of a [·, k] matrix: packs B of A·Bᵀ. */
  packRowsB(src: number, dst: number, panels: number, k: number, srcRowBytes: number): void;
  /** Panels of TILE_COLS columns of a [k, ·] matrix: packs B of A·B. */
  packColumnsB(src: number, dst: number, panels: number, k: number, srcRowBytes: number): void;
  /** e^x for groups × 2·EXP_VECTORS doubles from byte address `from` to `to`; 1 if some x was out of range (exp-kernel.ts). */
  exp(from: number, to: number, groups: number): number;
}

/** The module imports its memory as `env.memory`, so JavaScript can create it and grow it. */
export const MEMORY: MemoryImport = { module: 'env', name: 'memory', minPages: 1 };

/** The module's bytes: about 2.6 KB, built in a few milliseconds. */
export function matmulModuleBytes(): Uint8Array {
  const results: [] = [];
  return encodeModule(
    [
      { name: 'gemm', results, body: gemmKernel() },
      { name: 'packRowsA', results, body: packRowsKernel(TILE_ROWS) },
      { name: 'packColumnsA', results, body: packColumnsKernel(TILE_ROWS) },
      { name: 'packRowsB', results, body: packRowsKernel(TILE_COLS) },
      { name: 'packColumnsB', results, body: packColumnsKernel(TILE_COLS) },
      { name: 'exp', results: [ValType.i32], body: expKernel() },
    ],
    MEMORY,
  );
}

/**
 * Compiles the module. Synchronous: fine in Node and workers (browsers' main threads refuse
 * synchronous compiles only of modules over 4 KB). V8 first compiles it quickly to slower
 * code, then, once the functions have run a while, recompiles them optimized in the
 * background: the first call or two of a big product run at a fraction of full speed.
 */
export function compileMatmul(wasm: WasmApi, bytes: Uint8Array): object {
  return new wasm.Module(bytes);
}

/** An instance of the compiled module working on `memory`. */
export function instantiateMatmul(wasm: WasmApi, compiled: object, memory: WasmMemory): MatmulKernels {
  const instance = new wasm.Instance(compiled, {
    [MEMORY.module]: { [MEMORY.name]: memory },
  });
  return instance.exports as unknown as MatmulKernels;
}
