/**
 * σ′ and tanh′ keep their digits in saturation, in every engine: each is compared with a 256-bit
 * reference (helpers/slope-reference.ts) for pre-activations a with |a| up to 700, where the
 * slope spans 1 down to 1e-305 (σ′) and down to subnormals and 0 (tanh′, below 4.9e-324 from
 * |a| ≈ 372 on). Written with the output, y(1 − y) and 1 − y² cancel to exactly 0 from |a| ≈ 37
 * (σ) and 19 (tanh) on: those are the zeros a gradient-measuring tool must not manufacture.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { useFastPath } from '../src/fast/index.js';
import { Dual, fromArray, jvp, sigmoidSlope, Tape, tanhSlope, Value } from '../src/index.js';
import { MIN_NORMAL, sigmoidSlopeReference, slopeTolerance, tanhSlopeReference } from './helpers/slope-reference.js';

/** Pre-activations: saturated ones often, small ones, and exact integers near the cancellation points. */
const preActivation = fc.oneof(
  fc.double({ min: -700, max: 700, noNaN: true }),
  fc.double({ min: -45, max: 45, noNaN: true }),
  fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
  fc.integer({ min: -700, max: 700 }),
);
const preActivations = fc.array(preActivation, { minLength: 1, maxLength: 12 });

type Slopes = (as: readonly number[]) => { tanh: number[]; sigmoid: number[] };

function expectSlopes(engine: string, as: readonly number[], slopes: Slopes): void {
  const { tanh, sigmoid } = slopes(as);
  as.forEach((a, i) => {
    const [t, s] = [tanhSlopeReference(a), sigmoidSlopeReference(a)];
    expect(Math.abs(tanh[i] - t), `${engine} tanh′(${a}) = ${tanh[i]}, reference ${t}`).toBeLessThanOrEqual(slopeTolerance(t));
    expect(Math.abs(sigmoid[i] - s), `${engine} σ′(${a}) = ${sigmoid[i]}, reference ${s}`).toBeLessThanOrEqual(slopeTolerance(s));
  });
}

const each = (f: (a: number) => number) => (as: readonly number[]) => as.map(f);

const engines: Record<string, Slopes> = {
  'math.ts': (as) => ({ tanh: as.map(tanhSlope), sigmoid: as.map(sigmoidSlope) }),
  Value: (as) => ({
    tanh: each((a) => {
      const x = new Value(a);
      x.tanh().backward();
      return x.grad;
    })(as),
    sigmoid: each((a) => {
      const x = new Value(a);
      x.sigmoid().backward();
      return x.grad;
    })(as),
  }),
  Tape: (as) => {
    const slopeOf = (op: 'tanh' | 'sigmoid') => (a: number) => {
      const tape = new Tape();
      const x = tape.leaf(a);
      tape.backward(tape[op](x));
      return tape.grad(x);
    };
    return { tanh: as.map(slopeOf('tanh')), sigmoid: as.map(slopeOf('sigmoid')) };
  },
  Dual: (as) => ({ tanh: as.map((a) => new Dual(a, 1).tanh().tangent), sigmoid: as.map((a) => new Dual(a, 1).sigmoid().tangent) }),
  'Tensor, textbook backward (vjp.ts)': (as) => tensorSlopes(as, false),
  'Tensor, fast path (tuned-rules.ts)': (as) => tensorSlopes(as, true),
  'Tensor, forward mode (jvp-rules.ts)': (as) => {
    const x = fromArray(Float64Array.from(as), [as.length]);
    const ones = fromArray(new Float64Array(as.length).fill(1), [as.length]);
    return {
      tanh: Array.from(jvp((v) => v.tanh(), [x], [ones]).tangent.data),
      sigmoid: Array.from(jvp((v) => v.sigmoid(), [x], [ones]).tangent.data),
    };
  },
};

function tensorSlopes(as: readonly number[], fast: boolean): { tanh: number[]; sigmoid: number[] } {
  const slopeOf = (op: 'tanh' | 'sigmoid') => {
    const x = fromArray(Float64Array.from(as), [as.length], { requiresGrad: true });
    x[op]().sum().backward();
    return Array.from(x.grad!.data);
  };
  useFastPath(fast);
  try {
    return { tanh: slopeOf('tanh'), sigmoid: slopeOf('sigmoid') };
  } finally {
    useFastPath(false);
  }
}

describe('the slope reference itself', () => {
  it('agrees with mpmath (400-bit) at points from 0 to deep saturation, subnormals included', () => {
    // mpmath: e = exp(-|a|); e/(1+e)**2 and, with e = exp(-2|a|), 4e/(1+e)**2, rounded to float64.
    const mpmath: [number, number, number][] = [
      [0, 0.25, 1],
      [0.5, 0.2350037122015945, 0.7864477329659274],
      [-3, 0.04517665973091213, 0.00986603716544019],
      [20, 2.061153613941849e-9, 1.6993417021166355e-17],
      [40, 4.248354255291589e-18, 7.219405551381661e-35],
      [354.5, 1.103077853382717e-154, 4.867123002493693e-308],
      [360, 4.508027065606742e-157, 8.12892320967e-313],
      [371, 7.529171920409294e-162, 2.27e-322],
      [400, 1.9151695967140057e-174, 0],
      [700, 9.85967654375977e-305, 0],
      [744, 1e-323, 0],
      [1e-9, 0.25, 1],
    ];
    for (const [a, sigma, tanh] of mpmath) {
      expect(sigmoidSlopeReference(a), `σ′(${a})`).toBe(sigma);
      expect(tanhSlopeReference(a), `tanh′(${a})`).toBe(tanh);
    }
  });

  it('is what the output-based formulas cannot be: nonzero where y(1 − y) and 1 − y² are exactly 0', () => {
    const y = Math.tanh(40);
    expect(1 - y * y).toBe(0);
    expect(tanhSlopeReference(40)).toBeGreaterThan(7e-35);
    const s = 1 / (1 + Math.exp(-40));
    expect(s * (1 - s)).toBe(0);
    expect(sigmoidSlopeReference(40)).toBeGreaterThan(4e-18);
    expect(tanhSlopeReference(360)).toBeLessThan(MIN_NORMAL); // subnormal, still > 0
    expect(tanhSlopeReference(360)).toBeGreaterThan(0);
  });
});

describe('σ′ and tanh′ from the pre-activation, in every engine, against the reference (|a| ≤ 700)', () => {
  for (const [engine, slopes] of Object.entries(engines)) {
    test.prop([preActivations], { numRuns: 60 })(engine, (as) => expectSlopes(engine, as, slopes));

    it(`${engine}: the points where the output-based formulas fail (σ′(20) off by 3.6e-8, σ′(40) and tanh′(40) exactly 0)`, () => {
      expectSlopes(engine, [20, 40, -40, 100, 360, -371, 700, 0], slopes);
    });
  }
});
