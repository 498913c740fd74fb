/** chainrule T2: one float64 `matmul` of two 256×256 tensors. */
import { fromArray } from '@chainrule/autodiff';
import type { Case, StepResult } from '../case.js';
import { makeMatmulData, sumOf } from '../workloads/matmul.js';

export default async function setup(): Promise<Case> {
  const d = makeMatmulData();
  const a = fromArray(d.a, [d.n, d.n]);
  const b = fromArray(d.b, [d.n, d.n]);
  return {
    dtype: 'float64',
    notes: 'chainrule Tensor',
    step(): StepResult {
      return { check: sumOf(a.matmul(b).data) };
    },
  };
}
