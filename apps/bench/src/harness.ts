/**
 * The harness: for each workload, one worker process per engine; a warm-up; then `runs`
 * repetitions in which every engine runs one timed sample in turn (round-robin, the order
 * rotated each repetition), so that the machine's noise falls on all engines alike.
 */
import os from 'node:os';
import type { DType, StepResult } from './case.js';
import type { Options } from './args.js';
import type { FromWorker } from './protocol.js';
import { workloadById, type Reference, type Workload } from './registry.js';
import type { BenchResult, Row, WorkloadResult } from './results.js';
import { median, minimum, relativeError, roundRobinOrder } from './stats.js';
import { WorkerHandle } from './worker-handle.js';

/**
 * How far (relative) a check value may sit from the float64 reference and still be sane.
 * float64 engines agree with it to ~1e-12 when they use the platform's exp/tanh; jax-js's own
 * wasm transcendentals land near 1e-8, so the relative error is printed past 1e-12.
 */
const TOLERANCE: Record<DType, number> = { float64: 1e-6, float32: 1e-3 };
const SHOW_ERROR_ABOVE: Record<DType, number> = { float64: 1e-12, float32: 1e-5 };

interface Live {
  readonly engine: string;
  readonly handle: WorkerHandle;
  readonly dtype: DType;
  readonly caseNotes: string;
  readonly setupMs: number;
  readonly baseRss: number;
  warmupMs?: number;
  reps: number;
  samples: number[];
  cores: number[];
  last?: StepResult;
  failure?: string;
  peakRss?: number;
}

export type Log = (line: string) => void;

export async function runBench(options: Options, log: Log): Promise<BenchResult> {
  const loadAverageAtStart = os.loadavg();
  const workloads: WorkloadResult[] = [];
  for (const id of options.only) workloads.push(await runWorkload(workloadById(id), options, log));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return {
    date: new Date().toISOString(),
    machine: {
      cpu,
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg(),
    },
    command: `pnpm bench -- ${process.argv.slice(2).filter((a) => a !== '--').join(' ')}`.trim(),
    runs: options.runs,
    warmup: options.warmup,
    workloads,
  };
}

async function runWorkload(workload: Workload, options: Options, log: Log): Promise<WorkloadResult> {
  const entries = workload.entries.filter((e) => options.engines.length === 0 || options.engines.includes(e.engine));
  const reference = workload.reference?.();
  const rows: Row[] = [];
  const live: Live[] = [];

  // Start the workers one by one (setup is not timed against the others).
  for (const entry of entries) {
    const handle = new WorkerHandle(workload.id, entry.engine);
    const m = await handle.next();
    if (m.kind === 'ready') {
      live.push({ engine: entry.engine, handle, dtype: m.dtype, caseNotes: m.notes, setupMs: m.setupMs, baseRss: m.rssBeforeSetup, reps: 1, samples: [], cores: [] });
      log(`${workload.id} ${entry.engine}: ready in ${m.setupMs.toFixed(0)} ms`);
    } else {
      handle.kill();
      const status = m.kind === 'pending' ? 'pending' : 'failed';
      const reason = m.kind === 'pending' || m.kind === 'failed' ? m.reason : `unexpected ${m.kind}`;
      log(`${workload.id} ${entry.engine}: ${status}: ${reason}`);
      rows.push({ workload: workload.id, engine: entry.engine, status, reason, samplesMs: [], metrics: {}, notes: [] });
    }
  }

  const fail = (l: Live, m: FromWorker): void => {
    l.failure = m.kind === 'failed' ? m.reason : `unexpected message ${m.kind}`;
    l.handle.kill();
    log(`${workload.id} ${l.engine}: failed: ${l.failure}`);
  };
  const running = (): Live[] => live.filter((l) => l.failure === undefined);

  if (!workload.single) {
    for (const l of running()) {
      const m = await l.handle.ask({ kind: 'warmup', steps: options.warmup, minSampleMs: workload.minSampleMs });
      if (m.kind !== 'warm') {
        fail(l, m);
        continue;
      }
      l.warmupMs = m.ms;
      l.reps = m.reps;
      l.last = m.result;
      log(`${workload.id} ${l.engine}: warm-up ${m.ms.toFixed(1)} ms${m.reps > 1 ? `, ${m.reps} steps per sample` : ''}`);
    }
  }
  const runs = workload.single ? 1 : options.runs;
  for (let rep = 0; rep < runs; rep++) {
    for (const l of roundRobinOrder(running(), rep)) {
      const m = await l.handle.ask({ kind: 'run' });
      if (m.kind !== 'sample') {
        fail(l, m);
        continue;
      }
      l.samples.push(m.ms);
      l.cores.push(m.cores);
      l.last = m.result;
    }
    if (running().length === 0) break;
    log(`${workload.id}: run ${rep + 1}/${runs} ${running().map((l) => `${l.engine} ${l.samples[l.samples.length - 1].toFixed(1)}`).join(', ')}`);
  }
  for (const l of live) {
    if (l.failure !== undefined) continue;
    const m = await l.handle.ask({ kind: 'finish' });
    if (m.kind === 'done') l.peakRss = m.peakRss;
  }

  const chainrule = live.find((l) => l.engine === 'chainrule' && l.failure === undefined);
  const chainruleMedian = chainrule === undefined ? undefined : median(chainrule.samples);
  const gradReference = reference?.gradNorm ?? consensusGradNorm(live);
  for (const l of live) rows.push(toRow(workload, l, reference, gradReference, chainruleMedian));
  // Keep the registry's engine order in the table.
  const order = entries.map((e) => e.engine);
  rows.sort((a, b) => order.indexOf(a.engine) - order.indexOf(b.engine));
  return { id: workload.id, title: workload.title, goal: workload.goal, rows };
}

