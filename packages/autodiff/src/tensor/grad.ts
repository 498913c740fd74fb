/**
 * `grad(outputs, inputs)`: the gradients of some outputs with respect to some inputs, returned
 * instead of added to `.grad` (PyTorch's torch.autograd.grad). Any tensor of the graph may be an
 * input, intermediates included: `grad(loss, h[k])` is dE/dh_k.
 *
 * A vector-Jacobian product. With `gradOutputs` v_i (ones for one-element outputs), what comes
 * back for input x is Σ_i v_iᵀ · ∂output_i/∂x. The reverse pass does exactly that when it starts
 * from each output with v_i as that output's gradient: so the outputs are joined into one flat
 * tensor (concat), and the pass starts there with the v_i joined the same way. The v_i are where
 * the pass starts, not a part of the graph it walks: they are held fixed, as the vector of a
 * vector-Jacobian product is.
 *
 * The pass visits only tensors between the outputs and the inputs (`only`): what lies before the
 * inputs cannot change their gradients.
 *
 * With `createGraph` the pass is recorded, so the gradients are tensors of the graph and can be
 * differentiated again, to any order: grad(grad(y, x, { createGraph: true })[0], x) is y″.
 */
import { backpropagate } from './backward.js';
import { ones, zeros } from './creation.js';
import { concat } from './ops.js';
import { enableGrad } from './grad-mode.js';
import { formatShape, sameShape } from './shape.js';
import { Tensor } from './tensor.js';

/** Options of `grad`. */
export interface GradOptions {
  /** v_i: one per output (or one Tensor for one output), each of its output's shape. Default: ones, for one-element outputs. */
  readonly gradOutputs?: Tensor | readonly Tensor[];
  /** Record the pass, so the gradients can be differentiated again. Default false. */
  readonly createGraph?: boolean;
}

/**
 * One gradient per input, each of that input's shape: Σ_i v_iᵀ · ∂output_i/∂input. An input the
 * outputs do not depend on gets zeros. `.grad` is not touched.
 */
export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], { gradOutputs, createGraph = false }: GradOptions = {}): Tensor[] {
  const ys = tensorsOf('output', outputs);
  const xs = tensorsOf('input', inputs);
  const vs = seedsFor(ys, gradOutputs);
  xs.forEach((x, k) => {
    if (!x.requiresGrad) throw new Error(`grad: input ${k} (shape ${formatShape(x.shape)}) does not require grad`);
  });
  // One root for all outputs, recorded even inside noGrad: the pass needs a graph to walk.
  const [root, seed] = enableGrad(() => (ys.length === 1 ? [ys[0], vs[0]] : [flatJoin(ys), flatJoin(vs)]));
  if (!root.requiresGrad) return xs.map((x) => zeros(x.shape)); // no output depends on anything: all zeros
  const grads = backpropagate(root, seed, { createGraph, only: xs });
  return xs.map((x) => grads.get(x) ?? zeros(x.shape));
}

/** The tensors' numbers one after the other, as one 1-D tensor. */
function flatJoin(ts: readonly Tensor[]): Tensor {
  return concat(ts.map((t) => t.reshape([t.size])), 0);
}

/** A tensor or a list of them, as a list; anything else is an error naming the argument. */
function tensorsOf(what: 'output' | 'input', given: Tensor | readonly Tensor[]): readonly Tensor[] {
  const list = Array.isArray(given) ? (given as readonly unknown[]) : [given];
  list.forEach((t, k) => {
    if (!(t instanceof Tensor)) throw new Error(`grad: ${what} ${k} is not a Tensor (got ${t === null ? 'null' : typeof t})`);
  });
  return list as readonly Tensor[];
}

/** The v_i: given, checked against their outputs' shapes, or ones for one-element outputs. */
function seedsFor(ys: readonly Tensor[], gradOutputs: Tensor | readonly Tensor[] | undefined): readonly Tensor[] {
  if (ys.length === 0) throw new Error('grad: needs at least one output');
  if (gradOutputs === undefined) {
    return ys.map((y, i) => {
      if (y.size !== 1) {
        throw new Error(`grad: output ${i} has shape ${formatShape(y.shape)}; pass gradOutputs (one tensor of that shape per output) for outputs with more than one element`);
      }
      return ones(y.shape);
    });
  }
  const vs = tensorsOf('output', gradOutputs).map((v) => v);
  if (vs.length !== ys.length) throw new Error(`grad: ${vs.length} gradOutputs for ${ys.length} outputs`);
  vs.forEach((v, i) => {
    if (!sameShape(v.shape, ys[i].shape)) {
      throw new Error(`grad: gradOutputs[${i}] has shape ${formatShape(v.shape)}, output ${i} has ${formatShape(ys[i].shape)}`);
    }
  });
  return vs;
}
