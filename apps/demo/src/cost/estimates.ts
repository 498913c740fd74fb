/**
 * What each command would cost, from its flags: the time and memory checked by budget.ts before
 * the run. The constants were measured on this project's 2-core development machine (Node 20,
 * `/usr/bin/time`, 2026-12-02) and rounded up:
 *
 *   vanish --steps 1000 --hidden 256 --no-jacobians   5.0 s   676 MB     (T·H² = 6.6e7)
 *   vanish --steps 2000 --hidden 256 --no-jacobians   9.4 s   1.22 GB
 *   vanish --steps 500 --hidden 128 (Jacobians)       25 s    278 MB     (H·T·H² = 1.0e9)
 *   vanish --cell lstm --steps 1000 --hidden 256      22 s    2.25 GB    (T·4H² = 2.6e8)
 *   vanish --cell gru --steps 1000 --hidden 128 …     13 s    595 MB
 *   tour --steps 1000 --hidden 256                    39 s    2.31 GB
 *   linear --steps 2000 --hidden 256                  45 s    1.26 GB
 *   lstm --steps 1000 --hidden 256 (4 biases)         94 s    2.32 GB
 *   long --steps 2000 --hidden 256                    6.7 s   295 MB
 *   explode --steps 1000 --resolution 100             43 s    179 MB     (res²·T = 1e7)
 *   train --seq-len 200 --iterations 20 --hidden 128 --batch 32 --eval-size 512   81 s   664 MB
 *   remedies --lengths 20 --seeds 1 --iterations 100  5.6 s   162 MB
 *
 * Memory: the experiments of gradient-flow.ts give every step its own view of W_hh, and reduce
 * each step's G·H×H term of dE/dW_hh to its norm as soon as it is complete, so the terms cost
 * O(G·H²), not O(T·G·H²) (PER_STEP_WEIGHT_GRADIENTS is false; it was true, and the runs above
 * needed 0.7–2.3 GB, until that change). What grows with T is every step's states, gates and
 * their gradients, and with the Jacobian norms (vanish, RNN and GRU) the T matrices dh_T/dh_t,
 * H×H each: T·H²·8 bytes. Memory measured after the change (2026-12-02, `/usr/bin/time -f %M`):
 *
 *   vanish --steps 1000 --hidden 256 --no-jacobians   186 MB      vanish --steps 500 --hidden 128   225 MB
 *   vanish --steps 2000 --hidden 256 --no-jacobians   231 MB      vanish --cell lstm … 256         238 MB
 *   vanish --cell gru --steps 1000 --hidden 128 …     224 MB      linear --steps 2000 --hidden 256  209 MB
 *   tour --steps 1000 --hidden 256                    285 MB      lstm --steps 1000 --hidden 256    320 MB
 */
import { GATE_BLOCKS } from '../input/model-file.js';
import type { CellKind } from '../cell-kind.js';
import type { Cost } from './budget.js';

/** True while a gradient-flow run keeps one G·H×H weight gradient per step (experiments/gradient-flow.ts). */
export const PER_STEP_WEIGHT_GRADIENTS = false;

const MB = 2 ** 20;
/** Node, the sources and the engine before any work. */
const BASE_BYTES = 160 * MB;
/** Starting Node and loading the sources. */
const BASE_SECONDS = 1.5;
/** Seconds per multiply-add of one step's G·H×H product, forward and backward with its per-step gradient. */
const SECONDS_PER_UNIT: Readonly<Record<CellKind, number>> = { rnn: 100e-9, lstm: 90e-9, gru: 250e-9 };
/** Seconds per multiply-add of a Jacobian pass (one of H backward passes, no weight gradients). */
const SECONDS_PER_JACOBIAN_UNIT = 25e-9;

/** "--steps 5000 and --hidden 512": the flags that drive a cost, as the user would type them. */
function flagText(parts: readonly (readonly [string, number | string | readonly number[]])[]): string {
  const texts = parts.map(([flag, value]) => `${flag} ${Array.isArray(value) ? value.join(',') : String(value)}`);
  return texts.length <= 1 ? texts.join('') : `${texts.slice(0, -1).join(', ')} and ${texts[texts.length - 1]}`;
}

