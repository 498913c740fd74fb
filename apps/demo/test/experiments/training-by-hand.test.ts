/**
 * trainCells's numbers before any update, recomputed here: the seed streams (data, held-out,
 * one per kind of cell, drawn from `seed` in that order), the initial cell and readout, the
 * held-out batch, and from them the first training loss, the held-out loss and accuracy and the
 * held-out baseline, in plain arithmetic (mean squared error; cross-entropy as logsumexp − logit).
 */
import { fromArray, noGrad, Random, type Tensor } from '@chainrule/autodiff';
import { GRUCell, Linear, LSTMCell, RNNCell, unroll, type AnyCell } from '@chainrule/nn';
import { describe, expect, it } from 'vitest';
import { close } from './close.js';
import { addingBatch, copyBatch } from '../../src/experiments/tasks.js';
import { ADDING_TOLERANCE, TASKS, trainCells, type TrainingOptions } from '../../src/experiments/training.js';

const options: TrainingOptions = {
  task: 'adding', steps: 5, hidden: 3, batch: 4, iterations: 1, lr: 0.01, clip: 0, cells: ['rnn', 'lstm', 'gru'], seed: 7, evalEvery: 1, evalSize: 32, forgetBias: 2,
};

function streams(seed: number) {
  const master = new Random(seed);
  const next = () => new Random(master.nextUint32());
  const data = next();
  const held = next();
  return { data, held, rnn: next(), lstm: next(), gru: next() };
}

function model(kind: 'rnn' | 'lstm' | 'gru', inputSize: number, outputSize: number, rng: Random) {
  const cell: AnyCell =
    kind === 'rnn'
      ? new RNNCell({ inputSize, hiddenSize: 3, activation: 'tanh', seed: rng })
      : kind === 'lstm'
        ? new LSTMCell({ inputSize, hiddenSize: 3, forgetBias: 2, seed: rng })
        : new GRUCell({ inputSize, hiddenSize: 3, seed: rng });
  const readout = new Linear({ inFeatures: 3, outFeatures: outputSize, seed: rng });
  return { cell, readout };
}

const statesOf = (cell: AnyCell, xs: Tensor[]) => noGrad(() => (unroll(cell as LSTMCell, xs) as { h: readonly Tensor[] }).h);

describe('trainCells before any update, by hand', () => {
  it('the tasks and the adding tolerance', () => {
    expect(TASKS).toEqual(['adding', 'copy']);
    expect(ADDING_TOLERANCE).toBe(0.04);
  });

  it('adding: first training loss, held-out MSE, accuracy within 0.04, and the held-out baseline mean (y − 1)²', () => {
    const r = trainCells(options);
    const s = streams(7);
    const held = addingBatch(5, 32, s.held);
    const train = addingBatch(5, 4, s.data);
    const ys = held.targets.map(([y]) => y);
    close(r.heldOutBaseline, ys.reduce((acc, y) => acc + (y - 1) ** 2, 0) / 32);
    expect(r.baseline).toBe(1 / 6);
    (['rnn', 'lstm', 'gru'] as const).forEach((kind, k) => {
      const { cell, readout } = model(kind, 2, 1, s[kind]);
      const predict = (inputs: number[][][], size: number) => {
        const hs = statesOf(cell, inputs.map((step) => fromArray(step.flat(), [size, 2])));
        return Array.from(noGrad(() => readout.forward(hs[hs.length - 1])).data);
      };
      const out = predict(held.inputs, 32);
      close(r.runs[k].evalLoss[0], out.reduce((acc, o, i) => acc + (o - ys[i]) ** 2, 0) / 32);
      expect(r.runs[k].evalAccuracy[0]).toBe(out.filter((o, i) => Math.abs(o - ys[i]) < 0.04).length / 32);
      const first = predict(train.inputs, 4);
      close(r.runs[k].trainLoss[0], first.reduce((acc, o, i) => acc + (o - train.targets[i][0]) ** 2, 0) / 4);
      expect(r.runs[k].cell).toBe(kind);
      expect(r.runs[k].skipped).toBe(0);
    });
  });

  it('copy: cross-entropy over every step and sequence; accuracy over the last 10 steps’ symbols only', () => {
    const delay = 2;
    const r = trainCells({ ...options, task: 'copy', steps: delay, evalSize: 6, cells: ['gru'] });
    const s = streams(7);
    const held = copyBatch(delay, 6, s.held);
    const { cell, readout } = model('gru', 10, 10, s.gru);
    const xs = held.inputs.map((step) => fromArray(step.flatMap((c) => Array.from({ length: 10 }, (_, j) => (j === c ? 1 : 0))), [6, 10]));
    const hs = statesOf(cell, xs);
    let loss = 0;
    let right = 0;
    hs.forEach((h, t) => {
      const logits = noGrad(() => readout.forward(h)).data;
      for (let i = 0; i < 6; i++) {
        const row = Array.from(logits.subarray(i * 10, i * 10 + 10));
        const top = Math.max(...row);
        const lse = top + Math.log(row.reduce((acc, v) => acc + Math.exp(v - top), 0));
        loss += lse - row[held.targets[t][i]];
        if (t >= delay + 10 && row.indexOf(top) === held.targets[t][i]) right++;
      }
    });
    const L = delay + 20;
    close(r.runs[0].evalLoss[0], loss / (L * 6), 1e-12);
    expect(r.runs[0].evalAccuracy[0]).toBe(right / 60);
    // The memoryless baseline: 10·ln 8 / (T + 20), for the held-out batch too.
    close(r.baseline, (10 * Math.log(8)) / L, 1e-15);
    expect(r.heldOutBaseline).toBe(r.baseline);
  });

  it('evaluation points: every evalEvery updates and the last; Adam moves the weights (the second loss differs)', () => {
    const r = trainCells({ ...options, iterations: 7, evalEvery: 3, cells: ['rnn'] });
    expect(r.evalIterations).toEqual([0, 3, 6, 7]);
    expect(r.runs[0].trainLoss[1]).not.toBe(r.runs[0].trainLoss[0]);
    expect(r.options.iterations).toBe(7);
  });
});
