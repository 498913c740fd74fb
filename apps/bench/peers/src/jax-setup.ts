/**
 * jax-js 0.1.25 in a worker, on its WebAssembly device (kernels it generates itself).
 *
 * Two things Node 20 needs: `init('cpu', 'wasm')` (a plain `init()` also probes WebGPU and fails
 * on the missing `navigator`), and a stand-in for `Float16Array`, a global Node 20 lacks that
 * jax-js tests `instanceof` against before it accepts a Float64Array (the stand-in matches
 * nothing, so no data ever goes down the float16 path).
 */
import { defaultDevice, init, numpy as np } from '@jax-js/jax';

export type JaxDType = 'float32' | 'float64';

export async function startJax(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  g.Float16Array ??= class Float16ArrayUnavailable {};
  const devices = await init('cpu', 'wasm');
  if (!devices.includes('wasm')) throw new Error(`jax-js wasm device unavailable (got ${devices.join(', ')})`);
  defaultDevice('wasm');
}

/** A flat row-major float64 array as a jax-js array of the given shape and dtype. */
export function jaxArray(values: Float64Array, shape: number[], dtype: JaxDType): np.Array {
  return np.array(Array.from(values), { shape, dtype: dtype === 'float64' ? np.float64 : np.float32 });
}
