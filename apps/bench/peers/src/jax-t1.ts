/**
 * T1 on jax-js (wasm device): the LSTM as a pure function of (params, xs), differentiated by
 * `valueAndGrad`; either run op by op (eager) or traced once and compiled by `jit`, whose first
 * call (the compile) falls in the warm-up.
 *
 * jax-js counts references: every function takes ownership of its array arguments, so a value
 * used again later is passed as `.ref`, and reading a result back (`dataSync`) releases it.
 */
import { jit, nn, numpy as np, valueAndGrad } from '@jax-js/jax';
import type { Case, StepResult } from '../../src/case.js';
import { makeLstmData } from '../../src/workloads/lstm.js';
import { normOf } from '../../src/norm.js';
import { jaxArray, startJax, type JaxDType } from './jax-setup.js';

type Params = { wx: np.Array; wh: np.Array; b: np.Array };

export default async function setup(mode: 'jit' | 'eager', dtype: JaxDType): Promise<Case> {
  await startJax();
  const d = makeLstmData();
  const { batch: B, input: I, hidden: H } = d;
  const params: Params = {
    wx: jaxArray(d.wx, [I, 4 * H], dtype),
    wh: jaxArray(d.wh, [H, 4 * H], dtype),
    b: jaxArray(d.b, [4 * H], dtype),
  };
  const xs = d.xs.map((x) => jaxArray(x, [B, I], dtype));
  const zerosDtype = dtype === 'float64' ? np.float64 : np.float32;

  const loss = (p: Params, inputs: np.Array[]): np.Array => {
    let h = np.zeros([B, H], { dtype: zerosDtype });
    let c = np.zeros([B, H], { dtype: zerosDtype });
    for (const x of inputs) {
      const z = np.matmul(x, p.wx.ref).add(np.matmul(h, p.wh.ref)).add(p.b.ref);
      const [zi, zf, zg, zo] = np.split(z, 4, 1);
      c = nn.sigmoid(zf).mul(c).add(nn.sigmoid(zi).mul(np.tanh(zg)));
      h = nn.sigmoid(zo).mul(np.tanh(c.ref));
    }
    c.dispose();
    p.wx.dispose();
    p.wh.dispose();
    p.b.dispose();
    return np.square(h).mean();
  };
  const eager = valueAndGrad(loss);
  const run = mode === 'jit' ? jit(eager) : eager;

  return {
    dtype,
    notes: mode === 'jit' ? 'jax-js jit(valueAndGrad) on wasm' : 'jax-js eager valueAndGrad on wasm',
    step(): StepResult {
      const [value, grads] = run(
        { wx: params.wx.ref, wh: params.wh.ref, b: params.b.ref },
        xs.map((x) => x.ref),
      );
      const gradNorm = normOf([grads.wx.dataSync(), grads.wh.dataSync(), grads.b.dataSync()]);
      return { check: value.dataSync()[0], gradNorm };
    },
  };
}
