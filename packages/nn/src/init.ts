/**
 * Initializers: they overwrite a parameter's numbers in place, drawing from a seeded generator,
 * so the same seed gives the same weights on every machine. Each returns the tensor it filled.
 *
 *   initUniform(w, { bound: 0.2, seed: 1 })     U(−0.2, 0.2)
 *   initNormal(cell.weightHh, { std: 0.01 })     N(0, 0.01²): the textbook cell's small random weights
 *   initGlorotUniform(w)                         Glorot & Bengio 2010
 *   initOrthogonal(w, { gain: 0.95 })            Saxe et al. 2014: every singular value is `gain`
 *
 * `seed` is a number (a fresh generator) or a `Random` to keep drawing from; without one the
 * shared generator of @chainrule/autodiff is used (`manualSeed` restarts it).
 */
import { defaultRandom, formatShape, Random, type Tensor } from '@chainrule/autodiff';

/** Where random numbers come from: a seed for a fresh generator, or a generator to draw from. */
export type Seed = number | Random;

/** A generator for `seed`: a fresh one for a number, the given one, or the shared one. */
export function randomFrom(seed?: Seed): Random {
  if (seed === undefined) return defaultRandom();
  return seed instanceof Random ? seed : new Random(seed);
}

/**
 * PyTorch's default bound for RNNCell, LSTMCell, GRUCell (fan = hiddenSize, for every weight and
 * bias) and Linear (fan = inFeatures): parameters ~ U(−1/√fan, 1/√fan).
 */
export function pytorchDefaultBound(fan: number): number {
  return 1 / Math.sqrt(fan);
}

/** Every entry ~ U(−bound, bound). */
export function initUniform(param: Tensor, { bound, seed }: { bound: number; seed?: Seed }): Tensor {
  const rng = randomFrom(seed);
  for (let i = 0; i < param.size; i++) param.data[i] = (2 * rng.uniform() - 1) * bound;
  return param;
}

/** Every entry ~ N(mean, std²). */
export function initNormal(param: Tensor, { std, mean = 0, seed }: { std: number; mean?: number; seed?: Seed }): Tensor {
  const rng = randomFrom(seed);
  for (let i = 0; i < param.size; i++) param.data[i] = rng.normal(mean, std);
  return param;
}

/**
 * Glorot (Xavier) uniform: U(−a, a) with a = gain · √(6 / (fan_in + fan_out)), which keeps the
 * variance of activations and of gradients about the same from layer to layer. For a weight
 * [out, in], fan_in = in and fan_out = out (for an LSTM's [4H, H] that is the whole matrix,
 * as torch.nn.init.xavier_uniform_ does).
 */
export function initGlorotUniform(param: Tensor, { gain = 1, seed }: { gain?: number; seed?: Seed } = {}): Tensor {
  const [fanOut, fanIn] = matrixShape('initGlorotUniform', param);
  return initUniform(param, { bound: gain * Math.sqrt(6 / (fanIn + fanOut)), seed });
}

/**
 * Orthogonal: a uniformly random (Haar) matrix with orthonormal columns (or rows, if it is
 * wide), times `gain`. Multiplying by it never shrinks or stretches a vector, so a linear RNN
 * with W_hh = ρ·Q scales its gradient by exactly ρ per step.
 *
 * Draw a Gaussian matrix G and take Q from G = Q·R. Gram–Schmidt makes R's diagonal positive
 * (it divides by norms), which is the sign fix that makes Q uniformly distributed: QR by
 * Householder reflections leaves those signs arbitrary and needs Q·diag(sign(diag R)) instead
 * (Mezzadri 2007, "How to generate random matrices from the classical compact groups").
 */
export function initOrthogonal(param: Tensor, { gain = 1, seed }: { gain?: number; seed?: Seed } = {}): Tensor {
  const [rows, cols] = matrixShape('initOrthogonal', param);
  const tall = rows >= cols;
  const [length, count] = tall ? [rows, cols] : [cols, rows];
  const rng = randomFrom(seed);
  const vectors = Array.from({ length: count }, () => Float64Array.from({ length }, () => rng.normal()));
  orthonormalize(vectors);
  // The vectors are Q's columns for a tall matrix, its rows for a wide one.
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) param.data[r * cols + c] = gain * (tall ? vectors[c][r] : vectors[r][c]);
  }
  return param;
}

/**
 * Modified Gram–Schmidt, in place: v_j ← v_j minus its projections on v_1..v_(j−1), then
 * v_j ← v_j / ||v_j||. Done twice per vector ("twice is enough", Giraud et al. 2005), so the
 * result is orthonormal to rounding even when the input is nearly dependent.
 */
function orthonormalize(vectors: Float64Array[]): void {
  vectors.forEach((v, j) => {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        const q = vectors[k];
        let dot = 0;
        for (let i = 0; i < v.length; i++) dot += q[i] * v[i];
        for (let i = 0; i < v.length; i++) v[i] -= dot * q[i];
      }
      let norm = 0;
      for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
      norm = Math.sqrt(norm);
      if (norm === 0) throw new Error('initOrthogonal: drew linearly dependent vectors (a zero column)');
      for (let i = 0; i < v.length; i++) v[i] /= norm;
    }
  });
}

function matrixShape(op: string, param: Tensor): readonly [number, number] {
  if (param.ndim !== 2) throw new Error(`${op}: expected a matrix, got shape ${formatShape(param.shape)}`);
  return [param.shape[0], param.shape[1]];
}
