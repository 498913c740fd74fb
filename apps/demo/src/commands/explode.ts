/** `chainrule explode`: experiment 4, the single-unit cliff and gradient clipping. */
import { defineCommand } from '../framework/command.js';
import { number, positiveInt } from '../framework/flags.js';
import { formatNorm, formatNumber } from '../render/format.js';
import { clipByNorm, cliff, cliffDefaults, unitGradient } from '../experiments/explode.js';
import { checkCost } from '../cost/budget.js';
import { explodeCost } from '../cost/estimates.js';
import { checkRanges } from '../cost/ranges.js';

export const explodeCommand = defineCommand({
  name: 'explode',
  summary: 'the exploding gradient: one unit’s loss cliff on a (w, b) grid, and norm clipping',
  description: [
    'Experiment 4 (Pascanu et al. 2013, §2.3 and Algorithm 1). One unit x_t = w·σ(x_{t−1}) + b, x_0 = 0.5,',
    'E = (σ(x_T) − 0.7)². Across the curve where the unit switches between two fixed points the loss',
    'jumps: a cliff, where the gradient explodes. The heatmap shows ‖(dE/dw, dE/db)‖ by backprop; the',
    'steepest point is found by bisecting across the cliff. Clipping rescales g to length --clip if it is',
    'longer, keeping its direction.',
  ],
  flags: {
    steps: positiveInt({ description: 'unroll length T', default: cliffDefaults.steps, max: 10_000 }),
    resolution: positiveInt({ description: 'grid points per axis', default: cliffDefaults.resolution, max: 400 }),
    wMin: number({ description: 'smallest w', default: cliffDefaults.wRange[0], min: -1000, max: 1000 }),
    wMax: number({ description: 'largest w', default: cliffDefaults.wRange[1], min: -1000, max: 1000 }),
    bMin: number({ description: 'smallest b', default: cliffDefaults.bRange[0], min: -1000, max: 1000 }),
    bMax: number({ description: 'largest b', default: cliffDefaults.bRange[1], min: -1000, max: 1000 }),
    clip: number({ description: 'clipping threshold for the gradient norm', default: 1, min: 1e-12, max: 1e12 }),
  },
  examples: ['explode', 'explode --resolution 81 --svg cliff.svg', 'explode --steps 100'],
  preflight: (f) => {
    checkRanges(f);
    checkCost(explodeCost(f));
  },
  run: (f, { report }) => {
    const r = cliff({ ...cliffDefaults, steps: f.steps, resolution: Math.max(2, f.resolution), wRange: [f.wMin, f.wMax], bRange: [f.bMin, f.bMax] }, report);
    const edge = unitGradient(r.edge.w, r.edge.b, { ...cliffDefaults, steps: f.steps });
    const clipped = clipByNorm([edge.dw, edge.db], f.clip);
    return {
      data: {
        w: r.ws,
        b: r.bs,
        grad_norms: r.gradNorms,
        losses: r.losses,
        median: r.median,
        max: r.max,
        argmax: r.argmax,
        cliff_ratio: r.cliffRatio,
        clipping: { threshold: f.clip, gradient: [edge.dw, edge.db], norm_before: clipped.normBefore, clipped: clipped.clipped, norm_after: clipped.normAfter },
      },
      figures: [
        { kind: 'heatmap', title: `‖(dE/dw, dE/db)‖ of one unit unrolled ${f.steps} steps`, xLabel: 'w', yLabel: 'b', valueLabel: '‖∇E‖', x: r.ws, y: r.bs, values: r.gradNorms },
        {
          kind: 'table',
          columns: [{ header: 'quantity' }, { header: 'value', format: 'norm' }],
          rows: [
            ['median ‖∇E‖ over the grid', r.median],
            ['largest ‖∇E‖ (on the cliff)', r.max],
            ['largest / median', r.cliffRatio],
            ['at w', r.argmax.w],
            ['at b', r.argmax.b],
            ['clipped to', clipped.normAfter],
          ],
        },
        {
          kind: 'text',
          lines: [
            `On the cliff at (w, b) = (${formatNumber(r.argmax.w)}, ${formatNumber(r.argmax.b, 6)}) the gradient is ${formatNumber(r.cliffRatio)} times the grid’s median: one SGD step there would throw the weights far away.`,
            `Clipping (threshold ${formatNumber(f.clip)}) turns ‖g‖ = ${formatNorm(clipped.normBefore)} into ${formatNorm(clipped.normAfter)}, the same direction: (${formatNumber(clipped.clipped[0])}, ${formatNumber(clipped.clipped[1])}).`,
          ],
        },
      ],
    };
  },
});
