/**
 * T2, one 256×256 by 256×256 matrix product, defined once for every engine.
 * The check value is the sum of all entries of C = A·B, which has a cheap exact form:
 * Σᵢⱼ Cᵢⱼ = Σₖ (Σᵢ Aᵢₖ)(Σⱼ Bₖⱼ).
 */
import { uniformArray } from './random.js';

export const MATMUL_N = 256;

export interface MatmulData {
  readonly n: number;
  /** [n, n] row-major. */
  readonly a: Float64Array;
  readonly b: Float64Array;
}

export function makeMatmulData(n: number = MATMUL_N): MatmulData {
  return { n, a: uniformArray(n * n, -1, 1, 11), b: uniformArray(n * n, -1, 1, 12) };
}

export function matmulFlops(n: number = MATMUL_N): number {
  return 2 * n * n * n;
}

export function referenceMatmulSum(d: MatmulData): number {
  const { n, a, b } = d;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    let colA = 0;
    let rowB = 0;
    for (let i = 0; i < n; i++) colA += a[i * n + k];
    for (let j = 0; j < n; j++) rowB += b[k * n + j];
    sum += colA * rowB;
  }
  return sum;
}

/** Sum of a flat result, the check value each engine returns. */
export function sumOf(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
