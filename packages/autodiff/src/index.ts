/**
 * @chainrule/autodiff: reverse-mode automatic differentiation you can read.
 *
 * Start with `scalar/value.ts` (one number per node, micrograd-style), then `graph.ts`
 * (the order backpropagation visits nodes in).
 */
export { Value, type Operand } from './scalar/value.js';
export { topologicalOrder, type GraphNode } from './graph.js';
export { toDot } from './viz/dot.js';
export {
  centralDifference,
  compareGradients,
  stepFor,
  type GradcheckResult,
  type Tolerance,
} from './check/finite-difference.js';
export { gradcheckScalar } from './check/gradcheck-scalar.js';
