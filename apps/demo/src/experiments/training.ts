/**
 * Experiments 7–8 of docs/experiments.md: can a recurrent cell learn a dependency T steps long?
 *
 * Each cell gets a Linear readout and is trained with Adam and gradient-norm clipping on the
 * adding problem or copying memory (tasks.ts). All cells see the same batches in the same order,
 * so their curves differ only by the cell. Every few iterations each model is scored on one fixed
 * held-out batch, under noGrad. A model that learned nothing long-range sits at the task's
 * memoryless baseline (adding: MSE 1/6; copy: 10·ln 8/(T + 20) nats); one that carries the
 * information across T steps goes below it.
 *
 * The function is pure: the numbers depend only on the options (seed included). The `onStep`
 * callback is its one side channel (progress bars, wall-clock timing), and cannot change them.
 */
import { concat, fromArray, noGrad, Random, type Tensor } from '@chainrule/autodiff';
import { Adam, clipGradNorm, crossEntropy, GRUCell, Linear, LSTMCell, mseLoss, RNNCell, unroll, type AnyCell } from '@chainrule/nn';
import type { CellKind } from '../cell-kind.js';
import { ADDING_BASELINE_MSE, addingBatch, COPY_CLASSES, COPY_LENGTH, copyBaseline, copyBatch } from './tasks.js';

export const TASKS = ['adding', 'copy'] as const;
export type TaskName = (typeof TASKS)[number];

/** Hochreiter & Schmidhuber (1997): an adding-problem answer counts as right within 0.04 of the target. */
export const ADDING_TOLERANCE = 0.04;

export interface TrainingOptions {
  readonly task: TaskName;
  /** Adding: the sequence length T. Copy: the delay T (sequences are T + 20 long). */
  readonly steps: number;
  readonly hidden: number;
  readonly batch: number;
  readonly iterations: number;
  /** Adam's learning rate. */
  readonly lr: number;
  /** Largest gradient norm allowed (clipGradNorm); 0 turns clipping off. */
  readonly clip: number;
  readonly cells: readonly CellKind[];
  readonly seed: number;
  /** Score on the held-out batch after every this many updates (and before the first). */
  readonly evalEvery: number;
  /** Sequences in the held-out batch. */
  readonly evalSize: number;
  /** Added to the LSTM's forget-gate bias (1 in Jozefowicz et al. 2015); ignored by the others. */
  readonly forgetBias: number;
}

/** What `onStep` hears after each cell's update (and its evaluation, when one was due). */
export interface StepReport {
  readonly cell: CellKind;
  /** 1..iterations. */
  readonly iteration: number;
  readonly trainLoss: number;
  /** The held-out loss, when this iteration was an evaluation point. */
  readonly evalLoss: number | undefined;
}

export interface CellCurves {
  readonly cell: CellKind;
  /** trainLoss[i]: loss on batch i + 1, with the weights after i updates (before its own). */
  readonly trainLoss: number[];
  /** The total gradient norm of each iteration, before clipping. */
  readonly gradNorm: number[];
  /** Held-out loss and accuracy after evalIterations[k] updates. */
  readonly evalLoss: number[];
  readonly evalAccuracy: number[];
  /** Iterations whose gradient norm was above `clip` (so it was scaled down). */
  readonly clipped: number;
  /** Iterations skipped because the gradient was not finite (overflow or NaN). */
  readonly skipped: number;
}

export interface TrainingResult {
  readonly options: TrainingOptions;
  /** The memoryless strategy's expected loss: 1/6 (adding) or 10·ln 8/(T + 20) (copy). */
  readonly baseline: number;
  /** The same strategy's loss on the held-out batch itself (adding: mean (y − 1)², which varies by batch). */
  readonly heldOutBaseline: number;
  /** The update counts at which the held-out batch was scored: 0, evalEvery, …, iterations. */
  readonly evalIterations: number[];
  readonly runs: CellCurves[];
}

