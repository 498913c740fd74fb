/**
 * chainrule S2: the 1,000,000-step scalar chain built from `Value`, then `backward()`.
 *
 * Timed: building the chain plus the backward pass (the two garbage collections in between,
 * which only serve the memory measurement, are left out of the time).
 * Memory: heap growth between a full gc before building and a full gc after building, with the
 * whole graph still alive, divided by the number of nodes; needs `node --expose-gc`.
 */
import { topologicalOrder, Value } from '@chainrule/autodiff';
import type { Case, StepResult } from '../case.js';
import { CHAIN_U, CHAIN_W, chainInput, chainNodeCount, S2_STEPS } from '../workloads/chain.js';

function buildChain(steps: number, w: Value, u: Value): Value {
  let h = new Value(0);
  for (let t = 0; t < steps; t++) h = w.mul(h).add(u.mul(chainInput(t))).tanh();
  return h;
}

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('S2 needs node --expose-gc to measure bytes per node');
  gc();
  gc();
}

export default async function setup(steps: number = S2_STEPS): Promise<Case> {
  // The node count the notes divide by, checked once on a short chain.
  const probe = buildChain(10, new Value(CHAIN_W), new Value(CHAIN_U));
  const counted = topologicalOrder<Value>(probe).length;
  if (counted !== chainNodeCount(10)) throw new Error(`S2: expected ${chainNodeCount(10)} nodes, graph has ${counted}`);

  return {
    dtype: 'float64',
    notes: 'Value graph',
    step(): StepResult {
      const w = new Value(CHAIN_W);
      const u = new Value(CHAIN_U);
      fullGc();
      const heapBefore = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const h = buildChain(steps, w, u);
      const t1 = performance.now();
      fullGc();
      const heapGraph = process.memoryUsage().heapUsed;
      const t2 = performance.now();
      h.backward();
      const t3 = performance.now();
      const nodes = chainNodeCount(steps);
      return {
        check: h.data,
        gradNorm: Math.hypot(w.grad, u.grad),
        ms: t1 - t0 + (t3 - t2),
        metrics: {
          nodes,
          bytesPerNode: (heapGraph - heapBefore) / nodes,
          forwardMs: t1 - t0,
          backwardMs: t3 - t2,
        },
      };
    },
  };
}
