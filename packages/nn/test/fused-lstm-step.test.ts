/**
 * The fused LSTM step (fused/lstm-step.ts, hand-written backward) against the same math in
 * ordinary tensor ops (the textbook `lstmStep`, whose gradients come from the engine's rules) and
 * against central differences. Values and every gradient, the intermediate states' included.
 */
import { test } from '@fast-check/vitest';
import { fromArray, gradcheck, noGrad, randn, zeros, type Tensor } from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import { LSTMCell, lstmPointwise, lstmStep, lstmStepFused, unroll } from '../src/index.js';
import { expectEntriesClose } from './helpers/compare.js';
import { expectSame, problemArb, run, stepByStep } from './helpers/lstm-runs.js';

describe('lstmStepFused equals the textbook lstmStep', () => {
  test.prop([problemArb], { numRuns: 60 })('values and gradients (weights, biases, inputs, every h_t and c_t) to 1e-12', (problem) => {
    expectSame(run(stepByStep(lstmStepFused), problem), run(stepByStep(lstmStep), problem));
  });

  it('saturated gates (pre-activations of ±40) still agree', () => {
    const B = 2;
    const H = 3;
    const z = fromArray(Array.from({ length: B * 4 * H }, (_, i) => (i % 3 === 0 ? 40 : i % 3 === 1 ? -40 : 0.3)), [B, 4 * H]);
    const c = randn([B, H], { seed: 1 });
    const byOps = (zz: Tensor, cc: Tensor) => {
      const [aI, aF, aG, aO] = zz.split(H, 1);
      const cNext = aF.sigmoid().mul(cc).add(aI.sigmoid().mul(aG.tanh()));
      return { h: aO.sigmoid().mul(cNext.tanh()), c: cNext };
    };
    const fused = lstmPointwise([z], c);
    const reference = byOps(z, c);
    expectEntriesClose(fused.h.data, reference.h.data, 'h');
    expectEntriesClose(fused.c.data, reference.c.data, 'c');
  });
});

describe('lstmPointwise: gradients equal central differences', () => {
  const B = 2;
  const H = 3;
  const loss = (s: { h: Tensor; c: Tensor }) => s.h.mul(s.h).sum().add(s.c.mul(randn([B, H], { seed: 9 })).sum());

  it('z given whole', () => {
    const result = gradcheck((z, c) => loss(lstmPointwise([z], c)), [randn([B, 4 * H], { seed: 1 }), randn([B, H], { seed: 2 })]);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  });

  it('z given as terms: two [B, 4H] products and two bias rows [4H]', () => {
    const inputs = [randn([B, 4 * H], { seed: 3 }), randn([B, 4 * H], { seed: 4 }), randn([4 * H], { seed: 5 }), randn([4 * H], { seed: 6 }), randn([B, H], { seed: 7 })];
    const result = gradcheck((a, b, p, q, c) => loss(lstmPointwise([a, b, p, q], c)), inputs);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  });

  it('z given as three [B, 4H] terms and one bias row', () => {
    const inputs = [randn([B, 4 * H], { seed: 8 }), randn([B, 4 * H], { seed: 9 }), randn([B, 4 * H], { seed: 10 }), randn([4 * H], { seed: 11 }), randn([B, H], { seed: 12 })];
    const result = gradcheck((a, b, d, p, c) => loss(lstmPointwise([a, b, d, p], c)), inputs);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const [a, b, d, p, c] = inputs;
    const fused = lstmPointwise([a, b, d, p], c);
    const reference = lstmStepFromZ(a.add(b).add(d).add(p), c);
    expectEntriesClose(fused.h.data, reference.h.data, 'h');
    expectEntriesClose(fused.c.data, reference.c.data, 'c');
  });

  it('a term that does not require grad gets none, and the others are unaffected', () => {
    const z = randn([B, 4 * H], { seed: 1, requiresGrad: true });
    const constant = randn([B, 4 * H], { seed: 2 });
    const c = randn([B, H], { seed: 3 });
    loss(lstmPointwise([z, constant], c)).backward();
    expect(constant.grad).toBeNull();
    expect(c.grad).toBeNull();
    const reference = randn([B, 4 * H], { seed: 1, requiresGrad: true });
    loss(lstmStepFromZ(reference.add(constant), c)).backward();
    expectEntriesClose(z.grad!.data, reference.grad!.data, 'dz');
  });
});

