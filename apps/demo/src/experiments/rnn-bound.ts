/**
 * Experiment 2 of docs/experiments.md: Pascanu, Mikolov & Bengio (2013), §2.1. Backprop through
 * one RNN step multiplies the gradient by dh_t/dh_(t−1) = diag(act'(a_t)) · W_rec, and |act'| ≤ γ
 * (1 for tanh, 1/4 for the sigmoid), so
 *
 *   ||dh_T/dh_t|| ≤ (γ · σ_max(W_rec))^(T−t)      and      ||dE/dh_t|| ≤ ||dE/dh_T|| · (γ · σ_max)^(T−t).
 *
 * If σ_max < 1/γ the gradient MUST vanish, exponentially in T − t; growing needs σ_max > 1/γ.
 * The bound is loose: the measured slope follows log10(ρ · mean act') more closely, ρ being
 * the spectral radius. This module builds the paper's three setups and measures against the bound.
 */
import { Random } from '@chainrule/autodiff';
import { initNormal, RNNCell, type Activation } from '@chainrule/nn';
import { SILENT, type Report } from './report.js';
import { gradientFlow, type GradientFlow } from './gradient-flow.js';
import type { Sequence } from './sequence.js';
import { decayPerStepBack, log10OrNull, sigmaMax, spectralRadius, stepsBackUntilBelow } from './stats.js';

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
  /** mean act'(a_t) over every unit and step, from the states (σ' = h(1−h), tanh' = 1−h²). */
  meanDerivative: number;
  /** log10 of the bound on ||dE/dh_t||, t = 1..T: log10||dE/dh_T|| + (T−t)·log10(γ·σ_max). */
  boundLog10: number[];
  /** Fitted per-step change of log10||dE/dh_t|| going back in time (negative = vanishing). */
  measuredSlope: number;
  /** log10(γ·σ_max): the steepest growth the bound allows per step. */
  boundSlope: number;
  /** log10(ρ · mean act'): the usual actual rate. */
  predictedSlope: number;
  /** Steps back from T until ||dE/dh_t|| < 1e-8 (null if it never does). */
  stepsBelow1e8: number | null;
  /** Whether the measured curve stays under the bound at every step. */
  boundHolds: boolean;
  /** Whether the gradient grows anywhere going back (||dE/dh_t|| > ||dE/dh_T||). */
  grows: boolean;
}

/** Measures one RNN on one sequence and compares it with Pascanu's bound. */
export function measureAgainstBound(cell: RNNCell, sequence: Sequence, jacobians = false, report: Report = SILENT): BoundReport {
  const flow = gradientFlow(cell, sequence, { jacobians, report });
  const T = flow.gradHNorms.length;
  const gamma = GAMMA[cell.activation];
  const sigma = sigmaMax(cell.weightHh);
  const rho = spectralRadius(cell.weightHh);
  const lastLog = log10OrNull(flow.gradHNorms[T - 1]) ?? -Infinity;
  const boundSlope = Math.log10(gamma * sigma);
  const boundLog10 = flow.gradHNorms.map((_, i) => lastLog + (T - 1 - i) * boundSlope);
  const logs = flow.gradHNorms.map(log10OrNull);
  const meanDerivative = mean(flow.hs.flat().map((h) => derivativeFromOutput(cell.activation, h)));
  return {
    flow,
    activation: cell.activation,
    gamma,
    sigmaMax: sigma,
    spectralRadius: rho,
    meanDerivative,
    boundLog10,
    measuredSlope: decayPerStepBack(flow.gradHNorms).slope,
    boundSlope,
    predictedSlope: Math.log10(rho * meanDerivative),
    stepsBelow1e8: stepsBackUntilBelow(flow.gradHNorms, 1e-8),
    boundHolds: logs.every((l, i) => l === null || l <= boundLog10[i] + 1e-9),
    grows: flow.gradHNorms.some((g) => g > flow.gradHNorms[T - 1] * (1 + 1e-12)),
  };
}

/** act'(a) written with the output h = act(a). */
function derivativeFromOutput(activation: Activation, h: number): number {
  switch (activation) {
    case 'sigmoid':
      return h * (1 - h);
    case 'tanh':
      return 1 - h * h;
    case 'relu':
      return h > 0 ? 1 : 0;
    case 'identity':
      return 1;
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
