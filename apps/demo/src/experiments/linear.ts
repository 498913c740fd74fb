/**
 * Experiment 3 of docs/experiments.md: the exact linear case. With the identity activation, no
 * bias, and W_rec = ρ·Q for an orthogonal Q, one step back multiplies the gradient by Wᵀ = ρ·Qᵀ,
 * which rotates it and scales it by exactly ρ. So
 *
 *   ||dE/dh_k|| = ρ^(T−k) · ||dE/dh_T||      exactly (up to rounding):
 *
 * ρ < 1 vanishes, ρ = 1 keeps the norm, ρ > 1 explodes. With a symmetric W_rec instead, going
 * back k steps applies W^k to the gradient, which is power iteration: the gradient turns
 * toward W's top eigenvector (as d2l.ai's BPTT chapter explains), whatever it started as.
 */
import { fromArray, Random, symmetricEigenvalues, type Tensor } from '@chainrule/autodiff';
import { initOrthogonal, RNNCell } from '@chainrule/nn';
import { gradientFlow } from './gradient-flow.js';
import { prefixed, SILENT, type Report } from './report.js';
import { randomSequence } from './sequence.js';
import { MIN_NORMAL, norm2 } from './stats.js';

export interface LinearOptions {
  hiddenSize: number;
  steps: number;
  seed: number;
}

export interface RhoCurve {
  rho: number;
  /** ||dE/dh_k||, k = 1..T (backprop). */
  gradHNorms: number[];
  /** ρ^(T−k) · ||dE/dh_T|| (the formula). */
  predicted: number[];
  /**
   * max over the compared k of |measured − predicted| / predicted. Compared are the steps where
   * both are finite and normal numbers (≥ 2.2e-308; below, float64 keeps fewer digits), and those
   * where both are exactly 0 (W_rec = 0: then they agree exactly). NaN if no step is compared.
   */
  maxRelativeError: number;
  /** How many steps were compared. */
  compared: number;
  /** 0-based steps left out because a number is not finite (overflow). */
  overflow: number[];
  /** 0-based steps left out because a number is 0 or subnormal (and they are not both 0). */
  belowNormal: number[];
  /** The first step (1-based) whose forward state h_t is not finite, or null. */
  statesOverflowAt: number | null;
}

/** A linear RNN with W_hh = ρ·Q (Q orthogonal, seeded), W_ih small; identity activation, no bias. */
export function linearCell(rho: number, hiddenSize: number, seed: number): RNNCell {
  const rng = new Random(seed);
  const cell = new RNNCell({ inputSize: 2, hiddenSize, activation: 'identity', bias: false, seed: rng });
  initOrthogonal(cell.weightHh, { gain: rho, seed: rng });
  return cell;
}

/** Backprop's norms against the formula's, step by step (see RhoCurve). */
export function compareWithFormula(measured: readonly number[], predicted: readonly number[]): Omit<RhoCurve, 'rho' | 'gradHNorms' | 'predicted' | 'statesOverflowAt'> {
  let worst = NaN;
  let compared = 0;
  const overflow: number[] = [];
  const belowNormal: number[] = [];
  measured.forEach((g, i) => {
    const p = predicted[i];
    if (!Number.isFinite(g) || !Number.isFinite(p)) overflow.push(i);
    else if (g === 0 && p === 0) {
      compared += 1;
      worst = Number.isNaN(worst) ? 0 : worst;
    } else if (g < MIN_NORMAL || p < MIN_NORMAL) belowNormal.push(i);
    else {
      compared += 1;
      const error = Math.abs(g - p) / p;
      worst = Number.isNaN(worst) ? error : Math.max(worst, error);
    }
  });
  return { maxRelativeError: worst, compared, overflow, belowNormal };
}

/** The ρ sweep: measured norms against ρ^(T−k)·||dE/dh_T||. */
export function rhoSweep(rhos: readonly number[], { hiddenSize, steps, seed }: LinearOptions, report: Report = SILENT): RhoCurve[] {
  const sequence = randomSequence(steps, 2, hiddenSize, seed + 1);
  return rhos.map((rho) => {
    // Stryker disable next-line BooleanLiteral: the per-step terms are not read; computing them anyway gives the same numbers
    const flow = gradientFlow(linearCell(rho, hiddenSize, seed), sequence, { stepContributions: false, report: prefixed(report, `ρ = ${rho}`) });
    const last = flow.gradHNorms[steps - 1];
    const predicted = flow.gradHNorms.map((_, i) => rho ** (steps - 1 - i) * last);
    const overflowAt = flow.hs.findIndex((h) => !h.every(Number.isFinite));
    return { rho, gradHNorms: flow.gradHNorms, predicted, ...compareWithFormula(flow.gradHNorms, predicted), statesOverflowAt: overflowAt < 0 ? null : overflowAt + 1 };
  });
}

export interface Alignment {
  /** The largest eigenvalue of the symmetric W_rec and its eigenvector. */
  topEigenvalue: number;
  topEigenvector: number[];
  /** |cos| between dE/dh_k and the top eigenvector, k = 1..T. */
  cosines: number[];
  /** |cos| at the last step, where the gradient is still the raw dE/dh_T. */
  startCosine: number;
}

/**
 * A symmetric W_rec = V·diag(λ)·Vᵀ with a clear top eigenvalue ρ (the others spread over
 * ±ρ/2): the gradient dE/dh_k = (Wᵀ)^(T−k)·dE/dh_T lines up with V's first column.
 */
export function eigenvectorAlignment(rho: number, { hiddenSize, steps, seed }: LinearOptions, report: Report = SILENT): Alignment {
  const rng = new Random(seed);
  const cell = linearCell(1, hiddenSize, seed);
  const v = initOrthogonal(fromArray(new Float64Array(hiddenSize * hiddenSize), [hiddenSize, hiddenSize]), { seed: rng });
  const lambdas = Array.from({ length: hiddenSize }, (_, i) => (i === 0 ? rho : (rng.uniform() - 0.5) * rho));
  setSymmetric(cell.weightHh, v, lambdas);
  const top = Array.from({ length: hiddenSize }, (_, r) => v.data[r * hiddenSize]);
  const flow = gradientFlow(cell, randomSequence(steps, 2, hiddenSize, seed + 1), { report: prefixed(report, 'symmetric W_rec') });
  // Stryker disable next-line ArithmeticOperator: −Σ has the same absolute value
  const cosines = flow.gradHs.map((g) => Math.abs(g.reduce((s, x, i) => s + x * top[i], 0)) / norm2(g));
  return {
    topEigenvalue: Math.max(...symmetricEigenvalues(cell.weightHh.data, hiddenSize)),
    topEigenvector: top,
    cosines,
    startCosine: cosines[steps - 1],
  };
}

/** W = V·diag(λ)·Vᵀ, written into `w`. */
function setSymmetric(w: Tensor, v: Tensor, lambdas: readonly number[]): void {
  const n = lambdas.length;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += v.data[r * n + k] * lambdas[k] * v.data[c * n + k];
      w.data[r * n + c] = s;
    }
  }
}
