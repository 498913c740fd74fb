/**
 * `chainrule` with no command (and `pnpm demo`): the tour. The vanishing-gradient argument in one screen:
 * the same sequence through a sigmoid RNN, a tanh RNN and an LSTM, and how much gradient is left
 * at every step back in time. Every sentence is chosen and filled from the run (experiments/findings.ts).
 */
import { defineCommand } from '../framework/command.js';
import { number, positiveInt } from '../framework/flags.js';
import type { Figure, Series } from '../render/figures.js';
import { tour, tourDefaults, type LstmRun } from '../experiments/tour.js';
import type { BoundReport } from '../experiments/rnn-bound.js';
import { boundFinding, causesFinding, forgetBiasFinding, gatePathFinding, heuristicFinding, rateFinding } from '../experiments/findings.js';
import { zeroKinds } from '../experiments/zeros.js';
import { logCell } from '../render/format.js';
import { fromLog10, zeroCell, zeroStepsJson } from '../render/zeros.js';
import { checkCost } from '../cost/budget.js';
import { tourCost } from '../cost/estimates.js';

export const tourCommand = defineCommand({
  name: 'tour',
  summary: 'the vanishing gradient in one screen: sigmoid RNN vs tanh RNN vs LSTM',
  description: [
    'One random sequence, the loss E = ½‖h_T − y‖² at the last step, one backward pass through each',
    "model. The chart shows the full gradient ‖dE/dh_t‖ at every step t of the two RNNs, with Pascanu et",
    "al.'s bound, and of the LSTM the full ‖dE/dc_t‖ of its cell state beside its forget-gate path",
    '(Π f)⊙dE/dc_T, at its forget bias and at bias 0. Every number comes from backprop through',
    "chainrule's engine; every sentence is chosen from the run's numbers.",
  ],
  flags: {
    steps: positiveInt({ description: 'sequence length T', default: tourDefaults.steps, max: 5000 }),
    hidden: positiveInt({ description: 'hidden units H', default: tourDefaults.hiddenSize, max: 512 }),
    forgetBias: number({ description: "the LSTM's forget-gate bias (bias 0 is shown too)", default: tourDefaults.forgetBias, min: -20, max: 20 }),
  },
  examples: ['', 'tour --steps 300', 'tour --forget-bias 0', 'tour --svg tour.svg'],
  preflight: (f) => checkCost(tourCost(f)),
  run: ({ steps, hidden, forgetBias }, { seed, report }) => {
    const r = tour({ ...tourDefaults, steps, hiddenSize: hidden, forgetBias, seed }, report);
    const t = Array.from({ length: steps }, (_, i) => i + 1);
    const lstms = [r.lstm, ...(r.lstmAtZero === null ? [] : [r.lstmAtZero])];
    const lstmName = (l: LstmRun) => `LSTM, forget bias ${l.forgetBias}`;
    const rnnZeros = (b: BoundReport) => smooth(b.flow.gradHNorms);
    const series: Series[] = [
      { name: 'sigmoid RNN (textbook cell) ‖dE/dh_t‖', values: r.sigmoid.flow.gradHNorms, group: 'sigmoid', zeros: rnnZeros(r.sigmoid) },
      { name: 'tanh RNN ‖dE/dh_t‖', values: r.tanh.flow.gradHNorms, group: 'tanh', zeros: rnnZeros(r.tanh) },
      { name: `${lstmName(r.lstm)}: full ‖dE/dc_t‖`, values: r.lstm.flow.gradCNorms!, group: 'lstm', zeros: smooth(r.lstm.flow.gradCNorms!) },
      { name: `${lstmName(r.lstm)}: forget-gate path ‖(Πf)⊙dE/dc_T‖`, values: r.lstm.flow.gatePathNorms!, group: 'lstm', style: 'bound', zeros: smooth(r.lstm.flow.gatePathNorms!) },
      ...(r.lstmAtZero === null
        ? []
        : [{ name: `${lstmName(r.lstmAtZero)}: full ‖dE/dc_t‖`, values: r.lstmAtZero.flow.gradCNorms!, zeros: smooth(r.lstmAtZero.flow.gradCNorms!) }]),
      { name: 'bound, sigmoid: ‖dE/dh_T‖·(σ_max/4)^(T−t)', ...fromLog10(r.sigmoid.boundLog10), style: 'bound', group: 'sigmoid' },
      { name: 'bound, tanh: ‖dE/dh_T‖·σ_max^(T−t)', ...fromLog10(r.tanh.boundLog10), style: 'bound', group: 'tanh' },
    ];
    const figures: Figure[] = [
      { kind: 'line', title: `How much gradient reaches step t (T = ${steps}, H = ${hidden})`, xLabel: 't', yLabel: 'gradient norm', x: t, series },
      {
        kind: 'table',
        title: 'Per step back in time, in decades (log10 of the factor)',
        columns: [
          { header: 'model' },
          { header: 'curve' },
          { header: 'measured', format: 'number' },
          { header: 'bound log10(γσ_max)', format: 'number' },
          { header: 'heuristic*', format: 'number' },
          { header: 'steps to < 1e-8', align: 'right' },
          { header: 'at t = 1', format: 'norm' },
        ],
        rows: [
          rnnRow('sigmoid RNN', r.sigmoid),
          rnnRow('tanh RNN', r.tanh),
          ...lstms.flatMap((l) => [
            [lstmName(l), '‖dE/dc_t‖ (full)', l.fit.slope, '—', Math.log10(l.meanForget), stepsText(l.stepsBelow1e8), zeroCell(l.flow.gradCNorms!, smooth(l.flow.gradCNorms!), 0)],
            [lstmName(l), 'forget-gate path', l.pathFit.slope, '—', Math.log10(l.meanForget), stepsText(stepsBelow(l.flow.gatePathNorms!)), zeroCell(l.flow.gatePathNorms!, smooth(l.flow.gatePathNorms!), 0)],
          ]),
        ],
      },
      {
        kind: 'table',
        title: 'Where the RNNs’ rates come from, in decades per step (they add up to the measured rate)',
        columns: [
          { header: 'model' },
          { header: 'σ_max(W_rec)', format: 'number' },
          { header: 'ρ(W_rec)', format: 'number' },
          { header: 'measured', format: 'number' },
          { header: 'log10 ρ', format: 'number' },
          { header: 'mean log10 act′', format: 'number' },
          { header: 'rest', format: 'number' },
          { header: 'no activation†', format: 'number' },
        ],
        rows: [causesRow('sigmoid RNN', r.sigmoid), causesRow('tanh RNN', r.tanh)],
      },
      {
        kind: 'text',
        lines: [
          ...rnnFindings('The textbook sigmoid RNN', r.sigmoid),
          ...rnnFindings('The tanh RNN (same weights)', r.tanh),
          ...[splitCauses(r.tanh).normality].filter((line): line is string => line !== null),
          rateFinding(`The ${lstmName(r.lstm)}`, '‖dE/dc_t‖', r.lstm.flow.gradCNorms!, r.lstm.fit, r.lstm.stepsBelow1e8, null),
          ...gatePathFinding({
            cell: 'LSTM',
            label: `The ${lstmName(r.lstm)}`,
            full: r.lstm.flow.gradCNorms!,
            path: r.lstm.flow.gatePathNorms!,
            fullFit: r.lstm.fit,
            pathFit: r.lstm.pathFit,
            meanGate: r.lstm.meanForget,
          }),
          ...(r.lstmAtZero === null
            ? []
            : [biasComparison({ bias: r.lstm.forgetBias, slope: r.lstm.fit.slope, meanF: r.lstm.meanForget }, { slope: r.lstmAtZero.fit.slope, meanF: r.lstmAtZero.meanForget }, r.tanh.measuredSlope)]),
          `* heuristic: log10(ρ · mean act′) for the RNNs (ρ the spectral radius of W_rec), log10(mean f) for the LSTM: estimates, not laws. ${heuristicFinding([
            { name: 'the sigmoid RNN', measured: r.sigmoid.measuredSlope, heuristic: r.sigmoid.heuristicSlope },
            { name: 'the tanh RNN', measured: r.tanh.measuredSlope, heuristic: r.tanh.heuristicSlope },
          ])}`,
          // vanish's pytorch setup draws W_ih and W_hh from the same seed as the tour's RNNs, then adds biases.
          `† the same weights and sequence with the identity activation: what W_rec does on its own. chainrule vanish --setup pytorch --activation identity --hidden ${hidden} --input-size ${tourDefaults.inputSize} --steps ${steps}${seed === 0 ? '' : ` --seed ${seed}`} runs the same ablation on the same W_rec and sequence, with biases added.`,
          '',
          'Go further:  chainrule vanish --cell rnn --setup sigmoid   (Pascanu’s setups, Jacobian norms, each step’s share of dE/dW_rec)',
          '             chainrule linear | explode | lstm | long | train --task adding | graph      (chainrule --help)',
        ],
      },
    ];
    return {
      data: {
        steps,
        hidden_size: hidden,
        forget_bias: forgetBias,
        seed,
        sigmoid_rnn: rnnJson(r.sigmoid),
        tanh_rnn: rnnJson(r.tanh),
        lstm: lstmJson(r.lstm),
        ...(r.lstmAtZero === null ? {} : { lstm_forget_bias_0: lstmJson(r.lstmAtZero) }),
      },
      figures,
    };
  },
});

