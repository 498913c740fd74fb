/**
 * gradcheckScalar: does backprop through `Value`s agree with central differences?
 */
import { checkFunctionAndInputs } from './show.js';
import { Value } from '../scalar/value.js';
import { centralDifference, compareGradients, type GradcheckResult, type Tolerance } from './finite-difference.js';

/**
 * Builds `f` on fresh leaves holding `inputs`, backpropagates, and compares each leaf's `.grad`
 * with the central difference of `f` evaluated on plain numbers.
 */
export function gradcheckScalar(
  f: (...xs: Value[]) => Value,
  inputs: readonly number[],
  tolerance: Tolerance = {},
): GradcheckResult {
  checkFunctionAndInputs('gradcheckScalar', f, inputs);
  const leaves = inputs.map((x) => new Value(x));
  f(...leaves).backward();
  const analytic = leaves.map((leaf) => leaf.grad);

  const evaluate = (xs: readonly number[]): number => f(...xs.map((x) => new Value(x))).data;
  const numeric = inputs.map((x, i) =>
    centralDifference((xi) => evaluate(inputs.map((v, j) => (j === i ? xi : v))), x),
  );
  return compareGradients(analytic, numeric, tolerance);
}
