/**
 * A worker process: hosts ONE engine for ONE workload, so that engines never share a heap, a
 * wasm instance or a JIT's type feedback, and so that the peak memory of the process is that
 * engine's. The parent tells it when to warm up and when to run one timed sample.
 *
 * Usage (by the harness only): node --expose-gc <tsx loader> worker.ts <workload> <engine>
 */
import { PendingError, type Case, type StepResult } from './case.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { WORKLOAD_IDS, workloadById, type WorkloadId } from './registry.js';

function send(message: FromWorker): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) throw new Error('worker.ts runs only as a child of the harness');
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0];
  return String(error);
}

/**
 * Times `reps` steps; the result is the last step's, the time is per step. `cores` is the CPU
 * time of the whole process (every thread: wasm workers, V8's GC helpers) over the wall time,
 * so an engine that computes on both cores shows about 2.
 */
async function sample(c: Case, reps: number): Promise<{ ms: number; cores: number; result: StepResult }> {
  let own = 0;
  let result: StepResult = { check: Number.NaN };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) {
    result = await c.step();
    if (result.ms !== undefined) own += result.ms;
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cores = (cpu.user + cpu.system) / 1000 / wall;
  return { ms: (result.ms !== undefined ? own : wall) / reps, cores, result };
}

async function main(): Promise<void> {
  const [workloadArg, engine] = process.argv.slice(2);
  if (!(WORKLOAD_IDS as readonly string[]).includes(workloadArg)) throw new Error(`unknown workload ${workloadArg}`);
  const entry = workloadById(workloadArg as WorkloadId).entries.find((e) => e.engine === engine);
  if (entry === undefined) throw new Error(`no engine ${engine} for ${workloadArg}`);

  const rssBeforeSetup = process.memoryUsage().rss;
  const t0 = performance.now();
  let c: Case;
  try {
    c = await entry.load();
  } catch (error) {
    await send(error instanceof PendingError ? { kind: 'pending', reason: reasonOf(error) } : { kind: 'failed', reason: reasonOf(error) });
    process.exit(0);
  }
  await send({ kind: 'ready', dtype: c.dtype, notes: c.notes ?? '', setupMs: performance.now() - t0, rssBeforeSetup });

  let reps = 1;
  process.on('message', (message: ToWorker) => {
    void (async () => {
      try {
        if (message.kind === 'warmup') {
          let first = { ms: 0, result: { check: Number.NaN } as StepResult };
          for (let i = 0; i < message.steps; i++) {
            const s = await sample(c, 1);
            if (i === 0) first = s;
          }
          if (message.minSampleMs > 0) {
            // One more step, past any compile, to choose how many steps make a long enough sample.
            const probe = await sample(c, 1);
            if (probe.ms > 0) reps = Math.min(10_000, Math.max(1, Math.ceil(message.minSampleMs / probe.ms)));
          }
          await send({ kind: 'warm', ms: first.ms, reps, result: first.result });
        } else if (message.kind === 'run') {
          await send({ kind: 'sample', ...(await sample(c, reps)) });
        } else {
          const usage = process.memoryUsage();
          // resourceUsage().maxRSS is in kilobytes: the process's peak resident set since it started.
          await send({ kind: 'done', peakRss: process.resourceUsage().maxRSS * 1024, rss: usage.rss, heapUsed: usage.heapUsed });
          process.exit(0);
        }
      } catch (error) {
        await send({ kind: 'failed', reason: reasonOf(error) });
        process.exit(0);
      }
    })();
  });
}

main().catch(async (error: unknown) => {
  await send({ kind: 'failed', reason: reasonOf(error) }).catch(() => undefined);
  process.exit(1);
});
