/**
 * Random LSTM problems for the property tests that compare a fast LSTM path (the fused step,
 * the whole-sequence node) with the textbook `lstmStep` stepped one time step at a time: seeded
 * weights, inputs and states, a loss over the states, and every value and gradient by name.
 */
import { fc } from '@fast-check/vitest';
import { randn, tensor, type Tensor } from '@chainrule/autodiff';
import { expect } from 'vitest';
import type { CellWeights, LSTMState } from '../../src/index.js';
import { expectEntriesClose } from './compare.js';

export interface Problem {
  readonly B: number;
  readonly I: number;
  readonly H: number;
  readonly T: number;
  readonly bias: boolean;
  readonly seed: number;
  /** How the inputs are given to the sequence node: T tensors [B, I], or one [T, B, I] (step runners ignore it). */
  readonly stacked: boolean;
}

export const problemArb = fc.record({
  B: fc.integer({ min: 1, max: 3 }),
  I: fc.integer({ min: 1, max: 4 }),
  H: fc.integer({ min: 1, max: 5 }),
  T: fc.integer({ min: 1, max: 5 }),
  bias: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  stacked: fc.boolean(),
});

export type Runner = (w: CellWeights, xs: readonly Tensor[], state0: LSTMState) => { h: readonly Tensor[]; c: readonly Tensor[]; dxs: () => (Float64Array | null)[] };

/** Step by step with `step` (lstmStep, lstmStepFused). */
export const stepByStep =
  (step: (w: CellWeights, x: Tensor, state: LSTMState) => LSTMState): Runner =>
  (w, xs, state0) => {
    const h: Tensor[] = [];
    const c: Tensor[] = [];
    let state = state0;
    for (const x of xs) {
      state = step(w, x, state);
      h.push(state.h);
      c.push(state.c);
    }
    return { h, c, dxs: () => xs.map((x) => x.grad?.data ?? null) };
  };

/**
 * Runs `runner` on the problem's seeded weights, inputs and state (all requiring grad), then
 * backprops a loss that weighs the states by fixed random numbers: every h_t and c_t, or (with
 * `upTo`) only h_s and/or c_s of one step s. Returns the values and all gradients by name; a
 * state whose `.grad` is null is listed as such.
 */
export function run(runner: Runner, { B, I, H, T, bias, seed }: Problem, upTo?: { step: number; h: boolean; c: boolean }): Map<string, Float64Array | null> {
  const leaf = (shape: number[], k: number) => randn(shape, { seed: seed * 31 + k, requiresGrad: true });
  const w: CellWeights = {
    weightIh: leaf([4 * H, I], 1),
    weightHh: leaf([4 * H, H], 2),
    biasIh: bias ? leaf([4 * H], 3) : null,
    biasHh: bias ? leaf([4 * H], 4) : null,
  };
  const xs = Array.from({ length: T }, (_, t) => leaf([B, I], 10 + t));
  const state0 = { h: leaf([B, H], 5), c: leaf([B, H], 6) };
  const { h, c, dxs } = runner(w, xs, state0);
  let loss: Tensor = tensor(0);
  for (let t = 0; t < T; t++) {
    const useH = upTo === undefined || (upTo.step === t && upTo.h);
    const useC = upTo === undefined || (upTo.step === t && upTo.c);
    if (useH) loss = loss.add(h[t].mul(lossWeight('h', B, H, seed, t)).sum());
    if (useC) loss = loss.add(c[t].mul(lossWeight('c', B, H, seed, t)).sum());
  }
  loss.backward();
  const out = new Map<string, Float64Array | null>();
  for (let t = 0; t < T; t++) {
    out.set(`h_${t + 1}`, h[t].data).set(`c_${t + 1}`, c[t].data);
    out.set(`dE/dh_${t + 1}`, h[t].grad?.data ?? null).set(`dE/dc_${t + 1}`, c[t].grad?.data ?? null);
  }
  for (const [name, p] of Object.entries({ ...w, h0: state0.h, c0: state0.c })) if (p !== null) out.set(`dE/d${name}`, p.grad?.data ?? null);
  dxs().forEach((dx, t) => out.set(`dE/dx_${t + 1}`, dx));
  return out;
}

/** The fixed random weights of h_t (or c_t) in the loss of `run`: dLoss/dh_t along the loss's own term. */
export function lossWeight(state: 'h' | 'c', B: number, H: number, seed: number, t: number): Tensor {
  return randn([B, H], { seed: seed * (state === 'h' ? 7 : 11) + t });
}

export function expectSame(got: Map<string, Float64Array | null>, want: Map<string, Float64Array | null>): void {
  expect([...got.keys()]).toEqual([...want.keys()]);
  for (const [name, values] of want) {
    if (values === null) expect(got.get(name), `${name} should have no gradient`).toBeNull();
    else expectEntriesClose(got.get(name) ?? [], values, name);
  }
}
