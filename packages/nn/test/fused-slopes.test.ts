/**
 * The fused LSTM's hand-written backward passes (fused/lstm-step.ts, fused/lstm-sequence.ts) keep
 * the slopes σ′ and tanh′ exact in saturation, like the engine's rules: each gate's
 * pre-activation a is set directly, and the gradient that reaches it is compared with the factor
 * times a 256-bit reference slope (packages/autodiff/test/helpers/slope-reference.ts). Written
 * as i(1 − i) and 1 − g², these gradients were exactly 0 from |a| ≈ 37 (σ) and 19 (tanh) on.
 */
import { fc, test } from '@fast-check/vitest';
import { fromArray, stableSigmoid, type Tensor } from '@chainrule/autodiff';
import { describe, expect } from 'vitest';
import { lstmPointwise, lstmSequence } from '../src/index.js';
import { sigmoidSlopeFromExp, tanhSlopeFromExp } from '../src/fused/slopes-from-exp.js';
import { sigmoidSlopeReference, slopeTolerance, tanhSlopeReference } from '../../autodiff/test/helpers/slope-reference.js';

const saturating = fc.oneof(fc.double({ min: -700, max: 700, noNaN: true }), fc.double({ min: -45, max: 45, noNaN: true }), fc.integer({ min: -700, max: 700 }));
/** One unit: its four pre-activations a_i, a_f, a_g, a_o and the old cell state c. */
const unitArb = fc.record({ ai: saturating, af: saturating, ag: saturating, ao: saturating, c: fc.double({ min: -30, max: 30, noNaN: true }) });
const unitsArb = fc.array(unitArb, { minLength: 1, maxLength: 5 });
type Unit = { ai: number; af: number; ag: number; ao: number; c: number };

/** The gradients a loss L = Σ c' + Σ h' sends to z (a_i, a_f, a_g, a_o per unit) and to c. */
interface Grads {
  dz: Float64Array;
  dc: Float64Array;
}

/** What they must be, each a product of plain factors (computed as the kernel computes them) and one slope. */
function expected(units: readonly Unit[]) {
  return units.map(({ ai, af, ag, ao, c }) => {
    const [i, f, g, o] = [stableSigmoid(ai), stableSigmoid(af), Math.tanh(ag), stableSigmoid(ao)];
    const cNext = f * c + i * g;
    const dcNext = 1 + o * tanhSlopeReference(cNext); // ∂L/∂c' = 1 (Σ c') + o·tanh′(c') (Σ h')
    return {
      // [value, its tolerance]: each slope may be off by slopeTolerance; the other factors by a few ulps.
      ai: [dcNext * g * sigmoidSlopeReference(ai), Math.abs(dcNext * g) * slopeTolerance(sigmoidSlopeReference(ai))],
      af: [dcNext * c * sigmoidSlopeReference(af), Math.abs(dcNext * c) * slopeTolerance(sigmoidSlopeReference(af))],
      ag: [dcNext * i * tanhSlopeReference(ag), Math.abs(dcNext * i) * slopeTolerance(tanhSlopeReference(ag))],
      ao: [Math.tanh(cNext) * sigmoidSlopeReference(ao), Math.abs(Math.tanh(cNext)) * slopeTolerance(sigmoidSlopeReference(ao))],
      c: [dcNext * f, 0],
    } as const;
  });
}

function expectGrads(kernel: string, units: readonly Unit[], { dz, dc }: Grads): void {
  const H = units.length;
  expected(units).forEach((want, u) => {
    const got = { ai: dz[u], af: dz[H + u], ag: dz[2 * H + u], ao: dz[3 * H + u], c: dc[u] };
    for (const key of ['ai', 'af', 'ag', 'ao', 'c'] as const) {
      const [value, tolerance] = want[key];
      // On top of the slope's own tolerance: 8 ulps for the products and sums around it, and where
      // a factor is tanh (g for a_i, tanh(c') for a_o), 2e-14: the kernels compute tanh from e^(2a)
      // to about 1e-14 (tanh-from-exp.ts), the expected value with Math.tanh.
      const factor = key === 'ai' || key === 'ao' ? 2e-14 : 8 * Number.EPSILON;
      expect(Math.abs(got[key] - value), `${kernel}, unit ${u}, ${key}: ${got[key]} vs ${value} (${JSON.stringify(units[u])})`).toBeLessThanOrEqual(
        tolerance + factor * Math.abs(value) + 8 * Number.MIN_VALUE,
      );
    }
  });
}

/** z [1, 4H] in blocks i, f, g, o, and c [1, H]. */
function inputs(units: readonly Unit[]): { z: Float64Array; c: Float64Array } {
  const H = units.length;
  const z = new Float64Array(4 * H);
  units.forEach(({ ai, af, ag, ao }, u) => {
    z[u] = ai;
    z[H + u] = af;
    z[2 * H + u] = ag;
    z[3 * H + u] = ao;
  });
  return { z, c: Float64Array.from(units, (unit) => unit.c) };
}

const lossOf = (h: Tensor, c: Tensor) => c.sum().add(h.sum());

describe('the fused LSTM keeps σ′ and tanh′ exact in saturation (|a| ≤ 700)', () => {
  test.prop([unitsArb], { numRuns: 60 })('lstmPointwise (one step)', (units) => {
    const H = units.length;
    const { z, c } = inputs(units);
    const zT = fromArray(z, [1, 4 * H], { requiresGrad: true });
    const cT = fromArray(c, [1, H], { requiresGrad: true });
    const next = lstmPointwise([zT], cT);
    lossOf(next.h, next.c).backward();
    expectGrads('lstmPointwise', units, { dz: zT.grad!.data, dc: cT.grad!.data });
  });

  test.prop([unitsArb], { numRuns: 60 })('lstmSequence (one step, z = x·W_ihᵀ with x = 1, W_hh = 0)', (units) => {
    const H = units.length;
    const { z, c } = inputs(units);
    const weightIh = fromArray(z, [4 * H, 1], { requiresGrad: true }); // z = 1·W_ihᵀ = the pre-activations exactly
    const weightHh = fromArray(new Float64Array(4 * H * H), [4 * H, H]);
    const c0 = fromArray(c, [1, H], { requiresGrad: true });
    const { h, c: cs } = lstmSequence({ weightIh, weightHh, biasIh: null, biasHh: null }, [fromArray([1], [1, 1])], {
      h: fromArray(new Float64Array(H), [1, H]),
      c: c0,
    });
    lossOf(h[0], cs[0]).backward();
    expectGrads('lstmSequence', units, { dz: weightIh.grad!.data, dc: c0.grad!.data }); // dW_ih = dzᵀ·x = dz
  });

  test.prop([saturating])('the slopes from the exponentials themselves: e = e^(−a) for σ, e^(2a) for tanh', (a) => {
    const sigmoid = sigmoidSlopeFromExp(Math.exp(-a), -a);
    const tanh = tanhSlopeFromExp(Math.exp(2 * a), 2 * a);
    // e^(−a) carries exp's own rounding into the slope (|∂ log σ′ / ∂ log e| ≤ 1): one more ulp.
    expect(Math.abs(sigmoid - sigmoidSlopeReference(a))).toBeLessThanOrEqual(slopeTolerance(sigmoidSlopeReference(a)));
    expect(Math.abs(tanh - tanhSlopeReference(a))).toBeLessThanOrEqual(slopeTolerance(tanhSlopeReference(a)));
  });
});
