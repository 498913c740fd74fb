/**
 * The seam: the one place where the tuned path (src/fast/, `@chainrule/autodiff/fast`) plugs into
 * the textbook engine. Nothing is plugged in until a program calls `useFastPath()`; until then
 * every op computes with the plain loops of tensor/kernels.ts and `backward()` runs the reverse
 * pass of tensor/backward.ts, exactly as a reader of those files expects.
 *
 * What may be plugged in, and what it must promise:
 *   - `products`: the two matrix products the ops use (ops.ts, `matmul` and `matmulBT`), with the
 *     same results as the loops in kernels.ts (the WebAssembly kernels are equal bit for bit:
 *     test/wasm-matmul.test.ts);
 *   - `backward`: a reverse pass with the textbook one's signature, returning the same gradients
 *     (to rounding: test/fast-path.property.test.ts runs both on random programs).
 *
 * This file holds no engine code and imports only types, so both sides can depend on it without
 * depending on each other: src/fast/ imports nothing else from the textbook side but types.
 */
import type { GraphNode } from './graph.js';
import type { Tensor } from './tensor/tensor.js';
import type { VjpRules } from './tensor/vjp.js';

/** Matrix products on flat row-major arrays, returning a new array C of m·n numbers. */
export interface MatrixProducts {
  /** C = A·B for A [m, k] and B [k, n]. */
  matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array;
  /** C = A·Bᵀ for A [m, k] and B [n, k]. */
  matmulBT(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array;
}

/** What the textbook side hands a plugged-in pass, so that the pass needs nothing else from it. */
export interface PassContext {
  /** The table of vector-Jacobian rules (tensor/vjp.ts). */
  readonly rules: VjpRules;
  /** Every node reachable from a root, each after its inputs (graph.ts). */
  readonly topologicalOrder: <N extends GraphNode>(root: N) => N[];
}

/**
 * A reverse pass: from `seed` = dRoot/dRoot, dRoot/dTensor for every tensor of root's graph that
 * requires grad (only the leaves' with `leavesOnly`). Runs with recording off; touches no `.grad`.
 */
export type BackwardPass = (root: Tensor, seed: Tensor, leavesOnly: boolean, context: PassContext) => Map<Tensor, Tensor>;

/** Everything the tuned path replaces. */
export interface FastPath {
  /** The matrix products the ops compute with. */
  readonly products: MatrixProducts;
  /** The reverse pass `backward()` runs. */
  readonly backward: BackwardPass;
}

let plugged: FastPath | null = null;

/** Plugs a fast path in (null: back to the textbook path). `useFastPath()` in src/fast/ calls this. */
export function plugIn(fastPath: FastPath | null): void {
  plugged = fastPath;
}

/** The fast path plugged in, or null when the textbook path runs. */
export function pluggedFastPath(): FastPath | null {
  return plugged;
}
