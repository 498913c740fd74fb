/**
 * Forward ops. Each primitive computes its result with a kernel, then `record`s how it was
 * made so backward() can apply its rule from vjp.ts. Composite ops (mean, split, softmax,
 * batched matmul, ...) are written with primitives and need no rule of their own.
 *
 * Shape errors are thrown here, before any work, naming the op and the shapes.
 */
import { pluggedFastPath } from '../seam.js';
import { broadcastShapes } from './broadcast.js';
import { isGradEnabled } from './grad-mode.js';
import * as kernels from './kernels.js';
import type { Primitive, PrimitiveAttrs, Recipe } from './primitives.js';
import { checkShape, formatShape, normalizeAxis, sameShape, sizeOf, type Shape } from './shape.js';
import { Tensor, type TensorLike } from './tensor.js';
import { isIntegerList, show } from '../check/show.js';

/** Throws unless `tensors` is an array of Tensors, naming the op and the first item that is not. */
function checkTensorList(op: string, tensors: unknown): asserts tensors is readonly Tensor[] {
  if (!Array.isArray(tensors)) throw new Error(`${op}: expected an array of tensors, got ${show(tensors)}`);
  const bad = tensors.findIndex((t) => !(t instanceof Tensor));
  if (bad >= 0) throw new Error(`${op}: item ${bad} must be a Tensor, got ${show(tensors[bad])}`);
}

/**
 * Wraps a computed result as a Tensor. If gradients are being recorded and any input
 * requires grad, the result remembers its inputs and recipe; otherwise it is a constant.
 */
function record<P extends Primitive>(
  primitive: P,
  attrs: PrimitiveAttrs[P],
  inputs: readonly Tensor[],
  data: Float64Array,
  shape: Shape,
): Tensor {
  if (!isGradEnabled() || !inputs.some((t) => t.requiresGrad)) return new Tensor(data, shape);
  return new Tensor(data, shape, true, inputs, { primitive, attrs } as Recipe);
}

/** Numbers become constant scalars; anything else that is not a Tensor is an error naming the op. */
function toTensor(op: string, x: TensorLike): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === 'number') return new Tensor(Float64Array.of(x), []);
  throw new Error(`${op}: expected a Tensor or a number, got ${x === null ? 'null' : typeof x}`);
}

// ---------------------------------------------------------------------------------------------
// Elementwise, with broadcasting

function elementwise(op: kernels.BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  const ta = toTensor(op, a);
  const tb = toTensor(op, b);
  const shape = broadcastShapes(op, ta.shape, tb.shape);
  return record(op, {}, [ta, tb], kernels.mapBinary(op, ta.data, ta.shape, tb.data, tb.shape, shape), shape);
}

/** a + b, broadcasting as NumPy. */
export const add = (a: TensorLike, b: TensorLike): Tensor => elementwise('add', a, b);
/** a − b, broadcasting as NumPy. */
export const sub = (a: TensorLike, b: TensorLike): Tensor => elementwise('sub', a, b);
/** a · b elementwise, broadcasting as NumPy. */
export const mul = (a: TensorLike, b: TensorLike): Tensor => elementwise('mul', a, b);
/** a / b elementwise, broadcasting as NumPy. */
export const div = (a: TensorLike, b: TensorLike): Tensor => elementwise('div', a, b);

function unary(op: 'neg' | 'exp' | 'log' | 'tanh' | 'sigmoid' | 'relu', x: Tensor): Tensor {
  const t = toTensor(op, x);
  return record(op, {}, [t], kernels.mapUnary(op, t.data), t.shape);
}

/** −x. */
export const neg = (x: Tensor): Tensor => unary('neg', x);
/** eˣ elementwise. */
export const exp = (x: Tensor): Tensor => unary('exp', x);
/** log(0) = −Infinity and log(negative) = NaN, as IEEE 754 and PyTorch say. */
export const log = (x: Tensor): Tensor => unary('log', x);
/** tanh x elementwise. */
export const tanh = (x: Tensor): Tensor => unary('tanh', x);
/** σ(x), computed so that it never overflows (see math.ts): σ(±1000) is exactly 1 or 0. */
export const sigmoid = (x: Tensor): Tensor => unary('sigmoid', x);
/** max(x, 0) elementwise. */
export const relu = (x: Tensor): Tensor => unary('relu', x);

