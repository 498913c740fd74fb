/**
 * The remedies experiment: the temporal order task's sequences; a tiny run of each method (the
 * remedies do what they say: clipping clips, Ω's run solves short sequences); and every branch
 * of the findings, from made-up cells.
 */
import { Random } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import { trainWithRemedy, type Method } from '../../src/experiments/remedies.js';
import { findings, summarize, type RemedyCell } from '../../src/experiments/remedies-summary.js';
import { temporalOrderBatch } from '../../src/experiments/temporal-order.js';

describe('temporal order sequences', () => {
  it('one-hot steps; X or Y once in the first 10–20% and once in 50–60%; the class is their order', () => {
    const T = 40;
    const { inputs, classes } = temporalOrderBatch(T, 200, new Random(3));
    const counts = [0, 0, 0, 0];
    classes.forEach((k, i) => {
      const symbols = inputs.map((step) => {
        expect(step[i].reduce((a, b) => a + b, 0)).toBe(1);
        return step[i].indexOf(1);
      });
      const marked = symbols.flatMap((s, t) => (s >= 4 ? [t] : []));
      expect(marked).toHaveLength(2);
      expect(marked[0]).toBeGreaterThanOrEqual(4); // 10% of 40
      expect(marked[0]).toBeLessThan(8); // 20%
      expect(marked[1]).toBeGreaterThanOrEqual(20); // 50%
      expect(marked[1]).toBeLessThan(24); // 60%
      expect(k).toBe(2 * (symbols[marked[0]] - 4) + (symbols[marked[1]] - 4)); // XX 0, XY 1, YX 2, YY 3
      counts[k]++;
    });
    for (const n of counts) expect(n).toBeGreaterThan(30); // all four classes, about 50 each
  });

  it('refuses lengths under 10, saying why', () => {
    expect(() => temporalOrderBatch(9, 1, new Random(1))).toThrow('temporal order: needs at least 10 steps');
  });
});

describe('a tiny run of each method', () => {
  const run = (method: Method, maxIterations = 300, clipThreshold = 1) =>
    trainWithRemedy({ task: 'order', method, steps: 10, seed: 1, hidden: 16, batch: 20, learningRate: 0.1, clipThreshold, omegaWeight: 2, maxIterations, evalEvery: 25, evalSize: 200 });

  it('clip+omega solves T = 10 (under 1% wrong) and stops there; the gradient profile has T entries', () => {
    const r = run('clip+omega');
    expect(r.solved).toBe(true);
    expect(r.errorRate).toBeLessThan(0.01);
    expect(r.iterations).toBeLessThan(300);
    expect(r.iterations % 25).toBe(0); // it stopped at a score
    expect(r.gradNorms).toHaveLength(10);
    expect(r.gradNorms.every((g) => g > 0 && Number.isFinite(g))).toBe(true);
  });

  it('plain SGD never clips; with a threshold below the gradient norm every step is clipped', () => {
    expect(run('sgd', 20, 1e-3).clippedSteps).toBe(0);
    expect(run('clip', 20, 1e-3).clippedSteps).toBe(20);
  });
});

describe('findings follow the numbers', () => {
  const cell = (method: Method, steps: number, solved: number, firstOverLast = 1, clippedSteps = 10): RemedyCell => ({
    method, steps, solved, runs: 5, medianIterations: solved > 0 ? 100 : null, firstOverLast, clippedSteps,
  });

  it('names the winners at each length, and says when nothing solved', () => {
    const lines = findings([cell('sgd', 10, 5), cell('sgd', 30, 0), cell('clip', 10, 5), cell('clip', 30, 0), cell('clip+omega', 10, 5), cell('clip+omega', 30, 0)]);
    expect(lines[0]).toBe('T = 10: every method solved 5/5 runs.');
    expect(lines[1]).toBe('T = 30: no method solved a run within the budget.');
  });

  it('says the gap grows with T only when it does', () => {
    const growing = findings([cell('sgd', 10, 5), cell('sgd', 20, 1), cell('clip', 10, 5), cell('clip', 20, 2), cell('clip+omega', 10, 5), cell('clip+omega', 20, 4)]);
    expect(growing).toContain('The longer the sequence, the more clipping and Ω solved beyond plain SGD.');
    expect(growing[1]).toBe('T = 20: clip+omega solved 4/5 runs; sgd 1/5, clip 2/5.');
    const shrinking = findings([cell('sgd', 10, 1), cell('sgd', 20, 3), cell('clip+omega', 10, 5), cell('clip+omega', 20, 4)]);
    expect(shrinking.join('\n')).not.toContain('The longer the sequence');
    const none = findings([cell('sgd', 10, 2), cell('sgd', 20, 1), cell('clip+omega', 10, 2), cell('clip+omega', 20, 1)]);
    expect(none).toContain('Clipping and Ω solved no more runs than plain SGD at any length here.');
  });

  it('says clip ran as sgd where it never clipped, and only there', () => {
    const lines = findings([cell('sgd', 10, 5), cell('sgd', 30, 0), cell('clip', 10, 5, 1, 40), cell('clip', 30, 0, 1, 0)]);
    expect(lines).toContain('At T = 30 no gradient reached the clipping threshold, so clip ran exactly as sgd (the same seeds and batches): their results and curves coincide.');
    expect(findings([cell('sgd', 10, 5), cell('clip', 10, 5, 1, 3)]).join('\n')).not.toContain('ran exactly as sgd');
  });

  it('names the flattest gradient profile at the longest length, whichever it is', () => {
    const lines = findings([cell('sgd', 20, 0, 1e-6), cell('clip', 20, 0, 3), cell('clip+omega', 20, 1, 0.5)]);
    expect(lines.at(-2)).toContain('sgd 1.00e-6, clip 3.00, clip+omega 0.500');
    expect(lines.at(-1)).toBe("Here the flattest is clip+omega's (0.500).");
    expect(findings([cell('sgd', 20, 0, 0.9), cell('clip+omega', 20, 0, 40)]).at(-1)).toBe("Here the flattest is sgd's (0.900).");
  });
});

describe('summarize', () => {
  it('counts solved runs, the median steps of those, and the median first/last gradient ratio per (method, T)', () => {
    const run = (method: Method, steps: number, solved: boolean, iterations: number, first: number) => ({
      task: 'order' as const, method, steps, seed: 0, solved, iterations, errorRate: solved ? 0 : 0.5, clippedSteps: 0, gradNorms: [first, 1, 2],
    });
    const cells = summarize([run('sgd', 10, true, 100, 4), run('sgd', 10, false, 800, 1), run('sgd', 10, true, 300, 10), run('clip', 10, false, 800, 6)]);
    expect(cells).toEqual([
      { method: 'sgd', steps: 10, solved: 2, runs: 3, medianIterations: 200, firstOverLast: 2, clippedSteps: 0 },
      { method: 'clip', steps: 10, solved: 0, runs: 1, medianIterations: null, firstOverLast: 3, clippedSteps: 0 },
    ]);
  });
});
