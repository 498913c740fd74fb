/**
 * PLACEHOLDER: exercises the heatmap path end to end with a linear unit's |dx_T/dw| over a (w, b)
 * grid. Replaced by the real `explode` experiment (Pascanu et al.'s sigmoid unit and clipping).
 */
import { defineCommand } from '../framework/command.js';
import { integer, number, positiveInt } from '../framework/flags.js';
import { linearUnitGrid } from '../placeholders/synthetic.js';

export const demoHeatmapCommand = defineCommand({
  name: 'demo-heatmap',
  summary: "a linear unit's |dx_T/dw| over a (w, b) grid, by forward recursion",
  placeholder: true,
  description: [
    'x_t = w·x_{t−1} + b from x_0; dx_T/dw follows d_t = x_{t−1} + w·d_{t−1}. For |w| > 1 it grows like',
    '|w|^T: the steep edges are where a gradient step would fall off a cliff.',
  ],
  flags: {
    steps: positiveInt({ description: 'sequence length T', default: 30, max: 2000 }),
    size: integer({ description: 'grid points along each axis', default: 41, min: 2, max: 401 }),
    range: number({ description: 'w and b both run over [−RANGE, RANGE]', default: 2, min: 0.01, max: 100 }),
    x0: number({ description: 'the start x_0', default: 0.5, min: -100, max: 100 }),
  },
  examples: ['demo-heatmap', 'demo-heatmap --size 101 --svg cliff.svg'],
  run: ({ steps, size, range, x0 }, { progress }) => {
    const bar = progress('grid rows', size);
    const grid = linearUnitGrid(steps, x0, range, size, () => bar.tick());
    bar.stop();
    const flat = grid.values.flat().sort((a, b) => a - b);
    const median = flat[Math.floor(flat.length / 2)];
    const max = flat[flat.length - 1];
    return {
      data: { placeholder: true, steps, x0, w: grid.w, b: grid.b, grad_w_abs: grid.values, max, median },
      figures: [
        {
          kind: 'heatmap',
          title: `Linear unit, T = ${steps}: |dx_T/dw| over (w, b) (placeholder)`,
          xLabel: 'w',
          yLabel: 'b',
          valueLabel: '|dx_T/dw|',
          x: grid.w,
          y: grid.b,
          values: grid.values,
        },
        {
          kind: 'table',
          columns: [{ header: 'largest' , format: 'norm'}, { header: 'median', format: 'norm' }, { header: 'largest / median', format: 'number' }],
          rows: [[max, median, median === 0 ? Infinity : max / median]],
        },
      ],
    };
  },
});
