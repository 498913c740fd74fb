/**
 * `chainrule vanish`: experiments 1 and 2. Per-step gradient norms of one cell, by backprop,
 * with Pascanu's bound and the split of the rate for RNNs, the gate path beside the full gradient
 * for LSTMs and GRUs; or, with --model/--input, the same for weights from a file. Every sentence is
 * chosen from the run's numbers (experiments/findings.ts).
 */
import { ACTIVATIONS, LSTMCell } from '@chainrule/nn';
import { defineCommand } from '../framework/command.js';
import { UsageError } from '../framework/errors.js';
import { boolean, file, number, oneOf, positiveInt } from '../framework/flags.js';
import { loadModelAndInput } from '../input/model-file.js';
import type { Figure, Series } from '../render/figures.js';
import { formatNorm, formatNumber, logCell, zeroText } from '../render/format.js';
import { SETUPS } from '../experiments/rnn-bound.js';
import { CELL_KINDS } from '../cell-kind.js';
import { boundFinding, causesFinding, gatePathFinding, heuristicFinding, pastShareFinding, rateFinding, zerosFinding } from '../experiments/findings.js';
import { zeroKinds, type ZeroKinds } from '../experiments/zeros.js';
import { fromLog10, zeroStepsJson } from '../render/zeros.js';
import { vanish, vanishFromFiles, vanishFromFlags, type VanishResult } from '../experiments/vanish.js';
import { cellFromModelFile } from '@chainrule/nn';
import { checkCost } from '../cost/budget.js';
import { vanishCost } from '../cost/estimates.js';

export const vanishCommand = defineCommand({
  name: 'vanish',
  summary: 'per-step ‖dE/dh_t‖, ‖dE/dc_t‖, ‖dh_T/dh_t‖₂ and each step’s share of dE/dW_rec, with Pascanu’s bound',
  description: [
    'Experiments 1–2. A cell runs over a sequence; E = ½‖h_T − y‖². One backward pass gives the full gradient',
    '‖dE/dh_t‖ at every step (and ‖dE/dc_t‖ for the LSTM), beside the gate path of an LSTM (forget gates,',
    '(Π f)⊙dE/dc_T) or a GRU (update gates, (Π z)⊙dE/dh_T); H more give the Jacobian norms ‖dh_T/dh_t‖₂',
    '(RNN, GRU). Each step reads W_rec through its own view, so the BPTT sum dE/dW_rec = Σ_t (term t) is',
    'shown term by term. For an RNN, its rate is split into log10 ρ, the slopes and the rest, and the same',
    'weights are run with no activation. RNN setups from Pascanu et al. 2013: sigmoid W ~ N(0, 0.01²),',
    'basic-tanh W ~ N(0, 0.1²), smart-tanh sparse W_rec with spectral radius 0.95; pytorch = PyTorch’s',
    'default init. With --model FILE --input FILE the cell and sequence come from files (see {examples}).',
  ],
  flags: {
    cell: oneOf(CELL_KINDS, { description: 'the cell', default: 'rnn' }),
    setup: oneOf([...SETUPS, 'pytorch'] as const, { description: 'RNN initialization (Pascanu et al.)', default: 'sigmoid' }),
    activation: oneOf(['setup', ...ACTIVATIONS] as const, {
      description: 'RNN only: the activation on the setup’s weights (setup: its own; identity: none, the ablation)',
      default: 'setup',
    }),
    hidden: positiveInt({ description: 'hidden units H (the paper: 50)', default: 50, max: 1024 }),
    inputSize: positiveInt({ description: 'numbers per input step', default: 8, max: 1024 }),
    steps: positiveInt({ description: 'sequence length T (the paper: 200)', default: 200, max: 100_000 }),
    forgetBias: number({ description: "the LSTM's forget-gate bias", default: 1, min: -20, max: 20 }),
    noJacobians: boolean({ description: 'skip ‖dh_T/dh_t‖₂ (it costs H backward passes)' }),
    model: file({ description: 'a model file (cell, sizes, PyTorch state_dict)' }),
    input: file({ description: 'an input file (inputs T × I, target H)' }),
  },
  examples: [
    'vanish',
    'vanish --setup smart-tanh --svg smart.svg',
    'vanish --setup pytorch --activation identity',
    'vanish --cell lstm --forget-bias 0',
    'vanish --model {examples}/rnn-tanh.model.json --input {examples}/rnn-tanh.input.json --json',
  ],
  rules: [
    ...(['cell', 'setup', 'hidden', 'inputSize', 'forgetBias'] as const).map((flag) => ({
      flag,
      excludes: 'model' as const,
      why: 'the model file sets the cell, its sizes and its weights',
    })),
    { flag: 'steps', excludes: 'model', why: 'the input file sets the sequence and its length' },
    { flag: 'setup', onlyWith: 'cell', values: ['rnn'], why: 'the setups are RNN initializations' },
    { flag: 'forgetBias', onlyWith: 'cell', values: ['lstm'], why: 'only an LSTM has a forget gate' },
    { flag: 'noJacobians', onlyWith: 'cell', values: ['rnn', 'gru'], why: 'an LSTM’s Jacobian norms are not computed' },
  ],
  preflight: (f) => {
    if (f.model === undefined) checkCost(vanishCost({ ...f, jacobians: !f.noJacobians }));
  },
  run: (f, { seed, report }) => {
    let result: VanishResult;
    let source: string;
    if (f.model !== undefined || f.input !== undefined) {
      if (f.model === undefined || f.input === undefined) throw new UsageError('--model and --input go together: give both files');
      const { model, input } = loadModelAndInput(f.model, f.input);
      const sizes = { cell: model.cell, steps: input.inputs.length, hidden: model.hidden_size, inputSize: model.input_size, jacobians: !f.noJacobians };
      checkCost(vanishCost(sizes, `${f.model} (${model.cell}, hidden_size ${model.hidden_size}) on ${f.input} (${input.inputs.length} steps)`));
      if (f.noJacobians && model.cell === 'lstm') {
        throw new UsageError(`--no-jacobians: the model file's cell is lstm, whose Jacobian norms are not computed`);
      }
      result = f.noJacobians ? vanish(cellFromModelFile(model), input, false, report) : vanishFromFiles(model, input, report);
      source = `${f.model} on ${f.input}`;
    } else {
      const jacobians = !f.noJacobians && f.cell !== 'lstm';
      result = vanishFromFlags({
        cell: f.cell,
        setup: f.setup,
        activation: f.activation === 'setup' ? null : f.activation,
        hiddenSize: f.hidden,
        inputSize: f.inputSize,
        steps: f.steps,
        forgetBias: f.forgetBias,
        seed,
        jacobians,
        report,
      });
      const rnn = f.activation === 'setup' ? `RNN, setup ${f.setup}` : `RNN, setup ${f.setup}’s weights, ${f.activation} activation`;
      source = f.cell === 'rnn' ? rnn : f.cell === 'lstm' ? `LSTM, forget bias ${f.forgetBias}` : 'GRU';
    }
    const zeros = zerosOf(result);
    return { data: toJson(result, zeros), figures: figures(result, source, zeros) };
  },
});

