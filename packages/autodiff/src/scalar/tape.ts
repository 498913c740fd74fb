/**
 * Tape: the scalar engine of `value.ts` again, stored as a Wengert list.
 *
 * `Value` gives every number its own object, a list of parents and a backward closure. That is
 * the clearest way to read backpropagation, and the slowest way to run it: each node costs
 * about 250 bytes of short-lived objects, and the garbage collector ends up doing a third of
 * the work. Real AD systems record a *tape* instead (Wengert 1964; Griewank & Walther,
 * "Evaluating Derivatives", 2008, ch. 3): one row per operation, in the order the operations
 * ran, each row holding
 *
 *     value[i]   the number computed            grad[i]   dRoot/d(row i)
 *     op[i]      which operation made it        left[i], right[i]   the rows it read
 *
 * kept here as columns of typed arrays, so recording an operation allocates nothing.
 *
 * Two things come for free from that layout:
 *   - the rows are already in topological order (a row can only read rows written before it),
 *     so backward is one loop from the root down to row 0: no graph search;
 *   - a training loop can keep its parameters in the first rows and `truncate` the rest after
 *     each step, reusing the same memory for the next step's graph.
 *
 * A row is named by its index, a `Slot`. Numbers are not slots: write `tape.leaf(1)` for a
 * constant (TypeScript rejects `tape.add(x, 1)`, which would otherwise mean "row 1").
 */
import { sigmoid, sigmoidSlope, tanhSlope } from '../math.js';

/**
 * The name of one row of a `Tape`, handed out by that tape only. It is the row's index plus the
 * tape's own offset (a multiple of 2³²), so a slot of one tape is refused by every other tape;
 * `tape.rowOf(slot)` gives the row index and `tape.slotAt(row)` the slot of a row.
 */
export type Slot = number & {
  /** Marks the number as a row index that a `Tape` handed out (a type-only brand). */
  readonly __tapeSlot: true;
};

/** Operation codes, one per row; the backward rule for each is in `Tape.backward`. */
const OP = {
  leaf: 0,
  add: 1,
  sub: 2,
  mul: 3,
  div: 4,
  pow: 5,
  neg: 6,
  exp: 7,
  log: 8,
  tanh: 9,
  sigmoid: 10,
  relu: 11,
} as const;
type OpCode = (typeof OP)[keyof typeof OP];
const OP_NAMES = Object.keys(OP) as readonly (keyof typeof OP)[];

const NONE = -1; // `left`/`right` of a row that reads fewer than two rows
const INITIAL_ROWS = 1024;
/** Each tape's slots start at its number times this; rows beyond it could not be stored anyway (Int32Array). */
const TAPE_SPAN = 2 ** 32;
/** Tapes are numbered 1, 2, …, 2²⁰ and then from 1 again (a slot kept across a million tapes could be taken for another's). */
const TAPE_IDS = 2 ** 20;
let tapesMade = 0;

/** A scalar computation recorded as rows of typed arrays (a Wengert list), with backward as one loop. */
export class Tape {
  private values = new Float64Array(INITIAL_ROWS);
  private grads = new Float64Array(INITIAL_ROWS);
  private ops = new Uint8Array(INITIAL_ROWS);
  private lefts = new Int32Array(INITIAL_ROWS);
  private rights = new Int32Array(INITIAL_ROWS);
  /** Scratch for `backward`: this pass's derivatives, and which rows the root depends on. */
  private pass = new Float64Array(0);
  private reached = new Uint8Array(0);
  /** Rows written so far; the next operation writes row `length`. */
  private rows = 0;
  /** This tape's offset: slot = base + row. */
  private readonly base = ((tapesMade++ % TAPE_IDS) + 1) * TAPE_SPAN;

  /** How many rows the tape holds. Save it to `truncate` back to later. */
  get length(): number {
    return this.rows;
  }

  // ---- recording: each operation computes its value and appends one row ----

  /** A number with no inputs: a parameter, an input, or a constant. */
  leaf(value: number): Slot {
    if (typeof value !== 'number') throw new TypeError(`Tape.leaf: expected a number, got ${describeArgument(value)}`);
    return this.record(OP.leaf, value, NONE, NONE);
  }

  /** a + b. */
  add(a: Slot, b: Slot): Slot {
    const i = this.row('add', a);
    const j = this.row('add', b);
    return this.record(OP.add, this.values[i] + this.values[j], i, j);
  }

  /** a − b. */
  sub(a: Slot, b: Slot): Slot {
    const i = this.row('sub', a);
    const j = this.row('sub', b);
    return this.record(OP.sub, this.values[i] - this.values[j], i, j);
  }

  /** a · b. */
  mul(a: Slot, b: Slot): Slot {
    const i = this.row('mul', a);
    const j = this.row('mul', b);
    return this.record(OP.mul, this.values[i] * this.values[j], i, j);
  }

