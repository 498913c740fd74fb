/**
 * The sentences the demo prints about its measurements, one small function per claim. Each one
 * is chosen and filled from the run's own numbers, and says a thing only under the condition
 * that makes it true: a rate is "falls" only when it is negative, "had to vanish" only when the
 * bound forces it, "most of the decay is ρ" only when log10 ρ is the largest part of it, and
 * nothing is concluded from a number that is not finite (the sentence names the quantity that
 * overflowed or is undefined, and where). test/experiments/findings.test.ts runs every branch.
 */
import { formatNorm, formatNumber } from '../render/format.js';
import type { DecayCauses } from './rnn-bound.js';
import type { LineFit } from './stats.js';
import { stepRanges, subnormalAt, type ZeroKinds } from './zeros.js';

/** "10^-0.259" or "10^+0.0197": a factor per step as a power of ten. */
export function powerOfTen(decades: number): string {
  return `10^${decades > 0 ? '+' : ''}${formatNumber(decades)}`;
}

/** What a value is, in words: "2.94e-83", "0 (underflow, below 4.9e-324)", "0 (by construction)". */
export function valueWords(values: readonly number[], i: number, zeros: ZeroKinds | null): string {
  const v = values[i];
  if (v === 0 && zeros?.structural.includes(i)) return '0, by construction';
  if (v === 0 && zeros?.underflow.includes(i)) return '0: it underflowed (its true value is below 4.9e-324)';
  return formatNorm(v);
}

/** Where the first value that is not a finite number is, and what it is, or null if all are finite. */
export function nonFinite(values: readonly number[]): { step: number; what: string } | null {
  const i = values.findIndex((v) => !Number.isFinite(v));
  if (i < 0) return null;
  const v = values[i];
  return { step: i + 1, what: Number.isNaN(v) ? 'undefined (NaN)' : v > 0 ? 'infinite (overflow, above 1.8e308)' : 'minus infinity' };
}

/**
 * How fast one curve falls going back, and what is left at t = 1. `name` starts the sentence
 * ("The tanh RNN"), `quantity` names the curve ("‖dE/dh_t‖").
 */
export function rateFinding(name: string, quantity: string, norms: readonly number[], fit: LineFit, stepsBelow1e8: number | null, zeros: ZeroKinds | null): string {
  const T = norms.length;
  const bad = nonFinite(norms);
  if (bad !== null) {
    return `${name}: ${quantity} is ${bad.what} at t = ${bad.step}, so no rate is claimed for it.`;
  }
  if (T < 2) return `${name}: with T = ${T} there is no step back to measure a rate on.`;
  if (!(fit.points >= 2 && Number.isFinite(fit.slope))) {
    return `${name}: fewer than two of the ${T} values of ${quantity} are above 0, so there is no rate to fit.`;
  }
  const direction = fit.slope < 0 ? '' : fit.slope > 0 ? ': it grows going back' : ': it stays the same';
  const below =
    stepsBelow1e8 === null ? ` It stays above 1e-8 for all ${T - 1} steps back;` : stepsBelow1e8 === 0 ? ' It is below 1e-8 already at t = T;' : ` After ${stepsBelow1e8} steps back it is below 1e-8;`;
  return `${name}: each step back multiplies ${quantity} by about ${powerOfTen(fit.slope)}${direction}.${below} at t = 1 (${T - 1} steps back) it is ${valueWords(norms, 0, zeros)}.`;
}

