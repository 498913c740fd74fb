/**
 * Forward mode: how much f's output moves when its inputs move a little, J·v, without building J.
 *
 * Reverse mode (tensor/backward.ts) runs f once, then walks its graph from the output back,
 * carrying dOutput/dNode. Forward mode walks the same graph the other way, in the order it was
 * made, carrying dNode along the direction v: each node's tangent from its inputs' tangents by its
 * primitive's rule (jvp-rules.ts). One pass gives J·v for one direction v, where reverse mode gives
 * vᵀ·J for one output direction: forward mode pays off when there are few inputs and many outputs.
 *
 * Here the graph is recorded by running f, and then swept forward once.
 */
import { topologicalOrder } from '../graph.js';
import { fromArray, zeros } from '../tensor/creation.js';
import { enableGrad, noGrad } from '../tensor/grad-mode.js';
import type { Primitive } from '../tensor/primitives.js';
import { formatShape, sameShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { jvpRules, type JvpRule } from './jvp-rules.js';

/** What `jvp` returns. */
export interface JvpResult {
  /** f(primals), a constant. */
  readonly output: Tensor;
  /** J·v: how much the output moves along the tangents, of the output's shape. */
  readonly tangent: Tensor;
}

/**
 * f's output at `primals`, and its tangent: J·v, with v = `tangents` (one per primal, same shapes).
 * The primals are not changed.
 */
export function jvp(f: (...xs: Tensor[]) => Tensor, primals: readonly Tensor[], tangents: readonly Tensor[]): JvpResult {
  if (primals.length !== tangents.length) throw new Error(`jvp: ${tangents.length} tangents for ${primals.length} primals`);
  primals.forEach((x, k) => {
    if (!(x instanceof Tensor) || !(tangents[k] instanceof Tensor)) throw new Error(`jvp: primal ${k} and its tangent must be Tensors`);
    if (!sameShape(x.shape, tangents[k].shape)) {
      throw new Error(`jvp: tangent ${k} has shape ${formatShape(tangents[k].shape)}, its primal ${formatShape(x.shape)}`);
    }
  });
  const { outputs, tangents: [tangent] } = sweep((...xs) => [f(...xs)], primals, tangents);
  return { output: outputs[0].detach(), tangent };
}

/** The tangents of f's outputs when its inputs move by `inputTangents` (null: that input stays). */
export function tangentsThrough(
  f: (...xs: Tensor[]) => Tensor[],
  inputs: readonly Tensor[],
  inputTangents: readonly (Tensor | null)[],
): Tensor[] {
  return sweep(f, inputs, inputTangents).tangents;
}

/**
 * The sweep: runs f on fresh leaves holding the inputs' numbers (so its graph is recorded from
 * them), then gives every node its tangent in the order the nodes were made. Returns f's outputs
 * and the tangent of each (zeros for an output that does not move).
 */
function sweep(
  f: (...xs: Tensor[]) => Tensor[],
  inputs: readonly Tensor[],
  inputTangents: readonly (Tensor | null)[],
): { outputs: Tensor[]; tangents: Tensor[] } {
  const leaves = inputs.map((x) => fromArray(x.data.slice(), x.shape, { requiresGrad: true }));
  const outputs = enableGrad(() => f(...leaves)); // recorded, even when called from inside a sweep
  const tangent = new Map<Tensor, Tensor>();
  leaves.forEach((leaf, k) => {
    const t = inputTangents[k];
    if (t !== null) tangent.set(leaf, t);
  });
  noGrad(() => {
    for (const output of outputs) {
      for (const node of topologicalOrder(output)) {
        if (node.recipe === null || tangent.has(node)) continue; // a leaf, or done through an earlier output
        const rule = jvpRules[node.recipe.primitive] as JvpRule<Primitive>;
        const t = rule({
          inputs: node.parents,
          tangents: node.parents.map((p) => tangent.get(p) ?? null),
          result: node,
          attrs: node.recipe.attrs,
          tangentsThrough,
        });
        if (t !== null) tangent.set(node, t);
      }
    }
  });
  return { outputs, tangents: outputs.map((y) => tangent.get(y) ?? zeros(y.shape)) };
}
