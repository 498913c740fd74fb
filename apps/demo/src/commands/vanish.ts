/**
 * `chainrule vanish`: experiments 1 and 2. Per-step gradient norms of one cell, by backprop,
 * with Pascanu's bound for RNNs; or, with --model/--input, the same for weights from a file.
 */
import { defineCommand } from '../framework/command.js';
import { UsageError } from '../framework/errors.js';
import { boolean, file, number, oneOf, positiveInt } from '../framework/flags.js';
import { loadModelAndInput } from '../input/model-file.js';
import type { Figure, Series } from '../render/figures.js';
import { formatNorm, formatNumber } from '../render/format.js';
import { SETUPS } from '../experiments/rnn-bound.js';
import { CELL_KINDS } from '../cell-kind.js';
import { vanish, vanishFromFiles, vanishFromFlags, type VanishResult } from '../experiments/vanish.js';
import { cellFromModelFile } from '@chainrule/nn';
import { checkCost } from '../cost/budget.js';
import { vanishCost } from '../cost/estimates.js';

export const vanishCommand = defineCommand({
  name: 'vanish',
  summary: 'per-step ‖dE/dh_t‖, ‖dE/dc_t‖, ‖dh_T/dh_t‖₂ and each step’s share of dE/dW_rec, with Pascanu’s bound',
  description: [
    'Experiments 1–2. A cell runs over a sequence; E = ½‖h_T − y‖². One backward pass gives ‖dE/dh_t‖ at',
    'every step (and ‖dE/dc_t‖ for the LSTM); H more give the Jacobian norms ‖dh_T/dh_t‖₂ (RNN, GRU).',
    'Each step reads W_rec through its own view, so the BPTT sum dE/dW_rec = Σ_t (term t) is shown',
    'term by term. RNN setups from Pascanu et al. 2013: sigmoid W ~ N(0, 0.01²), basic-tanh W ~ N(0, 0.1²),',
    'smart-tanh sparse W_rec with spectral radius 0.95; pytorch = PyTorch’s default init.',
    'With --model FILE --input FILE the cell and sequence come from files (see {examples}).',
  ],
  flags: {
    cell: oneOf(CELL_KINDS, { description: 'the cell', default: 'rnn' }),
    setup: oneOf([...SETUPS, 'pytorch'] as const, { description: 'RNN initialization (Pascanu et al.)', default: 'sigmoid' }),
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
        hiddenSize: f.hidden,
        inputSize: f.inputSize,
        steps: f.steps,
        forgetBias: f.forgetBias,
        seed,
        jacobians,
        report,
      });
      source = f.cell === 'rnn' ? `RNN, setup ${f.setup}` : f.cell === 'lstm' ? `LSTM, forget bias ${f.forgetBias}` : 'GRU';
    }
    return { data: toJson(result), figures: figures(result, source) };
  },
});

/**
 * What --json prints (listed in docs/experiments.md): loss, grad_h_norms, grad_c_norms,
 * jacobian_norms, each step's share of dE/dW_hh and, for an RNN, the bound; first step first.
 */
function toJson({ flow, bound }: VanishResult) {
  return {
    loss: flow.loss,
    grad_h_norms: flow.gradHNorms,
    ...(flow.gradCNorms ? { grad_c_norms: flow.gradCNorms } : {}),
    ...(flow.jacobianNorms ? { jacobian_norms: flow.jacobianNorms } : {}),
    grad_weight_hh_step_norms: flow.stepContributions ?? [],
    grad_weight_hh_norm: flow.gradWhhNorm,
    ...(bound
      ? {
          bound: {
            gamma: bound.gamma,
            sigma_max: bound.sigmaMax,
            spectral_radius: bound.spectralRadius,
            grad_h_bound: bound.boundLog10.map((l) => 10 ** l),
            holds: bound.boundHolds,
            measured_decades_per_step: bound.measuredSlope,
            bound_decades_per_step: bound.boundSlope,
            predicted_decades_per_step: bound.predictedSlope,
          },
        }
      : {}),
  };
}

