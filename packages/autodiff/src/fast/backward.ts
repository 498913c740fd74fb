/**
 * The tuned reverse pass: the textbook pass of tensor/backward.ts, plus in-place accumulation
 * (below) and, for tanh and sigmoid, rules that take one loop instead of four ops (tuned-rules.ts).
 *
 * The textbook pass adds a contribution to an input's gradient with `soFar.add(g)`: a new array
 * each time. A weight used at each of 1,000 steps receives 1,000 contributions, hence 1,000
 * weight-sized arrays to allocate and collect. Here, once the pass holds a sum it made itself
 * (an array no tensor, rule or other entry can see), later contributions are added into it in
 * place, and for the primitives of in-place-rules.ts the rule itself adds into it without making
 * its contribution first.
 *
 * Which arrays are safe to add into: only sums this pass allocated (`owned`). A rule may return
 * its `grad` unchanged (add does) or a view of it (reshape), so once a tensor's gradient has been
 * passed back, its array may be shared with an input's entry: it is no longer owned.
 *
 * Same signature as the textbook `backpropagate` (seam.ts, BackwardPass); the property test
 * test/fast-path.property.test.ts checks that both give the same gradients on random programs.
 */
import type { PassContext } from '../seam.js';
import type { Primitive } from '../tensor/primitives.js';
import type { Tensor } from '../tensor/tensor.js';
import type { VjpRule } from '../tensor/vjp.js';
import { inPlaceRules, type InPlaceRule } from './in-place-rules.js';
import { tunedRules } from './tuned-rules.js';

/** The in-place pass: the textbook pass's walk and rules, adding into the sums it owns (above). */
export function backpropagateInPlace(root: Tensor, seed: Tensor, leavesOnly: boolean, { rules, topologicalOrder }: PassContext): Map<Tensor, Tensor> {
  const grads = new Map<Tensor, Tensor>([[root, seed]]);
  const owned = new Set<Float64Array>();
  const order = topologicalOrder(root);
  for (let i = order.length - 1; i >= 0; i--) {
    const result = order[i];
    const grad = grads.get(result);
    if (grad === undefined || result.recipe === null) continue;
    const { primitive, attrs } = result.recipe;
    const inputs = result.parents;
    const needsGrad = inputs.map((input) => input.requiresGrad);
    // An in-place rule takes over its input when the pass owns that input's sum so far.
    const inPlace = inPlaceRules[primitive] as InPlaceRule<Primitive> | undefined;
    const soFar = inPlace === undefined ? undefined : grads.get(inputs[inPlace.input]);
    const addsInPlace = inPlace !== undefined && needsGrad[inPlace.input] && soFar !== undefined && owned.has(soFar.data);
    if (addsInPlace) needsGrad[inPlace.input] = false; // the rule of vjp.ts may skip it...
    const args = { grad, inputs, result, attrs, needsGrad };
    // ...and need not run at all when no other input wants a gradient (slice, part).
    const rule = (tunedRules[primitive] ?? rules[primitive]) as VjpRule<Primitive>; // one loop where the textbook takes several ops
    const inputGrads = needsGrad.some(Boolean) ? rule(args) : [];
    if (addsInPlace) inPlace.addInto(args, soFar.data);
    inputs.forEach((input, k) => {
      const g = inputGrads[k] ?? null;
      if (g === null || !needsGrad[k]) return; // (the in-place input's needsGrad is now false)
      const previous = grads.get(input);
      if (previous === undefined) {
        grads.set(input, g); // not owned: g may be `grad` itself, or a view
      } else if (owned.has(previous.data)) {
        addInto(previous.data, g.data);
      } else {
        const sum = previous.add(g);
        owned.add(sum.data);
        grads.set(input, sum);
      }
    });
    owned.delete(grad.data); // passed back: an input's entry may now hold the same array
    if (leavesOnly) grads.delete(result);
  }
  return grads;
}

/** target[i] += source[i]. */
function addInto(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i] += source[i];
}
