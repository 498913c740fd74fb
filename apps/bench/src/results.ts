/** What a bench run produces: one row per (workload, engine), as printed and as `--json`. */
import type { DType } from './case.js';
import type { WorkloadId } from './registry.js';

export type RowStatus = 'ok' | 'pending' | 'failed';

export interface Row {
  readonly workload: WorkloadId;
  readonly engine: string;
  readonly status: RowStatus;
  /** Why a row is pending or failed. */
  readonly reason?: string;
  readonly dtype?: DType;
  /** Per-step times of the timed runs, in the order they ran (ms). */
  readonly samplesMs: readonly number[];
  readonly medianMs?: number;
  readonly minMs?: number;
  /** This engine's median ÷ chainrule's median on the same workload (> 1: chainrule is faster). */
  readonly ratio?: number;
  /** Peak resident set size of the worker process over its life (bytes). */
  readonly peakRssBytes?: number;
  /** Resident set size of the worker before it loaded the engine (bytes): Node itself. */
  readonly baseRssBytes?: number;
  readonly setupMs?: number;
  /** The first warm-up step (ms): includes a jit's compile. */
  readonly warmupMs?: number;
  /** Steps per timed sample (more than one only for very short steps). */
  readonly reps?: number;
  /** Median over samples of the worker's CPU time ÷ wall time: ≈ 1 on one core, ≈ 2 on both. */
  readonly cores?: number;
  readonly check?: number;
  readonly reference?: number;
  readonly checkOk?: boolean;
  readonly gradNorm?: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
}

export interface WorkloadResult {
  readonly id: WorkloadId;
  readonly title: string;
  readonly goal: string;
  readonly rows: readonly Row[];
}

export interface BenchResult {
  readonly date: string;
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    readonly memoryGiB: number;
    readonly node: string;
    readonly platform: string;
    readonly loadAverageAtStart: readonly number[];
    readonly loadAverageAtEnd: readonly number[];
  };
  readonly command: string;
  readonly runs: number;
  readonly warmup: number;
  readonly workloads: readonly WorkloadResult[];
}
