/**
 * Pascanu, Mikolov & Bengio (2013, §4.1), at the size of a laptop: a tanh RNN learns the
 * temporal order problem (temporal-order.ts) or the adding problem (tasks.ts) three ways,
 *
 *   sgd         plain minibatch SGD                              (their MSGD)
 *   clip        SGD with the gradient norm clipped (Algorithm 1) (MSGD-C)
 *   clip+omega  clipped, and λ·Ω added to the loss (§3.3)        (MSGD-CR)
 *
 * and a run succeeds when it gets under 1% of fresh sequences wrong (their criterion: for the
 * adding problem, an answer off by 0.04 or more is wrong). Each run also reports ‖dE/dh_t‖ for
 * every t after training, on fresh sequences: the profile Ω is meant to keep flat.
 */
import { fromArray, noGrad, Random, type Tensor } from '@chainrule/autodiff';
import { clipGradNorm, crossEntropy, Linear, mseLoss, pascanuRegularizer, RNNCell, SGD, unroll } from '@chainrule/nn';
import { addingBatch } from './tasks.js';
import { ORDER_CLASSES, ORDER_SYMBOLS, temporalOrderBatch } from './temporal-order.js';

export const METHODS = ['sgd', 'clip', 'clip+omega'] as const;
export type Method = (typeof METHODS)[number];
export const REMEDY_TASKS = ['order', 'adding'] as const;
export type RemedyTask = (typeof REMEDY_TASKS)[number];

/** A task as the training loop needs it: batches as tensors, the loss, and what counts as wrong. */
export interface TaskRules<Answer> {
  readonly inputSize: number;
  readonly outputSize: number;
  batch(steps: number, size: number, rng: Random): { xs: Tensor[]; answer: Answer };
  loss(output: Tensor, answer: Answer): Tensor;
  /** How many rows of `output` are wrong. */
  wrong(output: Tensor, answer: Answer): number;
}

/** The tolerance of the adding problem: an answer off by this much or more is wrong. */
export const ADDING_WRONG_BY = 0.04;

/** Temporal order: the answer is one class per sequence; wrong when the arg max is another. */
export const ORDER_RULES: TaskRules<readonly number[]> = {
  inputSize: ORDER_SYMBOLS,
  outputSize: ORDER_CLASSES,
  batch: (steps, size, rng) => {
    const b = temporalOrderBatch(steps, size, rng);
    return { xs: b.inputs.map((step) => fromArray(step.flat(), [size, ORDER_SYMBOLS])), answer: b.classes };
  },
  loss: (output, classes) => crossEntropy(output, classes),
  wrong: (output, classes) =>
    classes.filter((k, i) => {
      const row = output.data.subarray(i * ORDER_CLASSES, (i + 1) * ORDER_CLASSES);
      return row.indexOf(Math.max(...row)) !== k;
    }).length,
};

/** Adding: the answer is a [size, 1] tensor of sums; wrong when off by ADDING_WRONG_BY or more. */
export const ADDING_RULES: TaskRules<Tensor> = {
  inputSize: 2,
  outputSize: 1,
  batch: (steps, size, rng) => {
    const b = addingBatch(steps, size, rng);
    return { xs: b.inputs.map((step) => fromArray(step.flat(), [size, 2])), answer: fromArray(b.targets.flat(), [size, 1]) };
  },
  loss: (output, targets) => mseLoss(output, targets),
  wrong: (output, targets) => Array.from(output.data).filter((y, i) => !(Math.abs(y - targets.data[i]) < ADDING_WRONG_BY)).length,
};

export interface RemedyOptions {
  readonly task: RemedyTask;
  readonly method: Method;
  /** Sequence length T. */
  readonly steps: number;
  readonly seed: number;
  readonly hidden: number;
  readonly batch: number;
  readonly learningRate: number;
  /** Clip the gradient's norm to this (methods clip and clip+omega). */
  readonly clipThreshold: number;
  /** λ, the weight of Ω in the loss (method clip+omega). */
  readonly omegaWeight: number;
  /** Give up after this many SGD steps. */
  readonly maxIterations: number;
  /** Score on fresh sequences every this many steps. */
  readonly evalEvery: number;
  /** How many fresh sequences a score uses. */
  readonly evalSize: number;
}

