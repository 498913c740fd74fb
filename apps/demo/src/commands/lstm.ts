/** `chainrule lstm`: experiment 5, the forget-bias sweep: the forget-gate path beside the full gradient. */
import { defineCommand } from '../framework/command.js';
import { numberList, positiveInt } from '../framework/flags.js';
import type { Series } from '../render/figures.js';
import { forgetBiasSweep } from '../experiments/lstm-paths.js';
import { forgetSweepFindings } from '../experiments/findings.js';
import { zeroKinds } from '../experiments/zeros.js';
import { zeroCell, zeroStepsJson } from '../render/zeros.js';
import { checkCost } from '../cost/budget.js';
import { lstmCost } from '../cost/estimates.js';

export const lstmCommand = defineCommand({
  name: 'lstm',
  summary: 'the LSTM’s cell state: the full ‖dE/dc_t‖ and its forget-gate path (Π f)⊙dE/dc_T for several forget biases',
  description: [
    'Experiment 5. Along the cell state c_t = f⊙c_{t−1} + i⊙g alone the only factor per step is the forget gate',
    'f, so the forget-gate path (Π f)⊙dE/dc_T shrinks by the gates’ product: forget bias 0, 1, 2, 5 give',
    'f ≈ σ(b) ≈ 0.5, 0.73, 0.88, 0.993, and log10(mean f) is a first estimate of its rate (the gates vary from',
    'unit to unit, and the table shows how near it is). The full gradient dE/dc_t also flows through h_t into',
    'the next steps’ gates, back through W_hh; it is not bounded by the path, so both are drawn, labelled.',
  ],
  flags: {
    forgetBias: numberList({ description: 'forget-gate biases, one pair of curves each', default: [0, 1, 2, 5], min: -20, max: 20 }),
    steps: positiveInt({ description: 'sequence length T', default: 100, max: 100_000 }),
    hidden: positiveInt({ description: 'hidden units H', default: 32, max: 1024 }),
    inputSize: positiveInt({ description: 'numbers per input step', default: 8, max: 1024 }),
  },
  examples: ['lstm', 'lstm --forget-bias 1 --steps 500', 'lstm --svg lstm.svg'],
  preflight: (f) => checkCost(lstmCost(f)),
  run: ({ forgetBias, steps, hidden, inputSize }, { seed, report }) => {
    const curves = forgetBiasSweep(forgetBias, { hiddenSize: hidden, inputSize, steps, seed }, report);
    const t = Array.from({ length: steps }, (_, i) => i + 1);
    const series: Series[] = curves.flatMap((c) => [
      { name: `full ‖dE/dc_t‖, bias ${c.forgetBias}`, values: c.flow.gradCNorms!, group: `bias ${c.forgetBias}`, zeros: zeroKinds(c.flow.gradCNorms!, { smooth: true }) },
      { name: `forget-gate path ‖(Πf)⊙dE/dc_T‖, bias ${c.forgetBias}`, values: c.path, style: 'bound' as const, group: `bias ${c.forgetBias}`, zeros: zeroKinds(c.path, { smooth: true }) },
    ]);
    return {
      data: {
        curves: curves.map((c) => ({
          forget_bias: c.forgetBias,
          grad_c_norms: c.flow.gradCNorms!,
          forget_path_norms: c.path,
          forget_path_decades_per_step: c.pathFit.slope,
          full_decades_per_step: c.fullFit.slope,
          mean_forget_gate: c.meanF,
          log10_mean_forget_gate: c.log10MeanF,
          zeros: {
            grad_c_norms: zeroStepsJson(c.flow.gradCNorms!, zeroKinds(c.flow.gradCNorms!, { smooth: true })),
            forget_path_norms: zeroStepsJson(c.path, zeroKinds(c.path, { smooth: true })),
          },
        })),
      },
      figures: [
        { kind: 'line', title: `LSTM cell-state gradient, full and along the forget gates (T = ${steps}, H = ${hidden})`, xLabel: 't', yLabel: 'norm', x: t, series },
        {
          kind: 'table',
          title: 'Decades per step back in time',
          columns: [
            { header: 'forget bias', format: 'integer' },
            { header: 'mean f', format: 'number' },
            { header: 'log10(mean f)', format: 'number' },
            { header: 'forget-gate path', format: 'number' },
            { header: 'full dE/dc_t', format: 'number' },
            { header: 'path at t = 1', format: 'norm' },
            { header: 'full ‖dE/dc_1‖', format: 'norm' },
          ],
          rows: curves.map((c) => [c.forgetBias, c.meanF, c.log10MeanF, c.pathFit.slope, c.fullFit.slope, zeroCell(c.path, zeroKinds(c.path, { smooth: true }), 0), zeroCell(c.flow.gradCNorms!, zeroKinds(c.flow.gradCNorms!, { smooth: true }), 0)]),
        },
        {
          kind: 'text',
          lines: forgetSweepFindings(
            curves.map((c) => ({ forgetBias: c.forgetBias, full: c.flow.gradCNorms!, path: c.path, fullSlope: c.fullFit.slope, pathSlope: c.pathFit.slope, log10MeanF: c.log10MeanF })),
          ),
        },
      ],
    };
  },
});
