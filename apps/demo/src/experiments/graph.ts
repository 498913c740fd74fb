/**
 * The `graph` command's experiment: unroll a small cell for a few steps and return the
 * computation graph as DOT and as Mermaid text, each time step in its own box and the repeated
 * middle steps collapsed into one.
 */
import { fromArray, Random, toDot, toMermaid, type Tensor } from '@chainrule/autodiff';
import { GRUCell, LSTMCell, RNNCell, unroll, type AnyCell } from '@chainrule/nn';
import type { CellKind } from '../cell-kind.js';

export interface GraphOptions {
  cell: CellKind;
  steps: number;
  keepSteps: number;
  hiddenSize: number;
  inputSize: number;
  seed: number;
}

export interface GraphTexts {
  readonly dot: string;
  readonly mermaid: string;
}

export function unrolledGraph(o: GraphOptions): GraphTexts {
  const rng = new Random(o.seed);
  const common = { inputSize: o.inputSize, hiddenSize: o.hiddenSize, seed: rng };
  const cell: AnyCell =
    o.cell === 'lstm' ? new LSTMCell({ ...common, fused: false }) : o.cell === 'gru' ? new GRUCell(common) : new RNNCell({ ...common, activation: 'tanh' });
  for (const [name, p] of cell.namedParameters()) p.label = name;
  const xs = Array.from({ length: o.steps }, (_, t) => {
    const x = fromArray(Array.from({ length: o.inputSize }, () => rng.normal()), [1, o.inputSize]);
    x.label = `x_${t + 1}`;
    return x;
  });
  const trajectory = unroll(cell, xs) as { h: readonly Tensor[]; c?: readonly Tensor[] };
  trajectory.h.forEach((h, t) => (h.label = `h_${t + 1}`));
  trajectory.c?.forEach((c, t) => (c.label = `c_${t + 1}`));
  const hT = trajectory.h[trajectory.h.length - 1];
  const loss = hT.pow(2).sum().mul(0.5);
  loss.label = 'E';
  const view = { steps: trajectory.h, keepSteps: o.keepSteps };
  return { dot: toDot(loss, view), mermaid: toMermaid(loss, view) };
}
