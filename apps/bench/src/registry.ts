/**
 * Every workload and, for each, the engines that run it. Engines load lazily (dynamic import) so
 * that the parent process never loads an engine: each one runs in its own worker process.
 */
import type { Case, DType } from './case.js';
import { loadPeer } from './peers.js';
import { lstmFlops, makeLstmData, referenceLstmLoss } from './workloads/lstm.js';
import { makeMatmulData, matmulFlops, referenceMatmulSum } from './workloads/matmul.js';
import { referenceChain, S2_STEPS } from './workloads/chain.js';

export const WORKLOAD_IDS = ['S1', 'S2', 'S3', 'T1', 'T2', 'T3'] as const;
export type WorkloadId = (typeof WORKLOAD_IDS)[number];

export interface Entry {
  readonly engine: string;
  /** One of the other engines, installed apart in ../peers/ (see peers.ts). */
  readonly peer?: boolean;
  readonly load: () => Promise<Case>;
}

export interface Reference {
  readonly check: number;
  readonly gradNorm?: number;
}

/** What the harness knows of one engine's run, for the per-workload notes. */
export interface RowSummary {
  readonly medianMs: number;
  readonly dtype: DType;
  readonly metrics: Readonly<Record<string, number>>;
}

export interface Workload {
  readonly id: WorkloadId;
  readonly title: string;
  /** Name of the check value in notes ("loss", "sum"). */
  readonly checkName: string;
  readonly entries: readonly Entry[];
  /** A sample repeats the step until it lasts at least this long (for the short T2). */
  readonly minSampleMs: number;
  /** Time to solve: one run, no warm-up. */
  readonly single: boolean;
  /** The value every engine must reproduce, computed in plain float64 loops (none: sanity only). */
  readonly reference?: () => Reference;
  /** Workload-specific notes for a row (GFLOP/s, ns/node...). */
  readonly describe?: (row: RowSummary) => string;
  /** The target set for this workload, printed under the table (docs/benchmarks.md). */
  readonly goal: string;
}

const MICROGRAD_S1_MS = 1090;