function figures({ flow, bound }: VanishResult, source: string): Figure[] {
  const T = flow.gradHNorms.length;
  const t = Array.from({ length: T }, (_, i) => i + 1);
  const series: Series[] = [{ name: '‖dE/dh_t‖', values: flow.gradHNorms, group: 'h' }];
  if (flow.gradCNorms) series.push({ name: '‖dE/dc_t‖ (cell state)', values: flow.gradCNorms });
  if (flow.jacobianNorms) series.push({ name: '‖dh_T/dh_t‖₂', values: flow.jacobianNorms });
  if (bound) series.push({ name: `bound ‖dE/dh_T‖·(γσ_max)^(T−t), γ = ${formatNumber(bound.gamma)}`, values: bound.boundLog10.map((l) => 10 ** l), style: 'bound', group: 'h' });
  const out: Figure[] = [
    { kind: 'line', title: `Gradient at each step, ${source} (T = ${T})`, xLabel: 't', yLabel: 'norm', x: t, series },
  ];
  if (flow.stepContributions) {
    out.push({
      kind: 'line',
      title: `Each step’s term of dE/dW_rec = Σ_t term_t (‖sum‖ = ${formatNorm(flow.gradWhhNorm)})`,
      xLabel: 't',
      yLabel: '‖term_t‖_F',
      x: t,
      series: [{ name: '‖step t’s share of dE/dW_hh‖', values: flow.stepContributions }],
    });
  }
  const rows: (string | number)[][] = [['loss E', flow.loss], ['‖dE/dh_T‖', flow.gradHNorms[T - 1]], ['‖dE/dh_1‖', flow.gradHNorms[0]]];
  if (flow.gradCNorms) rows.push(['‖dE/dc_1‖', flow.gradCNorms[0]]);
  if (bound) {
    rows.push(
      ['σ_max(W_rec)', bound.sigmaMax],
      ['spectral radius ρ', bound.spectralRadius],
      ['γ (max |act′|)', bound.gamma],
      ['bound, decades per step: log10(γσ_max)', bound.boundSlope],
      ['measured, decades per step', bound.measuredSlope],
      ['log10(ρ · mean act′)', bound.predictedSlope],
      ['steps back until < 1e-8', String(bound.stepsBelow1e8 ?? 'never')],
    );
  }
  out.push({ kind: 'table', columns: [{ header: 'quantity' }, { header: 'value', format: 'norm' }], rows });
  const lines: string[] = [];
  const early = flow.stepContributions ? flow.stepContributions.slice(0, Math.max(1, Math.floor(T / 2))).reduce((s, v) => s + v, 0) : null;
  if (bound) {
    lines.push(
      bound.boundHolds
        ? `The measured ‖dE/dh_t‖ stays under Pascanu’s bound at every one of the ${T} steps.`
        : 'WARNING: the measured curve crosses the bound somewhere; please report this.',
      bound.sigmaMax < 1 / bound.gamma
        ? `σ_max(W_rec) = ${formatNumber(bound.sigmaMax)} < 1/γ = ${formatNumber(1 / bound.gamma)}: the gradient must vanish, and it does, by about ${formatNumber(-bound.measuredSlope)} decades per step.`
        : `σ_max(W_rec) = ${formatNumber(bound.sigmaMax)} ≥ 1/γ: the bound allows growth; measured: ${formatNumber(bound.measuredSlope)} decades per step.`,
    );
  }
  if (early !== null && flow.stepContributions) {
    const total = flow.stepContributions.reduce((s, v) => s + v, 0);
    lines.push(`The first half of the sequence contributes ${formatNumber((100 * early) / total)}% of Σ_t ‖term_t‖: ${early / total < 0.01 ? 'the far past barely moves W_rec' : 'the far past still matters here'}.`);
  }
  lines.push('Exact zeros are float64 underflow, shown as "< 1e-308".');
  out.push({ kind: 'text', lines });
  return out;
}