/** Pascanu's bound: forced to vanish, or allowed to grow; and whether the curve (`norms`) stays under it. */
export function boundFinding(b: { sigmaMax: number; gamma: number; boundSlope: number; boundHolds: boolean }, norms: readonly number[]): string {
  if (!Number.isFinite(b.sigmaMax)) return `σ_max(W_rec) is ${formatNumber(b.sigmaMax)}: the bound cannot be computed.`;
  if (norms.length < 2) return `With T = ${norms.length} Pascanu’s bound has no step back to bound.`;
  const bad = nonFinite(norms);
  const holds =
    bad !== null
      ? ` Whether the curve stays under it is not checked: ‖dE/dh_t‖ is ${bad.what} at t = ${bad.step}.`
      : b.boundHolds
        ? ' The measured curve stays under the bound at every step.'
        : ' WARNING: the measured curve crosses the bound (please report this).';
  if (b.sigmaMax * b.gamma === 1) {
    return `σ_max(W_rec) = ${formatNumber(b.sigmaMax)} = 1/γ: the bound stays at ‖dE/dh_T‖ going back, so it neither forces the gradient to vanish nor lets it grow.${holds}`;
  }
  if (b.sigmaMax * b.gamma < 1) {
    return `It had to vanish: σ_max(W_rec) = ${formatNumber(b.sigmaMax)} < 1/γ = ${formatNumber(1 / b.gamma)}, so each step back shrinks it by at least ${powerOfTen(b.boundSlope)}.${holds}`;
  }
  return `σ_max(W_rec) = ${formatNumber(b.sigmaMax)} ≥ 1/γ = ${formatNumber(1 / b.gamma)}: the bound allows growth, so it cannot tell whether the gradient vanishes.${holds}`;
}

const ACTIVATION_SLOPE: Record<string, string> = { tanh: 'tanh′', sigmoid: 'σ′', relu: 'relu′', identity: 'identity′' };

/**
 * Where an RNN's measured rate comes from: log10 ρ (the weights), mean log10 act′ (the slopes)
 * and the rest; which part is most of it; what the identity ablation shows; whether W_rec is
 * normal (σ_max = ρ) and so what the bound can say.
 */
export function causesFinding(activation: string, c: DecayCauses, sigmaMax: number, rho: number): string[] {
  const slope = ACTIVATION_SLOPE[activation] ?? `${activation}′`;
  const parts: [string, number][] = [
    ['log10 ρ', c.log10Rho],
    [`mean log10 ${slope}`, c.meanLog10Slope],
  ];
  const undefinedPart = [['the measured rate', c.measured] as [string, number], ...parts].find(([, v]) => !Number.isFinite(v));
  if (undefinedPart !== undefined) {
    const [what, value] = undefinedPart;
    const why =
      what === 'the measured rate' && Number.isNaN(value)
        ? ': fewer than two values of the gradient are above 0 and finite, so no line is fitted'
        : what === `mean log10 ${slope}` && value === -Infinity
        ? `: some ${slope} is exactly 0${activation === 'relu' ? ' (an inactive ReLU unit)' : ' (a slope below float64’s smallest number)'}`
        : what === 'log10 ρ' && value === -Infinity
          ? ': ρ = 0 (every eigenvalue of W_rec is 0)'
          : '';
    return [`Its rate cannot be split into causes: ${what} is ${Number.isNaN(value) ? 'undefined' : formatNumber(value)}${why}.`];
  }
  const sentences = [
    `Where the ${formatNumber(c.measured)} decades per step come from: log10 ρ = ${formatNumber(c.log10Rho)} (ρ = ${formatNumber(rho)}, the spectral radius of W_rec), mean log10 ${slope} = ${formatNumber(c.meanLog10Slope)} (the activation’s slopes), and ${formatNumber(c.rest)} left over.`,
  ];
  if (c.measured < 0) {
    const all: [string, number][] = [...parts, ['rest', c.rest]];
    const [largest] = [...all].sort((p, q) => p[1] - q[1]); // the most negative part
    if (largest[0] === 'log10 ρ') {
      // The identity's slopes are all 1 (log10 = 0); σ′ ≤ 1/4 costs 0.6 decades per step even unsaturated.
      const notSlopes = activation === 'identity' ? ' (the identity’s slopes are all 1)' : `, not the ${slope} slopes`;
      sentences.push(`Most of the decay is W_rec itself, ρ < 1${notSlopes}.`);
    } else if (largest[0] === 'rest') sentences.push(`Most of the decay is neither ρ nor the mean slope: the rest, which the product of non-normal factors and the gradient’s direction make.`);
    else sentences.push(`Most of the decay is the activation’s slopes (mean log10 ${slope} = ${formatNumber(c.meanLog10Slope)}), not ρ.`);
  } else {
    sentences.push(`The gradient does not shrink going back here: the parts add up to ${formatNumber(c.measured)} per step.`);
  }
  if (c.identityMeasured !== null && activation !== 'identity') {
    if (!Number.isFinite(c.identityMeasured)) {
      sentences.push(`The same weights with no activation give a rate of ${formatNumber(c.identityMeasured)}: no comparison is drawn.`);
    } else {
      const verb = c.identityMeasured < 0 ? 'falls by' : c.identityMeasured > 0 ? 'grows by' : 'changes by';
      const nearRho = Math.abs(c.identityMeasured - c.log10Rho) <= 0.1 * Math.abs(c.log10Rho) ? `, about log10 ρ = ${formatNumber(c.log10Rho)}` : '';
      const extra = c.measured - c.identityMeasured;
      const effect =
        Math.abs(extra) <= 0.1 * Math.abs(c.measured)
          ? `so the ${activation} changes the rate by only ${formatNumber(extra)}`
          : extra < 0
            ? `so the ${activation} takes off another ${formatNumber(-extra)} decades per step`
            : c.measured <= 0
            ? `so the ${activation} slows the decay by ${formatNumber(extra)} decades per step`
            : `so the ${activation} raises the rate by ${formatNumber(extra)} decades per step`;
      sentences.push(`Ablation: the same weights and sequence with no activation (identity) ${verb} ${formatNumber(Math.abs(c.identityMeasured))} decades per step${nearRho}, ${effect}.`);
    }
  }
  if (Number.isFinite(sigmaMax) && rho > 0) {
    sentences.push(
      sigmaMax > 1.05 * rho
        ? `W_rec is not normal: σ_max = ${formatNumber(sigmaMax)} is ${formatNumber(sigmaMax / rho)}× ρ (for a normal matrix they are equal), and the bound, built on σ_max, allows much more per step than ρ lets through in the long run.`
        : `σ_max = ${formatNumber(sigmaMax)} is within 5% of ρ: the bound’s factor is close to what W_rec does in the long run (for a normal matrix they are equal).`,
    );
  }
  return sentences;
}