  /** a / b. */
  div(a: Slot, b: Slot): Slot {
    const i = this.row('div', a);
    const j = this.row('div', b);
    return this.record(OP.div, this.values[i] / this.values[j], i, j);
  }

  /** a^k for a constant k; k is kept on the tape as a leaf row (its grad stays 0). */
  pow(a: Slot, k: number): Slot {
    const i = this.row('pow', a);
    if (typeof k !== 'number') throw new TypeError(`Tape.pow: the exponent must be a number, got ${describeArgument(k)}`);
    const exponent = this.row('pow', this.leaf(k));
    return this.record(OP.pow, this.values[i] ** k, i, exponent);
  }

  /** −a. */
  neg(a: Slot): Slot {
    const i = this.row('neg', a);
    return this.record(OP.neg, -this.values[i], i, NONE);
  }

  /** e^a. */
  exp(a: Slot): Slot {
    const i = this.row('exp', a);
    return this.record(OP.exp, Math.exp(this.values[i]), i, NONE);
  }

  /** Natural logarithm: log(0) = −Infinity and log(−1) = NaN, as for `Value`. */
  log(a: Slot): Slot {
    const i = this.row('log', a);
    return this.record(OP.log, Math.log(this.values[i]), i, NONE);
  }

  /** tanh(a). */
  tanh(a: Slot): Slot {
    const i = this.row('tanh', a);
    return this.record(OP.tanh, Math.tanh(this.values[i]), i, NONE);
  }

  /** σ(a), without overflow. */
  sigmoid(a: Slot): Slot {
    const i = this.row('sigmoid', a);
    return this.record(OP.sigmoid, sigmoid(this.values[i]), i, NONE);
  }

  /** max(a, 0). */
  relu(a: Slot): Slot {
    const i = this.row('relu', a);
    const x = this.values[i];
    return this.record(OP.relu, x > 0 ? x : 0, i, NONE);
  }

  // ---- backward: the chain rule, one loop over the rows, last to first ----

  /**
   * Adds dRoot/dRow to `grad(row)` for every row `root` depends on (and root itself), like
   * `Value.backward`: a second call adds the gradient again; `zeroGrad()` clears it.
   *
   * Walking the rows from `root` down visits every row after every row that read it, because a
   * row only reads rows written before it. Rows the root does not depend on are skipped, so they
   * neither receive a gradient nor pass one on.
   */
  backward(rootSlot: Slot): void {
    const root = this.row('backward', rootSlot);
    const { values: v, ops, lefts, rights } = this;
    if (this.pass.length < this.rows) {
      this.pass = new Float64Array(this.values.length);
      this.reached = new Uint8Array(this.values.length);
    }
    const g = this.pass; // g[i] = dRoot/d(row i), this pass only
    const reached = this.reached;
    g.fill(0, 0, root + 1);
    reached.fill(0, 0, root + 1);
    g[root] = 1; // dRoot/dRoot
    reached[root] = 1;

    for (let i: number = root; i >= 0; i--) {
      if (reached[i] === 0) continue;
      const out = g[i];
      const a = lefts[i];
      const b = rights[i];
      if (a !== NONE) reached[a] = 1;
      if (b !== NONE) reached[b] = 1;
      switch (ops[i] as OpCode) {
        case OP.leaf:
          break;
        case OP.add: // d(a + b) = da + db
          g[a] += out;
          g[b] += out;
          break;
        case OP.sub: // d(a − b) = da − db
          g[a] += out;
          g[b] -= out;
          break;
        case OP.mul: // d(a · b) = b · da + a · db
          g[a] += v[b] * out;
          g[b] += v[a] * out;
          break;
        case OP.div: // d(a / b) = da / b − a · db / b² = (da − (a / b) · db) / b   (the row's value is a / b)
          g[a] += out / v[b];
          g[b] -= (out * v[i]) / v[b];
          break;
        case OP.pow: // d(a^k) = k · a^(k−1) · da   (a⁰ is constant; grad · a^(k−1) first, then k)
          if (v[b] !== 0) g[a] += out * v[a] ** (v[b] - 1) * v[b];
          break;
        case OP.neg: // d(−a) = −da
          g[a] -= out;
          break;
        case OP.exp: // d(e^a) = e^a · da   (the row's own value)
          g[a] += v[i] * out;
          break;
        case OP.log: // d(ln a) = da / a
          g[a] += out / v[a];
          break;
        case OP.tanh: // d tanh(a) = (1 − tanh²(a)) · da, the slope from a itself (math.ts: no cancellation)
          g[a] += tanhSlope(v[a]) * out;
          break;
        case OP.sigmoid: // d σ(a) = σ(a) · (1 − σ(a)) · da, the slope from a itself (math.ts)
          g[a] += sigmoidSlope(v[a]) * out;
          break;
        case OP.relu: // d relu(a) = [a > 0] · da   (0 at the kink, as PyTorch)
          if (v[a] > 0) g[a] += out;
          break;
      }
    }
    const grads = this.grads;
    for (let i = 0; i <= root; i++) if (reached[i] === 1) grads[i] += g[i];
  }

