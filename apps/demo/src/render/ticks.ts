/** Ticks for a linear axis: round numbers (1, 2 or 5 × 10^k apart), at most `maxCount` of them. */
export function niceTicks(min: number, max: number, maxCount: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const count = Math.max(2, Math.floor(maxCount));
  const rough = (max - min) / (count - 1);
  const unit = 10 ** Math.floor(Math.log10(rough));
  let step = unit * 10;
  for (const m of [1, 2, 5, 10]) {
    const s = m * unit;
    if (Math.floor(max / s) - Math.ceil(min / s) + 1 <= count) {
      step = s;
      break;
    }
  }
  const ticks: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) {
    ticks.push(Number((k * step).toPrecision(12)));
  }
  return ticks;
}

/** Smallest and largest finite value (a loop: spreading 100,000+ values into Math.min overflows the stack). */
export function extent(values: readonly number[]): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min === Infinity ? undefined : { min, max };
}
