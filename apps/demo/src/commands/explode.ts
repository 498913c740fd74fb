/** `chainrule explode`: experiment 4, the single-unit cliff and gradient clipping. */
import { defineCommand } from '../framework/command.js';
import { number, positiveInt } from '../framework/flags.js';
import { cliffFindings } from '../experiments/findings.js';
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
    'ratio to the median is the grid’s own; bisecting b across the cliff finds a steeper point off the grid,',
    'reported as such. Clipping rescales g to length --clip if it is longer, keeping its direction.',
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
    // Clipping is shown where the gradient is steepest: at the bisected edge if there is one, else the grid's largest point.
    const at = r.edge ?? r.argmax;
    const g = unitGradient(at.w, at.b, { ...cliffDefaults, steps: f.steps });
    const clipped = clipByNorm([g.dw, g.db], f.clip);
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
        edge: r.edge === null ? null : { w: r.edge.w, b: r.edge.b, grad_norm: r.edge.gradNorm, ratio_to_median: r.edge.gradNorm / r.median },
        clipping: { at: r.edge === null ? 'grid' : 'edge', threshold: f.clip, gradient: [g.dw, g.db], norm_before: clipped.normBefore, clipped: clipped.clipped, norm_after: clipped.normAfter },
      },
      figures: [
        { kind: 'heatmap', title: `‖(dE/dw, dE/db)‖ of one unit unrolled ${f.steps} steps`, xLabel: 'w', yLabel: 'b', valueLabel: '‖∇E‖', x: r.ws, y: r.bs, values: r.gradNorms },
        {
          kind: 'table',
          columns: [{ header: 'quantity' }, { header: 'value', format: 'norm' }],
          rows: [
            ['median ‖∇E‖ over the grid', r.median],
            ['largest ‖∇E‖ on the grid', r.max],
            ['largest / median (grid)', r.cliffRatio],
            ['  at w', r.argmax.w],
            ['  at b', r.argmax.b],
            ['‖∇E‖ at the bisected edge (off the grid)', r.edge?.gradNorm ?? '—'],
            ['  at w', r.edge?.w ?? '—'],
            ['  at b', r.edge?.b ?? '—'],
            [`‖g‖ after clipping at ${f.clip} (${r.edge === null ? 'at the grid’s largest point' : 'at the bisected edge'})`, clipped.normAfter],
          ],
        },
        { kind: 'text', lines: cliffFindings(r, { threshold: f.clip, normBefore: clipped.normBefore, normAfter: clipped.normAfter, clipped: clipped.clipped, at: r.edge === null ? 'grid' : 'edge' }) },
      ],
    };
  },
});
