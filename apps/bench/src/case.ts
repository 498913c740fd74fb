/**
 * What one (workload, engine) pair gives the harness: a `step()` to time, and what it computed
 * so the harness can check it. Each such pair lives in one small file under `chainrule/` or
 * `peers/` whose default export builds a `Case`.
 */
export type DType = 'float64' | 'float32';

export interface StepResult {
  /** The number the step computed (a loss, a checksum), checked against the workload's reference. */
  readonly check: number;
  /** ‖gradient‖₂ over all parameters, compared across engines. */
  readonly gradNorm?: number;
  /** Set when the case timed the relevant part itself (to leave its own bookkeeping out, e.g. gc). */
  readonly ms?: number;
  /** Workload-specific numbers: nodes, bytes per node, sequences seen. */
  readonly metrics?: Readonly<Record<string, number>>;
}

export interface Case {
  readonly dtype: DType;
  /** Shown in the table's notes column (e.g. "jit, compile in warm-up"). */
  readonly notes?: string;
  /** One timed unit of work: must leave every result computed (read back, not queued). */
  step(): StepResult | Promise<StepResult>;
}

/** Thrown by a case whose engine feature has not landed yet: the row is reported as pending. */
export class PendingError extends Error {
  override readonly name = 'PendingError';
}
