/**
 * The hot loops, on flat row-major Float64Arrays. Nothing here knows about graphs or
 * gradients: every function takes arrays and shapes and returns a new array.
 * Shapes are assumed valid; the ops in ops.ts check them and name the op in their errors.
 *
 * These are the reference kernels: plain TypeScript, what the engine computes with unless a
 * program plugs in the fast path (src/fast/, through src/seam.ts), whose matrix products must
 * equal the two here bit for bit.
 */
import { sigmoid } from '../math.js';
import { sizeOf, stridesOf, type Shape } from './shape.js';

export const UNARY_OPS = ['neg', 'exp', 'log', 'tanh', 'sigmoid', 'relu', 'step'] as const;
export type UnaryOp = (typeof UNARY_OPS)[number];

/**
 * out[i] = op(x[i]). One loop per op rather than one loop calling a function per element:
 * a call per element through a shared call site is several times slower in V8.
 */
export function mapUnary(op: UnaryOp, x: Float64Array): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  switch (op) {
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -x[i];
      break;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]);
      break;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]);
      break;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]);
      break;
    case 'sigmoid': // computed without overflow, see math.ts
      for (let i = 0; i < n; i++) out[i] = sigmoid(x[i]);
      break;
    case 'relu':
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : 0;
      break;
    case 'step': // the step function [x > 0]: relu's derivative
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? 1 : 0;
      break;
  }
  return out;
}

/** out[i] = x[i]^k, with the common exponents done without Math.pow. */
export function power(x: Float64Array, k: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  if (k === 2) for (let i = 0; i < n; i++) out[i] = x[i] * x[i];
  else if (k === 1) out.set(x);
  else if (k === 0.5) for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]);
  else for (let i = 0; i < n; i++) out[i] = x[i] ** k;
  return out;
}

export const BINARY_OPS = ['add', 'sub', 'mul', 'div'] as const;
export type BinaryOp = (typeof BINARY_OPS)[number];

/**
 * out = a op b elementwise, with a and b broadcast to `outShape`. An operand that is the same
 * block of numbers repeated end to end is read in place: a single number, or a row repeated
 * over the leading axes, like a bias [H] added to [B, H]. Any other broadcast (a column [B, 1],
 * say) is first copied out to the full shape.
 */
export function mapBinary(
  op: BinaryOp,
  a: Float64Array,
  aShape: Shape,
  b: Float64Array,
  bShape: Shape,
  outShape: Shape,
): Float64Array {
  const n = sizeOf(outShape);
  const out = new Float64Array(n);
  const x = repeatsEndToEnd(aShape, outShape) ? a : broadcastTo(a, aShape, outShape);
  const y = repeatsEndToEnd(bShape, outShape) ? b : broadcastTo(b, bShape, outShape);
  // Walk the output in stretches as long as the shorter repeating block (all of it if none is
  // shorter); within a stretch both operands are read straight through, or stay on one number.
  const blocks = [x.length, y.length].filter((length) => length > 1 && length < n);
  const stretch = blocks.length === 0 ? n : Math.min(...blocks);
  for (let start = 0; start < n; start += stretch) elementwiseLoop(op, out, start, stretch, x, y);
  return out;
}

/** Whether `shape` broadcast to `outShape` repeats its numbers end to end (no column broadcast). */
function repeatsEndToEnd(shape: Shape, outShape: Shape): boolean {
  let first = 0;
  while (first < shape.length && shape[first] === 1) first++;
  const core = shape.slice(first);
  const tail = outShape.slice(outShape.length - core.length);
  return core.every((d, i) => d === tail[i]);
}

/** out[start + i] = x op y for i < count, reading x and y from where this stretch falls in them. */
function elementwiseLoop(op: BinaryOp, out: Float64Array, start: number, count: number, x: Float64Array, y: Float64Array): void {
  const sx = x.length === 1 ? 0 : 1; // a single number: stay on it
  const sy = y.length === 1 ? 0 : 1;
  const x0 = sx * (start % x.length);
  const y0 = sy * (start % y.length);
  switch (op) {
    case 'add':
      for (let i = 0; i < count; i++) out[start + i] = x[x0 + i * sx] + y[y0 + i * sy];
      break;
    case 'sub':
      for (let i = 0; i < count; i++) out[start + i] = x[x0 + i * sx] - y[y0 + i * sy];
      break;
    case 'mul':
      for (let i = 0; i < count; i++) out[start + i] = x[x0 + i * sx] * y[y0 + i * sy];
      break;
    case 'div':
      for (let i = 0; i < count; i++) out[start + i] = x[x0 + i * sx] / y[y0 + i * sy];
      break;
  }
}

