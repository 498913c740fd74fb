/**
 * What RNNCell, LSTMCell and GRUCell share: PyTorch's four parameters, with one block of rows
 * per gate (1 for the RNN, 4 for the LSTM, 3 for the GRU),
 *
 *   weight_ih [gates·H, I]   weight_hh [gates·H, H]   bias_ih [gates·H]   bias_hh [gates·H]
 *
 * all drawn from PyTorch's default U(−1/√H, 1/√H) in that order, and the shape checks of a step.
 * A cell maps (x_t, state_(t−1)) to state_t; `forwardSequence` applies it along a sequence (what
 * `unroll` asks a cell for; a cell with a faster way to run a whole sequence overrides it). Each cell's math
 * is also a plain function of the weights (`rnnStep`, `lstmStep`, `gruStep`), which is what
 * `forward` calls after checking shapes, and what gradcheck can differentiate with respect to.
 */
import { zeros, type Tensor } from '@chainrule/autodiff';
import { checkOptions, checkShape, checkSize } from '../checks.js';
import { initUniform, pytorchDefaultBound, randomFrom, type Seed } from '../init.js';
import { Module } from '../module.js';

/** The four tensors of a cell. A cell is one (so `rnnStep(act, cell, x, h)` works); so is any object of leaves. */
export interface CellWeights {
  /** W_ih [gates·H, I], the input weights. */
  readonly weightIh: Tensor;
  /** W_hh [gates·H, H], the recurrent weights. */
  readonly weightHh: Tensor;
  /** b_ih [gates·H], or null for none. */
  readonly biasIh: Tensor | null;
  /** b_hh [gates·H], or null for none. */
  readonly biasHh: Tensor | null;
}

/** Options every cell takes. */
export interface CellOptions {
  /** I, the size of each input x_t. */
  readonly inputSize: number;
  /** H, the size of the hidden state. */
  readonly hiddenSize: number;
  /** Whether the cell has bias_ih and bias_hh (default true). */
  readonly bias?: boolean;
  /** Seed for the initial weights (default: the shared generator). */
  readonly seed?: Seed;
}

/** A recurrent cell: PyTorch's four parameters, one step (`forward`), and a sequence (`forwardSequence`). */
export abstract class RecurrentCell<State> extends Module implements CellWeights {
  /** I, the size of each input x_t. */
  readonly inputSize: number;
  /** H, the size of the hidden state. */
  readonly hiddenSize: number;
  /** W_ih [gates·H, I]: the input weights (W_in in docs/experiments.md). */
  readonly weightIh: Tensor;
  /** W_hh [gates·H, H]: the recurrent weights (W_rec in docs/experiments.md). */
  readonly weightHh: Tensor;
  /** b_ih [gates·H], or null without bias. */
  readonly biasIh: Tensor | null;
  /** b_hh [gates·H], or null without bias. */
  readonly biasHh: Tensor | null;

  /** Checks the sizes and draws the weights; `name` is for error messages, `gates` the number of gate blocks. */
  constructor(name: string, gates: number, options: CellOptions) {
    super();
    const { inputSize, hiddenSize, bias = true, seed } = checkOptions(name, options);
    this.inputSize = checkSize(name, 'inputSize', inputSize);
    this.hiddenSize = checkSize(name, 'hiddenSize', hiddenSize);
    // A typed array holds at most 2³² − 1 numbers here, and memory runs out long before.
    const weights = gates * hiddenSize * (inputSize + hiddenSize);
    if (weights > 2 ** 28) {
      throw new RangeError(`${name}: ${gates === 1 ? '' : `${gates}·`}hiddenSize × (inputSize + hiddenSize) = ${weights} weights (${(weights * 8 / 2 ** 30).toFixed(1)} GB); at most 2^28 fit`);
    }
    const rng = randomFrom(seed);
    const bound = pytorchDefaultBound(hiddenSize);
    const draw = (shape: readonly number[]) => initUniform(zeros(shape), { bound, seed: rng });
    const rows = gates * hiddenSize;
    this.weightIh = this.registerParameter('weight_ih', draw([rows, inputSize]));
    this.weightHh = this.registerParameter('weight_hh', draw([rows, hiddenSize]));
    this.biasIh = bias ? this.registerParameter('bias_ih', draw([rows])) : null;
    this.biasHh = bias ? this.registerParameter('bias_hh', draw([rows])) : null;
  }

  /** One time step: state_t from the input x_t [batch, I] and state_(t−1). */
  abstract forward(x: Tensor, state: State): State;

  /** The all-zeros state for a batch of `batchSize` (PyTorch's default initial state). */
  abstract zeroState(batchSize: number): State;

  /**
   * The states after each of x_1, …, x_T (one tensor [T, batch, I] or T tensors [batch, I],
   * checked by the caller), from state0: `forward` step by step.
   */
  forwardSequence(xs: readonly Tensor[] | Tensor, state0: State): State[] {
    const steps = Array.isArray(xs) ? xs : (xs as Tensor).split(1, 0).map((x) => x.reshape(x.shape.slice(1)));
    const states: State[] = [];
    let state = state0;
    for (const x of steps) {
      state = this.forward(x, state);
      states.push(state);
    }
    return states;
  }

  /** Checks x [batch, I] and a state tensor [batch, H] (named `name`) of the same batch. */
  protected checkStep(op: string, x: unknown, stateName: string, state: unknown): void {
    const input = checkShape(op, 'x', x, ['batch', this.inputSize]);
    this.checkStateShape(op, stateName, state, input.shape[0]);
  }

  /** Checks a state tensor (named `name`) is [batch, H]. */
  protected checkStateShape(op: string, stateName: string, state: unknown, batch: number): void {
    checkShape(op, stateName, state, [batch, this.hiddenSize]);
  }
}
