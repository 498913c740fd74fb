/**
 * TensorFlow.js 4.22 in a worker, on the `cpu` backend (plain JavaScript kernels) or the `wasm`
 * backend (XNNPACK compiled to WebAssembly; its .wasm files load from node_modules, no network).
 * Both compute in float32 only.
 */
import * as tf from '@tensorflow/tfjs';

export type TfBackend = 'cpu' | 'wasm';

export async function loadTf(backend: TfBackend): Promise<{ tf: typeof tf; notes: string }> {
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs could not start its ${backend} backend`);
  await tf.ready();
  if (tf.getBackend() !== backend) throw new Error(`tfjs runs on ${tf.getBackend()}, not ${backend}`);
  if (backend === 'cpu') return { tf, notes: 'tfjs cpu backend' };
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return { tf, notes: `tfjs wasm backend${simd ? ', SIMD' : ''}${threads ? ', threaded' : ''}` };
}
