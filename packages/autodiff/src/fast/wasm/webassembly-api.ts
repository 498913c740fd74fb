/**
 * The parts of the WebAssembly JavaScript API this code uses, typed here: the package compiles
 * against ES2022 and Node's types, neither of which declares the `WebAssembly` global.
 * https://webassembly.github.io/spec/js-api/
 */

/** A linear memory: one resizable ArrayBuffer, grown in 64 KiB pages. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  /** Adds `pages` pages; the old `buffer` is detached (length 0) and a new one takes its place. */
  grow(pages: number): number;
}

export interface WasmApi {
  /** Whether the bytes are a valid module for this engine (false, e.g., if it lacks SIMD). */
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: object };
}

/** The engine's WebAssembly API, or undefined where there is none. */
export function webAssemblyApi(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
}