/**
 * What the exact zeros of a curve are: every cell of the tour is smooth (sigmoid, tanh, σ and tanh
 * gates: no factor is exactly 0), so a 0 within reach of the floor is underflow (experiments/zeros.ts).
 */
function smooth(values: readonly number[]) {
  return zeroKinds(values, { smooth: true });
}

/**
 * The LSTM at its forget bias against bias 0. forgetBiasFinding (experiments/findings.ts) speaks of
 * the given bias as "the larger": true for a positive bias. A negative one is the smaller, and the
 * sentence's ending is chosen here from the same two rates.
 */
function biasComparison(at: { bias: number; slope: number; meanF: number }, atZero: { slope: number; meanF: number }, tanhSlope: number): string {
  const finding = forgetBiasFinding(at, atZero, tanhSlope);
  if (at.bias > 0 || ![at.slope, atZero.slope, tanhSlope].every(Number.isFinite)) return finding;
  const head = finding.slice(0, finding.lastIndexOf(': '));
  return at.slope < atZero.slope && at.meanF < atZero.meanF
    ? `${head}: the negative bias pulls f toward 0, and the cell state loses the gradient faster.`
    : `${head}: here the smaller bias does not speed the decay.`;
}

function stepsText(steps: number | null): string {
  return steps === null ? 'never' : String(steps);
}

