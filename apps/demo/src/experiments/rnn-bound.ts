/**
 * Experiment 2 of docs/experiments.md: Pascanu, Mikolov & Bengio (2013), §2.1. Backprop through
 * one RNN step multiplies the gradient by dh_t/dh_(t−1) = diag(act'(a_t)) · W_rec, and |act'| ≤ γ
 * (1 for tanh, 1/4 for the sigmoid), so
 *
 *   ||dh_T/dh_t|| ≤ (γ · σ_max(W_rec))^(T−t)      and      ||dE/dh_t|| ≤ ||dE/dh_T|| · (γ · σ_max)^(T−t).
 *
 * If σ_max < 1/γ the gradient MUST vanish, exponentially in T − t; growing needs σ_max > 1/γ.
 * The bound is loose. How fast the gradient really falls is measured, then split into what the
 * weights do (log10 ρ, ρ the spectral radius), what the activation's slopes do (mean log10 act′)
 * and the rest; running the same weights with no activation separates the two by experiment.
 * This module builds the paper's three setups and measures against the bound.
 */
import { Random, sigmoidSlope, tanhSlope } from '@chainrule/autodiff';
import { initNormal, RNNCell, type Activation } from '@chainrule/nn';
import { prefixed, SILENT, type Report } from './report.js';
import { gradientFlow, type GradientFlow } from './gradient-flow.js';
import type { Sequence } from './sequence.js';
import { decayPerStepBack, log10OrNull, mean, sigmaMax, spectralRadius, stepsBackUntilBelow, type LineFit } from './stats.js';

/** γ = max |act'|: the largest factor the activation can contribute per step. */
export const GAMMA: Record<Activation, number> = { tanh: 1, sigmoid: 0.25, relu: 1, identity: 1 };

export const SETUPS = ['sigmoid', 'basic-tanh', 'smart-tanh'] as const;
export type Setup = (typeof SETUPS)[number];

export interface SetupOptions {
  hiddenSize: number;
  inputSize: number;
  seed: number;
}

/**
 * Pascanu et al.'s initializations: "sigmoid", W ~ N(0, 0.01²); "basic tanh", W ~ N(0, 0.1²);
 * "smart tanh", a sparse W_rec (15 incoming connections per unit, as Sutskever et al. 2013)
 * rescaled to spectral radius 0.95. No biases, as in the textbook cell c(t) = σ(W_rec c(t−1) + W_in x(t)).
 */
export function setupCell(setup: Setup, { hiddenSize, inputSize, seed }: SetupOptions): RNNCell {
  const rng = new Random(seed);
  const activation = setup === 'sigmoid' ? 'sigmoid' : 'tanh';
  const cell = new RNNCell({ inputSize, hiddenSize, activation, bias: false, seed: rng });
  const std = setup === 'sigmoid' ? 0.01 : 0.1;
  initNormal(cell.weightIh, { std, seed: rng });
  initNormal(cell.weightHh, { std, seed: rng });
  if (setup === 'smart-tanh') {
    const w = cell.weightHh.data;
    const connections = Math.min(15, hiddenSize);
    for (let row = 0; row < hiddenSize; row++) {
      const keep = new Set(rng.shuffle([...Array(hiddenSize).keys()]).slice(0, connections));
      for (let col = 0; col < hiddenSize; col++) w[row * hiddenSize + col] = keep.has(col) ? rng.normal() : 0;
    }
    const rho = spectralRadius(cell.weightHh);
    for (let i = 0; i < w.length; i++) w[i] *= 0.95 / rho;
  }
  return cell;
}

export interface BoundReport {
  flow: GradientFlow;
  activation: Activation;
  gamma: number;
  sigmaMax: number;
  spectralRadius: number;
  /**
   * act′(a_t) of every unit at every step t = 2..T (the slopes in the factors J_T … J_2 that
   * carry dE/dh_T back to dE/dh_1), computed from the pre-activations a_t, not from the states:
   * σ′ = h(1 − h) and tanh′ = 1 − h² cancel to 0 in saturation.
   */
  slopes: number[];
  /** mean act′ over `slopes`. */
  meanDerivative: number;
  /** log10 of the bound on ||dE/dh_t||, t = 1..T: log10||dE/dh_T|| + (T−t)·log10(γ·σ_max). */
  boundLog10: number[];
  /** Fitted per-step change of log10||dE/dh_t|| going back in time (negative = vanishing). */
  measuredSlope: number;
  /** The whole fit (`measuredSlope` is its slope). */
  measuredFit: LineFit;
  /** log10(γ·σ_max): the steepest growth the bound allows per step. */
  boundSlope: number;
  /**
   * log10(ρ · mean act′): a mean-field heuristic for the rate (ρ times the average slope, as if
   * every step multiplied by the same scalar). Not a law: it is compared with the measurement.
   */
  heuristicSlope: number;
  /** Where the measured rate comes from, in decades per step (see `decayCauses`). */
  causes: DecayCauses;
  /** Steps back from T until ||dE/dh_t|| < 1e-8 (null if it never does). */
  stepsBelow1e8: number | null;
  /** Whether the measured curve stays under the bound at every step. */
  boundHolds: boolean;
  /** Whether the gradient grows anywhere going back (||dE/dh_t|| > ||dE/dh_T||). */
  grows: boolean;
}

/**
 * The measured rate split into three parts that add up to it, in decades per step:
 *   log10 ρ                 what W_rec alone would do to a gradient in the long run (its largest |eigenvalue|);
 *   mean log10 act′         the activation's slopes, averaged in log over every unit and step;
 *   rest                    measured − the two: what neither accounts for (a non-normal W_rec, whose
 *                           products are not governed by ρ over a short run, the gradient's direction
 *                           against the slopes, the fit over T steps).
 * And the ablation that separates the weights from the activation: the same weights and sequence
 * with no activation at all (identity), measured the same way.
 */
