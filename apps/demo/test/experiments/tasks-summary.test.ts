/**
 * The copy task's layout and the tasks' refusals, written out for a tiny case; remedies-summary's
 * remaining conditions (lengths sorted, which cells are compared, the gap's growth, the flattest
 * profile on a tie, the ratio's format), each on cells chosen by hand.
 */
import { Random } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import { findings, summarize, type RemedyCell } from '../../src/experiments/remedies-summary.js';
import type { Method, RemedyRun } from '../../src/experiments/remedies.js';
import { addingBatch, COPY_BLANK, COPY_CLASSES, COPY_DELIMITER, COPY_LENGTH, COPY_SYMBOLS, copyBatch } from '../../src/experiments/tasks.js';
import { temporalOrderBatch } from '../../src/experiments/temporal-order.js';

describe('copy task layout', () => {
  it('constants: symbols 1..8, blank 0, delimiter 9, 10 classes, 10 to copy', () => {
    expect([COPY_SYMBOLS, COPY_BLANK, COPY_DELIMITER, COPY_CLASSES, COPY_LENGTH]).toEqual([8, 0, 9, 10, 10]);
  });
  it('delay 3, 2 sequences: 10 symbols, blanks, the delimiter at step T + 10, the symbols again in the last 10', () => {
    const { inputs, targets } = copyBatch(3, 2, new Random(5));
    expect(inputs).toHaveLength(23);
    for (let i = 0; i < 2; i++) {
      const symbols = inputs.slice(0, 10).map((s) => s[i]);
      symbols.forEach((s) => expect(s >= 1 && s <= 8).toBe(true));
      // Inputs: the symbols, blanks, the delimiter at index T + 9 (step T + 10), blanks.
      expect(inputs.map((s) => s[i])).toEqual([...symbols, 0, 0, 9, ...Array(10).fill(0)]);
      // Targets: blanks for T + 10 steps, then the symbols.
      expect(targets.map((s) => s[i])).toEqual([...Array(13).fill(0), ...symbols]);
    }
    // The two sequences draw their own symbols.
    expect(inputs.slice(0, 10).map((s) => s[0])).not.toEqual(inputs.slice(0, 10).map((s) => s[1]));
  });
  it('refuses a delay under 1 and an adding sequence under 2 steps, saying why; the smallest ones work', () => {
    expect(() => copyBatch(0, 1, new Random(1))).toThrow('copy task: delay T must be at least 1, got 0');
    expect(copyBatch(1, 1, new Random(1)).inputs).toHaveLength(21);
    expect(() => addingBatch(1, 1, new Random(1))).toThrow('adding problem: needs at least 2 steps, got 1');
    const two = addingBatch(2, 3, new Random(1));
    expect(two.inputs).toHaveLength(2);
    // With T = 2 both steps are marked, one per half, and the target is their sum.
    for (let i = 0; i < 3; i++) {
      expect(two.inputs.map((s) => s[i][1])).toEqual([1, 1]);
      expect(two.targets[i][0]).toBeCloseTo(two.inputs[0][i][0] + two.inputs[1][i][0], 15);
      expect(two.inputs[0][i]).toHaveLength(2);
    }
  });
  it('temporal order windows: T = 10 puts the marks at step 1 (10–20%) and step 5 (50–60%)', () => {
    const { inputs, classes } = temporalOrderBatch(10, 20, new Random(2));
    for (let i = 0; i < 20; i++) {
      const marks = inputs.flatMap((s, t) => (s[i][4] + s[i][5] === 1 ? [t] : []));
      expect(marks).toEqual([1, 5]);
      expect(classes[i]).toBe(2 * inputs[1][i][5] + inputs[5][i][5]);
    }
    // T = 30: 3–5 and 15–17.
    const long = temporalOrderBatch(30, 200, new Random(3));
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(long.inputs.flatMap((s, t) => (s[i][4] + s[i][5] === 1 ? [t] : [])).join(','));
    for (const pair of seen) {
      const [a, b] = pair.split(',').map(Number);
      expect(a >= 3 && a <= 5 && b >= 15 && b <= 17).toBe(true);
    }
    expect(seen.size).toBe(9); // every pair of the 3 × 3 positions occurs
  });
});

