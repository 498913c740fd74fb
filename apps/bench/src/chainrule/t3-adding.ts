/**
 * chainrule T3 (time to solve): the adding problem, T = 50, with an LSTMCell (H = 32) from
 * @chainrule/nn, a Linear readout of h_T, mseLoss and Adam (lr 0.01), batches of 32 fresh
 * sequences, until the MSE on 1,000 held-out sequences falls below 0.01 (checked every 25
 * steps, under noGrad). One run: its time is the wall time to solve, test evaluations included;
 * metrics: sequences seen, optimizer steps.
 */
import { fromArray, noGrad, type Tensor } from '@chainrule/autodiff';
import { Adam, Linear, LSTMCell, mseLoss } from '@chainrule/nn';
import type { Case, StepResult } from '../case.js';
import { ADDING, addingStream, type AddingBatch } from '../workloads/adding.js';

const MAX_SEQUENCES = 1_000_000;
const EVAL_EVERY = 25;
const LEARNING_RATE = 0.01;

export interface Solved {
  readonly seconds: number;
  readonly sequences: number;
  readonly steps: number;
  readonly testMse: number;
}

/** Trains from scratch until solved (or MAX_SEQUENCES); returns what T3 reports. */
export function solveAdding(seed = 1): Solved {
  const { batch, hidden, testSize, solvedMse } = ADDING;
  const cell = new LSTMCell({ inputSize: 2, hiddenSize: hidden, seed });
  const readout = new Linear({ inFeatures: hidden, outFeatures: 1, seed: seed + 1 });
  const optimizer = new Adam([...cell.parameters(), ...readout.parameters()], { lr: LEARNING_RATE });
  const train = addingStream(100 + seed);
  const test = addingStream(999)(testSize);

  const predict = (b: AddingBatch, n: number): Tensor => {
    let state = cell.zeroState(n);
    for (const x of b.xs) state = cell.forward(fromArray(x, [n, 2]), state);
    return readout.forward(state.h).reshape([n]);
  };
  const loss = (b: AddingBatch, n: number): Tensor => mseLoss(predict(b, n), fromArray(b.ys, [n]));

  const t0 = performance.now();
  let sequences = 0;
  let steps = 0;
  let testMse = Number.POSITIVE_INFINITY;
  while (sequences < MAX_SEQUENCES) {
    optimizer.zeroGrad();
    loss(train(batch), batch).backward();
    optimizer.step();
    sequences += batch;
    steps++;
    if (steps % EVAL_EVERY === 0) {
      testMse = noGrad(() => loss(test, testSize).item());
      if (testMse < solvedMse) break;
    }
  }
  return { seconds: (performance.now() - t0) / 1000, sequences, steps, testMse };
}

export default async function setup(): Promise<Case> {
  return {
    dtype: 'float64',
    notes: `LSTMCell H${ADDING.hidden}, batch ${ADDING.batch}, Adam lr ${LEARNING_RATE}`,
    step(): StepResult {
      const r = solveAdding();
      if (r.testMse >= ADDING.solvedMse) {
        throw new Error(`not solved after ${r.sequences} sequences (test MSE ${r.testMse.toFixed(4)})`);
      }
      return { check: r.testMse, ms: r.seconds * 1000, metrics: { sequences: r.sequences, steps: r.steps } };
    },
  };
}
