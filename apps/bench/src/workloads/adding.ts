/**
 * T3, the adding problem (Hochreiter & Schmidhuber 1997): a sequence of T = 50 pairs
 * (value ∈ U(0, 1), marker ∈ {0, 1}); exactly two markers are 1, one in each half of the
 * sequence, and the target is the sum of the two marked values. Predicting the mean (1) always
 * gives MSE 1/6 ≈ 0.167; "solved" here means test MSE < 0.01.
 */
import { seededUniform } from './random.js';

export const ADDING = { steps: 50, batch: 32, hidden: 32, testSize: 1000, solvedMse: 0.01 } as const;

export interface AddingBatch {
  /** One [batch, 2] row-major block per time step: (value, marker) pairs. */
  readonly xs: readonly Float64Array[];
  /** [batch] targets. */
  readonly ys: Float64Array;
}

/** A generator of batches: each call draws the next one from the same seeded stream. */
export function addingStream(seed: number, steps: number = ADDING.steps): (batch: number) => AddingBatch {
  const draw = seededUniform(seed);
  return (batch) => {
    const xs = Array.from({ length: steps }, () => new Float64Array(batch * 2));
    const ys = new Float64Array(batch);
    const half = steps >> 1;
    for (let n = 0; n < batch; n++) {
      const first = Math.floor(draw(0, half));
      const second = half + Math.floor(draw(0, steps - half));
      let target = 0;
      for (let t = 0; t < steps; t++) {
        const value = draw(0, 1);
        const marked = t === first || t === second;
        xs[t][n * 2] = value;
        xs[t][n * 2 + 1] = marked ? 1 : 0;
        if (marked) target += value;
      }
      ys[n] = target;
    }
    return { xs, ys };
  };
}