/**
 * The mean-field heuristic log10(ρ · mean act′) against the measured rate, for one or more RNNs:
 * how far off it is in each, and never more than a heuristic.
 */
export function heuristicFinding(items: readonly { name: string; measured: number; heuristic: number }[]): string {
  const parts = items.map(({ name, measured, heuristic }) => {
    if (!Number.isFinite(measured)) return `for ${name} no rate was measured, so there is nothing to compare it with`;
    if (Number.isNaN(heuristic)) return `for ${name} it is undefined (no step back, so no slopes to average)`;
    if (!Number.isFinite(heuristic)) return `for ${name} it is ${formatNumber(heuristic)} (ρ or the mean slope is 0 or not finite), no comparison`;
    if (measured === 0) return `for ${name} it gives ${formatNumber(heuristic)} against a measured rate of 0`;
    const off = Math.abs(heuristic - measured) / Math.abs(measured);
    return off <= 0.1
      ? `for ${name} it gives ${formatNumber(heuristic)}, within ${formatNumber(100 * off, 2)}% of the measured ${formatNumber(measured)}`
      : `for ${name} it gives ${formatNumber(heuristic)}, ${formatNumber(100 * off, 2)}% off the measured ${formatNumber(measured)}`;
  });
  return `The mean-field heuristic log10(ρ · mean act′) treats every step as the same scalar factor: ${parts.join('; ')}.`;
}

/** A gated cell's direct path (the LSTM's forget-gate path, the GRU's update-gate path) and its full gradient. */
export interface GatePath {
  /** 'LSTM' or 'GRU'. */
  readonly cell: 'LSTM' | 'GRU';
  /** Who the sentence is about, e.g. "The LSTM (forget bias 3)". */
  readonly label: string;
  readonly full: readonly number[];
  readonly path: readonly number[];
  readonly fullFit: LineFit;
  readonly pathFit: LineFit;
  /** The mean of the gate over every unit and step. */
  readonly meanGate: number;
}

