/** `chainrule linear`: experiment 3, the exact linear case and the turn toward the top eigenvector. */
import { defineCommand } from '../framework/command.js';
import { number, numberList, positiveInt } from '../framework/flags.js';
import { formatNumber } from '../render/format.js';
import { eigenvectorAlignment, rhoSweep, type RhoCurve } from '../experiments/linear.js';
import { alignmentFinding, formulaFindings } from '../experiments/findings.js';
import { zeroKinds } from '../experiments/zeros.js';
import { zeroCell, zeroStepsJson } from '../render/zeros.js';

import { checkCost } from '../cost/budget.js';
import { linearCost } from '../cost/estimates.js';

export const linearCommand = defineCommand({
  name: 'linear',
  summary: 'the exact linear case: ‖dE/dh_k‖ = ρ^(T−k)·‖dE/dh_T‖, and the turn toward the top eigenvector',
  description: [
    'Experiment 3. Identity activation, no bias, W_rec = ρ·Q with Q orthogonal: each step back rotates the',
    'gradient and scales it by exactly ρ. Backprop’s numbers are compared with ρ^(T−k)·‖dE/dh_T‖.',
    'Then a symmetric W_rec with top eigenvalue --align-rho: going back k steps applies W^k (power',
    'iteration), so the gradient turns toward the top eigenvector (d2l.ai, BPTT).',
  ],
  flags: {
    rho: numberList({ description: 'the scales ρ of W_rec, one curve each', default: [0.9, 1, 1.1], min: 0, max: 10 }),
    steps: positiveInt({ description: 'sequence length T', default: 100, max: 100_000 }),
    hidden: positiveInt({ description: 'hidden units H', default: 20, max: 512 }),
    alignRho: number({ description: 'top eigenvalue of the symmetric W_rec', default: 0.95, min: 0.01, max: 10 }),
  },
  examples: ['linear', 'linear --rho 0.5,1,1.5 --steps 300', 'linear --svg linear.svg'],
  preflight: (f) => checkCost(linearCost(f)),
  run: ({ rho, steps, hidden, alignRho }, { seed, report }) => {
    const options = { hiddenSize: hidden, steps, seed };
    const curves = rhoSweep(rho, options, report);
    const alignment = eigenvectorAlignment(alignRho, options, report);
    const t = Array.from({ length: steps }, (_, i) => i + 1);
    // With ρ = 0, W_rec = 0: nothing reaches back from h_T, and every earlier dE/dh_t is 0 by construction.
    const zerosOf = (c: RhoCurve) =>
      zeroKinds(c.gradHNorms, c.rho === 0 ? { smooth: false, structural: c.gradHNorms.map((_, i) => i).slice(0, -1), why: 'ρ = 0: W_rec = 0' } : { smooth: true });
    return {
      data: {
        curves: curves.map((c) => ({
          rho: c.rho,
          grad_h_norms: c.gradHNorms,
          predicted: c.predicted,
          max_relative_error: c.maxRelativeError,
          compared_steps: c.compared,
          overflow_steps: c.overflow.map((i) => i + 1),
          below_normal_steps: c.belowNormal.map((i) => i + 1),
          zeros: { grad_h_norms: zeroStepsJson(c.gradHNorms, zerosOf(c)) },
        })),
        alignment: { top_eigenvalue: alignment.topEigenvalue, cosines: alignment.cosines },
      },
      figures: [
        {
          kind: 'line',
          title: `Linear RNN, W_rec = ρ·Q: ‖dE/dh_t‖ by backprop (T = ${steps})`,
          xLabel: 't',
          yLabel: '‖dE/dh_t‖',
          x: t,
          series: curves.map((c) => ({ name: `ρ = ${c.rho}`, values: c.gradHNorms, zeros: zerosOf(c) })),
        },
        {
          kind: 'table',
          columns: [
            { header: 'ρ', format: 'integer' },
            { header: '‖dE/dh_1‖', format: 'norm' },
            { header: 'ρ^(T−1)·‖dE/dh_T‖', format: 'norm' },
            { header: 'max relative error', format: 'number' },
            { header: 'steps compared', format: 'integer' },
          ],
          rows: curves.map((c) => [c.rho, zeroCell(c.gradHNorms, zerosOf(c), 0), c.predicted[0], c.compared > 0 ? c.maxRelativeError : '—', c.compared]),
        },
        {
          kind: 'line',
          title: `Symmetric W_rec (top eigenvalue ${formatNumber(alignment.topEigenvalue)}): |cos(dE/dh_t, top eigenvector)|`,
          xLabel: 't',
          yLabel: '|cos|',
          x: t,
          series: [{ name: '|cos| with the top eigenvector', values: alignment.cosines }],
        },
        { kind: 'text', lines: [...formulaFindings(curves), alignmentFinding(alignment.cosines)] },
      ],
    };
  },
});
