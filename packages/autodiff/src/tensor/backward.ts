/**
 * Reverse mode. Walk the graph from the root back to the leaves in topological order
 * (graph.ts), so each tensor's gradient is complete before it is passed on; at every tensor
 * apply its primitive's rule (vjp.ts) and add what it returns to its inputs' gradients.
 */
import { topologicalOrder } from '../graph.js';
import { noGrad } from './grad-mode.js';
import type { OutputGrads, Primitive, RecipeOf } from './primitives.js';
import { formatShape, sameShape } from './shape.js';
import { ones } from './creation.js';
import { release } from './buffers.js';
import { addInto } from './kernels.js';
import { Tensor } from './tensor.js';
import { vjpRules, type RuleArgs } from './vjp.js';

export interface BackwardOptions {
  /**
   * Keep only the leaves' gradients (weights, inputs: tensors no op produced). Each
   * intermediate gradient is dropped as soon as it has been passed back, so a long unrolled
   * graph needs far less memory: the usual choice in training. Default false: every tensor
   * that requires grad gets its `.grad`, as micrograd does.
   */
  leavesOnly?: boolean;
}

/**
 * One backward pass from `root`, started from `seed` (ones for a one-element root).
 * Returns this pass's dRoot/dTensor for every tensor in the graph that requires grad (only the
 * leaves with `leavesOnly`), without touching any `.grad`: `backward()` adds these to `.grad`,
 * `jacobian` reads them directly.
 */
export function backpropagate(root: Tensor, seed?: Tensor, { leavesOnly = false }: BackwardOptions = {}): Map<Tensor, Tensor> {
  if (!root.requiresGrad) {
    throw new Error('backward: this tensor does not require grad (no input was created with requiresGrad: true)');
  }
  const start = seed ?? defaultSeed(root);
  if (!sameShape(start.shape, root.shape)) {
    throw new Error(`backward: seed gradient has shape ${formatShape(start.shape)}, the output has ${formatShape(root.shape)}`);
  }
  const grads = new Map<Tensor, Tensor>([[root, start]]);
  // Arrays this pass created (a rule's fresh result, or a sum) that exactly one entry of `grads`
  // holds and nothing else can see. A sum held this way is safe to add into in place (a weight
  // used at each of 1,000 steps receives 1,000 contributions; without this each would allocate
  // a weight-sized array), and with leavesOnly the array can be recycled once passed back.
  const own = new Set<Float64Array>();
  // With leavesOnly each tensor's entry is dropped once passed back; these remember it was there.
  const passedBack = new Set<Tensor>();
  // For a custom function whose outputs feed one another inside (vjp.ts, RuleArgs.outputGrads):
  // its outputs were passed back already, so their entries are only read again when the pass returns.
  const outputGrads: OutputGrads = {
    has: (tensor) => grads.has(tensor) || passedBack.has(tensor),
    replace: leavesOnly
      ? null
      : (tensor, total) => {
          const previous = grads.get(tensor);
          if (previous !== undefined) own.delete(previous.data);
          grads.set(tensor, total);
        },
  };
  noGrad(() => {
    const order = topologicalOrder(root);
    for (let i = order.length - 1; i >= 0; i--) {
      const result = order[i];
      const grad = grads.get(result);
      if (grad === undefined || result.recipe === null) continue;
      const needsGrad = result.parents.map((input) => input.requiresGrad);
      // A sum this pass owns may be added into by the rule itself (vjp.ts, `addTo`).
      const addTo = result.parents.map((input) => {
        const soFar = grads.get(input);
        return soFar !== undefined && own.has(soFar.data) ? soFar : null;
      });
      const inputGrads = applyRule(result.recipe, { grad, inputs: result.parents, result, needsGrad, addTo, outputGrads });
      // A rule may hand its `grad` on unchanged (add does) or as a view (reshape); an array it
      // returns once, that is neither `grad`'s nor a forward value's, is new and nobody else's.
      const passedOn = inputGrads.some((g) => g !== null && g.data === grad.data);
      const isFresh = (g: Tensor) =>
        g.data !== grad.data &&
        g.data !== result.data &&
        result.parents.every((input) => input.data !== g.data) &&
        inputGrads.filter((other) => other !== null && other.data === g.data).length === 1;
      result.parents.forEach((input, k) => {
        const g = inputGrads[k];
        if (g === null || !input.requiresGrad) return;
        if (!sameShape(g.shape, input.shape)) {
          throw new Error(`backward: the ${result.op} rule returned a gradient of shape ${formatShape(g.shape)} for an input of shape ${formatShape(input.shape)}`);
        }
        if (g === addTo[k]) return; // the rule added its contribution into the sum already
        const previous = grads.get(input);
        const fresh = isFresh(g);
        if (previous === undefined) {
          grads.set(input, g);
          if (fresh) own.add(g.data);
        } else if (own.has(previous.data)) {
          addInto(previous.data, g.data);
          if (fresh && leavesOnly) release(g.data);
        } else {
          const sum = previous.add(g);
          own.add(sum.data);
          grads.set(input, sum);
          if (fresh && leavesOnly) release(g.data);
        }
      });
      if (passedOn) own.delete(grad.data); // now shared with an input's entry
      if (leavesOnly) {
        grads.delete(result); // passed back: no longer needed
        if (result.op === 'part') passedBack.add(result); // (only custom functions' outputs are asked about)
        if (own.delete(grad.data)) release(grad.data);
      }
    }
  });
  return grads;
}

/** Looks up the rule of the recipe's primitive and applies it. */
function applyRule<P extends Primitive>(
  recipe: RecipeOf<P>,
  args: Omit<RuleArgs<P>, 'attrs'>,
): readonly (Tensor | null)[] {
  const rule = vjpRules[recipe.primitive];
  return rule({ ...args, attrs: recipe.attrs });
}

function defaultSeed(root: Tensor): Tensor {
  if (root.size !== 1) {
    throw new Error(
      `backward: output has shape ${formatShape(root.shape)}; call backward() on a one-element tensor (e.g. a loss) or pass a seed gradient of that shape`,
    );
  }
  return ones(root.shape);
}

/**
 * Adds one pass's gradients to `.grad`. Each tensor gets its own array: rules may hand the
 * same numbers to several inputs (add passes grad on unchanged, reshape shares its data), and
 * an optimizer scaling one `.grad` in place must not scale another.
 */
export function accumulateGradients(grads: Map<Tensor, Tensor>): void {
  const handedOut = new Set<Float64Array>();
  noGrad(() => {
    for (const [node, g] of grads) {
      if (node.grad !== null) {
        node.grad = node.grad.add(g);
      } else if (handedOut.has(g.data)) {
        node.grad = new Tensor(g.data.slice(), g.shape);
      } else {
        node.grad = g;
        handedOut.add(g.data);
      }
    }
  });
}

/** Sets `.grad` of every tensor in the graph of `root` back to null. */
export function clearGradients(root: Tensor): void {
  for (const node of topologicalOrder(root)) node.grad = null;
}