const GATE_WORDS = {
  LSTM: { gate: 'forget gate f', path: 'forget-gate path', full: '‖dE/dc_t‖', along: 'the cell state c_t', via: 'h_t into the next step’s four gates' },
  GRU: { gate: 'update gate z', path: 'update-gate path', full: '‖dE/dh_t‖', along: 'h_t through z_t ⊙ h_{t−1}', via: 'the next step’s gates and candidate' },
} as const;

/** What the direct path is and how fast it falls, the full gradient beside it, and why they differ at t = 1. */
export function gatePathFinding(g: GatePath): string[] {
  const w = GATE_WORDS[g.cell];
  const out: string[] = [];
  const bad = nonFinite(g.full) ?? nonFinite(g.path);
  if (bad !== null) return [`${g.label}: a value of the full gradient or of the ${w.path} is ${bad.what} at t = ${bad.step}, so no rate or comparison is claimed.`];
  const rate = (fit: LineFit) =>
    !(fit.points >= 2 && Number.isFinite(fit.slope))
      ? 'has no rate (fewer than two values above 0)'
      : fit.slope === 0
        ? 'neither falls nor grows (0 decades per step)'
        : `${fit.slope < 0 ? 'falls' : 'grows'} by ${formatNumber(Math.abs(fit.slope))} decades per step`;
  out.push(
    `${g.label}: along ${w.along} alone each step multiplies the gradient by the ${w.gate} and nothing else (mean ${formatNumber(g.meanGate)}, log10 ${formatNumber(Math.log10(g.meanGate))}): that ${w.path} ${rate(g.pathFit)}. The full ${w.full}, which also flows through ${w.via}, each behind W_hh, ${rate(g.fullFit)}.`,
  );
  const [full1, path1] = [g.full[0], g.path[0]];
  if (g.full.length === 1) {
    out.push(`With T = 1 there is no step back: the full gradient and the ${w.path} are both dE/d${g.cell === 'LSTM' ? 'c' : 'h'}_T.`);
    return out;
  }
  if (full1 === 0 || path1 === 0) {
    out.push(`At t = 1 the full gradient is ${formatNorm(full1)} and the ${w.path} ${formatNorm(path1)}: no ratio is drawn.`);
    return out;
  }
  const ratio = full1 / path1;
  if (ratio >= 2) {
    out.push(`At t = 1 the full gradient is ${formatNumber(ratio)}× the ${w.path}: most of it comes along the other paths, from ${w.via} and back through W_hh.`);
  } else if (ratio >= 1.1) {
    out.push(`At t = 1 the full gradient is ${formatNumber(ratio)}× the ${w.path}: the other paths, from ${w.via} and back through W_hh, add to it.`);
  } else if (ratio <= 1 / 1.1) {
    out.push(`At t = 1 the full gradient is ${formatNumber(ratio)}× the ${w.path}: the other paths, back through W_hh, partly cancel it.`);
  } else {
    out.push(`At t = 1 the full gradient is within 10% of the ${w.path} (${formatNumber(ratio)}×): the other paths, back through W_hh, add little.`);
  }
  return out;
}

/** How an LSTM's rate depends on its forget bias: the default against bias 0, with the tanh RNN for scale. */
export function forgetBiasFinding(at: { bias: number; slope: number; meanF: number }, atZero: { slope: number; meanF: number }, tanhSlope: number): string {
  if (![at.slope, atZero.slope, tanhSlope].every(Number.isFinite)) return 'The rates at the two forget biases are not both finite: no comparison is drawn.';
  const near = Math.abs(atZero.slope - tanhSlope) <= 0.3 * Math.abs(tanhSlope) ? 'close to' : 'against';
  const head = `The LSTM’s full ‖dE/dc_t‖ changes by ${formatNumber(atZero.slope)} decades per step at forget bias 0 (mean f = ${formatNumber(atZero.meanF)}), ${near} the tanh RNN’s ${formatNumber(tanhSlope)}, and by ${formatNumber(at.slope)} at forget bias ${at.bias} (mean f = ${formatNumber(at.meanF)})`;
  if (!(at.slope > atZero.slope)) return `${head}: here forget bias ${at.bias} does not slow the decay against bias 0.`;
  if (at.meanF > atZero.meanF) return `${head}: the cell state keeps the gradient only as far as the forget bias holds f near 1.`;
  return `${head}: forget bias ${at.bias} slows the decay, though its mean f is not larger.`;
}

