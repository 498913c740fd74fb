/** T2 on jax-js (wasm device): `jit(np.matmul)`, read back. */
import { jit, numpy as np } from '@jax-js/jax';
import type { Case, StepResult } from '../../src/case.js';
import { makeMatmulData, sumOf } from '../../src/workloads/matmul.js';
import { jaxArray, startJax, type JaxDType } from './jax-setup.js';

export default async function setup(dtype: JaxDType): Promise<Case> {
  await startJax();
  const d = makeMatmulData();
  const a = jaxArray(d.a, [d.n, d.n], dtype);
  const b = jaxArray(d.b, [d.n, d.n], dtype);
  const product = jit((x: np.Array, y: np.Array) => np.matmul(x, y));
  return {
    dtype,
    notes: 'jax-js jit on wasm',
    step(): StepResult {
      return { check: sumOf(product(a.ref, b.ref).dataSync()) };
    },
  };
}