/** The elementwise half of the textbook lstmStep, for a given z. */
function lstmStepFromZ(z: Tensor, c: Tensor): { h: Tensor; c: Tensor } {
  const H = c.shape[1];
  const [aI, aF, aG, aO] = z.split(H, 1);
  const cNext = aF.sigmoid().mul(c).add(aI.sigmoid().mul(aG.tanh()));
  return { h: aO.sigmoid().mul(cNext.tanh()), c: cNext };
}

describe('lstmPointwise near 0', () => {
  it('keeps tanh relatively exact for tiny g pre-activations and cell states (no 1 − 2/(1 + e^2a) cancellation)', () => {
    const B = 2;
    const H = 3;
    for (const scale of [1e-3, 1e-9, 1e-200]) {
      const z = randn([B, 4 * H], { seed: 3 }).mul(scale);
      const c = randn([B, H], { seed: 4 }).mul(scale);
      const fused = noGrad(() => lstmPointwise([z], c));
      const reference = noGrad(() => lstmStepFromZ(z, c));
      // Relative to each value, however small (the shared check above is absolute below 1).
      for (const [got, want] of [[fused.c.data, reference.c.data], [fused.h.data, reference.h.data]]) {
        want.forEach((w, k) => {
          expect(w).not.toBe(0);
          expect(Math.abs(got[k] - w) / Math.abs(w), `scale ${scale}, entry ${k}`).toBeLessThanOrEqual(1e-13);
        });
      }
    }
  });
});

describe('lstmPointwise: shapes', () => {
  it('rejects z and c that do not fit, naming both shapes', () => {
    expect(() => lstmPointwise([zeros([2, 12])], zeros([2, 4]))).toThrow('lstmPointwise: expected terms of z [B,4H] or [4H] and c [B,H], got z [2,12] and c [2,4]');
    expect(() => lstmPointwise([zeros([2, 16]), zeros([12])], zeros([2, 4]))).toThrow('got z [2,16], z [12] and c [2,4]');
    expect(() => lstmPointwise([], zeros([2, 4]))).toThrow('got no terms and c [2,4]');
  });
});

describe('LSTMCell runs the fused step unless told not to', () => {
  it('fused by default; fused: false records the gates as ordinary ops; same numbers', () => {
    const xs = [randn([2, 3], { seed: 1 }), randn([2, 3], { seed: 2 })];
    const fused = new LSTMCell({ inputSize: 3, hiddenSize: 4, seed: 5 });
    const unfused = new LSTMCell({ inputSize: 3, hiddenSize: 4, seed: 5, fused: false });
    const a = unroll(fused, xs);
    const b = unroll(unfused, xs);
    expect(fused.fused).toBe(true);
    expect(a.c[1].op).toBe('part');
    expect(b.c[1].op).toBe('add');
    noGrad(() => expectEntriesClose(a.h[1].data, b.h[1].data, 'h_2'));
  });

  it("fused: 'sequence' steps with the fused step in forward, and unroll makes the whole sequence one node", () => {
    const cell = new LSTMCell({ inputSize: 3, hiddenSize: 4, seed: 5, fused: 'sequence' });
    const x = randn([2, 3], { seed: 1, requiresGrad: true });
    expect(cell.forward(x, cell.zeroState(2)).c.op).toBe('part');
    expect(cell.forward(x, cell.zeroState(2)).c.parents[0].label).toBe('lstmCellUpdate');
    const { h } = unroll(cell, [x, x]);
    expect(h[1].parents[0].label).toBe('lstmSequence');
  });

  it('a fused value other than true, false or sequence is an error naming it', () => {
    expect(() => new LSTMCell({ inputSize: 1, hiddenSize: 1, fused: 'yes' as unknown as boolean })).toThrow(
      `LSTMCell: fused must be true, false or 'sequence', got "yes"`,
    );
  });
});