/** What share of Σ_t ‖term_t‖ the first half of the sequence has, and what that says about the far past. */
export function pastShareFinding(terms: readonly number[], cell: string, gated: { path: string; slope: number; meanGate: number; gate: string } | null): string {
  const bad = nonFinite(terms);
  if (bad !== null) return `Step ${bad.step}’s term of dE/dW_rec is ${bad.what}: no share of the past is computed.`;
  const T = terms.length;
  if (T < 2) return `With T = ${T} there is no first half to compare.`;
  const total = terms.reduce((s, v) => s + v, 0);
  if (!(total > 0) || !Number.isFinite(total)) return `Σ_t ‖term_t‖ is ${formatNumber(total)}: no share of the past is computed.`;
  const half = Math.floor(T / 2);
  const share = terms.slice(0, half).reduce((s, v) => s + v, 0) / total;
  const head = `The first half of the sequence (t = 1…${half}) contributes ${formatNumber(100 * share)}% of Σ_t ‖term_t‖`;
  if (share >= 0.01) return `${head}: the far past still shapes W_rec in this run.`;
  if (gated === null) return `${head}: the far past barely moves W_rec.`;
  if (gated.slope < 0) {
    return `${head}: the far past barely moves W_rec, even for this ${cell}: its ${gated.gate} gates average ${formatNumber(gated.meanGate)}, and its ${gated.path} falls by ${formatNumber(-gated.slope)} decades per step.`;
  }
  return `${head}: the far past barely moves W_rec, even for this ${cell}, although its ${gated.path} does not shrink (${formatNumber(gated.slope)} decades per step): the rest of the gradient fades.`;
}

/** One line per kind of special value in each curve: structural zeros, underflow, other zeros, subnormals. */
export function zerosFinding(curves: readonly { name: string; values: readonly number[]; zeros: ZeroKinds }[]): string[] {
  const lines: string[] = [];
  for (const { name, values, zeros } of curves) {
    if (zeros.structural.length > 0) lines.push(`${name} is exactly 0 at t = ${stepRanges(zeros.structural)} by construction${zeros.why === undefined ? '' : ` (${zeros.why})`}, not by underflow.`);
    if (zeros.underflow.length > 0) lines.push(`${name} underflowed to exactly 0 at t = ${stepRanges(zeros.underflow)}: its true value there is above 0 but below 4.9e-324, float64’s smallest number.`);
    const other = values.flatMap((v, i) => (v === 0 && !zeros.structural.includes(i) && !zeros.underflow.includes(i) ? [i] : []));
    if (other.length > 0) lines.push(`${name} is exactly 0 at t = ${stepRanges(other)}.`);
    const subnormal = subnormalAt(values);
    if (subnormal.length > 0) {
      const range = subnormal.map((i) => values[i]);
      lines.push(
        `${name} is subnormal at t = ${stepRanges(subnormal)} (${formatNumber(Math.min(...range))} … ${formatNumber(Math.max(...range))}): real values, kept with fewer digits, drawn at their value.`,
      );
    }
  }
  return lines;
}

/** A straight-line fit of a long curve: its rate and R², and what is left at t = 1. */
export function lineFinding(name: string, norms: readonly number[], fit: LineFit): string {
  const bad = nonFinite(norms);
  if (bad !== null) return `${name}: its gradient is ${bad.what} at t = ${bad.step}, so no line is fitted.`;
  if (!(fit.points >= 2 && Number.isFinite(fit.slope))) return `${name}: fewer than two values are above 0, so no line is fitted.`;
  const verb = fit.slope < 0 ? 'loses' : 'gains';
  const line = fit.r2 >= 0.99 ? `on a straight line (R² = ${formatNumber(fit.r2, 4)})` : `though not on a straight line (R² = ${formatNumber(fit.r2, 4)})`;
  return `${name} ${verb} ${formatNumber(Math.abs(fit.slope))} decades per step back, ${line}: after ${norms.length - 1} steps ${formatNorm(norms[0])} is left.`;
}

