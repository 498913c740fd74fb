/**
 * @chainrule/autodiff/fast: the tuned path, beside the textbook engine.
 *
 *   import { useFastPath } from '@chainrule/autodiff/fast';
 *   useFastPath(); // from here on: WebAssembly matrix products, and the in-place backward pass
 *
 * `useFastPath()` plugs two things into the seam (../seam.ts): the matrix products of
 * wasm/ (WebAssembly SIMD, about 9× the JavaScript loops on an LSTM's products, equal to them
 * bit for bit) and `backpropagateInPlace` (backward.ts: the textbook pass adding into the sums it
 * owns). Gradients stay the textbook path's (test/fast-path.property.test.ts).
 *
 * The rest is plumbing for hand-written loops (customVjp bodies, as @chainrule/nn's fused LSTM):
 * the matrix kernels on flat Float64Arrays, one operand packed once for many products, and e^x of
 * a whole array. This folder imports nothing from the textbook side but types.
 */
import { plugIn, type FastPath } from '../seam.js';
import { backpropagateInPlace } from './backward.js';
import { matmulAuto, matmulTransBAuto } from './wasm/matmul-auto.js';

/** The tuned path, as the seam takes it. */
export const fastPath: FastPath = {
  products: {
    matmul: (a, b, m, k, n) => matmulAuto(a, b, m, k, n),
    matmulBT: (a, b, m, k, n) => matmulTransBAuto(a, b, m, k, n),
  },
  backward: backpropagateInPlace,
};

/** Switches the tuned path on (`false`: back to the textbook path). Affects every tensor op and `backward()` of the program. */
export function useFastPath(on = true): void {
  plugIn(on ? fastPath : null);
}

export { backpropagateInPlace } from './backward.js';
export { inPlaceRules, type InPlaceRule } from './in-place-rules.js';
/**
 * Matrix products on flat row-major Float64Arrays, for hand-written forward and backward loops
 * (customVjp): C = A·B, A·Bᵀ, Aᵀ·B of [m, k]·[k, n], written into `out` if given, or added to it
 * with `accumulate`. WebAssembly SIMD when the product is big enough to pay for the copies.
 */
export { matmulAuto, matmulTransAAuto, matmulTransBAuto, usesWasm, WASM_MIN_WORK, WASM_MAX_BYTES, wasmBytesFor, onWasmFallback } from './wasm/matmul-auto.js';
export { matmulWasm, matmulTransAWasm, matmulTransBWasm } from './wasm/matmul-wasm.js';
export { wasmSimdAvailable, releaseWasmMemory, wasmMemoryBytes, KEEP_BYTES } from './wasm/runtime.js';
/** Many products A·B with one B, packed into the kernel's memory once (an RNN's W_hh at every step). */
export { withPackedRight, type TimesPackedRight } from './wasm/packed-right.js';
/** e^x of a whole Float64Array, in WebAssembly SIMD (within 2 ulp of Math.exp). */
export { expAll } from './wasm/exp-wasm.js';