describe('remedies-summary: the remaining conditions', () => {
  const cell = (method: Method, steps: number, solved: number, firstOverLast = 1, clippedSteps = 10, runs = 5): RemedyCell => ({
    method, steps, solved, runs, medianIterations: solved > 0 ? 100 : null, firstOverLast, clippedSteps,
  });
  const run = (method: Method, steps: number, clippedSteps: number, first = 1): RemedyRun => ({
    task: 'order', method, steps, seed: 0, solved: false, iterations: 10, errorRate: 0.5, clippedSteps, gradNorms: [first, 2],
  });

  it('summarize: lengths in ascending order (numbers, not strings), only the runs of each (method, T), clipped steps summed', () => {
    const cells = summarize([run('sgd', 100, 0), run('sgd', 20, 0), run('clip', 100, 3), run('clip', 100, 4), run('clip', 20, 1, 8)]);
    expect(cells.map((c) => `${c.method} ${c.steps} ${c.runs} ${c.clippedSteps}`)).toEqual(['sgd 20 1 0', 'sgd 100 1 0', 'clip 20 1 1', 'clip 100 2 7']);
    expect(cells[2].firstOverLast).toBe(4); // 8 / 2
  });

  it('rates are solved / runs: 2 of 4 beats 1 of 1? no: 1/1 = 100% wins', () => {
    const lines = findings([cell('sgd', 10, 2, 1, 10, 4), cell('clip', 10, 1, 1, 10, 1)]);
    expect(lines[0]).toBe('T = 10: clip solved 1/1 runs; sgd 2/4.');
  });

  it('two winners of three are named together; three are "every method"', () => {
    expect(findings([cell('sgd', 10, 0), cell('clip', 10, 4), cell('clip+omega', 10, 4)])[0]).toBe('T = 10: clip and clip+omega solved 4/5 runs; sgd 0/5.');
    expect(findings([cell('sgd', 10, 4), cell('clip', 10, 4), cell('clip+omega', 10, 4)])[0]).toBe('T = 10: every method solved 4/5 runs.');
  });

  it('clip ran as sgd: only where clip never clipped and sgd ran at that length; several lengths listed', () => {
    const lines = findings([cell('sgd', 10, 1), cell('clip', 10, 1, 1, 0), cell('sgd', 20, 1), cell('clip', 20, 1, 1, 0), cell('clip', 30, 1, 1, 0)]);
    expect(lines).toContain('At T = 10, T = 20 no gradient reached the clipping threshold, so clip ran exactly as sgd (the same seeds and batches): their results and curves coincide.');
  });

  it('the gap: only lengths with both sgd and clip+omega count; a flat gap is not growth; equal gaps then a rise is', () => {
    // Gaps 0.2, 0.2, 0.6 (T = 10, 20, 30): growing. A length with only sgd is left out.
    const up = findings([cell('sgd', 10, 1), cell('clip+omega', 10, 2), cell('sgd', 20, 1), cell('clip+omega', 20, 2), cell('sgd', 30, 0), cell('clip+omega', 30, 3), cell('sgd', 40, 0)]);
    expect(up).toContain('The longer the sequence, the more clipping and Ω solved beyond plain SGD.');
    // Gaps 0.2, 0.2: not growing, not all 0: nothing said.
    const flat = findings([cell('sgd', 10, 1), cell('clip+omega', 10, 2), cell('sgd', 20, 1), cell('clip+omega', 20, 2)]);
    expect(flat.join('\n')).not.toMatch(/The longer the sequence|no more runs than plain SGD/);
    // Gaps 0, 0.2, 0: not growing; not all 0.
    const bump = findings([cell('sgd', 10, 1), cell('clip+omega', 10, 1), cell('sgd', 20, 1), cell('clip+omega', 20, 2), cell('sgd', 30, 1), cell('clip+omega', 30, 1)]);
    expect(bump.join('\n')).not.toMatch(/The longer the sequence|no more runs than plain SGD/);
    // One length with both: no trend claimed, even with a gap of 0.
    const one = findings([cell('sgd', 10, 1), cell('clip+omega', 10, 1), cell('sgd', 20, 1)]);
    expect(one.join('\n')).not.toMatch(/The longer the sequence|no more runs than plain SGD/);
    // A gap that falls then rises back above the first is not "growing".
    const dip = findings([cell('sgd', 10, 1), cell('clip+omega', 10, 2), cell('sgd', 20, 1), cell('clip+omega', 20, 1), cell('sgd', 30, 0), cell('clip+omega', 30, 3)]);
    expect(dip.join('\n')).not.toContain('The longer the sequence');
  });

  it('the profile is read at the longest length; on a tie of flatness the first method in order is named', () => {
    const lines = findings([cell('sgd', 100, 0, 10), cell('clip', 100, 0, 0.1), cell('sgd', 20, 0, 1), cell('clip', 20, 0, 1)]);
    expect(lines.at(-2)).toBe("After training at T = 100, ‖dE/dh_1‖ / ‖dE/dh_T‖ (median over runs): sgd 10.0, clip 0.100. Ω pulls each step's ratio toward 1, so its profile should be the flattest.");
    expect(lines.at(-1)).toBe("Here the flattest is sgd's (10.0).");
  });

  it('ratios: 0, and the edges of the plain range [0.01, 1000)', () => {
    const at = (x: number) => findings([cell('sgd', 10, 0, x)]).at(-1);
    expect(at(0)).toBe("Here the flattest is sgd's (0).");
    expect(at(0.01)).toBe("Here the flattest is sgd's (0.0100).");
    expect(at(0.00999)).toBe("Here the flattest is sgd's (9.99e-3).");
    expect(at(999)).toBe("Here the flattest is sgd's (999).");
    expect(at(1000)).toBe("Here the flattest is sgd's (1.00e+3).");
  });
});