/** What the exact zeros of each reported curve are (experiments/zeros.ts). */
function zerosOf({ cell, flow, gated }: VanishResult) {
  const smooth = !('activation' in cell && cell.activation === 'relu');
  return {
    smooth,
    h: zeroKinds(flow.gradHNorms, { smooth }),
    c: flow.gradCNorms === null ? null : zeroKinds(flow.gradCNorms, { smooth }),
    path: gated === null ? null : zeroKinds(gated.path, { smooth }),
    jacobians: flow.jacobianNorms === null ? null : zeroKinds(flow.jacobianNorms, { smooth }),
    // Step 1's term is δ_1 h_0ᵀ, and every run starts from h_0 = 0.
    terms: flow.stepContributions === null ? null : zeroKinds(flow.stepContributions, { smooth, structural: [0], why: 'term_1 = δ_1 h_0ᵀ and h_0 = 0' }),
  };
}
type ZerosOf = ReturnType<typeof zerosOf>;

/** t = 1..T lists of each kind, for JSON (render/zeros.ts: the same classes the charts draw). */
const zerosJson = zeroStepsJson;

/**
 * What --json prints (listed in docs/experiments.md): loss, grad_h_norms, grad_c_norms,
 * jacobian_norms, forget_path_norms (LSTM), update_path_norms (GRU), each step's share of dE/dW_hh,
 * what their zeros are and, for an RNN, the bound and the split of its rate; first step first.
 */
