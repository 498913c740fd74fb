/** Messages between the harness (parent) and a worker process hosting one (workload, engine). */
import type { DType, StepResult } from './case.js';

export type ToWorker =
  | { readonly kind: 'warmup'; readonly steps: number; readonly minSampleMs: number }
  | { readonly kind: 'run' }
  | { readonly kind: 'finish' };

export type FromWorker =
  | { readonly kind: 'ready'; readonly dtype: DType; readonly notes: string; readonly setupMs: number; readonly rssBeforeSetup: number }
  | { readonly kind: 'pending'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string }
  /** `ms`: the first warm-up step (a jit's compile shows here). */
  | { readonly kind: 'warm'; readonly ms: number; readonly reps: number; readonly result: StepResult }
  | { readonly kind: 'sample'; readonly ms: number; readonly cores: number; readonly result: StepResult }
  | { readonly kind: 'done'; readonly peakRss: number; readonly rss: number; readonly heapUsed: number };