/** How two rates compare: "k× slower", "k× faster", or that one does not shrink at all. */
export function compareRates(a: { name: string; slope: number }, b: { name: string; slope: number }): string {
  if (!Number.isFinite(a.slope) || !Number.isFinite(b.slope)) return `${b.name} and ${a.name} do not both have a finite rate: no comparison is drawn.`;
  if (b.slope >= 0) return `${b.name} does not shrink going back (${formatNumber(b.slope)} decades per step), unlike ${a.name} (${formatNumber(a.slope)}).`;
  if (a.slope >= 0) return `${b.name} loses ${formatNumber(-b.slope)} decades per step, while ${a.name} does not shrink (${formatNumber(a.slope)}).`;
  const ratio = a.slope / b.slope;
  const how = Math.abs(ratio - 1) <= 0.05 ? 'about as fast as' : ratio > 1 ? `${formatNumber(ratio)}× slower than` : `${formatNumber(1 / ratio)}× faster than`;
  return `${b.name} loses ${formatNumber(-b.slope)} decades per step: ${how} ${a.name}.`;
}

/** One forget bias's curves, as the `lstm` sweep reports them. */
export interface BiasCurve {
  readonly forgetBias: number;
  readonly full: readonly number[];
  readonly path: readonly number[];
  readonly fullSlope: number;
  readonly pathSlope: number;
  readonly log10MeanF: number;
}

/** The sweep over forget biases: the path's rate against log10(mean f), and what a larger bias does. */
export function forgetSweepFindings(curves: readonly BiasCurve[]): string[] {
  const bad = curves.find((c) => nonFinite(c.full) !== null || nonFinite(c.path) !== null || !Number.isFinite(c.pathSlope) || !Number.isFinite(c.fullSlope));
  if (bad !== undefined) return [`At forget bias ${bad.forgetBias} a gradient or its rate is not finite: no comparison across biases is drawn.`];
  const out: string[] = [];
  const off = curves.map((c) => Math.abs(c.pathSlope - c.log10MeanF) / Math.max(Math.abs(c.log10MeanF), 1e-12));
  const pairs = curves.map((c, i) => `bias ${c.forgetBias}: ${formatNumber(c.pathSlope)} against ${formatNumber(c.log10MeanF)} (${formatNumber(100 * off[i], 2)}% off)`).join('; ');
  const worst = Math.max(...off);
  out.push(
    worst <= 0.3
      ? `The forget-gate path falls at a rate within 30% of log10(mean f) per step (the path multiplies by the gates, and log10 of their mean only estimates its rate: the gates vary from unit to unit and step to step): ${pairs}.`
      : `The forget-gate path’s rate is not always near log10(mean f) (the gates vary from unit to unit and step to step): ${pairs}.`,
  );
  const byBias = [...curves].sort((a, b) => a.forgetBias - b.forgetBias);
  if (byBias.length >= 2) {
    const rising = (key: 'pathSlope' | 'fullSlope') => byBias.every((c, i) => i === 0 || c[key] > byBias[i - 1][key]);
    const [path, full] = [rising('pathSlope'), rising('fullSlope')];
    out.push(
      path && full
        ? 'A larger forget bias holds f nearer 1, and the gradient reaches further back, along the path and in full: the LSTM’s fix is an additive path whose factor the network controls.'
        : path
          ? 'A larger forget bias slows the forget-gate path’s decay at every step of the sweep, but not the full gradient’s: the other paths do not follow the bias.'
          : 'In this sweep a larger forget bias does not slow the forget-gate path’s decay at every step: the gates do not rise with the bias alone.',
    );
  }
  const ratios = curves.map((c) => (c.path[0] > 0 && c.full[0] > 0 ? c.full[0] / c.path[0] : NaN));
  const said = curves.map((c, i) => `${Number.isNaN(ratios[i]) ? 'n/a (a zero)' : `${formatNumber(ratios[i])}×`} at bias ${c.forgetBias}`).join(', ');
  const finite = ratios.filter((r) => !Number.isNaN(r));
  if (finite.length > 0) {
    out.push(
      finite.every((r) => r >= 1.1)
        ? `At t = 1 the full gradient is above the forget-gate path at every bias (${said}): the rest of it comes through h_t and the later steps’ gates, back through W_hh.`
        : finite.every((r) => r <= 1 / 1.1)
          ? `At t = 1 the full gradient is below the forget-gate path at every bias (${said}): the paths back through W_hh partly cancel it.`
          : `At t = 1 the full gradient against the forget-gate path: ${said}. The paths back through W_hh add to it or cancel part of it, depending on the run.`,
    );
  }
  return out;
}

