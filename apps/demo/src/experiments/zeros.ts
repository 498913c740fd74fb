/**
 * Which of a measured curve's exact zeros are which. Three different things come out of float64
 * as 0 or near it, and the demo must not call one by another's name:
 *
 *   structural  0 by construction, at any precision: step 1's term of dE/dW_hh is δ_1 h_0ᵀ, and
 *               h_0 = 0. The experiment knows these and lists them.
 *   underflow   a true value above 0 but below 4.9e-324, float64's smallest positive number. The
 *               demo says so only where it knows the true value is not 0 — the cell is smooth (no
 *               ReLU: no factor of the product is exactly 0) — and the curve was already within
 *               reach of the floor: the nearest nonzero value after it (in the direction the
 *               gradient travels, from T back) is below 1e-250, or extrapolating the last two of them
 *               falls below 1e-300 within the gap.
 *   zero        any other 0: exactly 0, cause not stated.
 *
 * Subnormals (nonzero, below 2.2e-308) are values, kept as they are and noted where they are shown.
 */
import { MIN_NORMAL } from './stats.js';

export interface ZeroKinds {
  /** Indices (into the values) of structural zeros, and why they are 0. */
  readonly structural: readonly number[];
  readonly why?: string;
  /** Indices of zeros from underflow. */
  readonly underflow: readonly number[];
}

export interface ZeroOptions {
  /** Indices that are 0 by construction (they must be 0: a nonzero value there is a bug). */
  readonly structural?: readonly number[];
  readonly why?: string;
  /** Whether the quantity can only be 0 by underflow (no exact zeros in its factors). */
  readonly smooth: boolean;
}

/** Classifies the exact zeros of `values` (a curve over t = 1..T, the gradient travelling from T back). */
export function zeroKinds(values: readonly number[], { structural = [], why, smooth }: ZeroOptions): ZeroKinds {
  const underflow: number[] = [];
  if (smooth) {
    for (let i = 0; i < values.length; i++) {
      if (values[i] !== 0 || structural.includes(i)) continue;
      let j = i + 1; // the nearest later nonzero value
      while (j < values.length && (values[j] === 0 || structural.includes(j))) j++;
      const next = values[j];
      if (!(next > 0 && Number.isFinite(next))) continue;
      const after = values[j + 1];
      const factor = after > next && Number.isFinite(after) ? next / after : 1; // per step, going back
      if (next < 1e-250 || next * factor ** (j - i) < 1e-300) underflow.push(i);
    }
  }
  return { structural: structural.filter((i) => values[i] === 0), ...(why === undefined ? {} : { why }), underflow };
}

/** Indices of subnormal values (nonzero, below 2.2e-308). */
export function subnormalAt(values: readonly number[]): number[] {
  return values.flatMap((v, i) => (v > 0 && v < MIN_NORMAL ? [i] : []));
}

/** "1", "1…10", "1…10, 15, 20…22": 1-based steps from 0-based indices, runs joined. */
export function stepRanges(indices: readonly number[]): string {
  const sorted = [...indices].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let k = 0; k < sorted.length; ) {
    let end = k;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
    runs.push(end === k ? `${sorted[k] + 1}` : `${sorted[k] + 1}…${sorted[end] + 1}`);
    k = end + 1;
  }
  return runs.join(', ');
}
