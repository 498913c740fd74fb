/** Summary statistics of timed samples. */

/** The middle sample; for an even count, the mean of the two middle ones. NaN for none. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function minimum(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : Math.min(...samples);
}

/** |a − b| / max(|b|, tiny): the relative distance of a value from its reference. */
export function relativeError(value: number, reference: number): number {
  return Math.abs(value - reference) / Math.max(Math.abs(reference), 1e-300);
}

/**
 * The order engines run in for repetition `rep`: rotated by one each time, so that no engine
 * always runs first (right after a cold start) or right after the heaviest one.
 */
export function roundRobinOrder<T>(items: readonly T[], rep: number): T[] {
  if (items.length === 0) return [];
  const k = rep % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