export interface DecayCauses {
  measured: number;
  log10Rho: number;
  meanLog10Slope: number;
  rest: number;
  /** The measured rate of the same RNN with the identity activation (null: not run). */
  identityMeasured: number | null;
}

/** Measures one RNN on one sequence and compares it with Pascanu's bound. */
export function measureAgainstBound(cell: RNNCell, sequence: Sequence, jacobians = false, report: Report = SILENT, ablation = true): BoundReport {
  const flow = gradientFlow(cell, sequence, { jacobians, report });
  const T = flow.gradHNorms.length;
  const gamma = GAMMA[cell.activation];
  const sigma = sigmaMax(cell.weightHh);
  const rho = spectralRadius(cell.weightHh);
  const lastLog = log10OrNull(flow.gradHNorms[T - 1]) ?? -Infinity;
  const boundSlope = Math.log10(gamma * sigma);
  const boundLog10 = flow.gradHNorms.map((_, i) => lastLog + (T - 1 - i) * boundSlope);
  const logs = flow.gradHNorms.map(log10OrNull);
  const slopes = activationSlopes(cell, sequence, flow.hs).slice(1).flat();
  const meanDerivative = mean(slopes);
  const measuredFit = decayPerStepBack(flow.gradHNorms);
  const measuredSlope = measuredFit.slope;
  const log10Rho = Math.log10(rho);
  const meanLog10Slope = mean(slopes.map(Math.log10));
  // An identity RNN is its own ablation; otherwise the same weights are run with no activation.
  const identityMeasured =
    cell.activation === 'identity'
      ? measuredSlope
      : ablation
        ? decayPerStepBack(
            // Stryker disable next-line ObjectLiteral,BooleanLiteral: the per-step terms are not read here; computing them changes no number
            gradientFlow(withActivation(cell, 'identity'), sequence, { stepContributions: false, report: prefixed(report, 'no activation (ablation)') }).gradHNorms,
          ).slope
        : null;
  return {
    flow,
    activation: cell.activation,
    gamma,
    sigmaMax: sigma,
    spectralRadius: rho,
    slopes,
    meanDerivative,
    boundLog10,
    measuredSlope,
    measuredFit,
    boundSlope,
    heuristicSlope: Math.log10(rho * meanDerivative),
    causes: { measured: measuredSlope, log10Rho, meanLog10Slope, rest: measuredSlope - log10Rho - meanLog10Slope, identityMeasured },
    stepsBelow1e8: stepsBackUntilBelow(flow.gradHNorms, 1e-8),
    boundHolds: staysUnder(logs, boundLog10),
    grows: growsGoingBack(flow.gradHNorms),
  };
}

/**
 * Whether every measured log10 norm is at most the bound's (1e-9 decades of slack for rounding);
 * a norm of exactly 0 (log10 null) is under any bound.
 */
export function staysUnder(measuredLog10: readonly (number | null)[], boundLog10: readonly number[]): boolean {
  return measuredLog10.every((l, i) => l === null || l <= boundLog10[i] + 1e-9);
}

/** Whether some ‖dE/dh_t‖ is above ‖dE/dh_T‖ (by more than a relative 1e-12 of rounding). */
export function growsGoingBack(norms: readonly number[]): boolean {
  const last = norms[norms.length - 1];
  return norms.some((g) => g > last * (1 + 1e-12));
}

/** The same RNN (weights copied) with another activation. */
export function withActivation(cell: RNNCell, activation: Activation): RNNCell {
  const copy = new RNNCell({ inputSize: cell.inputSize, hiddenSize: cell.hiddenSize, activation, bias: cell.biasIh !== null, seed: 0 });
  copy.weightIh.data.set(cell.weightIh.data);
  copy.weightHh.data.set(cell.weightHh.data);
  copy.biasIh?.data.set(cell.biasIh!.data);
  copy.biasHh?.data.set(cell.biasHh!.data);
  return copy;
}

/**
 * act′(a_t) of every unit, t = 1..T, from the pre-activations a_t = x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh
 * (h_0 = 0), recomputed from the states of a forward pass. σ′ and tanh′ come from a (@chainrule/autodiff's
 * sigmoidSlope, tanhSlope), exact in saturation.
 */
export function activationSlopes(cell: RNNCell, { inputs }: Sequence, hs: readonly (readonly number[])[]): number[][] {
  const H = cell.hiddenSize;
  const I = cell.inputSize;
  const [wI, wH] = [cell.weightIh.data, cell.weightHh.data];
  return inputs.map((x, t) => {
    const previous = t === 0 ? null : hs[t - 1];
    return Array.from({ length: H }, (_, u) => {
      let a = (cell.biasIh?.data[u] ?? 0) + (cell.biasHh?.data[u] ?? 0);
      for (let k = 0; k < I; k++) a += wI[u * I + k] * x[k];
      if (previous !== null) for (let k = 0; k < H; k++) a += wH[u * H + k] * previous[k];
      return slopeOf(cell.activation, a);
    });
  });
}

/** act′(a). ReLU′ is 0 or 1 (0 at the kink, as PyTorch). */
function slopeOf(activation: Activation, a: number): number {
  switch (activation) {
    case 'sigmoid':
      return sigmoidSlope(a);
    case 'tanh':
      return tanhSlope(a);
    case 'relu':
      return a > 0 ? 1 : 0;
    case 'identity':
      return 1;
  }
}
