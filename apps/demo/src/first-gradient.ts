/**
 * The smallest check of the engine: one tiny expression, its gradients by backprop, and the
 * same gradients by finite differences. Pure: returns numbers, prints nothing.
 */
import { centralDifference, Value } from '@chainrule/autodiff';

export interface GradientRow {
  name: string;
  backprop: number;
  finiteDifference: number;
}

export interface FirstGradient {
  inputs: { x: number; w: number; b: number };
  y: number;
  rows: GradientRow[];
}

/** y = tanh(w·x + b): dy/dx, dy/dw, dy/db by backprop and by central differences. */
export function firstGradient(x0 = 0.5, w0 = -1.5, b0 = 0.25): FirstGradient {
  const x = new Value(x0, [], '', 'x');
  const w = new Value(w0, [], '', 'w');
  const b = new Value(b0, [], '', 'b');
  const y = w.mul(x).add(b).tanh();
  y.backward();

  const f = (xv: number, wv: number, bv: number): number => Math.tanh(wv * xv + bv);
  const numeric = [
    centralDifference((v) => f(v, w0, b0), x0),
    centralDifference((v) => f(x0, v, b0), w0),
    centralDifference((v) => f(x0, w0, v), b0),
  ];
  return {
    inputs: { x: x0, w: w0, b: b0 },
    y: y.data,
    rows: [x, w, b].map((leaf, i) => ({ name: leaf.label, backprop: leaf.grad, finiteDifference: numeric[i] })),
  };
}