/** A batch ready for a model: one input tensor [B, I] per step, and how to score the states. */
interface Batch {
  readonly xs: readonly Tensor[];
  /** The memoryless strategy's loss on this batch. */
  readonly baseline: number;
  /** The loss from the hidden states h_1..h_L, and the outputs it was computed from. */
  score(hs: readonly Tensor[], readout: Linear): { loss: Tensor; outputs: Tensor };
  /** Fraction right, from the outputs of `score`. */
  accuracy(outputs: Tensor): number;
}

interface Task {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly baseline: number;
  draw(rng: Random, size: number): Batch;
}

/** Adding: read (value, marker) pairs, answer the sum from h_T; mean squared error. */
function addingTask(steps: number): Task {
  return {
    inputSize: 2,
    outputSize: 1,
    baseline: ADDING_BASELINE_MSE,
    draw(rng, size) {
      const { inputs, targets } = addingBatch(steps, size, rng);
      const target = fromArray(targets.flat(), [size, 1]);
      return {
        xs: inputs.map((step) => fromArray(step.flat(), [size, 2])),
        baseline: targets.reduce((sum, [y]) => sum + (y - 1) ** 2, 0) / size,
        score(hs, readout) {
          const outputs = readout.forward(hs[hs.length - 1]);
          return { loss: mseLoss(outputs, target), outputs };
        },
        accuracy: (outputs) => addingAccuracy(outputs.data, target.data),
      };
    },
  };
}

/**
 * Copying memory: one-hot symbols in, a class out at EVERY step (blank, or the remembered
 * symbol in the last 10), cross-entropy averaged over all T + 20 steps — the average the
 * baseline 10·ln 8/(T + 20) is computed over. Accuracy: the symbols of the last 10 steps only.
 */
function copyTask(delay: number): Task {
  return {
    inputSize: COPY_CLASSES,
    outputSize: COPY_CLASSES,
    baseline: copyBaseline(delay),
    draw(rng, size) {
      const { inputs, targets } = copyBatch(delay, size, rng);
      const flatTargets = targets.flat(); // row t·size + i: step t of sequence i
      return {
        xs: inputs.map((step) => oneHot(step, COPY_CLASSES)),
        baseline: copyBaseline(delay), // every guessed symbol costs ln 8, whatever the batch
        score(hs, readout) {
          const outputs = readout.forward(concat(hs, 0)); // all steps at once: [L·size, classes]
          return { loss: crossEntropy(outputs, flatTargets), outputs };
        },
        accuracy: (outputs) => copyAccuracy(outputs.data, flatTargets, size),
      };
    },
  };
}

function oneHot(classes: readonly number[], count: number): Tensor {
  const data = new Float64Array(classes.length * count);
  classes.forEach((c, i) => (data[i * count + c] = 1));
  return fromArray(data, [classes.length, count]);
}

/** Adding: the fraction of answers within ADDING_TOLERANCE of their targets (one per sequence). */
export function addingAccuracy(outputs: ArrayLike<number>, targets: ArrayLike<number>): number {
  return fractionWhere(targets.length, (i) => Math.abs(outputs[i] - targets[i]) < ADDING_TOLERANCE);
}

/**
 * Copy: the fraction of the symbols of the last COPY_LENGTH steps whose class has the largest
 * logit. `logits` holds one row of COPY_CLASSES per step and sequence (row t·size + i), `targets`
 * one class per row.
 */
export function copyAccuracy(logits: ArrayLike<number>, targets: readonly number[], size: number): number {
  const first = targets.length - COPY_LENGTH * size; // the rows of the last 10 steps
  return fractionWhere(COPY_LENGTH * size, (k) => argmaxRow(logits, first + k, COPY_CLASSES) === targets[first + k]);
}

/** The column of row `row`'s largest entry (the first, on a tie). */
export function argmaxRow(data: ArrayLike<number>, row: number, width: number): number {
  let best = 0;
  for (let j = 1; j < width; j++) if (data[row * width + j] > data[row * width + best]) best = j;
  return best;
}

function fractionWhere(count: number, right: (i: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < count; i++) if (right(i)) hits++;
  return hits / count;
}

