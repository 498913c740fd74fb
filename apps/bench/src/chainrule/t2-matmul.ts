/**
 * chainrule T2: one float64 `matmul` of two 256×256 tensors, with the tuned path plugged in
 * (`useFastPath()`: the WebAssembly kernel) or not (`chainrule-textbook`: the loops of kernels.ts).
 */
import { fromArray } from '@chainrule/autodiff';
import { useFastPath } from '@chainrule/autodiff/fast';
import type { Case, StepResult } from '../case.js';
import { makeMatmulData, sumOf } from '../workloads/matmul.js';

export default async function setup(fast = true): Promise<Case> {
  useFastPath(fast);
  const d = makeMatmulData();
  const a = fromArray(d.a, [d.n, d.n]);
  const b = fromArray(d.b, [d.n, d.n]);
  return {
    dtype: 'float64',
    notes: fast ? 'chainrule Tensor, useFastPath()' : 'chainrule Tensor, textbook path',
    step(): StepResult {
      return { check: sumOf(a.matmul(b).data) };
    },
  };
}
