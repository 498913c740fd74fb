/** T2 on js-pytorch 0.7.2 (float64, nested arrays): one `matmul`. */
import { torch } from 'js-pytorch';
import type { Case, StepResult } from '../case.js';
import { makeMatmulData, sumOf } from '../workloads/matmul.js';
import { toRows } from '../workloads/random.js';
import { flatten } from './norm.js';

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