/** Strides of `shape` seen as broadcast to `outShape`: 0 along axes it is repeated over. */
function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const own = stridesOf(shape);
  const lead = outShape.length - shape.length;
  return outShape.map((_, i) => (i < lead || shape[i - lead] === 1 ? 0 : own[i - lead]));
}

/** Copies x (of `shape`) repeated out to `outShape` (broadcasting). */
export function broadcastTo(x: Float64Array, shape: Shape, outShape: Shape): Float64Array {
  return stridedCopy(x, broadcastStrides(shape, outShape), outShape);
}

/**
 * C = A·B for A [m, k] and B [k, n], row-major.
 *
 * The loop order is i, p, j (not the textbook i, j, p) so the innermost loop walks rows of
 * B and C contiguously, and four rows of A are done at once: each B[p, j] loaded from memory
 * feeds four multiply-adds held in registers ("register blocking").
 * Given `c`, the product is added to it (every term in the same order) instead of to zeros.
 */
export function matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number, c = new Float64Array(m * n)): Float64Array {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = i * n;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    for (let p = 0; p < k; p++) {
      const a0 = a[i * k + p];
      const a1 = a[(i + 1) * k + p];
      const a2 = a[(i + 2) * k + p];
      const a3 = a[(i + 3) * k + p];
      const bRow = p * n;
      for (let j = 0; j < n; j++) {
        const bv = b[bRow + j];
        c[c0 + j] += a0 * bv;
        c[c1 + j] += a1 * bv;
        c[c2 + j] += a2 * bv;
        c[c3 + j] += a3 * bv;
      }
    }
  }
  for (; i < m; i++) {
    const cRow = i * n;
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p];
      const bRow = p * n;
      for (let j = 0; j < n; j++) c[cRow + j] += av * b[bRow + j];
    }
  }
  return c;
}

/**
 * C = A·Bᵀ for A [m, k] and B [n, k]: every C[i, j] is the dot product of row i of A with
 * row j of B, and both rows are contiguous in memory, so no transposed copy of B is needed.
 * This is the shape of a layer's x·Wᵀ with W stored [out, in], as PyTorch stores it.
 */
export function matmulBT(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    for (let j = 0; j < n; j++) {
      const bRow = j * k;
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[aRow + p] * b[bRow + p];
      c[i * n + j] = sum;
    }
  }
  return c;
}

/** Reorders the axes: out axis i is input axis perm[i]. */
export function transpose(x: Float64Array, shape: Shape, perm: readonly number[]): Float64Array {
  const inStrides = stridesOf(shape);
  return stridedCopy(
    x,
    perm.map((p) => inStrides[p]),
    perm.map((p) => shape[p]),
  );
}

/**
 * Walks the output (of `outShape`) in row-major order, reading x at Σ index_i · strides_i.
 * With permuted strides this transposes; with zero strides it broadcasts.
 */
function stridedCopy(x: Float64Array, strides: readonly number[], outShape: Shape): Float64Array {
  const size = sizeOf(outShape);
  const out = new Float64Array(size);
  const ndim = outShape.length;
  if (ndim === 0) {
    out[0] = x[0];
    return out;
  }
  const index = new Array<number>(ndim).fill(0);
  const inner = outShape[ndim - 1];
  const innerStride = strides[ndim - 1];
  let off = 0;
  for (let o = 0; o < size; o += inner) {
    for (let j = 0; j < inner; j++) out[o + j] = x[off + j * innerStride];
    for (let axis = ndim - 2; axis >= 0; axis--) {
      index[axis]++;
      off += strides[axis];
      if (index[axis] < outShape[axis]) break;
      off -= strides[axis] * outShape[axis];
      index[axis] = 0;
    }
  }
  return out;
}

/**
 * Sums over the given axes, keeping them as size 1. One axis at a time: viewing the array
 * as [outer, n, inner] around the axis, out[o, i] = Σ_j x[o, j, i].
 */