/** Without a reference gradient: the median ‖grad‖ of the float64 engines (else of all). */
function consensusGradNorm(live: readonly Live[]): number | undefined {
  const ok = live.filter((l) => l.failure === undefined && l.last?.gradNorm !== undefined);
  const f64 = ok.filter((l) => l.dtype === 'float64');
  const pool = (f64.length > 0 ? f64 : ok).map((l) => l.last?.gradNorm as number);
  return pool.length === 0 ? undefined : median(pool);
}

function toRow(workload: Workload, l: Live, reference: Reference | undefined, gradReference: number | undefined, chainruleMedian: number | undefined): Row {
  const base = {
    workload: workload.id,
    engine: l.engine,
    dtype: l.dtype,
    samplesMs: l.samples,
    setupMs: l.setupMs,
    baseRssBytes: l.baseRss,
    ...(l.peakRss !== undefined ? { peakRssBytes: l.peakRss } : {}),
  };
  if (l.failure !== undefined) return { ...base, status: 'failed', reason: l.failure, metrics: {}, notes: [] };

  const med = median(l.samples);
  const last = l.last ?? { check: Number.NaN };
  const metrics = last.metrics ?? {};
  const notes: string[] = [];
  let checkOk = Number.isFinite(last.check);
  if (reference !== undefined) {
    const err = relativeError(last.check, reference.check);
    checkOk = checkOk && err <= TOLERANCE[l.dtype];
    const shown = err > SHOW_ERROR_ABOVE[l.dtype] ? ` (rel. err ${err.toExponential(0)})` : '';
    notes.push(checkOk ? `${workload.checkName} ✓${shown}` : `${workload.checkName} ${fmt(last.check)} ≠ ref ${fmt(reference.check)}`);
  } else {
    notes.push(checkOk ? `${workload.checkName} ${fmt(last.check)}` : `${workload.checkName} not finite`);
  }
  if (last.gradNorm !== undefined && gradReference !== undefined) {
    const err = relativeError(last.gradNorm, gradReference);
    if (err > TOLERANCE[l.dtype]) {
      checkOk = false;
      notes.push(`‖grad‖ off by ${(100 * err).toPrecision(2)}%`);
    } else {
      notes.push('grad ✓');
    }
  }
  const described = workload.describe?.({ medianMs: med, dtype: l.dtype, metrics });
  if (described) notes.push(described);
  if (l.warmupMs !== undefined && l.warmupMs > 2 * med && l.warmupMs - med > 50) notes.push(`1st step ${fmtMs(l.warmupMs)}`);
  const cores = median(l.cores);
  if (cores > 1.25) notes.push(`on ${cores.toFixed(1)} cores`);
  if (l.caseNotes) notes.push(l.caseNotes);
  return {
    ...base,
    status: 'ok',
    medianMs: med,
    minMs: minimum(l.samples),
    ...(chainruleMedian !== undefined ? { ratio: med / chainruleMedian } : {}),
    ...(l.warmupMs !== undefined ? { warmupMs: l.warmupMs } : {}),
    reps: l.reps,
    cores,
    check: last.check,
    ...(reference !== undefined ? { reference: reference.check } : {}),
    checkOk,
    ...(last.gradNorm !== undefined ? { gradNorm: last.gradNorm } : {}),
    metrics,
    notes,
  };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(6) : String(x);
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}
