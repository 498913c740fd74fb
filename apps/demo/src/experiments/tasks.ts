/**
 * The two long-range memory tasks of Arjovsky, Shah & Bengio (2016), also used by Hochreiter &
 * Schmidhuber (1997). Each generator returns plain arrays; the training code turns them into
 * tensors. Both come with the loss of the best strategy that remembers nothing: the baseline
 * a network must beat to show it learned the long-range dependency.
 */
import { Random } from '@chainrule/autodiff';

export interface AddingBatch {
  /** inputs[t][i] = [value, marker] for step t of sequence i (T × B × 2). */
  inputs: number[][][];
  /** targets[i] = [sum of the two marked values] (B × 1). */
  targets: number[][];
}

/**
 * The adding problem: T steps of (value ~ U[0, 1], marker ∈ {0, 1}); exactly one marker in
 * each half of the sequence; the target is the sum of the two marked values.
 */
export function addingBatch(steps: number, batch: number, rng: Random): AddingBatch {
  if (steps < 2) throw new Error(`adding problem: needs at least 2 steps, got ${steps}`);
  const half = Math.floor(steps / 2);
  const inputs: number[][][] = Array.from({ length: steps }, () => []); // sequence i is pushed i-th at every step
  const targets: number[][] = [];
  for (let i = 0; i < batch; i++) {
    const first = rng.int(half);
    const second = half + rng.int(steps - half);
    let sum = 0;
    for (let t = 0; t < steps; t++) {
      const value = rng.uniform();
      const marked = t === first || t === second;
      inputs[t].push([value, marked ? 1 : 0]);
      if (marked) sum += value;
    }
    targets.push([sum]);
  }
  return { inputs, targets };
}

/**
 * The memoryless baseline for the adding problem: always predict 1, the expected sum.
 * Its MSE is Var(u₁ + u₂) = 2 · 1/12 = 1/6 for independent u ~ U[0, 1].
 */
export const ADDING_BASELINE_MSE = 1 / 6;

/** Copying memory: symbols 1..8 to remember, 0 = blank, 9 = "now repeat". */
export const COPY_SYMBOLS = 8;
export const COPY_BLANK = 0;
export const COPY_DELIMITER = 9;
export const COPY_CLASSES = 10;
export const COPY_LENGTH = 10;

export interface CopyBatch {
  /** inputs[t][i]: the class index fed at step t of sequence i ((T + 20) × B). */
  inputs: number[][];
  /** targets[t][i]: the class index expected at step t. */
  targets: number[][];
}

/**
 * Copying memory: 10 random symbols from 1..8, then T − 1 blanks, the delimiter, and 10 more
 * blanks (T + 20 steps in all). The network must output blanks until the last 10 steps, then
 * the 10 symbols in order: it has to carry them across T steps.
 */
export function copyBatch(delay: number, batch: number, rng: Random): CopyBatch {
  if (delay < 1) throw new Error(`copy task: delay T must be at least 1, got ${delay}`);
  const length = delay + 2 * COPY_LENGTH;
  const inputs = Array.from({ length }, () => new Array<number>(batch).fill(COPY_BLANK));
  const targets = Array.from({ length }, () => new Array<number>(batch).fill(COPY_BLANK));
  for (let i = 0; i < batch; i++) {
    for (let k = 0; k < COPY_LENGTH; k++) {
      const symbol = 1 + rng.int(COPY_SYMBOLS);
      inputs[k][i] = symbol;
      targets[delay + COPY_LENGTH + k][i] = symbol;
    }
    inputs[delay + COPY_LENGTH - 1][i] = COPY_DELIMITER;
  }
  return { inputs, targets };
}

/**
 * The memoryless baseline for copying: predict blank with certainty for the first T + 10
 * steps (loss 0) and a uniform guess over the 8 symbols for the last 10 (loss ln 8 each),
 * averaged over all T + 20 steps: 10·ln 8 / (T + 20).
 */
export function copyBaseline(delay: number): number {
  return (COPY_LENGTH * Math.log(COPY_SYMBOLS)) / (delay + 2 * COPY_LENGTH);
}
