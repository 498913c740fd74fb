/**
 * expAll: e^x for every number of an array, by the WebAssembly SIMD kernel of exp-kernel.ts
 * (two at a time, within 2 ulp of Math.exp), with ±∞, NaN and results beyond the kernel's
 * range left to Math.exp itself; by Math.exp alone where there is no SIMD. For loops whose cost
 * is their exponentials, such as a fused LSTM step's gates: Math.exp, called once per number,
 * costs as much as ten or more multiplications.
 */
import { EXP_MAX, EXP_MIN, EXP_VECTORS } from './exp-kernel.js';
import { F64_BYTES } from './tile.js';
import { freeStart, getRuntime, memoryFor, wasmSimdAvailable } from './runtime.js';

/** out[i] = e^x[i] (out may be x itself); returns out. */
export function expAll(x: Float64Array, out: Float64Array = new Float64Array(x.length)): Float64Array {
  if (out.length !== x.length) throw new RangeError(`expAll: out has ${out.length} elements, x has ${x.length}`);
  if (!wasmSimdAvailable()) {
    for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]);
    return out;
  }
  const n = x.length;
  const perGroup = 2 * EXP_VECTORS; // the kernel takes groups of this many numbers
  const groups = Math.ceil(n / perGroup);
  const padded = groups * perGroup;
  const { kernels, memory } = getRuntime();
  const at = freeStart(); // [x, padded | e^x, padded]
  const heap = memoryFor(memory, at + 2 * padded);
  heap.set(x, at);
  heap.fill(0, at + n, at + padded);
  const someOutside = kernels.exp(at * F64_BYTES, (at + padded) * F64_BYTES, groups);
  out.set(heap.subarray(at + padded, at + padded + n));
  // The kernel's range is [EXP_MIN, EXP_MAX]; a number outside it (or NaN) gets Math.exp.
  if (someOutside) {
    for (let i = 0; i < n; i++) {
      const v = heap[at + i];
      if (!(v >= EXP_MIN && v <= EXP_MAX)) out[i] = Math.exp(v);
    }
  }
  return out;
}

