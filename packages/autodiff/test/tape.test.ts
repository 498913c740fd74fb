/**
 * Tape: the Wengert-list scalar engine. Checked against central differences of the plain-Math
 * oracle, against `Value` on the same random expression trees, and case by case.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { centralDifference, Tape, Value, type Slot } from '../src/index.js';
import { build, buildWith, evaluate, exprArb, inDomain, pointArb, STEPS, VARS, type Arithmetic } from './helpers/expressions.js';

/** Test-only adapter: lets the shared expression builder record on a tape. */
class OnTape implements Arithmetic<OnTape> {
  readonly tape: Tape;
  readonly slot: Slot;
  constructor(tape: Tape, slot: Slot) {
    this.tape = tape;
    this.slot = slot;
  }
  private wrap(slot: Slot): OnTape {
    return new OnTape(this.tape, slot);
  }
  add(o: OnTape) { return this.wrap(this.tape.add(this.slot, o.slot)); }
  sub(o: OnTape) { return this.wrap(this.tape.sub(this.slot, o.slot)); }
  mul(o: OnTape) { return this.wrap(this.tape.mul(this.slot, o.slot)); }
  div(o: OnTape) { return this.wrap(this.tape.div(this.slot, o.slot)); }
  pow(k: number) { return this.wrap(this.tape.pow(this.slot, k)); }
  neg() { return this.wrap(this.tape.neg(this.slot)); }
  exp() { return this.wrap(this.tape.exp(this.slot)); }
  log() { return this.wrap(this.tape.log(this.slot)); }
  tanh() { return this.wrap(this.tape.tanh(this.slot)); }
  sigmoid() { return this.wrap(this.tape.sigmoid(this.slot)); }
  relu() { return this.wrap(this.tape.relu(this.slot)); }
}

function record(expr: Parameters<typeof build>[0], xs: readonly number[]) {
  const tape = new Tape();
  const vars = xs.map((x) => new OnTape(tape, tape.leaf(x)));
  const out = buildWith(expr, vars, (value) => new OnTape(tape, tape.leaf(value)));
  return { tape, vars: vars.map((v) => v.slot), out: out.slot };
}