function stepsBelow(norms: readonly number[]): number | null {
  const i = [...norms].reverse().findIndex((g) => g < 1e-8);
  return i < 0 ? null : i;
}

function rnnRow(name: string, b: BoundReport): (string | number)[] {
  return [name, '‖dE/dh_t‖', b.measuredSlope, b.boundSlope, b.heuristicSlope, stepsText(b.stepsBelow1e8), zeroCell(b.flow.gradHNorms, smooth(b.flow.gradHNorms), 0)];
}

function causesRow(name: string, b: BoundReport): (string | number)[] {
  const c = b.causes;
  return [name, b.sigmaMax, b.spectralRadius, c.measured, ...[c.log10Rho, c.meanLog10Slope, c.rest].map(logCell), c.identityMeasured ?? '—'];
}

/**
 * causesFinding's sentences, the note on W_rec's normality apart (the two RNNs share W_rec: it is said
 * once). It is the last sentence, present only when the split was made (two or more sentences) and
 * σ_max and ρ allow it.
 */
function splitCauses(b: BoundReport): { split: string[]; normality: string | null } {
  const all = causesFinding(b.activation, b.causes, b.sigmaMax, b.spectralRadius);
  const hasNormality = all.length > 1 && Number.isFinite(b.sigmaMax) && b.spectralRadius > 0;
  return hasNormality ? { split: all.slice(0, -1), normality: all[all.length - 1] } : { split: all, normality: null };
}

/** The rate, the bound, and the split of the rate into its causes (without the normality note, said once). */
function rnnFindings(name: string, b: BoundReport): string[] {
  return [
    `${rateFinding(name, '‖dE/dh_t‖', b.flow.gradHNorms, b.measuredFit, b.stepsBelow1e8, smooth(b.flow.gradHNorms))} ${boundFinding(b, b.flow.gradHNorms)}`,
    splitCauses(b).split.join(' '),
  ];
}

function rnnJson(b: BoundReport) {
  return {
    loss: b.flow.loss,
    grad_h_norms: b.flow.gradHNorms,
    sigma_max: b.sigmaMax,
    gamma: b.gamma,
    spectral_radius: b.spectralRadius,
    bound_decades_per_step: b.boundSlope,
    measured_decades_per_step: b.measuredSlope,
    heuristic_decades_per_step: b.heuristicSlope,
    causes: {
      log10_spectral_radius: b.causes.log10Rho,
      mean_log10_slope: b.causes.meanLog10Slope,
      rest: b.causes.rest,
      identity_activation_decades_per_step: b.causes.identityMeasured,
    },
    bound_holds: b.boundHolds,
    zeros: { grad_h_norms: zeroStepsJson(b.flow.gradHNorms, smooth(b.flow.gradHNorms)) },
  };
}

function lstmJson(l: LstmRun) {
  return {
    forget_bias: l.forgetBias,
    loss: l.flow.loss,
    grad_h_norms: l.flow.gradHNorms,
    grad_c_norms: l.flow.gradCNorms!,
    forget_path_norms: l.flow.gatePathNorms!,
    mean_forget_gate: l.meanForget,
    measured_decades_per_step: l.fit.slope,
    forget_path_decades_per_step: l.pathFit.slope,
    zeros: {
      grad_c_norms: zeroStepsJson(l.flow.gradCNorms!, smooth(l.flow.gradCNorms!)),
      forget_path_norms: zeroStepsJson(l.flow.gatePathNorms!, smooth(l.flow.gatePathNorms!)),
    },
  };
}
