/**
 * `chainrule train --task adding|copy`: experiments 7–8. A tanh RNN and an LSTM (and a GRU if
 * asked) learn the same long-range task from the same batches; the loss curves show which one
 * gets below the memoryless baseline. The numbers come from trainCells (experiments/training.ts);
 * this file picks sizes, measures wall time per cell, and lays out the figures.
 */
import { defineCommand } from '../framework/command.js';
import { UsageError } from '../framework/errors.js';
import { cliName, deprecated, integer, number, oneOf, positiveInt, type Flag } from '../framework/flags.js';
import type { Figure, Series } from '../render/figures.js';
import { formatNumber } from '../render/format.js';
import { CELL_KINDS, type CellKind } from '../cell-kind.js';
import { TASKS, trainCells, type CellCurves, type TaskName, type TrainingResult } from '../experiments/training.js';
import { checkCost } from '../cost/budget.js';
import { trainCost } from '../cost/estimates.js';

/** Defaults per task, chosen by measurement on a 2-core machine (see README, "train"). */
/** `steps` is the tasks' T: the adding problem's sequence length, the copy task's delay. */
const TASK_DEFAULTS: Record<TaskName, { steps: number; hidden: number; iterations: number }> = {
  adding: { steps: 50, hidden: 32, iterations: 800 },
  copy: { steps: 5, hidden: 64, iterations: 600 },
};

/** A copy-task sequence is its delay plus 20 steps: 10 symbols to read, 10 to recall. */
const COPY_EXTRA = 20;

const CELL_NAMES: Record<CellKind, string> = { rnn: 'tanh RNN', lstm: 'LSTM', gru: 'GRU' };

/** `--cells rnn,lstm`: a comma-separated list of distinct cell kinds. */
function cellList(defaults: readonly CellKind[]): Flag<readonly CellKind[]> {
  return {
    type: 'value',
    description: 'the cells to train side by side',
    placeholder: 'LIST',
    accepts: `comma-separated, each one of ${CELL_KINDS.join(', ')}, no repeats`,
    default: defaults,
    defaultText: defaults.join(','),
    parse(raw) {
      const names = raw.split(',').map((s) => s.trim());
      const kinds = names.flatMap((name) => CELL_KINDS.filter((kind) => kind === name));
      const ok = kinds.length === names.length && new Set(kinds).size === kinds.length;
      return ok ? { ok: true, value: kinds } : { ok: false };
    },
  };
}

/** A positive integer whose default depends on another flag: 0 stands for "the task's default". */
function perTaskInt(description: string, defaultText: string, max: number): Flag<number> {
  return { ...integer({ description, default: 0, min: 1, max }), defaultText };
}

export const trainCommand = defineCommand({
  name: 'train',
  summary: 'train a tanh RNN and an LSTM on the adding or copying-memory task, against the memoryless baseline',
  description: [
    'Experiments 7–8 (Arjovsky, Shah & Bengio 2016; Hochreiter & Schmidhuber 1997). Each cell gets a',
    'linear readout and Adam with gradient-norm clipping; all cells see the same batches. Adding: sum the',
    'two marked numbers of a sequence of T; always answering 1 scores MSE 1/6. Copy: repeat 10 symbols',
    'after a delay of T; guessing scores 10·ln 8/(T + 20) nats per step. Below the baseline means the',
    'cell carried information across T steps. Losses are drawn on a log scale.',
  ],
  flags: {
    task: oneOf(TASKS, { description: 'the task', default: 'adding' }),
    seqLen: perTaskInt(
      'sequence length: time steps per sequence (copy: delay + 20)',
      `${TASK_DEFAULTS.adding.steps} (adding), ${TASK_DEFAULTS.copy.steps + COPY_EXTRA} (copy)`,
      10_000 + COPY_EXTRA,
    ),
    delay: perTaskInt('copy only: the delay T between the 10 symbols and their recall (instead of --seq-len)', `${TASK_DEFAULTS.copy.steps}`, 10_000),
    hidden: perTaskInt('hidden units per cell', `${TASK_DEFAULTS.adding.hidden} (adding), ${TASK_DEFAULTS.copy.hidden} (copy)`, 1024),
    batch: positiveInt({ description: 'sequences per training batch', default: 32, max: 4096 }),
    iterations: perTaskInt('optimizer steps per cell (each on one batch)', `${TASK_DEFAULTS.adding.iterations} (adding), ${TASK_DEFAULTS.copy.iterations} (copy)`, 1_000_000),
    lr: number({ description: "Adam's learning rate", default: 0.01, min: 1e-6, max: 1 }),
    clip: number({ description: 'clip the gradient norm to this (0: no clipping)', default: 1, min: 0, max: 1e6 }),
    cells: cellList(['rnn', 'lstm']),
    forgetBias: number({ description: "added to the LSTM's forget-gate bias", default: 1, min: -10, max: 10 }),
    evalEvery: perTaskInt('score the held-out batch every N steps', 'iterations/40', 1_000_000),
    evalSize: positiveInt({ description: 'sequences in the held-out batch', default: 512, max: 100_000 }),
    steps: deprecated(
      { ...integer({ description: 'the old name of T: the sequence length (adding) or the delay (copy)', default: 0, min: 1, max: 10_000 }), defaultText: undefined },
      'use --seq-len (or --delay for the copy task)',
    ),
  },
  examples: ['train', 'train --task copy', 'train --seq-len 100 --iterations 3000 --svg adding.svg', 'train --task copy --delay 10', 'train --cells rnn,lstm,gru --json > curves.json'],
  preflight: (f) => checkCost(trainCost(f)),
  run: (flags, { seed, progress }) => {
    const defaults = TASK_DEFAULTS[flags.task];
    const steps = taskT(flags);
    const iterations = flags.iterations || defaults.iterations;
    const options = {
      ...flags,
      steps,
      hidden: flags.hidden || defaults.hidden,
      iterations,
      evalEvery: flags.evalEvery || Math.max(1, Math.round(iterations / 40)),
      seed,
    };
    // Wall time per cell: the time between one report and the next belongs to the cell reported.
    const seconds = new Map<CellKind, number>();
    const bar = progress('training', iterations * options.cells.length);
    let last = performance.now();
    const result = trainCells(options, (report) => {
      const now = performance.now();
      seconds.set(report.cell, (seconds.get(report.cell) ?? 0) + (now - last) / 1000);
      last = now;
      bar.tick(1, `${report.cell} ${formatNumber(report.trainLoss)}`);
    });
    bar.stop();
    return present(result, seconds);
  },
});

