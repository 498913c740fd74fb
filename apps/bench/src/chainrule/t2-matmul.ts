/** chainrule T2: one float64 `matmul` of two 256×256 tensors. */
import type { Case, StepResult } from '../case.js';
import { makeMatmulData, sumOf } from '../workloads/matmul.js';
import { toRows } from '../workloads/random.js';
import { loadTensorApi } from './tensor-api.js';

export default async function setup(): Promise<Case> {
  const { tensor } = loadTensorApi();
  const d = makeMatmulData();
  const a = tensor(toRows(d.a, d.n, d.n));
  const b = tensor(toRows(d.b, d.n, d.n));
  return {
    dtype: 'float64',
    notes: 'chainrule tensor',
    step(): StepResult {
      return { check: sumOf(a.matmul(b).data) };
    },
  };
}
