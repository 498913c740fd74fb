/**
 * A small seeded generator (mulberry32) so that every engine in every worker process builds the
 * same weights and inputs, and the losses can be compared across engines.
 */
export function seededUniform(seed: number): (low: number, high: number) => number {
  let state = seed >>> 0;
  return (low, high) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return low + (high - low) * u;
  };
}

/** `n` numbers drawn from U(low, high) with the given seed. */
export function uniformArray(n: number, low: number, high: number, seed: number): Float64Array {
  const draw = seededUniform(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw(low, high);
  return out;
}

/** A row-major flat array as nested rows (for engines that take nested arrays). */
export function toRows(flat: ArrayLike<number>, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) out.push(Array.from({ length: cols }, (_, c) => flat[r * cols + c]));
  return out;
}
