import { describe, expect, it } from 'vitest';
import { firstGradient } from '../src/first-gradient.js';

describe('firstGradient', () => {
  it('backprop matches calculus and finite differences for y = tanh(w·x + b)', () => {
    const { y, rows } = firstGradient(0.5, -1.5, 0.25);
    const a = -1.5 * 0.5 + 0.25;
    expect(y).toBeCloseTo(Math.tanh(a), 15);
    const dA = 1 / Math.cosh(a) ** 2; // d tanh(a)/da
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.x.backprop).toBeCloseTo(dA * -1.5, 14);
    expect(byName.w.backprop).toBeCloseTo(dA * 0.5, 14);
    expect(byName.b.backprop).toBeCloseTo(dA, 14);
    for (const row of rows) expect(Math.abs(row.backprop - row.finiteDifference)).toBeLessThan(1e-8);
  });
});
