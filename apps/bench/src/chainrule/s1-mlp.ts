/**
 * chainrule S1: micrograd's demo step with `Value`. An MLP 2→16→16→1 (ReLU on the hidden layers,
 * weights U(−1, 1), biases 0), on 100 two-moons points: SVM hinge loss mean(relu(1 − y·score))
 * + 1e-4·Σp², backward, then SGD with micrograd's schedule lr = 1 − 0.9·k/100.
 * One timed step is all of that: forward on the 100 points, backward, update.
 */
import { Value } from '@chainrule/autodiff';
import type { Case, StepResult } from '../case.js';
import { makeMoons } from '../workloads/moons.js';
import { seededUniform } from '../workloads/random.js';

interface Layer {
  readonly weights: readonly (readonly Value[])[]; // [out][in]
  readonly biases: readonly Value[];
  readonly relu: boolean;
}

function makeLayer(inputs: number, outputs: number, relu: boolean, draw: (lo: number, hi: number) => number): Layer {
  const weights = Array.from({ length: outputs }, () => Array.from({ length: inputs }, () => new Value(draw(-1, 1))));
  const biases = Array.from({ length: outputs }, () => new Value(0));
  return { weights, biases, relu };
}

function forwardLayer(layer: Layer, x: readonly Value[]): Value[] {
  return layer.weights.map((row, j) => {
    let act = layer.biases[j];
    for (let i = 0; i < row.length; i++) act = act.add(row[i].mul(x[i]));
    return layer.relu ? act.relu() : act;
  });
}

export default async function setup(): Promise<Case> {
  const draw = seededUniform(1337);
  const layers = [makeLayer(2, 16, true, draw), makeLayer(16, 16, true, draw), makeLayer(16, 1, false, draw)];
  const params = layers.flatMap((l) => [...l.weights.flat(), ...l.biases]);
  const { xs, ys } = makeMoons();
  let k = 0;

  return {
    dtype: 'float64',
    notes: `Value graph, ${params.length} params`,
    step(): StepResult {
      // forward: scores and hinge loss on all 100 points, plus L2
      let dataLoss = new Value(0);
      let correct = 0;
      for (let n = 0; n < xs.length; n++) {
        let h: Value[] = [new Value(xs[n][0]), new Value(xs[n][1])];
        for (const layer of layers) h = forwardLayer(layer, h);
        const score = h[0];
        if (score.data > 0 === ys[n] > 0) correct++;
        dataLoss = dataLoss.add(score.mul(-ys[n]).add(1).relu());
      }
      let reg = new Value(0);
      for (const p of params) reg = reg.add(p.mul(p));
      const loss = dataLoss.mul(1 / xs.length).add(reg.mul(1e-4));

      // backward
      for (const p of params) p.grad = 0;
      loss.backward();

      // SGD
      const lr = 1 - (0.9 * (k % 100)) / 100;
      for (const p of params) p.data -= lr * p.grad;
      k++;
      return { check: loss.data, metrics: { accuracy: correct / xs.length } };
    },
  };
}