/** x^k for a constant exponent k. */
export function pow(x: Tensor, k: number): Tensor {
  if (typeof k !== 'number') throw new Error(`pow: the exponent must be a number, got ${typeof k}`);
  const t = toTensor('pow', x);
  return record('pow', { k }, [t], kernels.power(t.data, k), t.shape);
}

/** The step function [x > 0] (1 where x is positive, else 0): relu's slope. A constant. */
export function step(x: Tensor): Tensor {
  const t = toTensor('step', x);
  return new Tensor(kernels.mapUnary('step', t.data), t.shape);
}

// ---------------------------------------------------------------------------------------------
// Matrix product

/**
 * a @ b. 2-D: [m, k] @ [k, n] → [m, n]. Batched: [batch, m, k] @ [k, n] → [batch, m, n],
 * which in row-major memory is the 2-D product [batch·m, k] @ [k, n], so it is composed from
 * reshape and the 2-D primitive.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  return product('matmul', a, b);
}

/**
 * a @ bᵀ for a [m, k] and b [n, k] → [m, n] (also batched: [batch, m, k]), without building the
 * transpose: a layer's x·Wᵀ with W stored [out, in]. Its gradients need no weight-sized
 * transposes either, which matters when an RNN reuses W at every one of a thousand steps.
 */
export function matmulBT(a: Tensor, b: Tensor): Tensor {
  return product('matmulBT', a, b);
}

/** Shape checks, batching and recording shared by matmul and matmulBT. */
function product(op: 'matmul' | 'matmulBT', a: Tensor, b: Tensor): Tensor {
  const ta = toTensor(op, a);
  const tb = toTensor(op, b);
  const bt = op === 'matmulBT' ? 'ᵀ' : '';
  const shapes = `${formatShape(ta.shape)} @ ${formatShape(tb.shape)}${bt}`;
  if (tb.ndim !== 2 || (ta.ndim !== 2 && ta.ndim !== 3)) {
    const bShape = bt ? '[n,k]ᵀ' : '[k,n]';
    throw new Error(`${op}: expected [m,k] @ ${bShape} or [batch,m,k] @ ${bShape}, got ${shapes}`);
  }
  const k = ta.shape[ta.ndim - 1];
  const [bRows, bCols] = tb.shape;
  const [bInner, n] = bt ? [bCols, bRows] : [bRows, bCols];
  if (k !== bInner) throw new Error(`${op}: inner dimensions differ, ${shapes}`);
  if (ta.ndim === 3) {
    const [batch, m] = ta.shape;
    return product(op, ta.reshape([batch * m, k]), tb).reshape([batch, m, n]);
  }
  const m = ta.shape[0];
  // The loops of kernels.ts, or the tuned ones plugged in by useFastPath() (same results, see seam.ts).
  const products = pluggedFastPath()?.products ?? kernels;
  const data = bt ? products.matmulBT(ta.data, tb.data, m, k, n) : products.matmul(ta.data, tb.data, m, k, n);
  return record(op, {}, [ta, tb], data, [m, n]);
}

// ---------------------------------------------------------------------------------------------
// Reductions

/** The axes a reduction runs over: all of them when `axis` is undefined. */
function reductionAxes(op: string, x: Tensor, axis: number | readonly number[] | undefined): number[] {
  if (axis === undefined) return x.shape.map((_, i) => i);
  if (typeof axis !== 'number' && !Array.isArray(axis)) throw new Error(`${op}: axis must be an integer or a list of them, got ${show(axis)}`);
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const axes = list.map((a) => normalizeAxis(op, a, x.shape));
  if (new Set(axes).size !== axes.length) throw new Error(`${op}: repeated axis in ${show(list)}`);
  return axes.sort((p, q) => p - q);
}

/** The shape after reducing `axes`: kept as size 1, or dropped. */
function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  if (keepDims) return shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return shape.filter((_, i) => !axes.includes(i));
}