/**
 * T from --seq-len, --delay or the deprecated --steps (at most one of them): the adding problem's
 * sequence length, the copy task's delay (its sequences are T + 20 long).
 */
function taskT(flags: { readonly task: TaskName; readonly seqLen: number; readonly delay: number; readonly steps: number }): number {
  const given = (['seqLen', 'delay', 'steps'] as const).filter((key) => flags[key] !== 0).map((key) => `--${cliName(key)}`);
  if (given.length > 1) throw new UsageError(`${given.join(' and ')} set the same length: give one`);
  if (flags.task === 'adding') {
    if (flags.delay !== 0) throw new UsageError('--delay is for --task copy; the adding problem takes --seq-len');
    const T = flags.seqLen || flags.steps || TASK_DEFAULTS.adding.steps;
    if (T < 2) throw new UsageError(`${given[0]} must be at least 2 for the adding problem (one marker in each half)`);
    return T;
  }
  if (flags.seqLen !== 0 && flags.seqLen <= COPY_EXTRA) {
    throw new UsageError(`--seq-len must be at least ${COPY_EXTRA + 1} for the copy task (10 symbols, a delay of at least 1, 10 answers)`);
  }
  return flags.delay || flags.steps || (flags.seqLen !== 0 ? flags.seqLen - COPY_EXTRA : TASK_DEFAULTS.copy.steps);
}

/** Mean of the training losses in each window between evaluation points (the first point: batch 1 alone). */
function windowMeans(values: readonly number[], at: readonly number[]): number[] {
  return at.map((end, k) => {
    const start = k === 0 ? 0 : at[k - 1];
    const window = values.slice(start, Math.max(end, 1));
    return window.reduce((s, v) => s + v, 0) / window.length;
  });
}

