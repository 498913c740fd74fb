/**
 * The first-bit task: a sequence starts with a bit (input ±1, marker 1) followed by `noise`
 * steps of random ±1 (marker 0); the label is the first bit. Nothing after step 1 says anything
 * about the label, so a model must carry it across every noise step.
 */
import { fromArray, Random, type Tensor } from '@chainrule/autodiff';

export interface FirstBitBatch {
  /** [1 + noise, batch, 2]: channel 0 the value, channel 1 the marker of step 1. */
  readonly xs: Tensor;
  /** The first bit of each sequence, 0 or 1. */
  readonly labels: number[];
}

export function firstBitBatch(rng: Random, batch: number, noise: number): FirstBitBatch {
  const T = 1 + noise;
  const data = new Float64Array(T * batch * 2);
  const labels: number[] = [];
  for (let b = 0; b < batch; b++) {
    const bit = rng.int(2);
    labels.push(bit);
    for (let t = 0; t < T; t++) {
      const at = (t * batch + b) * 2;
      data[at] = t === 0 ? 2 * bit - 1 : 2 * rng.int(2) - 1;
      data[at + 1] = t === 0 ? 1 : 0;
    }
  }
  return { xs: fromArray(data, [T, batch, 2]), labels };
}