/** Sum over `axis` (a number, a list, or all axes when omitted). */
export function sum(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  const axes = reductionAxes('sum', x, axis);
  const data = kernels.reduceSum(x.data, x.shape, axes);
  return record('sum', { axes, keepDims }, [x], data, reducedShape(x.shape, axes, keepDims));
}

/** Mean over `axis` (all axes when omitted): the sum divided by how many were summed. */
export function mean(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  const axes = reductionAxes('mean', x, axis);
  const count = axes.reduce((n, a) => n * x.shape[a], 1);
  if (count === 0) throw new Error(`mean: cannot average over an empty axis of shape ${formatShape(x.shape)}`);
  return sum(x, axes, keepDims).div(count);
}

/** Largest value along `axis` (over everything when omitted); its gradient goes to the arg-max. */
export function max(x: Tensor, axis?: number, keepDims = false): Tensor {
  if (x.size === 0) throw new Error(`max: empty tensor of shape ${formatShape(x.shape)} has no maximum`);
  if (axis === undefined) {
    const flat = x.reshape([x.size]);
    const m = max(flat, 0);
    return keepDims ? m.reshape(x.shape.map(() => 1)) : m;
  }
  const ax = normalizeAxis('max', axis, x.shape);
  const { values, argmax } = kernels.reduceMax(x.data, x.shape, ax);
  const shape = reducedShape(x.shape, [ax], keepDims);
  if (!isGradEnabled() || !x.requiresGrad) return new Tensor(values, shape);
  const mask = new Tensor(kernels.argmaxMask(x.shape, ax, argmax), x.shape); // where the gradient goes
  return record('max', { axis: ax, keepDims, mask }, [x], values, shape);
}

/**
 * The shift of the stable formulas below: max(x) along `axis` (kept as size 1), a constant, with
 * ±∞ replaced by 0 (x − ∞ would be NaN where x = ∞ too, and then the answer, ∞ or −∞, is exact
 * without a shift). The formulas hold for any shift; this one keeps every e^(x − m) ≤ 1.
 */
function stableShift(x: Tensor, axis: number | undefined): Tensor {
  const m = max(x, axis, true);
  return new Tensor(m.data.map((v) => (Number.isFinite(v) ? v : 0)), m.shape);
}

/** x − max(x) along `axis`: every entry ≤ 0, so its exponential cannot overflow. */
function shiftByMax(x: Tensor, axis: number | undefined): Tensor {
  return x.sub(stableShift(x, axis));
}

/** log Σ exp(x) along `axis` (all axes when omitted), stably: m + log Σ e^(x − m) with m = max(x). */
export function logSumExp(x: Tensor, axis?: number, keepDims = false): Tensor {
  if (axis !== undefined) normalizeAxis('logSumExp', axis, x.shape);
  const m = stableShift(x, axis);
  const result = x.sub(m).exp().sum(axis, true).log().add(m);
  return keepDims ? result : result.reshape(reducedShape(x.shape, reductionAxes('logSumExp', x, axis), false));
}

/** log softmax(x) = (x − m) − log Σ e^(x − m): never overflows, keeps full precision near 0. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  normalizeAxis('logSoftmax', axis, x.shape);
  const shifted = shiftByMax(x, axis);
  return shifted.sub(shifted.exp().sum(axis, true).log());
}

/** softmax(x) = e^(x − m) / Σ e^(x − m). */
export function softmax(x: Tensor, axis = -1): Tensor {
  normalizeAxis('softmax', axis, x.shape);
  const e = shiftByMax(x, axis).exp();
  return e.div(e.sum(axis, true));
}

// ---------------------------------------------------------------------------------------------
// Moving numbers around

/** Repeats x along new leading axes and size-1 axes (NumPy broadcasting) to `shape`. */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  checkShape('broadcastTo', shape);
  const target = broadcastShapes('broadcastTo', x.shape, shape);
  if (!sameShape(target, shape)) {
    throw new Error(`broadcastTo: shape ${formatShape(x.shape)} cannot be broadcast to ${formatShape(shape)}`);
  }
  if (sameShape(x.shape, shape)) return x;
  return record('broadcastTo', { shape }, [x], kernels.broadcastTo(x.data, x.shape, shape), shape);
}

