/**
 * Value: one number in a computation graph, and the derivative of the final result with
 * respect to it.
 *
 * Each operation below does two things side by side:
 *   1. forward: compute the result and remember which Values it came from (`parents`);
 *   2. backward: a small closure that, given `out.grad` = dRoot/dOut, adds each parent's share
 *      dRoot/dParent = dRoot/dOut · dOut/dParent (the chain rule) to that parent's `.grad`.
 * The one-line comment above each closure is the derivative you can check in a calculus book.
 *
 * Gradients are added (`+=`), never assigned: a Value used twice (x * x) receives one share
 * from each use.
 */
import { topologicalOrder } from '../graph.js';
import { sigmoid, sigmoidSlope, tanhSlope } from '../math.js';

/** A Value or a plain number; numbers become constant leaves. */
export type Operand = Value | number;

/** One number of a scalar computation graph, with the gradient of the root with respect to it. */
export class Value {
  /** The number this node holds, computed on the forward pass. */
  data: number;
  /** dRoot/dThis, filled by `root.backward()`; 0 until then. */
  grad = 0;
  /** The operation that produced this node ('' for a leaf), shown by `toDot`. */
  readonly op: string;
  /** The Values this one was computed from. */
  readonly parents: readonly Value[];
  /** An optional name, shown by `toDot`. */
  label: string;
  /** Adds this node's share of the gradient to its parents' `.grad`. */
  private backwardStep: () => void = noop;
  /** Used by `topologicalOrder` to tell visited nodes (see graph.ts). */
  visitMark = 0;

  constructor(data: number, parents: readonly Value[] = NO_PARENTS, op = '', label = '') {
    if (typeof data !== 'number') throw new TypeError(`Value: data must be a number, got ${describe(data)}`);
    this.data = data;
    this.parents = parents;
    this.op = op;
    this.label = label;
  }

  /** this + other. */
  add(other: Operand): Value {
    const b = toValue('add', other);
    const out = new Value(this.data + b.data, [this, b], '+');
    // d(a + b) = da + db
    out.backwardStep = () => {
      this.grad += out.grad;
      b.grad += out.grad;
    };
    return out;
  }

  /** this − other. */
  sub(other: Operand): Value {
    const b = toValue('sub', other);
    const out = new Value(this.data - b.data, [this, b], '-');
    // d(a − b) = da − db
    out.backwardStep = () => {
      this.grad += out.grad;
      b.grad -= out.grad;
    };
    return out;
  }

  /** this · other. */
  mul(other: Operand): Value {
    const b = toValue('mul', other);
    const out = new Value(this.data * b.data, [this, b], '*');
    // d(a · b) = b · da + a · db
    out.backwardStep = () => {
      this.grad += b.data * out.grad;
      b.grad += this.data * out.grad;
    };
    return out;
  }

  /** this / other. */
  div(other: Operand): Value {
    const b = toValue('div', other);
    const out = new Value(this.data / b.data, [this, b], '/');
    // d(a / b) = da / b − a · db / b² = (da − (a / b) · db) / b   (b² alone could overflow or vanish)
    out.backwardStep = () => {
      this.grad += out.grad / b.data;
      b.grad -= (out.grad * out.data) / b.data;
    };
    return out;
  }

  /** this^k for a constant exponent k. */
  pow(k: number): Value {
    if (typeof k !== 'number') throw new TypeError(`Value.pow: the exponent must be a number, got ${describe(k)}`);
    const out = new Value(this.data ** k, [this], `^${k}`);
    // d(a^k) = k · a^(k−1) · da   (a⁰ is the constant 1; grad · a^(k−1) first, so k · a^(k−1) cannot overflow alone)
    out.backwardStep = () => {
      if (k !== 0) this.grad += out.grad * this.data ** (k - 1) * k;
    };
    return out;
  }

  /** −this. */
  neg(): Value {
    const out = new Value(-this.data, [this], 'neg');
    // d(−a) = −da
    out.backwardStep = () => {
      this.grad -= out.grad;
    };
    return out;
  }