/** One cell's gradient-flow pass over T steps (vanish, tour, linear, lstm): time, and the memory it keeps. */
function flowCost(cell: CellKind, steps: number, hidden: number, inputSize: number): { seconds: number; bytes: number } {
  const G = GATE_BLOCKS[cell];
  const units = steps * G * hidden * (hidden + inputSize);
  const perStep = PER_STEP_WEIGHT_GRADIENTS ? G * hidden * hidden * 8 : 0;
  // Each step's states, gates and their gradients: a few dozen vectors of G·H.
  return { seconds: units * SECONDS_PER_UNIT[cell], bytes: steps * (perStep + 40 * G * hidden * 8 + inputSize * 8) };
}

function perStepWhy(gates: string): string {
  return PER_STEP_WEIGHT_GRADIENTS
    ? `every step keeps its own ${gates}H×H weight gradient: T·${gates}H²·8 bytes`
    : 'the states and gates of every step';
}

export interface VanishSizes {
  readonly cell: CellKind;
  readonly steps: number;
  readonly hidden: number;
  readonly inputSize: number;
  readonly jacobians: boolean;
}

/** vanish, from its flags or from the sizes of its model and input files (`flags` says which). */
export function vanishCost(s: VanishSizes, flags?: string): Cost {
  const flow = flowCost(s.cell, s.steps, s.hidden, s.inputSize);
  const G = GATE_BLOCKS[s.cell];
  const jacobian = s.jacobians && s.cell !== 'lstm' ? s.hidden * s.steps * G * s.hidden * s.hidden * SECONDS_PER_JACOBIAN_UNIT : 0;
  // The Jacobian norms keep dh_T/dh_t (H×H) for every t until all H backward passes are done.
  const jacobianBytes = jacobian > 0 ? s.steps * s.hidden * s.hidden * 8 : 0;
  const gates = G === 1 ? '' : `${G}·`;
  // An RNN is run twice: as given, and with the identity activation (the ablation of rnn-bound.ts).
  const runs = s.cell === 'rnn' ? 2 : 1;
  return {
    seconds: BASE_SECONDS + runs * flow.seconds + jacobian,
    bytes: BASE_BYTES + flow.bytes + jacobianBytes,
    flags: flags ?? flagText([['--steps', s.steps], ['--hidden', s.hidden], ...(s.cell === 'rnn' ? [] : [['--cell', s.cell] as const])]),
    timeWhy: `${runs === 2 ? 'the RNN and its identity-activation ablation, ' : ''}T steps × ${gates}H² per step${jacobian > 0 ? ', and H more backward passes for the Jacobian norms' : ''}`,
    memoryWhy: `${perStepWhy(gates)}${jacobianBytes > 0 ? ', and dh_T/dh_t for every t: T·H²·8 bytes' : ''}`,
    lower: jacobian > 0 ? '--steps or --hidden, or add --no-jacobians' : '--steps or --hidden',
  };
}

/** tour: a sigmoid RNN and a tanh RNN (each with its identity ablation), and the LSTM at its forget bias and at 0, one after another. */
export function tourCost(f: { readonly steps: number; readonly hidden: number }): Cost {
  const rnn = flowCost('rnn', f.steps, f.hidden, 8);
  const lstm = flowCost('lstm', f.steps, f.hidden, 8);
  return {
    seconds: BASE_SECONDS + 4 * rnn.seconds + 2 * lstm.seconds,
    bytes: BASE_BYTES + Math.max(rnn.bytes, lstm.bytes),
    flags: flagText([['--steps', f.steps], ['--hidden', f.hidden]]),
    timeWhy: 'two RNNs, their two ablations and two LSTMs, T steps × (4·1 + 2·4)·H² in all',
    memoryWhy: `the LSTM's pass: ${perStepWhy('4·')}`,
    lower: '--steps or --hidden',
  };
}

