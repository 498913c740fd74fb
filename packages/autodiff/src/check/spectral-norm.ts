/**
 * The spectral norm ||M||₂ = σ_max(M), the largest singular value: how much M can stretch a
 * vector. Pascanu et al.'s bound on how fast gradients can vanish or grow uses it.
 *
 * σ_max² is the largest eigenvalue of the symmetric matrix MᵀM (or MMᵀ, the smaller one).
 * Eigenvalues of a small symmetric matrix come from the cyclic Jacobi method: rotate away one
 * off-diagonal pair at a time until the matrix is diagonal. Slow for big matrices, but exact
 * to rounding and simple — the right trade for the n ≤ a few hundred the demo needs.
 */
import { formatShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

/** σ_max of a 2-D tensor. */
export function spectralNorm(m: Tensor): number {
  if (m.ndim !== 2) throw new Error(`spectralNorm: expected a matrix, got shape ${formatShape(m.shape)}`);
  const [rows, cols] = m.shape;
  // Scale the entries to at most 1 first: squaring a Jacobian whose entries are 1e-160 (a
  // vanished gradient) would underflow to 0, and σ(M) = s · σ(M / s) for any s > 0.
  const scale = m.data.reduce((big, v) => Math.max(big, Math.abs(v)), 0);
  if (scale === 0) return 0;
  const a = m.data.map((v) => v / scale);
  const gram = rows >= cols ? gramOfColumns(a, rows, cols) : gramOfRows(a, rows, cols);
  const eigenvalues = symmetricEigenvalues(gram, Math.min(rows, cols));
  return scale * Math.sqrt(Math.max(0, ...eigenvalues));
}

/** MᵀM (cols × cols). */
function gramOfColumns(a: Float64Array, rows: number, cols: number): Float64Array {
  const g = new Float64Array(cols * cols);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < cols; i++) {
      const ai = a[r * cols + i];
      for (let j = 0; j < cols; j++) g[i * cols + j] += ai * a[r * cols + j];
    }
  }
  return g;
}

/** MMᵀ (rows × rows). */
function gramOfRows(a: Float64Array, rows: number, cols: number): Float64Array {
  const g = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < rows; j++) {
      let s = 0;
      for (let c = 0; c < cols; c++) s += a[i * cols + c] * a[j * cols + c];
      g[i * rows + j] = s;
    }
  }
  return g;
}

/**
 * Eigenvalues of a symmetric n×n matrix (row-major, not modified) by cyclic Jacobi rotations.
 * Each rotation in the (p, q) plane zeroes s[p][q]; sweeps repeat until the off-diagonal part
 * is negligible. Returned in no particular order.
 */
export function symmetricEigenvalues(matrix: Float64Array, n: number): number[] {
  const s = matrix.slice();
  const offDiagonal = (): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) sum += s[i * n + j] ** 2;
    return sum;
  };
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += s[i] ** 2;
  for (let sweep = 0; sweep < 100 && offDiagonal() > 1e-30 * scale; sweep++) {
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = s[p * n + q];
        if (apq === 0) continue;
        // Choose the angle θ with tan 2θ = 2·a_pq / (a_qq − a_pp); t = tan θ, the smaller root.
        const theta = (s[q * n + q] - s[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          // rotate columns p and q
          const skp = s[k * n + p];
          const skq = s[k * n + q];
          s[k * n + p] = c * skp - sn * skq;
          s[k * n + q] = sn * skp + c * skq;
        }
        for (let k = 0; k < n; k++) {
          // rotate rows p and q
          const spk = s[p * n + k];
          const sqk = s[q * n + k];
          s[p * n + k] = c * spk - sn * sqk;
          s[q * n + k] = sn * spk + c * sqk;
        }
      }
    }
  }
  return Array.from({ length: n }, (_, i) => s[i * n + i]);
}
