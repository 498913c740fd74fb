// Strict operands across the public API: fast-check feeds arbitrary values (fc.anything(): strings,
// null, objects, arrays, symbols… and numbers) to every entry point of @chainrule/autodiff and
// @chainrule/nn. Each call must either give a correct result or throw an Error whose message names
// the op: never a string where a number belongs, never NaN from inputs without NaN, never one of
// JavaScript's own TypeErrors from deep inside ("Cannot read properties of null", "x is not a function").
import * as ad from '@chainrule/autodiff';
import * as nn from '@chainrule/nn';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** JavaScript's messages for a value used as what it is not: they mean a check is missing. */
const INTERNAL = /Cannot read propert|Cannot set propert|Cannot create property|is not a function|is not iterable|is not a constructor|Cannot convert|Cannot destructure|Cannot mix BigInt|Do not know how to serialize|^(undefined|null) is not|Invalid typed array length|Array buffer allocation failed|Maximum call stack/;

/** A value anywhere inside `x` (to the depth fc.anything() goes) that is a NaN number. */
function holdsNaN(x: unknown, depth = 0): boolean {
  if (typeof x === 'number') return Number.isNaN(x);
  if (depth > 6 || x === null || typeof x !== 'object') return false;
  try {
    return Object.values(x as object).some((v) => holdsNaN(v, depth + 1));
  } catch {
    return false;
  }
}

/** Every number a result holds: a number, a Value's data, a Tensor's elements, a Tape row. */
function numbersOf(result: unknown): number[] {
  if (typeof result === 'number') return [result];
  if (result instanceof ad.Value) return [result.data];
  if (result instanceof ad.Tensor) return Array.from(result.data);
  return [];
}

interface Entry {
  /** The op's name as its errors must start (or contain, for methods: "Value.add", "Tape.leaf"). */
  readonly op: string;
  readonly call: (junk: unknown) => unknown;
  /** The result when it does not throw: what it must be. */
  readonly returns: 'number' | 'Value' | 'Tensor' | 'Tensor[]' | 'void' | 'string' | 'any';
}

const t23 = () => ad.tensor([[1, 2, 3], [4, 5, 6]]);
const cell = () => new nn.RNNCell({ inputSize: 3, hiddenSize: 2, seed: 1 });
const param = () => ad.tensor([1, 2], { requiresGrad: true });

const ENTRIES: readonly Entry[] = [
  { op: 'Value', call: (j) => new ad.Value(j as number), returns: 'Value' },
  { op: 'Value.add', call: (j) => new ad.Value(2).add(j as number), returns: 'Value' },
  { op: 'Value.mul', call: (j) => new ad.Value(2).mul(j as number), returns: 'Value' },
  { op: 'Value.pow', call: (j) => new ad.Value(2).pow(j as number), returns: 'Value' },
  { op: 'Tape.leaf', call: (j) => new ad.Tape().leaf(j as number), returns: 'any' },
  {
    op: 'Tape.add',
    call: (j) => {
      const tape = new ad.Tape();
      return tape.value(tape.add(tape.leaf(1), j as ad.Slot));
    },
    returns: 'number',
  },
  {
    op: 'Tape.setValue',
    call: (j) => {
      const tape = new ad.Tape();
      const x = tape.leaf(1);
      tape.setValue(x, j as number);
      return tape.value(x);
    },
    returns: 'number',
  },
  { op: 'Tape.truncate', call: (j) => new ad.Tape().truncate(j as number), returns: 'void' },
  { op: 'tensor', call: (j) => ad.tensor(j as number[]), returns: 'Tensor' },
  { op: 'zeros', call: (j) => ad.zeros(j as number[]), returns: 'Tensor' },
  { op: 'full', call: (j) => ad.full([2], j as number), returns: 'Tensor' },
  { op: 'reshape', call: (j) => t23().reshape(j as number[]), returns: 'Tensor' },
  { op: 'transpose', call: (j) => t23().transpose(j as number[]), returns: 'Tensor' },
  { op: 'sum', call: (j) => t23().sum(j as number), returns: 'Tensor' },
  { op: 'softmax', call: (j) => ad.softmax(t23(), j as number), returns: 'Tensor' },
  { op: 'add', call: (j) => t23().add(j as number), returns: 'Tensor' },
  { op: 'matmul', call: (j) => ad.matmul(t23(), j as ad.Tensor), returns: 'Tensor' },
  { op: 'pow', call: (j) => t23().pow(j as number), returns: 'Tensor' },
  { op: 'slice', call: (j) => ad.slice(t23(), 1, j as number), returns: 'Tensor' },
  { op: 'split', call: (j) => ad.split(t23(), j as number, 1), returns: 'Tensor[]' },
  { op: 'concat', call: (j) => ad.concat(j as ad.Tensor[], 0), returns: 'Tensor' },
  { op: 'stack', call: (j) => ad.stack(j as ad.Tensor[], 0), returns: 'Tensor' },
  { op: 'takeAlong', call: (j) => ad.takeAlong(t23(), 1, j as number[]), returns: 'Tensor' },
  { op: 'toDot', call: (j) => ad.toDot(j as ad.Tensor), returns: 'string' },
  { op: 'graphView', call: (j) => ad.graphView(t23().sum(), j as ad.ViewOptions), returns: 'any' },
  { op: 'topologicalOrder', call: (j) => ad.topologicalOrder(j as ad.Tensor), returns: 'any' },
  { op: 'Random', call: (j) => new ad.Random(j as number).uniform(), returns: 'number' },
  { op: 'RNNCell', call: (j) => new nn.RNNCell(j as nn.RNNCellOptions), returns: 'any' },
  { op: 'LSTMCell', call: (j) => new nn.LSTMCell({ inputSize: 2, hiddenSize: j as number }), returns: 'any' },
  { op: 'Linear', call: (j) => new nn.Linear(j as nn.LinearOptions), returns: 'any' },
  { op: 'loadStateDict', call: (j) => cell().loadStateDict(j as nn.StateDictInput), returns: 'void' },
  { op: 'SGD', call: (j) => new nn.SGD(j as ad.Tensor[], { lr: 0.1 }), returns: 'any' },
  { op: 'SGD', call: (j) => new nn.SGD([param()], j as nn.SGDOptions), returns: 'any' },
  { op: 'Adam', call: (j) => new nn.Adam([param()], j as nn.AdamOptions), returns: 'any' },
  { op: 'RMSProp', call: (j) => new nn.RMSProp(j as ad.Tensor[]), returns: 'any' },
  { op: 'clipGradNorm', call: (j) => nn.clipGradNorm(j as ad.Tensor[], 1), returns: 'number' },
  { op: 'clipGradNorm', call: (j) => nn.clipGradNorm([param()], j as number), returns: 'number' },
  { op: 'mseLoss', call: (j) => nn.mseLoss(t23(), j as ad.Tensor), returns: 'Tensor' },
  { op: 'crossEntropy', call: (j) => nn.crossEntropy(t23(), j as number[]), returns: 'Tensor' },
  { op: 'cellFromModelFile', call: (j) => nn.cellFromModelFile(j as nn.ModelFile), returns: 'any' },
  { op: 'RNNCell.forward', call: (j) => cell().forward(j as ad.Tensor, ad.zeros([1, 2])), returns: 'Tensor' },
  { op: 'unroll', call: (j) => nn.unroll(cell(), j as ad.Tensor[]), returns: 'any' },
];