/** linear: one RNN per ρ, and one more for the alignment. */
export function linearCost(f: { readonly rho: readonly number[]; readonly steps: number; readonly hidden: number }): Cost {
  const one = flowCost('rnn', f.steps, f.hidden, f.hidden);
  return {
    seconds: BASE_SECONDS + (f.rho.length + 1) * one.seconds,
    bytes: BASE_BYTES + one.bytes,
    flags: flagText([['--steps', f.steps], ['--hidden', f.hidden], ...(f.rho.length > 3 ? [['--rho', f.rho] as const] : [])]),
    timeWhy: `${f.rho.length + 1} RNNs (one per ρ, one for the alignment), T steps × H² each`,
    memoryWhy: perStepWhy(''),
    lower: f.rho.length > 3 ? '--steps, --hidden or the number of --rho values' : '--steps or --hidden',
  };
}

/** lstm: one LSTM per forget bias. */
export function lstmCost(f: { readonly forgetBias: readonly number[]; readonly steps: number; readonly hidden: number; readonly inputSize: number }): Cost {
  const one = flowCost('lstm', f.steps, f.hidden, f.inputSize);
  return {
    seconds: BASE_SECONDS + f.forgetBias.length * one.seconds,
    bytes: BASE_BYTES + one.bytes,
    flags: flagText([['--steps', f.steps], ['--hidden', f.hidden], ...(f.forgetBias.length > 4 ? [['--forget-bias', f.forgetBias] as const] : [])]),
    timeWhy: `${f.forgetBias.length} LSTMs (one per forget bias), T steps × 4H² each`,
    memoryWhy: perStepWhy('4·'),
    lower: f.forgetBias.length > 4 ? '--steps, --hidden or the number of --forget-bias values' : '--steps or --hidden',
  };
}

/** long: a tanh RNN and an LSTM, norms only (no per-step weight gradients). */
export function longCost(f: { readonly steps: number; readonly hidden: number; readonly inputSize: number }): Cost {
  const units = f.steps * 5 * f.hidden * (f.hidden + f.inputSize);
  return {
    seconds: BASE_SECONDS + units * 12e-9,
    bytes: BASE_BYTES + f.steps * (5 * f.hidden * 8 * 8 + f.inputSize * 8),
    flags: flagText([['--steps', f.steps], ['--hidden', f.hidden], ['--input-size', f.inputSize]]),
    timeWhy: 'an RNN and an LSTM, T steps × 5H² in all',
    memoryWhy: 'the states and gates of every step of both cells',
    lower: '--steps, --hidden or --input-size',
  };
}

/** explode: one scalar unit unrolled T steps at every point of a resolution² grid, forward and back. */
export function explodeCost(f: { readonly steps: number; readonly resolution: number }): Cost {
  const pointSteps = f.resolution * f.resolution * f.steps;
  return {
    seconds: BASE_SECONDS + pointSteps * 4.5e-6,
    bytes: BASE_BYTES + f.resolution * f.resolution * 64 + f.steps * 400,
    flags: flagText([['--resolution', f.resolution], ['--steps', f.steps]]),
    timeWhy: `${f.resolution}² grid points × ${f.steps} steps, about 4.5 µs a point-step`,
    memoryWhy: 'the grid and one unrolled unit',
    lower: '--resolution or --steps',
  };
}

/** The sequence length train runs, from its flags (the same rules as train.ts, for the estimate only). */
function trainLength(f: TrainSizes): number {
  if (f.task === 'adding') return f.seqLen || f.steps || 50;
  return (f.delay || f.steps || (f.seqLen !== 0 ? f.seqLen - 20 : 5)) + 20;
}

export interface TrainSizes {
  readonly task: 'adding' | 'copy';
  readonly seqLen: number;
  readonly delay: number;
  readonly steps: number;
  readonly hidden: number;
  readonly batch: number;
  readonly iterations: number;
  readonly cells: readonly CellKind[];
  readonly evalEvery: number;
  readonly evalSize: number;
}

