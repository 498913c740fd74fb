/**
 * Work arrays for the fused LSTM's loops, kept from call to call. Allocating a fresh
 * Float64Array of a few hundred KB costs as much as a whole step's arithmetic (the pages are
 * obtained and zeroed, then collected), and the fused nodes need the same sizes at every step.
 *
 * One array per name, grown when a call needs more. Safe because no fused forward or backward
 * runs inside another: each is a loop over plain arrays that calls no tensor op of the engine.
 * What a node must keep until its backward (saved gates, say) never goes here: those are fresh
 * arrays. Names are prefixed with the function that owns them ('lstmSequence.dZ').
 */
const arrays = new Map<string, Float64Array>();

/** At least `length` numbers under `name` (contents: whatever the last user left). */
export function scratch(name: string, length: number): Float64Array {
  let array = arrays.get(name);
  if (array === undefined || array.length < length) arrays.set(name, (array = new Float64Array(length)));
  return array.length === length ? array : array.subarray(0, length);
}
