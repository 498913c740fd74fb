/**
 * T1 on TensorFlow.js (float32): the LSTM written with tfjs ops (one matMul per input per step,
 * `split` into the four gates), gradients of W_x, W_h, b by `tf.variableGrads`.
 */
import type { Case, StepResult } from '../../src/case.js';
import { makeLstmData } from '../../src/workloads/lstm.js';
import { loadTf, type TfBackend } from './tfjs-backend.js';
import { normOf } from '../../src/norm.js';

export default async function setup(backend: TfBackend): Promise<Case> {
  const { tf, notes } = await loadTf(backend);
  const d = makeLstmData();
  const { batch: B, input: I, hidden: H } = d;
  const wx = tf.variable(tf.tensor2d(Float32Array.from(d.wx), [I, 4 * H]));
  const wh = tf.variable(tf.tensor2d(Float32Array.from(d.wh), [H, 4 * H]));
  const b = tf.variable(tf.tensor1d(Float32Array.from(d.b)));
  const xs = d.xs.map((x) => tf.tensor2d(Float32Array.from(x), [B, I]));

  const loss = (): ReturnType<typeof tf.scalar> => {
    let h = tf.zeros([B, H]);
    let c = tf.zeros([B, H]);
    for (const x of xs) {
      const z = tf.add(tf.add(tf.matMul(x, wx), tf.matMul(h, wh)), b);
      const [zi, zf, zg, zo] = tf.split(z, 4, 1);
      c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
      h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
    }
    return tf.mean(tf.square(h));
  };

  return {
    dtype: 'float32',
    notes,
    step(): StepResult {
      return tf.tidy(() => {
        const { value, grads } = tf.variableGrads(loss, [wx, wh, b]);
        const g = [wx, wh, b].map((v) => grads[v.name].dataSync());
        return { check: value.dataSync()[0], gradNorm: normOf(g) };
      });
    },
  };
}
