/** T2 on TensorFlow.js (float32): one `tf.matMul`, read back. */
import type { Case, StepResult } from '../../src/case.js';
import { makeMatmulData, sumOf } from '../../src/workloads/matmul.js';
import { loadTf, type TfBackend } from './tfjs-backend.js';

export default async function setup(backend: TfBackend): Promise<Case> {
  const { tf, notes } = await loadTf(backend);
  const d = makeMatmulData();
  const a = tf.tensor2d(Float32Array.from(d.a), [d.n, d.n]);
  const b = tf.tensor2d(Float32Array.from(d.b), [d.n, d.n]);
  return {
    dtype: 'float32',
    notes,
    step(): StepResult {
      const c = tf.matMul(a, b);
      const values = c.dataSync();
      c.dispose();
      return { check: sumOf(values) };
    },
  };
}
