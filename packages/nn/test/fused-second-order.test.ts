/**
 * Derivatives of derivatives through the fused LSTM: its hand-written backward passes are
 * loops, so a recorded pass differentiates their fallbacks (the same step in tensor ops) instead.
 * The result must equal the same second derivative through the textbook lstmStep, and forward
 * mode (jvp) must go through the fused nodes too.
 */
import { grad, jvp, randn, type Tensor } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import { lstmSequence, lstmStep, lstmStepFused, type CellWeights, type LSTMState } from '../src/index.js';
import { expectEntriesClose } from './helpers/compare.js';

const B = 2;
const I = 3;
const H = 4;
const T = 3;

function weights(): CellWeights {
  return {
    weightIh: randn([4 * H, I], { seed: 1, requiresGrad: true }),
    weightHh: randn([4 * H, H], { seed: 2, requiresGrad: true }).mul(0.5).detach(),
    biasIh: randn([4 * H], { seed: 3, requiresGrad: true }),
    biasHh: randn([4 * H], { seed: 4, requiresGrad: true }),
  };
}
const xs = Array.from({ length: T }, (_, t) => randn([B, I], { seed: 10 + t }));

type Run = (w: CellWeights, state0: LSTMState) => readonly Tensor[]; // every h_t
const stepped = (step: typeof lstmStep): Run => (w, state0) => {
  let state = state0;
  return xs.map((x) => (state = step(w, x, state)).h);
};
const oneNode: Run = (w, state0) => lstmSequence(w, xs, state0).h;

/** d/dW_hh of Ω = ‖∂L/∂W_hh‖², L = Σ_t ⟨u_t, h_t⟩: a second derivative through every step. */
function secondDerivative(run: Run): Float64Array {
  const w = weights();
  const weightHh = w.weightHh.detach();
  weightHh.requiresGrad = true;
  const state0 = { h: randn([B, H], { seed: 5 }), c: randn([B, H], { seed: 6 }) };
  const hs = run({ ...w, weightHh }, state0);
  const loss = hs.map((h, t) => h.mul(randn([B, H], { seed: 20 + t })).sum()).reduce((a, b) => a.add(b));
  const [g] = grad(loss, weightHh, { createGraph: true });
  return grad(g.pow(2).sum(), weightHh)[0].data;
}

describe('second derivatives through the fused LSTM equal those through lstmStep', () => {
  const textbook = secondDerivative(stepped(lstmStep));
  it('the fused step (lstmStepFused)', () => expectEntriesClose(secondDerivative(stepped(lstmStepFused)), textbook, 'dΩ/dW_hh'));
  it('the whole sequence as one node (lstmSequence)', () => expectEntriesClose(secondDerivative(oneNode), textbook, 'dΩ/dW_hh'));
  it('is not zero (the test can tell)', () => expect(Math.max(...Array.from(textbook, Math.abs))).toBeGreaterThan(1e-3));
});

describe('forward mode through the fused LSTM', () => {
  it('jvp of h_T along a direction in W_hh equals the textbook step’s', () => {
    const w = weights();
    const state0 = { h: randn([B, H], { seed: 5 }), c: randn([B, H], { seed: 6 }) };
    const direction = randn([4 * H, H], { seed: 7 });
    const hT = (run: Run) => (weightHh: Tensor) => run({ ...w, weightHh }, state0)[T - 1];
    const want = jvp(hT(stepped(lstmStep)), [w.weightHh], [direction]).tangent;
    for (const run of [stepped(lstmStepFused), oneNode]) {
      expectEntriesClose(jvp(hT(run), [w.weightHh], [direction]).tangent.data, want.data, 'dh_T');
    }
  });
});