function check(entry: Entry, junk: unknown): void {
  let result: unknown;
  try {
    result = entry.call(junk);
  } catch (error) {
    expect(error, `${entry.op} threw a non-Error`).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message, `${entry.op}: an internal error leaked`).not.toMatch(INTERNAL);
    const name = entry.op.split('.').at(-1)!;
    expect(message.includes(entry.op) || message.includes(name), `${entry.op}: "${message}" does not name the op`).toBe(true);
    return;
  }
  if (entry.returns === 'number') expect(typeof result, `${entry.op} returned ${typeof result}`).toBe('number');
  if (entry.returns === 'Value') expect(result).toBeInstanceOf(ad.Value);
  if (entry.returns === 'Tensor') expect(result).toBeInstanceOf(ad.Tensor);
  if (entry.returns === 'Tensor[]') expect(Array.isArray(result) && result.every((t) => t instanceof ad.Tensor)).toBe(true);
  if (entry.returns === 'string') expect(typeof result).toBe('string');
  if (!holdsNaN(junk)) {
    for (const x of numbersOf(result)) expect(typeof x).toBe('number');
    const nan = numbersOf(result).some((x) => Number.isNaN(x));
    // NaN may come from ±Infinity arithmetic (∞ − ∞); from finite numbers only, it must not.
    if (nan) expect(JSON.stringify(junk, (_k, v: unknown) => (typeof v === 'bigint' ? 0 : v)) ?? '', `${entry.op} made NaN from ${String(junk)}`).toMatch(/null|Infinity/);
  }
}

describe('every public entry point, fed arbitrary values', () => {
  it.each(ENTRIES.map((e, i) => [`${e.op} #${i}`, e] as const))('%s: a correct result or an error naming the op', (_name, entry) => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, maxDepth: 3 }), (junk) => {
        check(entry, junk);
      }),
      { numRuns: 150, seed: 20261202 },
    );
    // And the values that broke it before: a numeric string, null, a plain object, a Symbol, a BigInt.
    for (const junk of ['6', '3', null, undefined, {}, [], Symbol('s'), 10n, () => 1, true, [[1], [2, 3]], { length: 2 }]) check(entry, junk);
  });

  it('a Tape refuses a slot of another tape, naming it', () => {
    const a = new ad.Tape();
    const b = new ad.Tape();
    const x = a.leaf(1);
    b.leaf(2);
    expect(() => b.add(x, x)).toThrow(/^Tape\.add: \d+ is a slot of another tape \(its row 0\)/);
    expect(() => b.grad(x)).toThrow(/Tape\.grad: .* another tape/);
    expect(a.value(x)).toBe(1);
    expect(a.rowOf(a.slotAt(0))).toBe(0);
  });

  it('an optimizer refuses a gradient of the wrong shape instead of updating the wrong numbers', () => {
    const p = param();
    for (const optimizer of [new nn.SGD([p], { lr: 0.1 }), new nn.Adam([p]), new nn.RMSProp([p])]) {
      p.grad = ad.tensor([1, 2, 3]);
      expect(() => optimizer.step()).toThrow(/step: the gradient of params\[0\] has shape \[3\], expected shape \[2\]/);
      expect(Array.from(p.data)).toEqual([1, 2]);
    }
    p.grad = ad.tensor([[1, 2]]);
    expect(() => new nn.SGD([p], { lr: 1 }).step()).toThrow(/has shape \[1,2\], expected shape \[2\]/);
  });
});
