/**
 * The scalar engines, Value and Tape, at the edges: derivatives that are finite stay finite, and
 * what is not a number is refused with an error that names the op and what it got.
 */
import { describe, expect, it } from 'vitest';
import { Tape, Value } from '../src/index.js';

/** d(a/b)/db by each engine at (a, b). */
function quotientSlopes(a: number, b: number): { value: number; tape: number } {
  const va = new Value(a);
  const vb = new Value(b);
  va.div(vb).backward();
  const tape = new Tape();
  const ta = tape.leaf(a);
  const tb = tape.leaf(b);
  tape.backward(tape.div(ta, tb));
  return { value: vb.grad, tape: tape.grad(tb) };
}

describe('finite derivatives stay finite', () => {
  it('d(a/b)/db = −a/b² where b² alone would underflow or overflow', () => {
    for (const [a, b, want] of [
      [0, 1e-200, 0],
      [1e-200, 1e-200, -1e200],
      [1e200, 1e200, -1e-200],
      [3, 2, -0.75],
    ]) {
      const { value, tape } = quotientSlopes(a, b);
      // (+ 0 turns −0 into 0: the sign of a zero gradient is not the point here)
      expect(value + 0, `Value at (${a}, ${b})`).toBe(want);
      expect(tape + 0, `Tape at (${a}, ${b})`).toBe(want);
    }
  });

  it('d(x⁰)/dx is 0, at x = 0 too (where x⁻¹ is ∞)', () => {
    const x = new Value(0);
    x.pow(0).backward();
    expect(x.grad).toBe(0);
    const tape = new Tape();
    const t = tape.leaf(0);
    tape.backward(tape.pow(t, 0));
    expect(tape.grad(t)).toBe(0);
  });

  it('d(½a²)/da at a = −1e308 is −1e308: a^(k−1) times the incoming ½ first, then k (2a alone overflows)', () => {
    const a = new Value(-1e308);
    a.pow(2).mul(0.5).backward();
    expect(a.grad).toBe(-1e308);
    const tape = new Tape();
    const t = tape.leaf(-1e308);
    tape.backward(tape.mul(tape.pow(t, 2), tape.leaf(0.5)));
    expect(tape.grad(t)).toBe(-1e308);
  });
});

describe('what is not a number is refused, naming the op', () => {
  it('Value', () => {
    expect(() => new Value(2).add('3' as unknown as number)).toThrow('Value.add: expected a Value or a number, got string "3"');
    expect(() => new Value(2).mul({} as unknown as number)).toThrow('Value.mul: expected a Value or a number, got an object');
    expect(() => new Value(2).pow(new Value(2) as unknown as number)).toThrow('Value.pow: the exponent must be a number, got an object');
    expect(() => new Value('1' as unknown as number)).toThrow('Value: data must be a number, got string "1"');
    expect(() => new Value(1).sub(null as unknown as number)).toThrow('Value.sub: expected a Value or a number, got null');
  });

  it('Tape', () => {
    expect(() => new Tape().leaf('abc' as unknown as number)).toThrow('Tape.leaf: expected a number, got the string "abc"');
  });
});