/** Same numbers, new shape with the same number of elements; one dimension may be −1 (inferred). */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const resolved = resolveReshape(x, shape);
  return record('reshape', { shape: resolved }, [x], x.data, resolved);
}

function resolveReshape(x: Tensor, shape: Shape): number[] {
  const bad = () =>
    new Error(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(shape)}`);
  if (!Array.isArray(shape) || !Array.from(shape).every((d) => Number.isInteger(d) && d >= -1)) throw bad();
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1) throw bad();
  const known = sizeOf(shape.filter((d) => d !== -1));
  const resolved = shape.map((d) => (d === -1 ? (known === 0 ? 0 : x.size / known) : d));
  if (!resolved.every(Number.isInteger) || sizeOf(resolved) !== x.size) throw bad();
  return resolved;
}

/** Reorders axes: result axis i is input axis perm[i]. Default: reverse them (a matrix's transpose). */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const order = perm ?? x.shape.map((_, i) => x.ndim - 1 - i);
  if (!isIntegerList(order)) throw new Error(`transpose: perm must be a list of axes, got ${show(order)}`);
  const valid =
    order.length === x.ndim && [...order].sort((p, q) => p - q).every((p, i) => p === i);
  if (!valid) throw new Error(`transpose: ${show(order)} is not a permutation of the axes of ${formatShape(x.shape)}`);
  const shape = order.map((p) => x.shape[p]);
  return record('transpose', { perm: order }, [x], kernels.transpose(x.data, x.shape, order), shape);
}

/** The elements with start ≤ index < end along `axis` (end defaults to the axis length). */
export function slice(x: Tensor, axis: number, start: number, end?: number): Tensor {
  const ax = normalizeAxis('slice', axis, x.shape);
  const stop = end ?? x.shape[ax];
  if (!Number.isInteger(start) || !Number.isInteger(stop) || start < 0 || stop > x.shape[ax] || start > stop) {
    throw new Error(`slice: range ${show(start)}..${show(stop)} is out of bounds for axis ${ax} of shape ${formatShape(x.shape)}`);
  }
  const shape = x.shape.map((d, i) => (i === ax ? stop - start : d));
  return record('slice', { axis: ax, start, end: stop }, [x], kernels.sliceAxis(x.data, x.shape, ax, start, stop), shape);
}

/** x with `before` zeros ahead of it and `after` zeros behind it along `axis` (slice's gradient). */
export function pad(x: Tensor, axis: number, before: number, after: number): Tensor {
  const ax = normalizeAxis('pad', axis, x.shape);
  if (!Number.isInteger(before) || !Number.isInteger(after) || before < 0 || after < 0) {
    throw new Error(`pad: ${show(before)} before and ${show(after)} after must be non-negative integers`);
  }
  const width = before + x.shape[ax] + after;
  const shape = x.shape.map((d, i) => (i === ax ? width : d));
  return record('pad', { axis: ax, before, after }, [x], kernels.padAxis(x.data, x.shape, ax, before, width), shape);
}

/**
 * One element of x along `axis` at every position of the other axes: `indices` (one per such
 * position, row-major) say which; the axis stays, as size 1. A classifier's log-probability of
 * each row's class: `logP.takeAlong(1, classes)` → [B, 1] (NumPy's take_along_axis).
 */
export function takeAlong(x: Tensor, axis: number, indices: ArrayLike<number>): Tensor {
  const ax = normalizeAxis('takeAlong', axis, x.shape);
  const shape = x.shape.map((d, i) => (i === ax ? 1 : d));
  const index = checkedIndex('takeAlong', indices, sizeOf(shape), x.shape[ax]);
  return record('takeAlong', { axis: ax, index }, [x], kernels.takeAlongAxis(x.data, x.shape, ax, index), shape);
}

/** takeAlong's other way round (its gradient): zeros `width` long along `axis`, x's elements put at `indices`. */
export function putAlong(x: Tensor, axis: number, indices: ArrayLike<number>, width: number): Tensor {
  const ax = normalizeAxis('putAlong', axis, x.shape);
  if (x.shape[ax] !== 1) throw new Error(`putAlong: axis ${ax} of shape ${formatShape(x.shape)} must have length 1`);
  if (!Number.isInteger(width) || width < 1) throw new Error(`putAlong: width must be a positive integer, got ${show(width)}`);
  const index = checkedIndex('putAlong', indices, x.size, width);
  const shape = x.shape.map((d, i) => (i === ax ? width : d));
  return record('putAlong', { axis: ax, index, width }, [x], kernels.putAlongAxis(x.data, x.shape, ax, index, width), shape);
}

/** Indices as an Int32Array: `count` of them, each an integer in [0, length), or an error naming the op. */
function checkedIndex(op: string, indices: ArrayLike<number>, count: number, length: number): Int32Array {
  if (indices === null || typeof indices !== 'object' || indices.length !== count) {
    throw new Error(`${op}: expected ${count} indices, got ${indices === null || typeof indices !== 'object' ? show(indices) : show(indices.length)}`);
  }
  const index = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    const i = indices[r];
    if (!Number.isInteger(i) || i < 0 || i >= length) throw new Error(`${op}: index ${r} is ${show(i)}, not an integer in [0, ${length})`);
    index[r] = i;
  }
  return index;
}

/**
 * Cuts x along `axis` into pieces: of `sizes[i]` each, or of `sizes` each when it is a number
 * (the last piece may be smaller), like torch.split. An LSTM's gates: `gates.split(H, 1)`.
 */
export function split(x: Tensor, sizes: number | readonly number[], axis = 0): Tensor[] {
  const ax = normalizeAxis('split', axis, x.shape);
  const length = x.shape[ax];
  let widths: number[];
  if (typeof sizes === 'number') {
    if (!Number.isInteger(sizes) || sizes <= 0) throw new Error(`split: piece size must be a positive integer, got ${show(sizes)}`);
    widths = Array.from({ length: Math.ceil(length / sizes) }, (_, i) => Math.min(sizes, length - i * sizes));
  } else {
    if (!isIntegerList(sizes)) throw new Error(`split: sizes must be a number or a list of integers, got ${show(sizes)}`);
    widths = [...sizes];
    const total = widths.reduce((s, w) => s + w, 0);
    if (!widths.every((w) => Number.isInteger(w) && w >= 0) || total !== length) {
      throw new Error(`split: sizes ${show(widths)} do not add up to ${length}, axis ${ax} of shape ${formatShape(x.shape)}`);
    }
  }
  let start = 0;
  return widths.map((w) => {
    const piece = slice(x, ax, start, start + w);
    start += w;
    return piece;
  });
}

/** Joins tensors along `axis`; their shapes must agree on every other axis. */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  checkTensorList('concat', tensors);
  if (tensors.length === 0) throw new Error('concat: needs at least one tensor');
  const first = tensors[0];
  const ax = normalizeAxis('concat', axis, first.shape);
  for (const t of tensors) {
    const agrees = t.ndim === first.ndim && t.shape.every((d, i) => i === ax || d === first.shape[i]);
    if (!agrees) {
      throw new Error(`concat: shapes ${tensors.map((s) => formatShape(s.shape)).join(', ')} differ outside axis ${ax}`);
    }
  }
  const shape = first.shape.map((d, i) => (i === ax ? tensors.reduce((s, t) => s + t.shape[ax], 0) : d));
  const data = kernels.concatAxis(
    tensors.map((t) => t.data),
    tensors.map((t) => t.shape),
    ax,
  );
  return record('concat', { axis: ax }, tensors, data, shape);
}

/** Stacks same-shape tensors along a new axis: n tensors of [B, H] → [n, B, H] for axis 0. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  checkTensorList('stack', tensors);
  if (tensors.length === 0) throw new Error('stack: needs at least one tensor');
  const shape = tensors[0].shape;
  for (const t of tensors) {
    if (!sameShape(t.shape, shape)) {
      throw new Error(`stack: shapes ${tensors.map((s) => formatShape(s.shape)).join(', ')} differ`);
    }
  }
  const ax = normalizeAxis('stack', axis, [...shape, 1]);
  const expanded = [...shape.slice(0, ax), 1, ...shape.slice(ax)];
  return concat(
    tensors.map((t) => t.reshape(expanded)),
    ax,
  );
}
