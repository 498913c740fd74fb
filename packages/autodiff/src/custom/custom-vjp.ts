/**
 * The escape hatch: a function with a derivative written by hand (JAX's `jax.custom_vjp`,
 * PyTorch's `torch.autograd.Function`). You write the forward pass as plain loops over the
 * inputs' numbers, and the backward pass as plain loops too: given dRoot/dOutput for each
 * output, return dRoot/dInput for each input. The engine records the whole call as ONE node,
 * whose rule is your backward.
 *
 * Why: a step built from small ops (an LSTM cell's sigmoid, tanh, mul, add, ...) makes and
 * records one array per op, and on the way back one more per rule. One loop that computes
 * everything and saves just what its derivative needs does the same math with a fraction of the
 * memory traffic. The price is that you now owe the engine a correct derivative, which nothing
 * derives for you: check it with `gradcheck` against central differences, and against the same
 * math written with ordinary ops. Reach for it only when a profile says so.
 *
 *   const square = customVjp({
 *     name: 'square',
 *     outputShapes: ([x]) => [x],                           // y has x's shape
 *     forward: ([x], [y]) => {                              // fill y from x; return what backward needs
 *       for (let i = 0; i < y.length; i++) y[i] = x.data[i] * x.data[i];
 *       return x.data;
 *     },
 *     backward: ({ grads: [dy], saved: x }) => {           // d x² = 2x · dy
 *       const dx = empty(dy.shape);
 *       for (let i = 0; i < dx.size; i++) dx.data[i] = 2 * x[i] * dy.data[i];
 *       return [dx];
 *     },
 *   });
 *   const [y] = square(tensor([1, 2, 3], { requiresGrad: true }));
 *
 * How it is recorded. A call with one output is one node (primitive `custom`, parents: the
 * inputs) whose rule calls your backward. A call may also return several tensors (c' and o for
 * an LSTM step), but its backward needs all of their gradients at once. So the outputs live side
 * by side in one flat array, `packed`, the node that records the call (primitive `custom`,
 * labelled with the function's name), and each output is a view of its stretch of `packed`
 * (primitive `part`, no copy). On the way back each output's gradient is padded with zeros to a
 * gradient of `packed` (as for a slice), the pass adds those up like any other gradients, and
 * when it reaches `packed` the `custom` rule cuts the sum back into one gradient per output and
 * calls your backward. Both rules are in tensor/vjp.ts with the others.
 *
 * What `.grad` of an output holds: what reached that output from the rest of the graph. If the
 * outputs feed one another inside the call (a whole recurrence in one node), the paths inside
 * are not in the graph, so an output's `.grad` does not include them: the same as PyTorch's
 * `nn.LSTM`, whose per-step outputs are made inside one node too.
 */
