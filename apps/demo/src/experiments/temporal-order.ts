/**
 * The temporal order problem (Hochreiter & Schmidhuber 1997, task 6a), as Pascanu, Mikolov &
 * Bengio (2013, §4.1) use it: a sequence of T symbols, mostly distractors from {a, b, c, d};
 * at one position in the first 10–20% of the sequence and one in 50–60% stands X or Y. The
 * class is which two, in order: XX, XY, YX or YY. The network sees one symbol per step (one-hot,
 * 6 symbols) and answers after the last: it must carry two bits across about T/2 steps.
 * Guessing is right one time in four.
 */
import type { Random } from '@chainrule/autodiff';

export const ORDER_SYMBOLS = 6; // a, b, c, d, X, Y
export const ORDER_CLASSES = 4; // XX, XY, YX, YY
const X = 4; // and Y = 5: the symbol at a marked position is X + (0 or 1)

export interface OrderBatch {
  /** inputs[t][i]: the one-hot symbol at step t of sequence i (T × B × 6). */
  readonly inputs: number[][][];
  /** classes[i]: 0 = XX, 1 = XY, 2 = YX, 3 = YY. */
  readonly classes: number[];
}

/** A position drawn uniformly from [from·T, to·T) (at least one position wide). */
function positionIn(steps: number, from: number, to: number, rng: Random): number {
  const start = Math.floor(from * steps);
  const end = Math.max(start + 1, Math.floor(to * steps));
  return start + rng.int(end - start);
}

export function temporalOrderBatch(steps: number, batch: number, rng: Random): OrderBatch {
  if (steps < 10) throw new Error(`temporal order: needs at least 10 steps (two separate windows), got ${steps}`);
  const inputs = Array.from({ length: steps }, () => Array.from({ length: batch }, () => new Array<number>(ORDER_SYMBOLS).fill(0)));
  const classes: number[] = [];
  for (let i = 0; i < batch; i++) {
    const first = positionIn(steps, 0.1, 0.2, rng);
    const second = positionIn(steps, 0.5, 0.6, rng);
    const firstIsY = rng.int(2);
    const secondIsY = rng.int(2);
    for (let t = 0; t < steps; t++) {
      const symbol = t === first ? X + firstIsY : t === second ? X + secondIsY : rng.int(4);
      inputs[t][i][symbol] = 1;
    }
    classes.push(2 * firstIsY + secondIsY);
  }
  return { inputs, classes };
}