  // ---- reading and writing rows ----

  /** The number row `s` holds. */
  value(s: Slot): number {
    return this.values[this.row('value', s)];
  }

  /** dRoot/d(row s) summed over the `backward` calls since the last `zeroGrad`. */
  grad(s: Slot): number {
    return this.grads[this.row('grad', s)];
  }

  /** Overwrites a leaf's value, e.g. an SGD update of a parameter. */
  setValue(s: Slot, value: number): void {
    const i = this.row('setValue', s);
    if (this.ops[i] !== OP.leaf) {
      throw new Error(`Tape.setValue: row ${i} is computed by ${OP_NAMES[this.ops[i]]}; only a leaf's value can be set`);
    }
    if (typeof value !== 'number') throw new TypeError(`Tape.setValue: expected a number, got ${describeArgument(value)}`);
    this.values[i] = value;
  }

  /** The operation that wrote row `s` ('leaf' for a leaf), for printing and tests. */
  opOf(s: Slot): string {
    return OP_NAMES[this.ops[this.row('opOf', s)]];
  }

  /** The row index (0, 1, …, length − 1) a slot of this tape names. */
  rowOf(s: Slot): number {
    return this.row('rowOf', s);
  }

  /** The slot of row `row` of this tape (0 ≤ row < length), e.g. to print every row. */
  slotAt(row: number): Slot {
    if (!(Number.isInteger(row) && row >= 0 && row < this.rows)) {
      throw new RangeError(`Tape.slotAt: row must be an integer in [0, ${this.rows}), got ${describeArgument(row)}`);
    }
    return (this.base + row) as Slot;
  }

  /** Sets every row's grad back to 0. */
  zeroGrad(): void {
    this.grads.fill(0, 0, this.rows);
  }

  /**
   * Forgets every row from `length` on; the slots of the kept rows stay valid. A training step
   * records its graph after the parameters' rows, then truncates back to them.
   */
  truncate(length: number): void {
    if (!Number.isInteger(length) || length < 0 || length > this.rows) {
      throw new RangeError(`Tape.truncate: length must be an integer in [0, ${this.rows}], got ${describeArgument(length)}`);
    }
    this.grads.fill(0, length, this.rows); // so a row written again starts at grad 0
    this.rows = length;
  }

  // ---- storage ----

  private record(op: OpCode, value: number, a: number, b: number): Slot {
    if (this.rows === this.values.length) this.grow();
    const i = this.rows++;
    this.values[i] = value;
    this.ops[i] = op;
    this.lefts[i] = a;
    this.rights[i] = b;
    return (this.base + i) as Slot;
  }

  /** Doubles every column's capacity, copying the rows written so far. */
  private grow(): void {
    const capacity = 2 * this.values.length;
    this.values = grown(this.values, capacity);
    this.grads = grown(this.grads, capacity);
    this.ops = grown(this.ops, capacity);
    this.lefts = grown(this.lefts, capacity);
    this.rights = grown(this.rights, capacity);
  }

  /** The row a slot names; it must be a slot of this tape for a row already written. */
  private row(op: string, s: Slot): number {
    const i = typeof s === 'number' ? s - this.base : -1;
    if (i >= 0 && i < this.rows && (i | 0) === i) return i;
    throw new RangeError(slotMessage(op, s, this.rows, this.base));
  }
}

/** A copy of `column` with room for `capacity` entries. */
function grown<Column extends Float64Array | Int32Array | Uint8Array>(column: Column, capacity: number): Column {
  const bigger = new (column.constructor as new (length: number) => Column)(capacity);
  bigger.set(column);
  return bigger;
}

function slotMessage(op: string, s: unknown, rows: number, base: number): string {
  if (typeof s === 'number' && Number.isInteger(s) && s >= TAPE_SPAN && s % TAPE_SPAN < TAPE_SPAN) {
    const row = s % TAPE_SPAN;
    if (s - row !== base) return `Tape.${op}: ${s} is a slot of another tape (its row ${row}); slots work only on the tape that made them`;
    return `Tape.${op}: ${s} names row ${row}, which this tape no longer has (it has ${rows} rows; truncated?)`;
  }
  return `Tape.${op}: ${describeArgument(s)} is not a row of this tape (it has ${rows} rows; use tape.leaf(x) for a number)`;
}

/** Any argument, described without throwing (a Symbol or BigInt included). */
function describeArgument(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 30 ? `${value.slice(0, 27)}...` : value)}`;
  if (typeof value === 'bigint') return `the bigint ${value}n`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