import { grad as vectorJacobianProducts } from '../tensor/grad.js';
import { isGradEnabled, noGrad } from '../tensor/grad-mode.js';
import { checkShape, formatShape, sizeOf, type Shape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

/** What your backward receives. */
export interface CustomBackwardArgs<Saved> {
  /** dRoot/dOutput for each output, in order, each of that output's shape (zeros where none reached it). */
  readonly grads: readonly Tensor[];
  /** What your forward returned. */
  readonly saved: Saved;
  /** The inputs of the call, in order. */
  readonly inputs: readonly Tensor[];
  /** The outputs the call returned. */
  readonly outputs: readonly Tensor[];
  /** Which inputs want a gradient: return null for the others and skip their work. */
  readonly needsGrad: readonly boolean[];
}

/** What `customVjp` is made from: the forward pass, its hand-written backward, and optionally a fallback. */
export interface CustomVjpDefinition<Saved> {
  /** Names the node in graph drawings and the function in error messages. */
  readonly name: string;
  /**
   * The shape of each output, from the shapes of the inputs. Throw here (naming your function and
   * the shapes) if the inputs' shapes do not fit: it runs before any work is done.
   */
  outputShapes(inputShapes: readonly Shape[]): readonly Shape[];
  /**
   * Writes every element of each output array (they start as zeros) from the inputs' numbers, and
   * returns what backward will need: saved intermediate values, or the inputs' arrays (which must
   * then not be changed later). Runs without recording a graph: tensor ops used here are plain
   * computations.
   */
  forward(inputs: readonly Tensor[], outputs: readonly Float64Array[]): Saved;
  /**
   * dRoot/dInput for each input (null: no gradient for it), the vector-Jacobian product of
   * forward. Runs without recording a graph. Return arrays that nothing will write to later (new
   * ones, `empty(shape)`): one may become an input's `.grad`.
   */
  backward(args: CustomBackwardArgs<Saved>): readonly (Tensor | null)[];
  /**
   * Optional: the same function written with ordinary tensor ops, returning the same outputs.
   * A hand-written backward is plain loops, so its result is not a graph and cannot be
   * differentiated again. When a pass records itself (`createGraph`, a Hessian-vector product),
   * or forward mode (`jvp`) reaches this node, the engine recomputes the outputs with `fallback`
   * and differentiates that instead. Without it, those are an error naming this function.
   */
  fallback?(...inputs: Tensor[]): Tensor[];
}

/** A custom function: call it on tensors, get its outputs. */
export type CustomFunction = (...inputs: Tensor[]) => Tensor[];

/**
 * Makes a differentiable function from a forward and a backward written by hand.
 * Calling it checks the inputs, computes the output shapes, runs forward into fresh output
 * arrays and, when an input requires grad, records one node whose rule calls backward.
 */
export function customVjp<Saved>(definition: CustomVjpDefinition<Saved>): CustomFunction {
  const { name } = definition;
  const op = `customVjp ${name}`;
  return (...inputs: Tensor[]): Tensor[] => {
    inputs.forEach((input, k) => {
      if (!(input instanceof Tensor)) throw new Error(`${op}: input ${k} is not a Tensor (got ${input === null ? 'null' : typeof input})`);
    });
    const shapes = definition.outputShapes(inputs.map((t) => t.shape)).map((shape) => {
      checkShape(op, shape);
      return [...shape];
    });
    const packed = new Float64Array(shapes.reduce((n, shape) => n + sizeOf(shape), 0));
    const views = viewsOf(packed, shapes);
    const saved = noGrad(() => definition.forward(inputs, views)); // its insides are not recorded

    const record = isGradEnabled() && inputs.some((t) => t.requiresGrad);
    if (!record) return views.map((data, k) => new Tensor(data, shapes[k]));

    const outputs: Tensor[] = [];
    const fallback = definition.fallback === undefined ? null : (...xs: Tensor[]) => checkedFallback(op, definition, xs, shapes);
    const backward = (grad: Tensor, needsGrad: readonly boolean[]): readonly (Tensor | null)[] => {
      // Recording (createGraph): the hand-written loops would leave no graph; differentiate the fallback.
      if (isGradEnabled()) return fallbackBackward(op, fallback, inputs, shapes, grad, needsGrad);
      const grads = viewsOf(grad.data, shapes).map((data, k) => new Tensor(data, shapes[k]));
      const inputGrads = definition.backward({ grads, saved, inputs, outputs, needsGrad });
      return checkedGradients(op, inputGrads, inputs);
    };
    const attrs = { name, backward, fallback };
    if (shapes.length === 1) {
      // One output: it is the packed array itself, and the call's node is the output.
      outputs.push(new Tensor(packed, shapes[0], true, inputs, { primitive: 'custom', attrs }));
      return outputs;
    }
    const node = new Tensor(packed, [packed.length], true, inputs, { primitive: 'custom', attrs });
    node.label = name;
    let offset = 0;
    for (const [k, data] of views.entries()) {
      outputs.push(new Tensor(data, shapes[k], true, [node], { primitive: 'part', attrs: { offset } }));
      offset += data.length;
    }
    return outputs;
  };
}

/** Calls the fallback and checks it returns one output of the right shape per output of the call. */
function checkedFallback<Saved>(op: string, definition: CustomVjpDefinition<Saved>, inputs: Tensor[], shapes: readonly Shape[]): Tensor[] {
  const outputs = definition.fallback!(...inputs);
  const fits = Array.isArray(outputs) && outputs.length === shapes.length && outputs.every((o, k) => o instanceof Tensor && o.shape.length === shapes[k].length && o.shape.every((d, i) => d === shapes[k][i]));
  if (!fits) {
    const got = Array.isArray(outputs) ? outputs.map((o) => (o instanceof Tensor ? formatShape(o.shape) : typeof o)).join(', ') : typeof outputs;
    throw new Error(`${op}: fallback returned ${got || 'nothing'}, expected ${shapes.map(formatShape).join(', ')}`);
  }
  return outputs;
}

/**
 * The backward of a recorded pass: the gradient of the fallback's outputs, recomputed from the
 * same inputs, with the pass itself recorded. `grad` is the packed gradient of all outputs,
 * cut back into one per output with recorded ops so that it stays in the graph.
 *
 * The fallback runs on stand-ins, each a recorded copy of one input: the gradient of a stand-in
 * is the partial derivative by that input alone. (Asked of the inputs themselves, it would also
 * count paths from one input to another before the call: c_{t−1} reaches h_{t−1} W_hhᵀ, and the
 * pass that called this rule already follows those.)
 */
function fallbackBackward(
  op: string,
  fallback: ((...inputs: Tensor[]) => Tensor[]) | null,
  inputs: readonly Tensor[],
  shapes: readonly Shape[],
  grad: Tensor,
  needsGrad: readonly boolean[],
): (Tensor | null)[] {
  if (fallback === null) {
    throw new Error(
      `${op}: its backward is written by hand, so its gradient cannot be differentiated again (createGraph); give customVjp a fallback (the same function in tensor ops)`,
    );
  }
  const standIns = inputs.map((x) => x.reshape(x.shape));
  const outputs = fallback(...standIns);
  let offset = 0;
  const pieces = shapes.map((shape) => {
    const size = sizeOf(shape);
    const piece = shapes.length === 1 ? grad : grad.slice(0, offset, offset + size).reshape(shape);
    offset += size;
    return piece;
  });
  const wanted = standIns.filter((_, k) => needsGrad[k]);
  const grads = wanted.length === 0 ? [] : vectorJacobianProducts(outputs, wanted, { gradOutputs: pieces, createGraph: true });
  let next = 0;
  return inputs.map((_, k) => (needsGrad[k] ? grads[next++] : null));
}

/** Consecutive stretches of `packed`, one per shape: views, not copies. */
function viewsOf(packed: Float64Array, shapes: readonly Shape[]): Float64Array[] {
  let offset = 0;
  return shapes.map((shape) => {
    const size = sizeOf(shape);
    const view = packed.subarray(offset, offset + size);
    offset += size;
    return view;
  });
}

/** Checks what backward returned: one gradient (or null) per input, of that input's shape. */
function checkedGradients(op: string, inputGrads: readonly (Tensor | null)[], inputs: readonly Tensor[]): readonly (Tensor | null)[] {
  if (!Array.isArray(inputGrads) || inputGrads.length !== inputs.length) {
    const got = Array.isArray(inputGrads) ? `${inputGrads.length} gradients` : String(inputGrads);
    throw new Error(`${op}: backward returned ${got} for ${inputs.length} inputs (return one per input, null for none)`);
  }
  inputGrads.forEach((g, k) => {
    if (g === null) return;
    if (!(g instanceof Tensor)) throw new Error(`${op}: backward returned ${typeof g} for input ${k}, not a Tensor or null`);
    const expected = inputs[k].shape;
    if (g.shape.length !== expected.length || g.shape.some((d, i) => d !== expected[i])) {
      throw new Error(`${op}: backward returned a gradient of shape ${formatShape(g.shape)} for input ${k}, which has shape ${formatShape(expected)}`);
    }
  });
  return inputGrads;
}
