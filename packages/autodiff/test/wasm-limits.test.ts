// How big a product runs in WebAssembly, and what is said when one cannot.
import { describe, expect, it } from 'vitest';
import { onWasmFallback, usesWasm, WASM_MAX_BYTES, wasmBytesFor, wasmSimdAvailable } from '../src/fast/index.js';

describe.runIf(wasmSimdAvailable())('the size limit of wasm products', () => {
  it('needs two copies of A and B and one of C (padded to whole tiles)', () => {
    // 8×8 by 8×8: staged and packed A (2·64), staged and packed B (2·64), C with rows 8 + 4 apart (8·12).
    expect(wasmBytesFor(8, 8, 8)).toBe((2 * 64 + 2 * 64 + 8 * 12) * 8);
    // 5000³ takes about 1 GB: it used to fall back to JavaScript (92 s against 4 s for 3000³).
    expect(wasmBytesFor(5000, 5000, 5000)).toBeGreaterThan(0.9e9);
    expect(wasmBytesFor(5000, 5000, 5000)).toBeLessThan(WASM_MAX_BYTES);
  });

  it('keeps 5000 × 5000 in wasm and says once, naming the size and the limit, when a product is past it', () => {
    const heard: string[] = [];
    onWasmFallback((message) => heard.push(message));
    try {
      expect(usesWasm(5000, 5000, 5000)).toBe(true);
      expect(heard).toEqual([]);
      expect(usesWasm(12_000, 12_000, 12_000)).toBe(false);
      expect(usesWasm(12_000, 12_000, 12_000)).toBe(false);
      expect(usesWasm(13_000, 13_000, 13_000)).toBe(false);
      expect(heard).toHaveLength(1); // once per kind of message, not once per product
      expect(heard[0]).toMatch(/^a 12000×12000 by 12000×12000 matrix product needs 5\.4 GB of WebAssembly memory, more than its 2\.0 GB limit: it runs in JavaScript instead/);
      expect(usesWasm(16, 16, 16)).toBe(true);
      expect(usesWasm(2, 2, 2)).toBe(false); // too small to pay for the copies: no message
      expect(heard).toHaveLength(1);
    } finally {
      onWasmFallback(undefined);
    }
  });
});