/** train: every cell on `iterations` batches, and on the held-out batch every evalEvery steps. */
export function trainCost(f: TrainSizes): Cost {
  const T = trainLength(f);
  const H = f.hidden || (f.task === 'copy' ? 64 : 32);
  const iterations = f.iterations || (f.task === 'copy' ? 600 : 800);
  const evalEvery = f.evalEvery || Math.max(1, Math.round(iterations / 40));
  const evaluations = Math.floor(iterations / evalEvery) + 1;
  const inputs = f.task === 'copy' ? 10 : 2;
  const G = f.cells.reduce((s, c) => s + GATE_BLOCKS[c], 0);
  // Multiply-adds of the G·H×H products; small matrices pay more per multiply-add (call overhead).
  const units = T * G * H * (H + inputs) * (iterations * f.batch * 3 + evaluations * f.evalSize);
  const perUnit = 0.15e-9 + 40e-9 / H;
  // A training batch keeps every step's states and gates for backprop; the held-out batch and the
  // training batch are generated whole: T × size × inputs numbers.
  const trainBytes = f.batch * T * G * H * 8 * 20;
  const evalBytes = f.evalSize * T * (inputs + 1) * 8 * 2 + f.evalSize * G * H * 8 * 20;
  return {
    seconds: BASE_SECONDS + units * perUnit + iterations * T * f.cells.length * 60e-6,
    bytes: BASE_BYTES + trainBytes + evalBytes,
    flags: flagText([
      ['T =', T],
      ['--hidden', H],
      ['--batch', f.batch],
      ['--iterations', iterations],
      ['--eval-size', f.evalSize],
    ]).replace(`T = ${T}`, `sequences of ${T} steps`),
    timeWhy: `${f.cells.length} cell${f.cells.length === 1 ? '' : 's'} × T steps × (iterations × batch × 3 + ${evaluations} held-out scorings × eval-size) × ${G === 1 ? '' : 'G·'}H²`,
    memoryWhy: 'every step of a batch kept for backprop, and the held-out batch generated whole: T × eval-size numbers',
    lower: '--seq-len, --hidden, --batch, --iterations or --eval-size',
  };
}

export interface RemediesSizes {
  readonly lengths: readonly number[];
  readonly seeds: number;
  readonly hidden: number;
  readonly batch: number;
  readonly iterations: number;
  readonly evalEvery: number;
  readonly evalSize: number;
}

/** remedies: 3 methods × lengths × seeds runs of at most `iterations` SGD steps each (a solved run stops early). */
export function remediesCost(f: RemediesSizes): Cost {
  const H = f.hidden;
  let seconds = BASE_SECONDS;
  let bytes = 0;
  for (const T of f.lengths) {
    // Per SGD step: ~0.5 ms a time step in op overhead, plus the products; clip+omega (a gradient of a gradient) about twice that.
    const step = T * (0.5e-3 + 3 * f.batch * H * H * 1e-9);
    const evaluation = T * (0.1e-3 + f.evalSize * H * H * 0.5e-9);
    const perRun = f.iterations * step + Math.ceil(f.iterations / f.evalEvery) * evaluation;
    seconds += f.seeds * perRun * (1 + 1 + 2);
    bytes = Math.max(bytes, f.batch * T * H * H * 8 * 3 + f.evalSize * T * 8 * 4);
  }
  return {
    seconds,
    bytes: BASE_BYTES + bytes,
    flags: flagText([
      ['--lengths', f.lengths],
      ['--seeds', f.seeds],
      ['--iterations', f.iterations],
      ['--hidden', H],
      ['--batch', f.batch],
    ]),
    timeWhy: `3 methods × ${f.lengths.length} lengths × ${f.seeds} seeds, each up to ${f.iterations} SGD steps of T × batch × H²`,
    memoryWhy: 'a batch unrolled for backprop twice over (Ω is a gradient of a gradient)',
    lower: '--lengths, --seeds, --iterations, --hidden or --batch',
  };
}

/** graph: the unrolled cell's nodes, drawn in one walk (about 0.6 ms and 40 KB a step for an LSTM). */
export function graphCost(f: { readonly cell: CellKind; readonly steps: number }): Cost {
  const G = GATE_BLOCKS[f.cell];
  return {
    seconds: BASE_SECONDS + f.steps * 0.15e-3 * G,
    bytes: BASE_BYTES + f.steps * 10_000 * G,
    flags: flagText([['--steps', f.steps]]),
    timeWhy: 'every op of every step is walked once',
    memoryWhy: 'every op of every step is a node',
    lower: '--steps',
  };
}