function toJson({ flow, bound, gated }: VanishResult, zeros: ZerosOf) {
  return {
    loss: flow.loss,
    grad_h_norms: flow.gradHNorms,
    ...(flow.gradCNorms ? { grad_c_norms: flow.gradCNorms } : {}),
    ...(flow.jacobianNorms ? { jacobian_norms: flow.jacobianNorms } : {}),
    ...(gated?.cell === 'LSTM' ? { forget_path_norms: gated.path, mean_forget_gate: gated.meanGate } : {}),
    ...(gated?.cell === 'GRU' ? { update_path_norms: gated.path, mean_update_gate: gated.meanGate } : {}),
    grad_weight_hh_step_norms: flow.stepContributions ?? [],
    grad_weight_hh_norm: flow.gradWhhNorm,
    zeros: {
      grad_h_norms: zerosJson(flow.gradHNorms, zeros.h),
      ...(flow.gradCNorms && zeros.c ? { grad_c_norms: zerosJson(flow.gradCNorms, zeros.c) } : {}),
      ...(flow.jacobianNorms && zeros.jacobians ? { jacobian_norms: zerosJson(flow.jacobianNorms, zeros.jacobians) } : {}),
      ...(gated && zeros.path ? { [gated.cell === 'LSTM' ? 'forget_path_norms' : 'update_path_norms']: zerosJson(gated.path, zeros.path) } : {}),
      ...(flow.stepContributions && zeros.terms ? { grad_weight_hh_step_norms: zerosJson(flow.stepContributions, zeros.terms) } : {}),
      // The bound is computed in log10: where 10^log underflows, the bound itself is above 0.
      ...(bound ? { grad_h_bound: zerosJson(fromLog10(bound.boundLog10).values, fromLog10(bound.boundLog10).zeros) } : {}),
    },
    ...(bound
      ? {
          bound: {
            gamma: bound.gamma,
            sigma_max: bound.sigmaMax,
            spectral_radius: bound.spectralRadius,
            grad_h_bound: fromLog10(bound.boundLog10).values,
            holds: bound.boundHolds,
            measured_decades_per_step: bound.measuredSlope,
            bound_decades_per_step: bound.boundSlope,
            heuristic_decades_per_step: bound.heuristicSlope,
            causes: {
              log10_spectral_radius: bound.causes.log10Rho,
              mean_log10_slope: bound.causes.meanLog10Slope,
              rest: bound.causes.rest,
              identity_activation_decades_per_step: bound.causes.identityMeasured,
            },
          },
        }
      : {}),
  };
}