/** One ρ of the linear experiment: backprop against ρ^(T−k)·‖dE/dh_T‖ (see experiments/linear.ts). */
export interface FormulaCheck {
  readonly rho: number;
  readonly gradHNorms: readonly number[];
  /** The largest relative error over the steps compared (NaN if none). */
  readonly maxRelativeError: number;
  /** How many steps were compared, and the 0-based steps left out: not finite, or below the normal range. */
  readonly compared: number;
  readonly overflow: readonly number[];
  readonly belowNormal: readonly number[];
  /** The first step whose forward state h_t is not finite (then E and every gradient are not), or null. */
  readonly statesOverflowAt: number | null;
}

/** The exact linear case: how closely backprop matches the formula, where it could be checked, and what each ρ did. */
export function formulaFindings(curves: readonly FormulaCheck[]): string[] {
  const out: string[] = [];
  const checked = curves.filter((c) => c.compared > 0);
  if (checked.length > 0) {
    const worst = Math.max(...checked.map((c) => c.maxRelativeError));
    out.push(`Backprop matches ρ^(T−k)·‖dE/dh_T‖ to ${formatNumber(worst)} (relative) at every step where both are finite normal numbers${checked.length < curves.length ? ` (for ρ = ${checked.map((c) => c.rho).join(', ')})` : ''}.`);
  }
  for (const c of curves) {
    if (c.statesOverflowAt !== null) {
      out.push(`At ρ = ${c.rho} the state h_t itself overflows float64 from t = ${c.statesOverflowAt} on, so E = ½‖h_T − y‖² and every gradient are infinite or undefined: nothing is compared.`);
      continue;
    }
    if (c.overflow.length > 0) out.push(`At ρ = ${c.rho}, ‖dE/dh_t‖ or the formula is not finite at t = ${stepRanges(c.overflow)} (overflow, above 1.8e308): nothing is compared there.`);
    if (c.belowNormal.length > 0) out.push(`At ρ = ${c.rho}, t = ${stepRanges(c.belowNormal)} are left out of the comparison: 0 or subnormal there, below float64’s full precision.`);
    if (c.compared === 0) out.push(`At ρ = ${c.rho} no step has both numbers finite and normal: nothing is compared.`);
  }
  const behaviour = curves.map((c) => {
    const T = c.gradHNorms.length;
    const [first, last] = [c.gradHNorms[0], c.gradHNorms[T - 1]];
    if (!Number.isFinite(first) || !Number.isFinite(last)) return `ρ = ${c.rho}: not finite`;
    if (T < 2 || !(last > 0)) return `ρ = ${c.rho}: ‖dE/dh_T‖ = ${formatNorm(last)}, no ratio`;
    if (first === 0 && c.rho === 0) return `ρ = 0: ‖dE/dh_1‖ = 0 by construction (W_rec = 0: nothing reaches back)`;
    const ratio = first / last;
    const what = Math.abs(ratio - 1) <= 1e-9 ? 'it stays' : ratio < 1 ? 'it vanishes' : 'it grows';
    return `ρ = ${c.rho}: ‖dE/dh_1‖ / ‖dE/dh_T‖ = ${formatNorm(ratio)}, ${what}`;
  });
  out.push(`Over the ${curves[0]?.gradHNorms.length ?? 0} steps: ${behaviour.join('; ')}.`);
  return out;
}

