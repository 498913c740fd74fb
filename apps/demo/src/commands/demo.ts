/**
 * PLACEHOLDER: exercises the line-chart path end to end with the closed form of the exact linear
 * case. Replaced by the real `linear` / `vanish` experiments.
 */
import { defineCommand } from '../framework/command.js';
import { number, numberList, positiveInt } from '../framework/flags.js';
import { formatNorm } from '../render/format.js';
import { linearCase } from '../placeholders/synthetic.js';

export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'the exact linear case ‖dE/dh_t‖ = ρ^(T−t), from its closed form',
  placeholder: true,
  description: [
    'With identity activation and W_rec = ρ·Q (Q orthogonal) the gradient shrinks or grows by exactly ρ',
    'per step back in time: ρ < 1 vanishes, ρ > 1 explodes. The dashed line is BOUND^(T−t), e.g. the',
    "sigmoid's γ·σ_max = 1/4 for σ_max(W_rec) = 1. Try --steps 600 to see float64 underflow to exact 0.",
  ],
  flags: {
    steps: positiveInt({ description: 'sequence length T', default: 100, max: 100_000 }),
    rho: numberList({ description: 'the scale ρ of W_rec, one curve each', default: [0.9, 1, 1.1], min: 0, max: 10 }),
    bound: number({ description: 'base of the dashed line BOUND^(T−t)', default: 0.25, min: 0, max: 10 }),
  },
  examples: ['demo', 'demo --steps 600 --rho 0.5,1 --svg linear.svg', 'demo --csv > linear.csv'],
  run: ({ steps, rho, bound }) => {
    const data = linearCase(steps, rho, bound);
    const names = data.series.map((s) => `ρ = ${s.rho}`);
    const firstBelow = (values: readonly number[]): number | string => {
      // Going back in time from t = T: the first t at which the norm is below 1e-8.
      for (let i = values.length - 1; i >= 0; i--) if (values[i] < 1e-8) return data.t[i];
      return 'never';
    };
    return {
      data: {
        placeholder: true,
        steps,
        t: data.t,
        series: data.series.map((s) => ({ rho: s.rho, grad_h_norms: s.norms })),
        bound: { base: bound, values: data.bound.values },
      },
      figures: [
        {
          kind: 'line',
          title: 'Exact linear case: ‖dE/dh_t‖ = ρ^(T−t) (placeholder, closed form)',
          xLabel: 't',
          yLabel: '‖dE/dh_t‖',
          x: data.t,
          series: [
            ...data.series.map((s, i) => ({ name: names[i], values: s.norms })),
            { name: `bound ${bound}^(T−t)`, values: data.bound.values, style: 'bound' },
          ],
        },
        {
          kind: 'table',
          columns: [
            { header: 'series' },
            { header: '‖dE/dh_1‖', format: 'norm' },
            { header: 'decades per step', format: 'number' },
            { header: 'below 1e-8 from t =', align: 'right', format: 'integer' },
          ],
          rows: [
            ...data.series.map((s, i) => [names[i], s.norms[0], Math.log10(s.rho), firstBelow(s.norms)]),
            [`bound ${bound}^(T−t)`, data.bound.values[0], Math.log10(bound), firstBelow(data.bound.values)],
          ],
        },
        {
          kind: 'text',
          lines: [
            `Placeholder: these numbers come from the closed form, not from backprop. ‖dE/dh_1‖ for ρ = ${rho[0]} is ${formatNorm(data.series[0]?.norms[0] ?? NaN)}.`,
          ],
        },
      ],
    };
  },
});