describe('Tape backprop', () => {
  test.prop([exprArb, pointArb], { numRuns: 2000 })('equals central differences on random trees, every op', (expr, xs) => {
    fc.pre(inDomain(expr, xs));
    const { tape, vars, out } = record(expr, xs);
    expect(tape.value(out)).toBeCloseTo(evaluate(expr, xs), 10);
    tape.backward(out);
    for (let i = 0; i < VARS; i++) {
      const fi = (xi: number) => evaluate(expr, xs.map((x, j) => (j === i ? xi : x)));
      const d1 = centralDifference(fi, xs[i], STEPS[0]);
      const d2 = centralDifference(fi, xs[i], STEPS[1]);
      const numeric = (4 * d2 - d1) / 3; // Richardson: error O(h⁴)
      expect(Math.abs(tape.grad(vars[i]) - numeric)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(numeric)));
    }
  });

  test.prop([exprArb, pointArb], { numRuns: 1000 })('agrees with Value on random trees', (expr, xs) => {
    fc.pre(inDomain(expr, xs));
    const { tape, vars, out } = record(expr, xs);
    const values = xs.map((x) => new Value(x));
    const root = build(expr, values);
    // Same formulas forward: identical numbers.
    expect(tape.value(out)).toBe(root.data);
    tape.backward(out);
    root.backward();
    // Backward may add a node's contributions in another (equally valid) order.
    values.forEach((v, i) => {
      expect(Math.abs(tape.grad(vars[i]) - v.grad)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v.grad)));
    });
  });

  test.prop([exprArb, pointArb])('backward twice doubles, zeroGrad resets', (expr, xs) => {
    fc.pre(inDomain(expr, xs));
    const { tape, vars, out } = record(expr, xs);
    tape.backward(out);
    const once = vars.map((s) => tape.grad(s));
    tape.backward(out);
    vars.forEach((s, i) => expect(tape.grad(s)).toBeCloseTo(2 * once[i], 9));
    expect(tape.grad(out)).toBe(2);
    tape.zeroGrad();
    vars.forEach((s) => expect(tape.grad(s)).toBe(0));
  });

  it('sums the shares of a row used twice: x·x, x−x', () => {
    const tape = new Tape();
    const x = tape.leaf(3);
    tape.backward(tape.mul(x, x));
    expect(tape.grad(x)).toBe(6);
    tape.zeroGrad();
    tape.backward(tape.sub(x, x));
    expect(tape.grad(x)).toBe(0);
  });

  it('leaves rows the root does not depend on alone, even infinite ones', () => {
    const tape = new Tape();
    const x = tape.leaf(1000);
    const huge = tape.exp(x); // e^1000 = Infinity: 0 · Infinity would be NaN if it were visited
    const side = tape.mul(huge, x);
    const y = tape.tanh(x);
    tape.backward(y);
    expect(tape.grad(x)).toBe(1 - Math.tanh(1000) ** 2);
    expect(tape.grad(huge)).toBe(0);
    expect(tape.grad(side)).toBe(0);
  });

  it('matches the textbook derivatives of each op at a point', () => {
    const tape = new Tape();
    const a = tape.leaf(0.7);
    const b = tape.leaf(-1.3);
    const cases: [Slot, number, number][] = [
      [tape.div(a, b), 1 / -1.3, -0.7 / (1.3 * 1.3)],
      [tape.sub(a, b), 1, -1],
      [tape.mul(tape.exp(a), tape.log(tape.neg(b))), Math.exp(0.7) * Math.log(1.3), Math.exp(0.7) / -1.3],
      [tape.add(tape.sigmoid(a), tape.relu(b)), Math.exp(-0.7) / (1 + Math.exp(-0.7)) ** 2, 0],
      [tape.pow(a, 3), 3 * 0.7 ** 2, 0],
    ];
    for (const [root, da, db] of cases) {
      tape.zeroGrad();
      tape.backward(root);
      expect(tape.grad(a)).toBeCloseTo(da, 14);
      expect(tape.grad(b)).toBeCloseTo(db, 14);
    }
  });

  it('backprops a 200,000-step chain (growing its columns) without recursion', () => {
    const tape = new Tape();
    const w = tape.leaf(0.9);
    let h = tape.leaf(1);
    for (let t = 0; t < 200_000; t++) h = tape.tanh(tape.mul(w, h));
    expect(tape.length).toBe(2 + 2 * 200_000);
    tape.backward(h);
    expect(Number.isFinite(tape.grad(w))).toBe(true);
    expect(tape.grad(h)).toBe(1);
  });

  it('truncate keeps the parameters and reuses the rest, with fresh grads', () => {
    const tape = new Tape();
    const w = tape.leaf(2);
    const kept = tape.length;
    for (let step = 0; step < 3; step++) {
      const x = tape.leaf(step + 1);
      const loss = tape.mul(tape.mul(w, x), tape.mul(w, x)); // (w·x)², d/dw = 2·w·x²
      tape.zeroGrad();
      tape.backward(loss);
      expect(tape.grad(w)).toBeCloseTo(2 * tape.value(w) * (step + 1) ** 2, 12);
      expect(tape.grad(x)).toBeCloseTo(2 * tape.value(w) ** 2 * (step + 1), 12); // not left over from the last step
      tape.setValue(w, tape.value(w) - 0.01 * tape.grad(w));
      tape.truncate(kept);
      expect(tape.length).toBe(1);
    }
    // w: 2 → 2 − 0.01·4 = 1.96 → 1.96 − 0.01·(2·1.96·4) = 1.8032 → 1.8032 − 0.01·(2·1.8032·9) = 1.478624
    expect(tape.value(w)).toBeCloseTo(1.478624, 12);
  });

  it('names the op and the row in its errors', () => {
    const tape = new Tape();
    const x = tape.leaf(1);
    const y = tape.exp(x);
    expect(() => tape.add(x, 5 as Slot)).toThrow('Tape.add: 5 is not a row of this tape (it has 2 rows; use tape.leaf(x) for a number)');
    expect(() => tape.mul(x, 0.5 as Slot)).toThrow('Tape.mul: 0.5 is not a row');
    expect(() => tape.grad(-1 as Slot)).toThrow('Tape.grad: -1 is not a row');
    expect(() => tape.backward(7 as Slot)).toThrow('Tape.backward: 7 is not a row');
    expect(() => tape.setValue(y, 3)).toThrow('Tape.setValue: row 1 is computed by exp; only a leaf');
    expect(() => tape.truncate(5)).toThrow('Tape.truncate: length must be an integer in [0, 2], got 5');
    expect(tape.opOf(y)).toBe('exp');
  });
});