function figures({ cell, flow, bound, gated }: VanishResult, source: string, zeros: ZerosOf): Figure[] {
  const T = flow.gradHNorms.length;
  const t = Array.from({ length: T }, (_, i) => i + 1);
  const isLstm = cell instanceof LSTMCell;
  const pathName = gated?.cell === 'LSTM' ? 'forget-gate path ‖(Πf)⊙dE/dc_T‖' : 'update-gate path ‖(Πz)⊙dE/dh_T‖';
  const series: Series[] = [{ name: '‖dE/dh_t‖ (full gradient)', values: flow.gradHNorms, group: 'h', zeros: zeros.h }];
  if (flow.gradCNorms && zeros.c) series.push({ name: '‖dE/dc_t‖ (full gradient, cell state)', values: flow.gradCNorms, group: 'c', zeros: zeros.c });
  if (gated && zeros.path) series.push({ name: pathName, values: gated.path, style: 'bound', group: isLstm ? 'c' : 'h', zeros: zeros.path });
  if (flow.jacobianNorms && zeros.jacobians) series.push({ name: '‖dh_T/dh_t‖₂', values: flow.jacobianNorms, zeros: zeros.jacobians });
  if (bound) series.push({ name: `bound ‖dE/dh_T‖·(γσ_max)^(T−t), γ = ${formatNumber(bound.gamma)}`, ...fromLog10(bound.boundLog10), style: 'bound', group: 'h' });
  const out: Figure[] = [{ kind: 'line', title: `Gradient at each step, ${source} (T = ${T})`, xLabel: 't', yLabel: 'norm', x: t, series }];
  if (flow.stepContributions && zeros.terms) {
    out.push({
      kind: 'line',
      title: `Each step’s term of dE/dW_rec = Σ_t term_t (‖sum‖ = ${formatNorm(flow.gradWhhNorm)})`,
      xLabel: 't',
      yLabel: '‖term_t‖_F',
      x: t,
      series: [{ name: '‖step t’s term of dE/dW_hh‖', values: flow.stepContributions, zeros: zeros.terms }],
    });
  }
  const kindAt1 = (z: ZeroKinds) => (z.structural.includes(0) ? 'structural' : z.underflow.includes(0) ? 'underflow' : 'zero');
  const rows: (string | number)[][] = [
    ['loss E', flow.loss],
    ['‖dE/dh_T‖', flow.gradHNorms[T - 1]],
    ['‖dE/dh_1‖ (full)', zeroText(flow.gradHNorms[0], kindAt1(zeros.h))],
  ];
  if (flow.gradCNorms && zeros.c) rows.push(['‖dE/dc_1‖ (full)', zeroText(flow.gradCNorms[0], kindAt1(zeros.c))]);
  if (gated && zeros.path) {
    rows.push(
      [`${gated.cell === 'LSTM' ? 'forget' : 'update'}-gate path at t = 1`, zeroText(gated.path[0], kindAt1(zeros.path))],
      [`mean ${gated.cell === 'LSTM' ? 'forget gate f' : 'update gate z'}`, gated.meanGate],
      [`${gated.cell === 'LSTM' ? 'forget' : 'update'}-gate path, decades per step`, gated.pathFit.slope],
      ['full gradient, decades per step', gated.fullFit.slope],
    );
  }
  if (bound) {
    rows.push(
      ['σ_max(W_rec)', bound.sigmaMax],
      ['spectral radius ρ', bound.spectralRadius],
      ['γ (max |act′|)', bound.gamma],
      ['bound, decades per step: log10(γσ_max)', bound.boundSlope],
      ['measured, decades per step', bound.measuredSlope],
      ['  of which log10 ρ', logCell(bound.causes.log10Rho)],
      ['  of which mean log10 act′', logCell(bound.causes.meanLog10Slope)],
      ['  of which the rest', logCell(bound.causes.rest)],
      ['no activation (same W_rec), decades per step', bound.causes.identityMeasured ?? '—'],
      ['heuristic log10(ρ · mean act′)', logCell(bound.heuristicSlope)],
      ['steps back until < 1e-8', String(bound.stepsBelow1e8 ?? 'never')],
    );
  }
  out.push({ kind: 'table', columns: [{ header: 'quantity' }, { header: 'value', format: 'norm' }], rows });

  const lines: string[] = [];
  if (bound) {
    lines.push(
      `${rateFinding('The RNN', '‖dE/dh_t‖', flow.gradHNorms, bound.measuredFit, bound.stepsBelow1e8, zeros.h)} ${boundFinding(bound, flow.gradHNorms)}`,
      ...causesFinding(bound.activation, bound.causes, bound.sigmaMax, bound.spectralRadius),
      heuristicFinding([{ name: 'this RNN', measured: bound.measuredSlope, heuristic: bound.heuristicSlope }]),
    );
  }
  if (gated) {
    const label = gated.cell === 'LSTM' ? `The LSTM (${source.replace('LSTM, ', '')})` : 'The GRU';
    lines.push(...gatePathFinding({ cell: gated.cell, label, full: gated.full, path: gated.path, fullFit: gated.fullFit, pathFit: gated.pathFit, meanGate: gated.meanGate }));
  }
  if (flow.stepContributions) {
    const gate = gated === null ? null : { path: gated.cell === 'LSTM' ? 'forget-gate path' : 'update-gate path', slope: gated.pathFit.slope, meanGate: gated.meanGate, gate: gated.cell === 'LSTM' ? 'forget' : 'update' };
    // With T = 2 or 3 the first half is step 1 alone, whose term is 0 by construction (h_0 = 0): its
    // share says nothing about the far past.
    const half = Math.floor(flow.stepContributions.length / 2);
    lines.push(
      half === 1
        ? `With T = ${T} the first half of the sequence is step 1 alone, whose term of dE/dW_hh is 0 by construction (h_0 = 0): no share of the past is computed.`
        : pastShareFinding(flow.stepContributions, gated?.cell ?? 'RNN', gate),
    );
  }
  lines.push(
    ...zerosFinding([
      { name: '‖dE/dh_t‖', values: flow.gradHNorms, zeros: zeros.h },
      ...(flow.gradCNorms && zeros.c ? [{ name: '‖dE/dc_t‖', values: flow.gradCNorms, zeros: zeros.c }] : []),
      ...(gated && zeros.path ? [{ name: `The ${gated.cell === 'LSTM' ? 'forget' : 'update'}-gate path`, values: gated.path, zeros: zeros.path }] : []),
      ...(flow.stepContributions && zeros.terms ? [{ name: 'Step t’s term of dE/dW_hh', values: flow.stepContributions, zeros: zeros.terms }] : []),
    ]),
  );
  out.push({ kind: 'text', lines });
  return out;
}
