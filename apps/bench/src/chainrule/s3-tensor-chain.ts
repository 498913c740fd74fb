/**
 * chainrule S3: S2's chain h = tanh(w·h + u·x_t) with one-element Tensors instead of Values:
 * 250,000 steps of 4 recorded ops (w·h, u·x_t, the sum, tanh) = 1,000,000 ops, then backward().
 * The tensor engine walks the graph with the same explicit stack (graph.ts), so it must not
 * overflow either; this measures its per-op cost, which is far above Value's (a Tensor carries
 * a shape, a typed array and a recipe).
 */
import { fromArray, type Tensor } from '@chainrule/autodiff';
import type { Case, StepResult } from '../case.js';
import { CHAIN_U, CHAIN_W, chainInput } from '../workloads/chain.js';

export const S3_STEPS = 250_000;
export const S3_OPS = 4 * S3_STEPS;

export default async function setup(steps: number = S3_STEPS): Promise<Case> {
  return {
    dtype: 'float64',
    notes: 'Tensor graph, shape [1]',
    step(): StepResult {
      const w = fromArray([CHAIN_W], [1], { requiresGrad: true });
      const u = fromArray([CHAIN_U], [1], { requiresGrad: true });
      const t0 = performance.now();
      let h: Tensor = fromArray([0], [1]);
      for (let t = 0; t < steps; t++) h = w.mul(h).add(u.mul(chainInput(t))).tanh();
      h.backward(undefined, { leavesOnly: true });
      const ms = performance.now() - t0;
      return { check: h.item(), gradNorm: Math.hypot(w.grad!.item(), u.grad!.item()), ms, metrics: { ops: 4 * steps } };
    },
  };
}
