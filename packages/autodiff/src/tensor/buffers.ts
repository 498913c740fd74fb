/**
 * Recycled arrays. A fresh Float64Array of a few thousand numbers costs more to allocate than
 * one pass of arithmetic over it: its memory has to be obtained and zeroed by the operating
 * system, then collected again. In a training step most arrays are gradients that live for one
 * rule of the backward pass. `backward({ leavesOnly: true })` knows exactly when each of those
 * dies and hands it back here with `release`; the next kernel that needs an array of that
 * length takes it from here instead of allocating.
 *
 * Only arrays nobody else can see are released (see backward.ts); small ones are not worth it.
 */
const pool = new Map<number, Float64Array[]>();
const MIN_LENGTH = 1024; // below 8 KB, allocating is cheap
const MAX_POOLED_NUMBERS = 8 * 2 ** 20; // at most 64 MB kept for reuse
let pooledNumbers = 0;

/** A zero-filled array of `length` numbers, recycled when one is available. */
export function allocate(length: number): Float64Array {
  const reused = take(length);
  return reused === undefined ? new Float64Array(length) : reused.fill(0);
}

/** An array of `length` numbers for a kernel that writes every one of them (contents undefined). */
export function allocateForOverwrite(length: number): Float64Array {
  return take(length) ?? new Float64Array(length);
}

/** Hands back an array that nothing references any more. */
export function release(array: Float64Array): void {
  if (array.length < MIN_LENGTH || pooledNumbers + array.length > MAX_POOLED_NUMBERS) return;
  let free = pool.get(array.length);
  if (free === undefined) pool.set(array.length, (free = []));
  free.push(array);
  pooledNumbers += array.length;
}

function take(length: number): Float64Array | undefined {
  const array = pool.get(length)?.pop();
  if (array !== undefined) pooledNumbers -= length;
  return array;
}