  /** e^this. */
  exp(): Value {
    const out = new Value(Math.exp(this.data), [this], 'exp');
    // d(e^a) = e^a · da   (the result itself)
    out.backwardStep = () => {
      this.grad += out.data * out.grad;
    };
    return out;
  }

  /** Natural logarithm: log(0) = −Infinity and log(−1) = NaN, as IEEE 754 and PyTorch say. */
  log(): Value {
    const out = new Value(Math.log(this.data), [this], 'log');
    // d(ln a) = da / a
    out.backwardStep = () => {
      this.grad += out.grad / this.data;
    };
    return out;
  }

  /** tanh(this). */
  tanh(): Value {
    const out = new Value(Math.tanh(this.data), [this], 'tanh');
    // d tanh(a) = (1 − tanh²(a)) · da, the slope computed from a: 1 − out.data² would cancel
    // to 0 in saturation (math.ts)
    out.backwardStep = () => {
      this.grad += tanhSlope(this.data) * out.grad;
    };
    return out;
  }

  /** σ(this) = 1 / (1 + e^−this), without overflow at ±1000. */
  sigmoid(): Value {
    const out = new Value(sigmoid(this.data), [this], 'sigmoid');
    // d σ(a) = σ(a) · (1 − σ(a)) · da, the slope computed from a, without cancellation (math.ts)
    out.backwardStep = () => {
      this.grad += sigmoidSlope(this.data) * out.grad;
    };
    return out;
  }

  /** max(this, 0). */
  relu(): Value {
    const out = new Value(this.data > 0 ? this.data : 0, [this], 'relu');
    // d relu(a) = [a > 0] · da   (0 at the kink a = 0, as PyTorch)
    out.backwardStep = () => {
      if (this.data > 0) this.grad += out.grad;
    };
    return out;
  }

  /**
   * Fills `.grad` of every node in this graph with dThis/dNode.
   *
   * Gradients accumulate across calls, as for PyTorch's leaves: each call ADDS this pass's
   * derivative to whatever `.grad` already held, so two calls give twice the gradient.
   * (To do that for intermediate nodes too, the pass runs on zeroed grads and adds the old
   * values back at the end; otherwise a stale intermediate grad would leak into its parents.)
   * Call `zeroGrad()` first for a fresh gradient.
   */
  backward(): void {
    const order = topologicalOrder<Value>(this);
    const previous = new Float64Array(order.length);
    for (let i = 0; i < order.length; i++) {
      previous[i] = order[i].grad;
      order[i].grad = 0;
    }
    this.grad = 1; // dThis/dThis
    for (let i = order.length - 1; i >= 0; i--) order[i].backwardStep();
    for (let i = 0; i < order.length; i++) order[i].grad += previous[i];
  }

  /** Sets `.grad` of every node in this graph back to 0. */
  zeroGrad(): void {
    for (const node of topologicalOrder<Value>(this)) node.grad = 0;
  }

  /** `Value(data=…, grad=…)`. */
  toString(): string {
    return `Value(data=${this.data}, grad=${this.grad})`;
  }
}

/** Shared by every leaf, so a leaf costs no array of its own. */
const NO_PARENTS: readonly Value[] = Object.freeze([]);

/** Numbers become constant leaves; Values pass through. */
/** A number becomes a constant leaf; anything else is an error naming the op and what it got. */
function toValue(op: string, x: Operand): Value {
  if (x instanceof Value) return x;
  if (typeof x === 'number') return new Value(x);
  throw new TypeError(`Value.${op}: expected a Value or a number, got ${describe(x)}`);
}

/** How an error message shows a wrong argument: its type, and its text if short. */
function describe(x: unknown): string {
  if (x === null) return 'null';
  const text = typeof x === 'string' ? JSON.stringify(x) : typeof x === 'object' ? (Array.isArray(x) ? 'an array' : 'an object') : String(x);
  return `${typeof x === 'object' ? '' : typeof x + ' '}${text.length <= 20 ? text : text.slice(0, 20) + '…'}`.trim();
}

function noop(): void {}
