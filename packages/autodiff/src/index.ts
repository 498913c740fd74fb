/**
 * @chainrule/autodiff: reverse-mode automatic differentiation you can read.
 *
 * Reading order: `scalar/value.ts` (one number per node, micrograd-style), `graph.ts` (the
 * order backprop visits nodes in), `scalar/tape.ts` (the same scalar engine as a Wengert list),
 * then the tensor engine: `tensor/tensor.ts`, `tensor/ops.ts`, `tensor/vjp.ts` (every
 * derivative the engine knows, in one table), `tensor/broadcast.ts`, `tensor/backward.ts`, and
 * `custom/custom-vjp.ts` (the escape hatch: a hand-written derivative, recorded as one node).
 * The tuned path is a separate entry, `@chainrule/autodiff/fast`, plugged in through `seam.ts`.
 */
export { Value, type Operand } from './scalar/value.js';
export { Tape, type Slot } from './scalar/tape.js';
export { Dual, type DualOperand } from './scalar/dual.js';
export { topologicalOrder, type GraphNode } from './graph.js';
export { Random, defaultRandom, manualSeed } from './random.js';
/** σ(x) of one number, computed without overflow (the one the kernels and `Value` use). */
export { sigmoid as stableSigmoid, sigmoidSlope, tanhSlope } from './math.js';

export { Tensor, type TensorLike, type NestedArray } from './tensor/tensor.js';
export {
  tensor,
  fromArray,
  full,
  zeros,
  ones,
  empty,
  scalar,
  randn,
  rand,
  type TensorOptions,
  type RandomOptions,
} from './tensor/creation.js';
export {
  add,
  sub,
  mul,
  div,
  neg,
  exp,
  log,
  tanh,
  sigmoid,
  relu,
  step,
  pow,
  matmul,
  matmulBT,
  sum,
  mean,
  max,
  logSumExp,
  logSoftmax,
  softmax,
  broadcastTo,
  reshape,
  transpose,
  slice,
  pad,
  takeAlong,
  putAlong,
  split,
  concat,
  stack,
} from './tensor/ops.js';
export {
  customVjp,
  type CustomVjpDefinition,
  type CustomBackwardArgs,
  type CustomFunction,
} from './custom/custom-vjp.js';
export { noGrad, enableGrad, isGradEnabled } from './tensor/grad-mode.js';
export { backpropagate, type BackwardOptions } from './tensor/backward.js';
export { grad, type GradOptions } from './tensor/grad.js';
export { hvp, hessian } from './tensor/hessian.js';
export { jvp, type JvpResult } from './forward/jvp.js';
export { jvpRules, type JvpRule, type JvpArgs } from './forward/jvp-rules.js';
export { vjpRules, type VjpRule, type VjpRules, type RuleArgs } from './tensor/vjp.js';
export type { FastPath, MatrixProducts, BackwardPass, PassContext } from './seam.js';
export type { Primitive, PrimitiveAttrs, Recipe, RecipeOf, NoAttrs } from './tensor/primitives.js';
export { broadcastShapes, sumToShape } from './tensor/broadcast.js';
export { formatShape, sizeOf, type Shape } from './tensor/shape.js';

export { toDot } from './viz/dot.js';
export { toMermaid } from './viz/mermaid.js';
export { graphView, type GraphView, type ViewNode, type ViewOptions, type Drawable } from './viz/graph-view.js';
export { formatNumber } from './viz/format.js';
export {
  centralDifference,
  compareGradients,
  stepFor,
  type GradcheckResult,
  type Tolerance,
} from './check/finite-difference.js';
export { gradcheckScalar } from './check/gradcheck-scalar.js';
export { gradcheck, numericJacobians, type GradcheckOptions } from './check/gradcheck.js';
export { gradgradcheck } from './check/gradgradcheck.js';
export { jacobian, jacobians } from './check/jacobian.js';
export { spectralNorm, symmetricEigenvalues } from './check/spectral-norm.js';
