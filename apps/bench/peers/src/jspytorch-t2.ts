/** T2 on js-pytorch 0.7.2 (float64, nested arrays): one `matmul`. */
import { torch } from 'js-pytorch';
import type { Case, StepResult } from '../../src/case.js';
import { makeMatmulData, sumOf } from '../../src/workloads/matmul.js';
import { toRows } from '../../src/workloads/random.js';
import { flatten } from '../../src/norm.js';

export default async function setup(): Promise<Case> {
  const d = makeMatmulData();
  const a = torch.tensor(toRows(d.a, d.n, d.n));
  const b = torch.tensor(toRows(d.b, d.n, d.n));
  return {
    dtype: 'float64',
    notes: 'js-pytorch',
    step(): StepResult {
      return { check: sumOf(flatten(a.matmul(b).data)) };
    },
  };
}
