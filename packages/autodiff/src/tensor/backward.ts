/**
 * Reverse mode. Walk the graph from the root back to the leaves in topological order
 * (graph.ts), so each tensor's gradient is complete before it is passed on; at every tensor
 * apply its primitive's rule (vjp.ts) and add what it returns to its inputs' gradients.
 */
import { topologicalOrder } from '../graph.js';
import { pluggedFastPath } from '../seam.js';
import { noGrad } from './grad-mode.js';
import { formatShape, sameShape } from './shape.js';
import type { Tensor } from './tensor.js';
import { vjpRules, type VjpRule } from './vjp.js';
import type { Primitive } from './primitives.js';

/** Options of `tensor.backward(seed, options)`. */
export interface BackwardOptions {
  /**
   * Keep only the leaves' gradients (weights, inputs: tensors no op produced), dropping each
   * intermediate one once it has been passed back: less memory on a long unrolled graph, the
   * usual choice in training. Default false: every tensor that requires grad gets its `.grad`,
   * as micrograd does.
   */
  readonly leavesOnly?: boolean;
}

/**
 * The textbook pass. `grads` maps each tensor to dRoot/dTensor; the root's is `seed`.
 * Returns every tensor's gradient (only the leaves' with `leavesOnly`) without touching `.grad`.
 * Records nothing: the rules' tensor ops are plain computations here.
 */
export function backpropagate(root: Tensor, seed: Tensor, leavesOnly = false): Map<Tensor, Tensor> {
  const grads = new Map<Tensor, Tensor>([[root, seed]]);
  const order = topologicalOrder(root); // every tensor after the tensors it was made from
  noGrad(() => {
    for (let i = order.length - 1; i >= 0; i--) {
      const result = order[i];
      const grad = grads.get(result); // complete: every tensor made from `result` is done
      if (grad === undefined || result.recipe === null) continue; // not on a path to root, or a leaf
      const rule = vjpRules[result.recipe.primitive] as VjpRule<Primitive>;
      const inputs = result.parents;
      const needsGrad = inputs.map((input) => input.requiresGrad);
      const inputGrads = rule({ grad, inputs, result, attrs: result.recipe.attrs, needsGrad });
      inputs.forEach((input, k) => {
        const g = inputGrads[k];
        if (g === null || !input.requiresGrad) return;
        const soFar = grads.get(input);
        grads.set(input, soFar === undefined ? g : soFar.add(g)); // gradients add up: never assign
      });
      if (leavesOnly) grads.delete(result); // passed back; an intermediate is not asked for
    }
  });
  return grads;
}

/**
 * What `tensor.backward(seed, options)` does: check, run the pass with recording off (the
 * textbook one above, or the one plugged in by `useFastPath()`, see seam.ts), and add the
 * gradients it returns to `.grad`.
 */
export function backward(root: Tensor, seed: Tensor, leavesOnly: boolean): void {
  if (!root.requiresGrad) {
    throw new Error('backward: this tensor does not require grad (no input was created with requiresGrad: true)');
  }
  if (!sameShape(seed.shape, root.shape)) {
    throw new Error(`backward: seed gradient has shape ${formatShape(seed.shape)}, the output has ${formatShape(root.shape)}`);
  }
  const fast = pluggedFastPath();
  const grads =
    fast === null
      ? backpropagate(root, seed, leavesOnly)
      : noGrad(() => fast.backward(root, seed, leavesOnly, { rules: vjpRules, topologicalOrder }));
  accumulateGradients(grads);
}

/**
 * Adds one pass's gradients to `.grad`. Each tensor gets an array of its own: a rule may hand
 * the same numbers to several inputs (add passes grad on unchanged, reshape shares its data),
 * and an optimizer scaling one `.grad` in place must not scale another.
 */
export function accumulateGradients(grads: Map<Tensor, Tensor>): void {
  const handedOut = new Set<Float64Array>();
  noGrad(() => {
    for (const [tensor, g] of grads) {
      if (tensor.grad !== null) tensor.grad = tensor.grad.add(g);
      else tensor.grad = handedOut.has(g.data) ? g.clone() : g;
      handedOut.add(tensor.grad.data);
    }
  });
}

/** Sets `.grad` of every tensor in the graph of `root` back to null. */
export function clearGradients(root: Tensor): void {
  for (const node of topologicalOrder(root)) node.grad = null;
}
