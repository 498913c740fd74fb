/**
 * `chainrule remedies`: a tanh RNN trained three ways (plain SGD, SGD with clipping, SGD with
 * clipping and Pascanu's regularizer Ω) on the temporal order problem (or adding), over several
 * lengths and seeds: how many runs each way solves.
 */
import { defineCommand } from '../framework/command.js';
import { number, numberList, oneOf, positiveInt } from '../framework/flags.js';
import { METHODS, REMEDY_TASKS, SUCCESS_ERROR_RATE, trainWithRemedy, type RemedyRun } from '../experiments/remedies.js';
import { findings, summarize } from '../experiments/remedies-summary.js';
import { checkCost } from '../cost/budget.js';
import { remediesCost } from '../cost/estimates.js';

export const remediesCommand = defineCommand({
  name: 'remedies',
  summary: 'train a tanh RNN three ways (SGD, + clipping, + clipping and Pascanu’s Ω) and count the runs that solve',
  description: [
    'After Pascanu, Mikolov & Bengio (2013, §4.1): the temporal order problem (two symbols, X or Y, in the',
    'first and middle part of a sequence of distractors; the class is their order), a tanh RNN, minibatch SGD',
    'three ways: sgd, clip (the gradient norm clipped, their Algorithm 1), clip+omega (also λ·Ω in the loss,',
    'their §3.3, a gradient of a gradient). A run succeeds below 1% wrong on fresh sequences. The paper trains',
    'for millions of sequences and reports every clip+omega run solving up to T = 200; this trains for',
    '--iterations steps of --batch sequences, so it can afford short sequences only.',
  ],
  flags: {
    task: oneOf(REMEDY_TASKS, { description: 'order (temporal order) or adding (an answer off by ≥ 0.04 is wrong)', default: 'order' }),
    lengths: numberList({ description: 'sequence lengths T', default: [10, 20, 30], min: 10, max: 500 }),
    seeds: positiveInt({ description: 'runs per method and length (seeds 0..N−1 after --seed)', default: 5, max: 100 }),
    hidden: positiveInt({ description: 'hidden units H', default: 32, max: 512 }),
    batch: positiveInt({ description: 'sequences per SGD step', default: 20, max: 1000 }),
    iterations: positiveInt({ description: 'at most this many SGD steps per run', default: 800, max: 100_000 }),
    lr: number({ description: 'learning rate', default: 0.1, min: 1e-6, max: 10 }),
    clip: number({ description: 'clipping threshold on the gradient norm', default: 1, min: 1e-6, max: 1e6 }),
    omega: number({ description: 'λ, the weight of Ω in the loss', default: 2, min: 0, max: 1e6 }),
    evalEvery: positiveInt({ description: 'score on fresh sequences every this many steps', default: 50, max: 100_000 }),
    evalSize: positiveInt({ description: 'fresh sequences per score', default: 500, max: 100_000 }),
  },
  examples: ['remedies', 'remedies --lengths 10,20 --seeds 3', 'remedies --task adding --iterations 3000 --svg remedies.svg'],
  preflight: (f) => checkCost(remediesCost(f)),
  run: (f, { seed, progress }) => {
    const lengths = f.lengths.map((t) => Math.round(t));
    const jobs = METHODS.flatMap((method) => lengths.flatMap((steps) => Array.from({ length: f.seeds }, (_, k) => ({ method, steps, seed: seed + k }))));
    const bar = progress(`training ${jobs.length} runs`, jobs.length * f.iterations);
    const runs: RemedyRun[] = [];
    for (const job of jobs) {
      let counted = 0;
      const run = trainWithRemedy(
        {
          ...job,
          task: f.task,
          hidden: f.hidden,
          batch: f.batch,
          learningRate: f.lr,
          clipThreshold: f.clip,
          omegaWeight: f.omega,
          maxIterations: f.iterations,
          evalEvery: f.evalEvery,
          evalSize: f.evalSize,
        },
        (iteration) => {
          bar.tick(1, `${job.method} T=${job.steps} seed ${job.seed}`);
          counted = iteration;
        },
      );
      bar.tick(f.iterations - counted); // a solved run ends early: count its unused steps as done
      runs.push(run);
    }
    bar.stop();
    const cells = summarize(runs);
    const longest = Math.max(...lengths);
    const profiles = METHODS.map((method) => {
      const mine = runs.filter((r) => r.method === method && r.steps === longest);
      return { name: `${method} (mean of ${mine.length} runs)`, values: mine[0].gradNorms.map((_, t) => mine.reduce((s, r) => s + r.gradNorms[t], 0) / mine.length) };
    });
    return {
      data: {
        task: f.task,
        success_error_rate: SUCCESS_ERROR_RATE,
        cells: cells.map((c) => ({ method: c.method, steps: c.steps, solved: c.solved, runs: c.runs, median_iterations: c.medianIterations, first_over_last: c.firstOverLast, clipped_steps: c.clippedSteps })),
        runs: runs.map((r) => ({ method: r.method, steps: r.steps, seed: r.seed, solved: r.solved, iterations: r.iterations, error_rate: r.errorRate, clipped_steps: r.clippedSteps, grad_h_norms: [...r.gradNorms] })),
      },
      figures: [
        {
          kind: 'line',
          title: `After training, T = ${longest}: ‖dE/dh_t‖ per sequence, the full gradient (mean over runs)`,
          xLabel: 't',
          yLabel: '‖dE/dh_t‖',
          x: Array.from({ length: longest }, (_, t) => t + 1),
          series: profiles,
        },
        {
          kind: 'table',
          title: `Runs solved (under ${SUCCESS_ERROR_RATE * 100}% wrong on ${f.evalSize} fresh sequences), ${f.task}, at most ${f.iterations} steps of ${f.batch}`,
          columns: [{ header: 'method' }, { header: 'T', format: 'integer' }, { header: 'solved' }, { header: 'median steps to solve' }, { header: '‖dE/dh_1‖/‖dE/dh_T‖' }],
          rows: cells.map((c) => [c.method, c.steps, `${c.solved}/${c.runs}`, c.medianIterations === null ? '—' : String(c.medianIterations), c.firstOverLast.toExponential(2)]),
        },
        { kind: 'text', lines: findings(cells) },
      ],
    };
  },
});
