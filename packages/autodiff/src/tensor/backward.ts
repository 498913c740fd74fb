/**
 * Reverse mode. Walk the graph from the root back to the leaves in topological order
 * (graph.ts), so each tensor's gradient is complete before it is passed on; at every tensor
 * apply its primitive's rule (vjp.ts) and add what it returns to its inputs' gradients.
 */
import { leadingTo, topologicalOrder } from '../graph.js';
import { pluggedFastPath } from '../seam.js';
import { noGrad, enableGrad } from './grad-mode.js';
import { formatShape, sameShape } from './shape.js';
import type { Tensor } from './tensor.js';
import { vjpRules, type VjpRule } from './vjp.js';
import type { Primitive } from './primitives.js';

/** Options of `tensor.backward(seed, options)` and `backpropagate`. */
export interface BackwardOptions {
  /**
   * Keep only the leaves' gradients (weights, inputs: tensors no op produced), dropping each
   * intermediate one once it has been passed back: less memory on a long unrolled graph, the
   * usual choice in training. Default false: every tensor that requires grad gets its `.grad`,
   * as micrograd does.
   */
  readonly leavesOnly?: boolean;
  /**
   * Record the pass itself, so the gradients it returns are tensors of the graph, with parents,
   * that can be differentiated again (a Hessian-vector product, a regularizer on a gradient).
   * Default false: the pass records nothing and its gradients are constants.
   */
  readonly createGraph?: boolean;
  /**
   * Only these tensors' gradients are wanted: the pass then visits only tensors on a path from
   * the root to one of them (`grad(outputs, inputs)` asks this way). Default: every tensor.
   */
  readonly only?: readonly Tensor[];
}

/**
 * The textbook pass. `grads` maps each tensor to dRoot/dTensor; the root's is `seed`.
 * Returns every tensor's gradient (only the leaves' with `leavesOnly`) without touching `.grad`.
 * The rules are tensor ops like any other: recorded with `createGraph`, plain computations without.
 */
export function backpropagate(root: Tensor, seed: Tensor, { leavesOnly = false, createGraph = false, only }: BackwardOptions = {}): Map<Tensor, Tensor> {
  const grads = new Map<Tensor, Tensor>([[root, seed]]);
  const everything = topologicalOrder(root); // every tensor after the tensors it was made from
  const order = only === undefined ? everything : leadingTo(everything, new Set(only));
  (createGraph ? enableGrad : noGrad)(() => {
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
 * What `tensor.backward(seed, options)` does: check, run the pass (the textbook one above, or
 * the one plugged in by `useFastPath()`, see seam.ts), and add the gradients it returns to
 * `.grad`. With `createGraph` the textbook pass runs whatever is plugged in: the fast pass adds
 * into arrays in place, which a recorded graph must never see change.
 */
export function backward(root: Tensor, seed: Tensor, { leavesOnly = false, createGraph = false }: BackwardOptions = {}): void {
  if (!root.requiresGrad) {
    throw new Error('backward: this tensor does not require grad (no input was created with requiresGrad: true)');
  }
  if (!sameShape(seed.shape, root.shape)) {
    throw new Error(`backward: seed gradient has shape ${formatShape(seed.shape)}, the output has ${formatShape(root.shape)}`);
  }
  const fast = createGraph ? null : pluggedFastPath();
  const grads =
    fast === null
      ? backpropagate(root, seed, { leavesOnly, createGraph })
      : noGrad(() => fast.backward(root, seed, leavesOnly, { rules: vjpRules, topologicalOrder }));
  accumulateGradients(grads, createGraph);
}

/**
 * Adds one pass's gradients to `.grad` (recorded with `createGraph`, so `.grad` stays in the
 * graph). Each tensor gets an array of its own: a rule may hand the same numbers to several
 * inputs (add passes grad on unchanged, reshape shares its data), and an optimizer scaling one
 * `.grad` in place must not scale another.
 */
export function accumulateGradients(grads: Map<Tensor, Tensor>, createGraph = false): void {
  const handedOut = new Set<Float64Array>();
  (createGraph ? enableGrad : noGrad)(() => {
    for (const [tensor, g] of grads) {
      if (tensor.grad !== null) tensor.grad = tensor.grad.add(g);
      else if (!handedOut.has(g.data)) tensor.grad = g;
      else tensor.grad = createGraph ? g.add(0) : g.clone(); // a copy, in the graph or not
      handedOut.add(tensor.grad.data);
    }
  });
}

/** Sets `.grad` of every tensor in the graph of `root` back to null. */
export function clearGradients(root: Tensor): void {
  for (const node of topologicalOrder(root)) node.grad = null;
}
