/**
 * Experiment 4 of docs/experiments.md: exploding gradients and the cliff (Pascanu, Mikolov &
 * Bengio 2013, §2.3).
 *
 * One recurrent unit, x_t = w·σ(x_{t−1}) + b, run from x_0 = 0.5 for T steps, with the loss
 * E = (σ(x_T) − 0.7)². For most (w, b) the gradient of E is modest, but along the curve
 * where the unit's long-run behaviour switches between two fixed points, a tiny change in
 * w or b moves x_T a lot: the loss surface has a cliff and the gradient explodes. Gradient
 * descent that lands there takes a huge step; norm clipping (Pascanu's Algorithm 1) caps the
 * step's length and keeps its direction.
 *
 * Everything here is computed by backprop through the scalar engine, `Value`.
 */
import { Value } from '@chainrule/autodiff';
import { SILENT, type Report } from './report.js';

export interface UnitOptions {
  steps: number;
  x0: number;
  target: number;
}

export const unitDefaults: UnitOptions = { steps: 50, x0: 0.5, target: 0.7 };

/** E and its gradient (dE/dw, dE/db) at one point, by backprop. */
export function unitGradient(w0: number, b0: number, { steps, x0, target }: UnitOptions = unitDefaults) {
  const w = new Value(w0);
  const b = new Value(b0);
  let x = new Value(x0);
  for (let t = 1; t <= steps; t++) x = w.mul(x.sigmoid()).add(b);
  const loss = x.sigmoid().sub(target).pow(2);
  loss.backward();
  return { loss: loss.data, dw: w.grad, db: b.grad, xT: x.data };
}

export interface CliffOptions extends UnitOptions {
  wRange: readonly [number, number];
  bRange: readonly [number, number];
  /** Grid points along each axis. */
  resolution: number;
}

export const cliffDefaults: CliffOptions = {
  ...unitDefaults,
  wRange: [-2, 12],
  bRange: [-8, 2],
  resolution: 41,
};

export interface CliffResult {
  ws: number[];
  bs: number[];
  /** gradNorms[i][j] = ||(dE/dw, dE/db)|| at (ws[j], bs[i]): rows are b, columns are w. */
  gradNorms: number[][];
  losses: number[][];
  /** The median of the grid's gradient norms. */
  median: number;
  /** The largest gradient norm on the grid, and where: a grid figure, like the median. */
  max: number;
  argmax: { w: number; b: number };
  /** max / median, both over the grid: how much steeper the cliff is than the typical slope. */
  cliffRatio: number;
  /**
   * The steepest point found by bisecting b across the cliff between two grid rows (`refineCliff`):
   * off the grid, so not part of max or the ratio; null when no column of the grid crosses a cliff.
   */
  edge: { w: number; b: number; gradNorm: number } | null;
}

/** The gradient norm over a (w, b) grid. */
export function cliff(options: CliffOptions = cliffDefaults, report: Report = SILENT): CliffResult {
  const { wRange, bRange, resolution } = options;
  const axis = ([lo, hi]: readonly [number, number]) =>
    Array.from({ length: resolution }, (_, i) => lo + ((hi - lo) * i) / (resolution - 1));
  const ws = axis(wRange);
  const bs = axis(bRange);
  const gradNorms: number[][] = [];
  const losses: number[][] = [];
  const finals: number[][] = [];
  for (const b of bs) {
    report(`the (w, b) grid, ${resolution}×${resolution} points: rows`, gradNorms.length, bs.length);
    const points = ws.map((w) => unitGradient(w, b, options));
    gradNorms.push(points.map((g) => Math.hypot(g.dw, g.db)));
    losses.push(points.map((g) => g.loss));
    finals.push(points.map((g) => g.xT));
  }
  const median = medianOf(gradNorms.flat());
  let max = -Infinity;
  let argmax = { w: ws[0], b: bs[0] };
  gradNorms.forEach((row, i) =>
    row.forEach((norm, j) => {
      if (norm > max) {
        max = norm;
        argmax = { w: ws[j], b: bs[i] };
      }
    }),
  );
  const edge = refineCliff(ws, bs, finals, options, report);
  return { ws, bs, gradNorms, losses, median, max, argmax, cliffRatio: max / median, edge };
}

/**
 * A grid only samples the cliff: it is a thin curve in the (w, b) plane. For every w, this
 * finds the neighbouring grid rows where x_T jumps the most (the unit settled on different
 * fixed points), then bisects b between them until the two sides are 1e-12 apart and
 * measures the gradient right at the edge.
 */
function refineCliff(ws: readonly number[], bs: readonly number[], finals: readonly number[][], options: UnitOptions, report: Report) {
  let best: { w: number; b: number; gradNorm: number } | null = null;
  ws.forEach((w, j) => {
    report('bisecting across the cliff, one w at a time', j, ws.length);
    let jump = 0;
    let row = -1;
    for (let i = 0; i + 1 < bs.length; i++) {
      const d = Math.abs(finals[i + 1][j] - finals[i][j]);
      if (d > jump) {
        jump = d;
        row = i;
      }
    }
    if (row < 0 || jump < 1) return; // no fixed-point switch along this column
    let [lo, hi] = [bs[row], bs[row + 1]];
    const [xLo, xHi] = [finals[row][j], finals[row + 1][j]];
    for (let k = 0; k < 60 && hi - lo > 1e-12; k++) {
      const mid = (lo + hi) / 2;
      const x = unitGradient(w, mid, options).xT;
      if (Math.abs(x - xLo) < Math.abs(x - xHi)) lo = mid;
      else hi = mid;
    }
    for (const b of [lo, hi]) {
      const g = unitGradient(w, b, options);
      const gradNorm = Math.hypot(g.dw, g.db);
      if (best === null || gradNorm > best.gradNorm) best = { w, b, gradNorm };
    }
  });
  return best;
}

export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((p, q) => p - q);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Pascanu's Algorithm 1, gradient norm clipping: if ||g|| > threshold, g ← (threshold/||g||)·g.
 * Returns the clipped vector and both norms.
 */
export function clipByNorm(g: readonly number[], threshold: number) {
  const norm = Math.hypot(...g);
  const scale = norm > threshold ? threshold / norm : 1;
  const clipped = g.map((v) => v * scale);
  return { clipped, normBefore: norm, normAfter: Math.hypot(...clipped) };
}

/**
 * The linear unit x_t = w·x_{t−1} (no σ, b = 0), whose gradient is known in closed form:
 * x_T = w^T·x_0, so dx_T/dw = T·x_0·w^(T−1). Returns backprop's answer beside the formula.
 */
export function linearUnitGradient(w0: number, steps: number, x0: number) {
  const w = new Value(w0);
  let x = new Value(x0);
  for (let t = 1; t <= steps; t++) x = w.mul(x);
  x.backward();
  return { backprop: w.grad, formula: steps * x0 * w0 ** (steps - 1) };
}
