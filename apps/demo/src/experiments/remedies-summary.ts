/**
 * What the remedies runs add up to, and the sentences that say so: each sentence is chosen by a
 * condition on these numbers and filled from them, so it is true of the runs it describes.
 */
import { METHODS, type Method, type RemedyRun } from './remedies.js';

export interface RemedyCell {
  readonly method: Method;
  readonly steps: number;
  readonly solved: number;
  readonly runs: number;
  /** Median SGD steps to solve, over the solved runs (null if none). */
  readonly medianIterations: number | null;
  /** ‖dE/dh_1‖ / ‖dE/dh_T‖ after training, the median over runs: how much of the gradient reaches the first step. */
  readonly firstOverLast: number;
  /** SGD steps whose gradient was clipped, over all runs. */
  readonly clippedSteps: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One cell per (method, T), methods in METHODS order, lengths ascending. */
export function summarize(runs: readonly RemedyRun[]): RemedyCell[] {
  const lengths = [...new Set(runs.map((r) => r.steps))].sort((a, b) => a - b);
  return METHODS.flatMap((method) =>
    lengths.flatMap((steps) => {
      const mine = runs.filter((r) => r.method === method && r.steps === steps);
      if (mine.length === 0) return [];
      const solved = mine.filter((r) => r.solved);
      return [
        {
          method,
          steps,
          solved: solved.length,
          runs: mine.length,
          medianIterations: solved.length === 0 ? null : median(solved.map((r) => r.iterations)),
          firstOverLast: median(mine.map((r) => r.gradNorms[0] / r.gradNorms[r.gradNorms.length - 1])),
          clippedSteps: mine.reduce((n, r) => n + r.clippedSteps, 0),
        },
      ];
    }),
  );
}

const rate = (c: RemedyCell) => c.solved / c.runs;
const fraction = (c: RemedyCell) => `${c.solved}/${c.runs}`;

/** The findings, one sentence each, from the cells. */
export function findings(cells: readonly RemedyCell[]): string[] {
  const lengths = [...new Set(cells.map((c) => c.steps))];
  const at = (method: Method, steps: number) => cells.find((c) => c.method === method && c.steps === steps);
  const lines: string[] = [];
  for (const steps of lengths) {
    const row = METHODS.map((m) => at(m, steps)).filter((c): c is RemedyCell => c !== undefined);
    const best = Math.max(...row.map(rate));
    if (best === 0) {
      lines.push(`T = ${steps}: no method solved a run within the budget.`);
      continue;
    }
    const winners = row.filter((c) => rate(c) === best);
    const others = row.filter((c) => rate(c) < best);
    const tail = others.length === 0 ? '' : `; ${others.map((c) => `${c.method} ${fraction(c)}`).join(', ')}`;
    lines.push(`T = ${steps}: ${winners.length === row.length ? 'every method' : winners.map((c) => c.method).join(' and ')} solved ${fraction(winners[0])} runs${tail}.`);
  }
  // Clipping that never clipped is plain SGD: same seeds, same batches, the same run.
  const unclipped = lengths.filter((steps) => at('clip', steps)?.clippedSteps === 0 && at('sgd', steps) !== undefined);
  if (unclipped.length > 0) {
    const where = unclipped.map((t) => `T = ${t}`).join(', ');
    lines.push(`At ${where} no gradient reached the clipping threshold, so clip ran exactly as sgd (the same seeds and batches): their results and curves coincide.`);
  }
  // Does the gap between plain SGD and the remedies grow with T? Only said when the numbers show it.
  const gaps = lengths.map((steps) => {
    const plain = at('sgd', steps);
    const both = at('clip+omega', steps);
    return plain === undefined || both === undefined ? null : rate(both) - rate(plain);
  });
  const known = gaps.filter((g): g is number => g !== null);
  if (known.length >= 2) {
    const growing = known.every((g, i) => i === 0 || g >= known[i - 1]) && known[known.length - 1] > known[0];
    if (growing) lines.push('The longer the sequence, the more clipping and Ω solved beyond plain SGD.');
    else if (known.every((g) => g === 0)) lines.push('Clipping and Ω solved no more runs than plain SGD at any length here.');
  }
  // The gradient profile after training, at the longest length: what reaches t = 1.
  const longest = Math.max(...lengths);
  const profile = METHODS.map((m) => at(m, longest)).filter((c): c is RemedyCell => c !== undefined);
  if (profile.length > 0) {
    const described = profile.map((c) => `${c.method} ${formatRatio(c.firstOverLast)}`).join(', ');
    lines.push(`After training at T = ${longest}, ‖dE/dh_1‖ / ‖dE/dh_T‖ (median over runs): ${described}. Ω pulls each step's ratio toward 1, so its profile should be the flattest.`);
    const flattest = profile.reduce((a, b) => (Math.abs(Math.log10(a.firstOverLast)) <= Math.abs(Math.log10(b.firstOverLast)) ? a : b));
    lines.push(`Here the flattest is ${flattest.method}'s (${formatRatio(flattest.firstOverLast)}).`);
  }
  return lines;
}

function formatRatio(x: number): string {
  if (x === 0) return '0';
  const abs = Math.abs(x);
  return abs >= 0.01 && abs < 1000 ? x.toPrecision(3) : x.toExponential(2);
}