function makeCell(kind: CellKind, inputSize: number, hiddenSize: number, forgetBias: number, seed: Random): AnyCell {
  if (kind === 'rnn') return new RNNCell({ inputSize, hiddenSize, activation: 'tanh', seed });
  if (kind === 'lstm') return new LSTMCell({ inputSize, hiddenSize, forgetBias, seed });
  return new GRUCell({ inputSize, hiddenSize, seed });
}

/** h_1..h_L of any of the three cells, from zero state. */
function hiddenStates(cell: AnyCell, xs: readonly Tensor[]): readonly Tensor[] {
  return cell instanceof LSTMCell ? unroll(cell, xs).h : unroll(cell, xs).h;
}

/**
 * Seeds: the data, the held-out batch, and each kind of cell get their own stream, all drawn
 * from `seed` in a fixed order. So the LSTM starts from the same weights and sees the same
 * batches whether it is trained alone or beside an RNN.
 */
function seedsFrom(seed: number): { data: Random; held: Random; cells: Record<CellKind, Random> } {
  const master = new Random(seed);
  const next = () => new Random(master.nextUint32());
  const data = next();
  const held = next();
  return { data, held, cells: { rnn: next(), lstm: next(), gru: next() } };
}

export function trainCells(options: TrainingOptions, onStep: (report: StepReport) => void = () => {}): TrainingResult {
  const { iterations, evalEvery, cells, batch, clip } = options;
  const task = options.task === 'adding' ? addingTask(options.steps) : copyTask(options.steps);
  const seeds = seedsFrom(options.seed);
  const heldOut = task.draw(seeds.held, options.evalSize);

  const models = cells.map((kind) => {
    const rng = seeds.cells[kind];
    const cell = makeCell(kind, task.inputSize, options.hidden, options.forgetBias, rng);
    const readout = new Linear({ inFeatures: options.hidden, outFeatures: task.outputSize, seed: rng });
    const params = [...cell.parameters(), ...readout.parameters()];
    const optimizer = new Adam(params, { lr: options.lr });
    const curves = { trainLoss: [] as number[], gradNorm: [] as number[], evalLoss: [] as number[], evalAccuracy: [] as number[] };
    return { kind, cell, readout, params, optimizer, curves, clipped: 0, skipped: 0 };
  });
  type Model = (typeof models)[number];

  const evaluate = (model: Model): number =>
    noGrad(() => {
      const { loss, outputs } = heldOut.score(hiddenStates(model.cell, heldOut.xs), model.readout);
      model.curves.evalLoss.push(loss.item());
      model.curves.evalAccuracy.push(heldOut.accuracy(outputs));
      return loss.item();
    });

  const evalIterations = [0];
  for (let i = 1; i <= iterations; i++) {
    const isEvalPoint = i % evalEvery === 0 || i === iterations;
    if (isEvalPoint) evalIterations.push(i);
    const data = task.draw(seeds.data, batch); // the same batch for every cell
    for (const model of models) {
      if (i === 1) evaluate(model); // before any update, timed with this cell's first step
      model.optimizer.zeroGrad();
      const { loss } = data.score(hiddenStates(model.cell, data.xs), model.readout);
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: leavesOnly only frees the intermediate gradients sooner; the weights' are the same
      loss.backward(undefined, { leavesOnly: true }); // only the weights' gradients are needed: less memory
      // Pascanu et al. 2013: rescale the whole gradient to norm ≤ clip, keeping its direction.
      // (A bound of Infinity never scales: it only measures the norm.)
      const norm = clipGradNorm(model.params, clip > 0 ? clip : Infinity);
      if (Number.isFinite(norm)) model.optimizer.step();
      else model.skipped++;
      if (clip > 0 && norm > clip) model.clipped++;
      model.curves.trainLoss.push(loss.item());
      model.curves.gradNorm.push(norm);
      const evalLoss = isEvalPoint ? evaluate(model) : undefined;
      onStep({ cell: model.kind, iteration: i, trainLoss: loss.item(), evalLoss });
    }
  }
  return {
    options,
    baseline: task.baseline,
    heldOutBaseline: heldOut.baseline,
    evalIterations,
    runs: models.map((m) => ({ cell: m.kind, ...m.curves, clipped: m.clipped, skipped: m.skipped })),
  };
}
