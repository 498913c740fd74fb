/**
 * chainrule S2 on a `Tape`: the same 1,000,000-step chain as s2-chain.ts, 5 rows per step
 * (the leaf x_t, w·h, u·x, the sum, the tanh), then `backward`.
 *
 * Timed: recording the chain plus the backward pass, as for `Value`.
 * Memory: a tape keeps its rows in typed arrays, which Node counts in `arrayBuffers`, not in the
 * JS heap; bytes per node is the growth of heap + array buffers over the recording, divided by
 * the number of rows (the columns double when full, so up to half of it is spare capacity).
 */
import { Tape } from '@chainrule/autodiff';
import type { Case, StepResult } from '../case.js';
import { CHAIN_U, CHAIN_W, chainInput, chainNodeCount, S2_STEPS } from '../workloads/chain.js';

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('S2 needs node --expose-gc to measure bytes per node');
  gc();
  gc();
}

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export default async function setup(steps: number = S2_STEPS): Promise<Case> {
  return {
    dtype: 'float64',
    notes: 'Tape',
    step(): StepResult {
      fullGc();
      const before = memory();
      const t0 = performance.now();
      const tape = new Tape();
      const w = tape.leaf(CHAIN_W);
      const u = tape.leaf(CHAIN_U);
      let h = tape.leaf(0);
      for (let t = 0; t < steps; t++) {
        h = tape.tanh(tape.add(tape.mul(w, h), tape.mul(u, tape.leaf(chainInput(t)))));
      }
      const t1 = performance.now();
      fullGc();
      const recorded = memory();
      const nodes = chainNodeCount(steps);
      if (tape.length !== nodes) throw new Error(`S2 tape: expected ${nodes} rows, got ${tape.length}`);
      const t2 = performance.now();
      tape.backward(h);
      const t3 = performance.now();
      return {
        check: tape.value(h),
        gradNorm: Math.hypot(tape.grad(w), tape.grad(u)),
        ms: t1 - t0 + (t3 - t2),
        metrics: { nodes, bytesPerNode: (recorded - before) / nodes, forwardMs: t1 - t0, backwardMs: t3 - t2 },
      };
    },
  };
}