export function reduceSum(x: Float64Array, shape: Shape, axes: readonly number[]): Float64Array {
  let data = x;
  const current = [...shape];
  for (const axis of axes) {
    const n = current[axis];
    const outer = sizeOf(current.slice(0, axis));
    const inner = sizeOf(current.slice(axis + 1));
    const out = new Float64Array(outer * inner);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < n; j++) {
        const from = (o * n + j) * inner;
        const to = o * inner;
        for (let i = 0; i < inner; i++) out[to + i] += data[from + i];
      }
    }
    data = out;
    current[axis] = 1;
  }
  return data === x ? x.slice() : data;
}

/**
 * Largest value along one axis and where it is (the first, on ties), viewing the array as
 * [outer, n, inner]. NaN wins, as in PyTorch's max.
 */
export function reduceMax(
  x: Float64Array,
  shape: Shape,
  axis: number,
): { values: Float64Array; argmax: Int32Array } {
  const n = shape[axis];
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis + 1));
  const values = new Float64Array(outer * inner);
  const argmax = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = x[o * n * inner + i];
      let at = 0;
      for (let j = 1; j < n && !Number.isNaN(best); j++) {
        const v = x[(o * n + j) * inner + i];
        if (v > best || Number.isNaN(v)) {
          best = v;
          at = j;
        }
      }
      values[o * inner + i] = best;
      argmax[o * inner + i] = at;
    }
  }
  return { values, argmax };
}

/** A mask of `shape`: 1 at position argmax[r] along `axis` of each row r that reduceMax reduced, else 0. */
export function argmaxMask(shape: Shape, axis: number, argmax: Int32Array): Float64Array {
  const n = shape[axis];
  const inner = sizeOf(shape.slice(axis + 1));
  const mask = new Float64Array(sizeOf(shape));
  argmax.forEach((j, r) => {
    const o = Math.floor(r / inner);
    mask[(o * n + j) * inner + (r % inner)] = 1;
  });
  return mask;
}

/** The elements with start ≤ index < end along one axis. */
export function sliceAxis(x: Float64Array, shape: Shape, axis: number, start: number, end: number): Float64Array {
  const n = shape[axis];
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis + 1));
  const width = (end - start) * inner;
  const out = new Float64Array(outer * width);
  for (let o = 0; o < outer; o++) {
    const from = (o * n + start) * inner;
    out.set(x.subarray(from, from + width), o * width);
  }
  return out;
}

/** x (of `shape`) placed at offset `before` along `axis` inside zeros that are `width` long there. */
export function padAxis(x: Float64Array, shape: Shape, axis: number, before: number, width: number): Float64Array {
  const n = shape[axis];
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis + 1));
  const out = new Float64Array(outer * width * inner);
  for (let o = 0; o < outer; o++) out.set(x.subarray(o * n * inner, (o + 1) * n * inner), (o * width + before) * inner);
  return out;
}

/**
 * out[o, 0, i] = x[o, index[o·inner + i], i], viewing x as [outer, n, inner] around `axis`: one
 * element picked along the axis at every other position (the axis kept, as size 1).
 */
export function takeAlongAxis(x: Float64Array, shape: Shape, axis: number, index: Int32Array): Float64Array {
  const n = shape[axis];
  const inner = sizeOf(shape.slice(axis + 1));
  const out = new Float64Array(index.length);
  for (let r = 0; r < index.length; r++) out[r] = x[(Math.floor(r / inner) * n + index[r]) * inner + (r % inner)];
  return out;
}

/** The other way: zeros `width` long along `axis`, with x[o, 0, i] put at index[o·inner + i]. */
export function putAlongAxis(x: Float64Array, shape: Shape, axis: number, index: Int32Array, width: number): Float64Array {
  const inner = sizeOf(shape.slice(axis + 1));
  const out = new Float64Array(x.length * width);
  for (let r = 0; r < index.length; r++) out[(Math.floor(r / inner) * width + index[r]) * inner + (r % inner)] = x[r];
  return out;
}

/** Joins arrays along one axis; all shapes agree except along that axis. */
export function concatAxis(parts: readonly Float64Array[], shapes: readonly Shape[], axis: number): Float64Array {
  const outer = sizeOf(shapes[0].slice(0, axis));
  const inner = sizeOf(shapes[0].slice(axis + 1));
  const widths = shapes.map((s) => s[axis] * inner);
  const total = widths.reduce((sum, w) => sum + w, 0);
  const out = new Float64Array(outer * total);
  for (let o = 0; o < outer; o++) {
    let at = o * total;
    parts.forEach((part, k) => {
      out.set(part.subarray(o * widths[k], (o + 1) * widths[k]), at);
      at += widths[k];
    });
  }
  return out;
}