/** The turn toward the top eigenvector: where |cos| first stays above 0.99 all the way back to t = 1. */
export function alignmentFinding(cosines: readonly number[]): string {
  const T = cosines.length;
  const bad = nonFinite(cosines);
  if (bad !== null) return `|cos| is ${bad.what} at t = ${bad.step} (a zero gradient has no direction): no alignment is claimed.`;
  const start = `The raw gradient dE/dh_T has |cos| = ${formatNumber(cosines[T - 1])} with the top eigenvector`;
  const firstBelow = cosines.findIndex((c) => c <= 0.99); // from t = 1 on
  if (firstBelow < 0) return `${start}; |cos| is above 0.99 at every step.`;
  if (firstBelow === 0) return `${start}; at t = 1 it is ${formatNumber(cosines[0])}: going back ${T - 1} steps has not turned it to within 0.99 of it.`;
  return `${start}; from t = ${firstBelow} back to t = 1 it stays above 0.99: going back applies powers of W_rec, which is power iteration.`;
}

/** The cliff: the grid's own ratio, the bisected edge reported as such, and clipping. */
export function cliffFindings(
  r: { median: number; max: number; argmax: { w: number; b: number }; cliffRatio: number; edge: { w: number; b: number; gradNorm: number } | null },
  clipping: { threshold: number; normBefore: number; normAfter: number; clipped: readonly number[]; at: 'edge' | 'grid' },
): string[] {
  const out: string[] = [];
  const short = (v: number) => String(Number(v.toPrecision(6)));
  const where = (p: { w: number; b: number }) => `(w, b) = (${short(p.w)}, ${short(p.b)})`;
  if (!Number.isFinite(r.max) || !Number.isFinite(r.median) || !(r.median > 0)) {
    out.push(`The grid’s largest ‖∇E‖ is ${formatNorm(r.max)} and its median ${formatNorm(r.median)}: no ratio is drawn.`);
  } else {
    const steep =
      r.cliffRatio >= 10
        ? `: a gradient step there is ${formatNumber(r.cliffRatio)} times longer than at a typical point of the grid`
        : ': no cliff stands out on this grid';
    out.push(`On the grid the largest ‖∇E‖ is ${formatNorm(r.max)} at ${where(r.argmax)}, ${formatNumber(r.cliffRatio)} times the grid’s median${steep}.`);
  }
  if (r.edge === null) {
    out.push('No column of the grid has x_T jump by 1 or more between neighbouring rows: there is no cliff to bisect in this range.');
  } else if (!Number.isFinite(r.edge.gradNorm)) {
    out.push(`Bisecting b across the cliff finds ‖∇E‖ ${formatNumber(r.edge.gradNorm)} at ${where(r.edge)}: the gradient overflowed there.`);
  } else {
    const overMedian = r.median > 0 && Number.isFinite(r.median) ? r.edge.gradNorm / r.median : null;
    const ratio = overMedian === null ? '' : `, ${formatNumber(overMedian)}× the grid’s median`;
    // Only a gradient that stands out (10× the median, as on the grid) is called a cliff.
    const why = overMedian === null || overMedian >= 10 ? 'a grid only samples the cliff' : 'x_T switches fixed point there, but the gradient stands no more than 10× above the grid’s median: no cliff at these settings';
    out.push(`Bisecting b between two grid rows across the x_T jump (to 1e-12) finds ‖∇E‖ = ${formatNorm(r.edge.gradNorm)} at ${where(r.edge)}, a point off the grid${ratio}: ${why}.`);
  }
  const point = clipping.at === 'edge' ? 'at the bisected edge' : 'at the grid’s largest point';
  if (!Number.isFinite(clipping.normBefore)) {
    out.push(`Clipping ${point} is not shown: ‖g‖ there is ${formatNumber(clipping.normBefore)}.`);
  } else if (clipping.normBefore > clipping.threshold) {
    out.push(
      `Clipping (threshold ${formatNumber(clipping.threshold)}) turns ‖g‖ = ${formatNorm(clipping.normBefore)} ${point} into ${formatNorm(clipping.normAfter)}, the same direction: (${clipping.clipped.map((v) => formatNumber(v)).join(', ')}).`,
    );
  } else {
    out.push(`Clipping (threshold ${formatNumber(clipping.threshold)}) leaves ‖g‖ = ${formatNorm(clipping.normBefore)} ${point} as it is: it is not above the threshold.`);
  }
  return out;
}