export const WORKLOADS: readonly Workload[] = [
  {
    id: 'S1',
    title: 'scalar MLP 2→16→16→1 step on 100 points (Value; Tape)',
    checkName: 'loss',
    entries: [
      { engine: 'chainrule', load: async () => (await import('./chainrule/s1-mlp.js')).default() },
      { engine: 'chainrule-tape', load: async () => (await import('./chainrule/s1-mlp-tape.js')).default() },
    ],
    minSampleMs: 0,
    single: false,
    describe: (row) => `${fmtX(MICROGRAD_S1_MS / row.medianMs)} faster than micrograd's ${MICROGRAD_S1_MS} ms (ref.)`,
    goal: 'S1 ≤ 11 ms per step (≥ 100× micrograd)',
  },
  {
    id: 'S2',
    title: `scalar chain h = tanh(w·h + u·x), ${S2_STEPS.toLocaleString('en-US')} steps, forward + backward (Value; Tape)`,
    checkName: 'h_T',
    entries: [
      { engine: 'chainrule', load: async () => (await import('./chainrule/s2-chain.js')).default() },
      { engine: 'chainrule-tape', load: async () => (await import('./chainrule/s2-chain-tape.js')).default() },
    ],
    minSampleMs: 0,
    single: false,
    reference: () => referenceChain(S2_STEPS),
    describe: (row) => {
      const nodes = row.metrics.nodes;
      const bytes = row.metrics.bytesPerNode;
      if (nodes === undefined) return '';
      const ns = (row.medianMs * 1e6) / nodes;
      return `${ns.toFixed(0)} ns/node, ${bytes === undefined ? '?' : bytes.toFixed(0)} B/node (${(nodes / 1e6).toFixed(1)}M nodes)`;
    },
    goal: 'S2 ≤ 1 µs and ≤ 300 bytes per node',
  },
  {
    id: 'S3',
    title: 'the same chain with one-element Tensors, 1,000,000 ops, forward + backward (Tensor)',
    checkName: 'h_T',
    entries: [{ engine: 'chainrule', load: async () => (await import('./chainrule/s3-tensor-chain.js')).default() }],
    minSampleMs: 0,
    single: false,
    reference: () => referenceChain(250_000),
    describe: (row) => (row.metrics.ops === undefined ? '' : `${((row.medianMs * 1e6) / row.metrics.ops).toFixed(0)} ns/op`),
    goal: 'S3 a 1,000,000-op tensor chain backprops (no stack overflow)',
  },
  {
    id: 'T1',
    title: 'LSTM BPTT step, B32 I32 H128 T64, forward + backward',
    checkName: 'loss',
    entries: [
      { engine: 'chainrule', load: async () => (await import('./chainrule/t1-lstm.js')).default() },
      { engine: 'chainrule-textbook', load: async () => (await import('./chainrule/t1-lstm.js')).default(false) },
      { engine: 'chainrule-nn', load: async () => (await import('./chainrule/t1-lstm-nn.js')).default() },
      { engine: 'tfjs-cpu', peer: true, load: () => loadPeer('tfjs-t1', 'cpu') },
      { engine: 'tfjs-wasm', peer: true, load: () => loadPeer('tfjs-t1', 'wasm') },
      { engine: 'jaxjs-jit-f32', peer: true, load: () => loadPeer('jax-t1', 'jit', 'float32') },
      { engine: 'jaxjs-jit-f64', peer: true, load: () => loadPeer('jax-t1', 'jit', 'float64') },
      { engine: 'jaxjs-eager-f32', peer: true, load: () => loadPeer('jax-t1', 'eager', 'float32') },
      { engine: 'js-pytorch', peer: true, load: () => loadPeer('jspytorch-t1') },
    ],
    minSampleMs: 0,
    single: false,
    reference: () => ({ check: referenceLstmLoss(makeLstmData()) }),
    describe: (row) => `${gflops(lstmFlops(), row.medianMs)} GFLOP/s`,
    goal: 'T1 float64 faster than every JS peer (jax-js jit f32 ≈ 100 ms); reach: ≈ 130 ms',
  },
  {
    id: 'T2',
    title: 'matmul 256×256 · 256×256',
    checkName: 'sum',
    entries: [
      { engine: 'chainrule', load: async () => (await import('./chainrule/t2-matmul.js')).default() },
      { engine: 'chainrule-textbook', load: async () => (await import('./chainrule/t2-matmul.js')).default(false) },
      { engine: 'tfjs-cpu', peer: true, load: () => loadPeer('tfjs-t2', 'cpu') },
      { engine: 'tfjs-wasm', peer: true, load: () => loadPeer('tfjs-t2', 'wasm') },
      { engine: 'jaxjs-jit-f32', peer: true, load: () => loadPeer('jax-t2', 'float32') },
      { engine: 'jaxjs-jit-f64', peer: true, load: () => loadPeer('jax-t2', 'float64') },
      { engine: 'js-pytorch', peer: true, load: () => loadPeer('jspytorch-t2') },
    ],
    minSampleMs: 50,
    single: false,
    reference: () => ({ check: referenceMatmulSum(makeMatmulData()) }),
    describe: (row) => `${gflops(matmulFlops(), row.medianMs)} GFLOP/s`,
    goal: 'T2 float64 GFLOP/s ≥ 4 × tfjs-wasm (float32), ahead of every float64 peer',
  },
  {
    id: 'T3',
    title: 'adding problem T = 50, LSTM, until test MSE < 0.01 (time to solve)',
    checkName: 'test MSE',
    entries: [{ engine: 'chainrule', load: async () => (await import('./chainrule/t3-adding.js')).default() }],
    minSampleMs: 0,
    single: true,
    describe: (row) => {
      const { sequences, steps } = row.metrics;
      if (sequences === undefined || steps === undefined) return '';
      return `${sequences.toLocaleString('en-US')} sequences seen (${steps} Adam steps)`;
    },
    goal: 'T3 solved: report wall time and sequences seen',
  },
];

export function workloadById(id: WorkloadId): Workload {
  const w = WORKLOADS.find((x) => x.id === id);
  if (w === undefined) throw new Error(`unknown workload ${id}`);
  return w;
}

function gflops(flops: number, ms: number): string {
  const g = flops / (ms * 1e6);
  return g >= 10 ? g.toFixed(0) : g.toFixed(2);
}

function fmtX(x: number): string {
  return `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
}