function present(result: TrainingResult, seconds: ReadonlyMap<CellKind, number>) {
  const { options, baseline, heldOutBaseline, evalIterations, runs } = result;
  const adding = options.task === 'adding';
  const taskTitle = adding ? `Adding problem, T = ${options.steps}` : `Copying memory, delay T = ${options.steps}`;
  const baselineName = adding ? 'baseline: always 1 (MSE 1/6)' : 'baseline: blanks then guess (10·ln8/(T+20))';
  const lossName = adding ? 'MSE' : 'cross-entropy (nats/step)';
  const final = (run: CellCurves) => run.evalLoss[run.evalLoss.length - 1];
  const finalAccuracy = (run: CellCurves) => run.evalAccuracy[run.evalAccuracy.length - 1];
  const sequences = options.iterations * options.batch;
  const lossSeries: Series[] = runs.flatMap((run) => [
    { name: `${CELL_NAMES[run.cell]} held-out`, values: run.evalLoss, group: run.cell },
    { name: `${CELL_NAMES[run.cell]} train`, values: windowMeans(run.trainLoss, evalIterations), group: run.cell },
  ]);
  const figures: Figure[] = [
    {
      kind: 'line',
      title: `${taskTitle}: ${lossName} while training`,
      xLabel: 'training steps',
      yLabel: lossName,
      x: evalIterations,
      series: [...lossSeries, { name: baselineName, values: evalIterations.map(() => baseline), style: 'bound' }],
    },
    {
      kind: 'line',
      title: `${taskTitle}: gradient norm before clipping`,
      xLabel: 'training steps',
      yLabel: '‖∇‖',
      x: evalIterations,
      series: [
        ...runs.map((run) => ({ name: CELL_NAMES[run.cell], values: windowMeans(run.gradNorm, evalIterations) })),
        ...(options.clip > 0 ? [{ name: `clip at ${options.clip}`, values: evalIterations.map(() => options.clip), style: 'bound' as const }] : []),
      ],
    },
    {
      kind: 'table',
      title: `${taskTitle}: after ${options.iterations} steps of ${options.batch} sequences (held-out: ${options.evalSize} sequences)`,
      columns: [
        { header: 'cell' },
        { header: `held-out ${adding ? 'MSE' : 'loss'}` },
        { header: '÷ baseline' },
        { header: adding ? `within ${0.04}` : 'symbols right' },
        { header: 'sequences', format: 'integer' },
        { header: 'clipped', format: 'integer' },
        { header: 'seconds' },
      ],
      rows: [
        ...runs.map((run) => [
          CELL_NAMES[run.cell],
          final(run),
          final(run) / heldOutBaseline,
          finalAccuracy(run),
          sequences,
          run.clipped,
          seconds.get(run.cell) ?? 0,
        ]),
        ['no memory (baseline)', heldOutBaseline, 1, adding ? '' : 1 / 8, '', '', ''],
      ],
    },
    { kind: 'text', lines: findings(result) },
  ];
  return {
    data: {
      task: options.task,
      steps: options.steps,
      sequence_length: adding ? options.steps : options.steps + COPY_EXTRA,
      hidden: options.hidden,
      batch: options.batch,
      iterations: options.iterations,
      lr: options.lr,
      clip: options.clip,
      forget_bias: options.forgetBias,
      seed: options.seed,
      eval_every: options.evalEvery,
      eval_size: options.evalSize,
      baseline,
      held_out_baseline: heldOutBaseline,
      eval_iterations: evalIterations,
      cells: runs.map((run) => ({
        cell: run.cell,
        final_eval_loss: final(run),
        final_eval_accuracy: finalAccuracy(run),
        sequences_seen: sequences,
        clipped_iterations: run.clipped,
        skipped_iterations: run.skipped,
        wall_seconds: seconds.get(run.cell) ?? 0,
        train_loss: run.trainLoss,
        grad_norm: run.gradNorm,
        eval_loss: run.evalLoss,
        eval_accuracy: run.evalAccuracy,
      })),
    },
    figures,
  };
}

/** One sentence per finding: where each cell ended relative to the baseline, and the papers' numbers. */
function findings({ options, baseline, heldOutBaseline, runs }: TrainingResult): string[] {
  const unit = options.task === 'adding' ? 'MSE' : 'nats per step';
  const lines = [
    `Train curves: the mean over each window of ${options.evalEvery} batch${options.evalEvery === 1 ? '' : 'es'}; held-out curves: one fixed batch of ${options.evalSize} sequences, scored under noGrad.`,
    options.task === 'adding'
      ? `A model that remembers nothing answers 1 (the expected sum) and scores MSE 1/6 = ${formatNumber(baseline)} (${formatNumber(heldOutBaseline)} on the held-out batch).`
      : `A model that remembers nothing outputs blanks, then guesses 1 of 8 symbols: ${formatNumber(baseline)} nats per step.`,
  ];
  for (const run of runs) {
    const loss = run.evalLoss[run.evalLoss.length - 1];
    const ratio = loss / heldOutBaseline;
    const verdict =
      ratio < 0.5
        ? `well below: it carries the information across ${options.steps} steps`
        : ratio < 0.97
          ? `below: it has started to carry some information across ${options.steps} steps`
          : `${ratio > 1.03 ? 'above' : 'at'} the baseline: it has not learned the long-range dependency (yet)`;
    lines.push(`The ${CELL_NAMES[run.cell]} ends at ${formatNumber(loss)} ${unit} on held-out data, ${formatNumber(ratio)} × the no-memory loss there, ${verdict}.`);
  }
  const seen = `Each cell saw ${options.iterations * options.batch} sequences.`;
  lines.push(
    options.task === 'adding'
      ? `${seen} For scale: Hochreiter & Schmidhuber (1997) report T = 100 solved after 74,000 sequences; Arjovsky, Shah & Bengio (2016) train to T = 400, where the LSTM beats the baseline and the tanh RNN stays at it.`
      : `${seen} For scale: Arjovsky, Shah & Bengio (2016) use delays T = 100 to 500 (baselines 0.173 to 0.040 nats); T = ${options.steps} is what fits in a minute here.`,
  );
  return lines;
}