export interface RemedyRun {
  readonly task: RemedyTask;
  readonly method: Method;
  readonly steps: number;
  readonly seed: number;
  /** Under 1% wrong on fresh sequences at some score. */
  readonly solved: boolean;
  /** SGD steps taken: to the first successful score, or all of them. */
  readonly iterations: number;
  /** The fraction wrong at the last score. */
  readonly errorRate: number;
  /** ‖dE/dh_t‖, t = 1..T, after training, the mean over a batch of fresh sequences (per sequence). */
  readonly gradNorms: readonly number[];
  /** How many SGD steps had their gradient clipped. */
  readonly clippedSteps: number;
}

export const SUCCESS_ERROR_RATE = 0.01;

export function trainWithRemedy(o: RemedyOptions, onIteration: (iteration: number) => void = () => {}): RemedyRun {
  return o.task === 'order' ? train(ORDER_RULES, o, onIteration) : train(ADDING_RULES, o, onIteration);
}

function train<Answer>(task: TaskRules<Answer>, o: RemedyOptions, onIteration: (iteration: number) => void): RemedyRun {
  const rng = new Random(o.seed);
  const cell = new RNNCell({ inputSize: task.inputSize, hiddenSize: o.hidden, activation: 'tanh', seed: rng });
  const readout = new Linear({ inFeatures: o.hidden, outFeatures: task.outputSize, seed: rng });
  const params = [...cell.parameters(), ...readout.parameters()];
  const optimizer = new SGD(params, { lr: o.learningRate });
  const data = new Random(o.seed + 1_000_003); // the training stream
  const test = new Random(o.seed + 2_000_003); // fresh sequences for the scores
  const clips = o.method !== 'sgd';
  const regularize = o.method === 'clip+omega';

  const errorRate = (): number =>
    noGrad(() => {
      const { xs, answer } = task.batch(o.steps, o.evalSize, test);
      return task.wrong(readout.forward(unroll(cell, xs).last), answer) / o.evalSize;
    });

  let iterations = 0;
  let clippedSteps = 0;
  let lastError = errorRate();
  let solved = lastError < SUCCESS_ERROR_RATE;
  while (!solved && iterations < o.maxIterations) {
    const { xs, answer } = task.batch(o.steps, o.batch, data);
    const h0 = cell.zeroState(o.batch);
    const { h } = unroll(cell, xs, h0);
    const loss = task.loss(readout.forward(h[h.length - 1]), answer);
    const total = regularize ? loss.add(pascanuRegularizer(cell, xs, h, h0, loss).mul(o.omegaWeight)) : loss;
    optimizer.zeroGrad();
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: leavesOnly only frees the intermediate gradients sooner; the weights' are the same
    total.backward(undefined, { leavesOnly: true });
    if (clips && clipGradNorm(params, o.clipThreshold) > o.clipThreshold) clippedSteps++;
    optimizer.step();
    iterations++;
    onIteration(iterations);
    if (iterations % o.evalEvery === 0 || iterations === o.maxIterations) {
      lastError = errorRate();
      solved = lastError < SUCCESS_ERROR_RATE;
    }
  }
  const gradNorms = gradientProfile(task, cell, readout, o.steps, test);
  return { task: o.task, method: o.method, steps: o.steps, seed: o.seed, solved, iterations, errorRate: lastError, gradNorms, clippedSteps };
}

/** ‖dE/dh_t‖ for t = 1..T of the task's loss on 100 fresh sequences, per sequence (the mean of the rows' norms). */
function gradientProfile<Answer>(task: TaskRules<Answer>, cell: RNNCell, readout: Linear, steps: number, rng: Random): number[] {
  const n = 100;
  const { xs, answer } = task.batch(steps, n, rng);
  const { h } = unroll(cell, xs);
  const loss = task.loss(readout.forward(h[h.length - 1]), answer).mul(n); // a sum over sequences: each row its own dE/dh_t
  loss.backward();
  const H = cell.hiddenSize;
  return h.map((ht) => {
    const g = ht.grad!.data; // every h_t reaches the loss (through W_hh, even when W_hh is 0)
    let total = 0;
    for (let i = 0; i < n; i++) {
      let sq = 0;
      for (let j = 0; j < H; j++) sq += g[i * H + j] ** 2;
      total += Math.sqrt(sq);
    }
    return total / n;
  });
}
