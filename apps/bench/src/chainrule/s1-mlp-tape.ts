/**
 * chainrule S1 on a `Tape`: the same micrograd demo step as s1-mlp.ts (same weights, data, loss
 * and SGD schedule), recorded on the scalar engine's Wengert list instead of `Value` objects.
 * The parameters are the tape's first rows; each step records its graph after them, runs
 * backward, updates them, and truncates the tape back to them.
 */
import { Tape, type Slot } from '@chainrule/autodiff';
import type { Case, StepResult } from '../case.js';
import { makeMoons } from '../workloads/moons.js';
import { seededUniform } from '../workloads/random.js';

interface Layer {
  readonly weights: readonly (readonly Slot[])[]; // [out][in]
  readonly biases: readonly Slot[];
  readonly relu: boolean;
}

function makeLayer(tape: Tape, inputs: number, outputs: number, relu: boolean, draw: (lo: number, hi: number) => number): Layer {
  const weights = Array.from({ length: outputs }, () => Array.from({ length: inputs }, () => tape.leaf(draw(-1, 1))));
  const biases = Array.from({ length: outputs }, () => tape.leaf(0));
  return { weights, biases, relu };
}

function forwardLayer(tape: Tape, layer: Layer, x: readonly Slot[]): Slot[] {
  return layer.weights.map((row, j) => {
    let act = layer.biases[j];
    for (let i = 0; i < row.length; i++) act = tape.add(act, tape.mul(row[i], x[i]));
    return layer.relu ? tape.relu(act) : act;
  });
}

export default async function setup(): Promise<Case> {
  const draw = seededUniform(1337);
  const tape = new Tape();
  const layers = [makeLayer(tape, 2, 16, true, draw), makeLayer(tape, 16, 16, true, draw), makeLayer(tape, 16, 1, false, draw)];
  const params = layers.flatMap((l) => [...l.weights.flat(), ...l.biases]);
  const paramRows = tape.length;
  const { xs, ys } = makeMoons();
  let k = 0;

  return {
    dtype: 'float64',
    notes: `Tape, ${params.length} params`,
    step(): StepResult {
      // forward: scores and hinge loss on all 100 points, plus L2
      let dataLoss = tape.leaf(0);
      const one = tape.leaf(1);
      let correct = 0;
      for (let n = 0; n < xs.length; n++) {
        let h: Slot[] = [tape.leaf(xs[n][0]), tape.leaf(xs[n][1])];
        for (const layer of layers) h = forwardLayer(tape, layer, h);
        const score = h[0];
        if (tape.value(score) > 0 === ys[n] > 0) correct++;
        dataLoss = tape.add(dataLoss, tape.relu(tape.add(tape.mul(score, tape.leaf(-ys[n])), one)));
      }
      let reg = tape.leaf(0);
      for (const p of params) reg = tape.add(reg, tape.mul(p, p));
      const loss = tape.add(tape.mul(dataLoss, tape.leaf(1 / xs.length)), tape.mul(reg, tape.leaf(1e-4)));

      // backward
      tape.zeroGrad();
      tape.backward(loss);

      // SGD, then drop this step's graph
      const lr = 1 - (0.9 * (k % 100)) / 100;
      for (const p of params) tape.setValue(p, tape.value(p) - lr * tape.grad(p));
      const lossValue = tape.value(loss);
      tape.truncate(paramRows);
      k++;
      return { check: lossValue, metrics: { accuracy: correct / xs.length } };
    },
  };
}
