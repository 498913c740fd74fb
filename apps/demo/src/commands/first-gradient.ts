/** `chainrule first-gradient`: one expression's gradients, backprop beside finite differences. */
import { firstGradient } from '../first-gradient.js';
import { defineCommand } from '../framework/command.js';
import { number } from '../framework/flags.js';

export const firstGradientCommand = defineCommand({
  name: 'first-gradient',
  summary: 'y = tanh(w·x + b): its gradients by backprop beside finite differences',
  outputs: ['json', 'csv', 'html'],
  flags: {
    x: number({ description: 'the input x', default: 0.5, min: -1e6, max: 1e6 }),
    w: number({ description: 'the weight w', default: -1.5, min: -1e6, max: 1e6 }),
    b: number({ description: 'the bias b', default: 0.25, min: -1e6, max: 1e6 }),
  },
  examples: ['first-gradient --x 2 --w -3 --b 6.5', 'first-gradient --json'],
  run: ({ x, w, b }) => {
    const result = firstGradient(x, w, b);
    const rows = result.rows.map((row) => ({ ...row, difference: Math.abs(row.backprop - row.finiteDifference) }));
    return {
      data: {
        expression: 'tanh(w*x + b)',
        inputs: result.inputs,
        y: result.y,
        gradients: rows.map((r) => ({
          name: r.name,
          backprop: r.backprop,
          finite_difference: r.finiteDifference,
          abs_difference: r.difference,
        })),
      },
      figures: [
        {
          kind: 'text',
          lines: [
            'chainrule: reverse-mode autodiff you can read',
            '',
            `y = tanh(w·x + b) with x = ${x}, w = ${w}, b = ${b}`,
            `y = ${result.y.toFixed(12)}`,
          ],
        },
        {
          kind: 'table',
          columns: [
            { header: '' },
            { header: 'backprop', align: 'right' },
            { header: 'finite differences', align: 'right' },
            { header: '|difference|', align: 'right' },
          ],
          rows: rows.map((r) => [
            `dy/d${r.name}`,
            r.backprop.toFixed(15),
            r.finiteDifference.toFixed(15),
            r.difference.toExponential(1),
          ]),
        },
      ],
    };
  },
});
