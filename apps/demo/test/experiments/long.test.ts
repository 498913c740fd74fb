import { describe, expect, it } from 'vitest';
import { longSequences } from '../../src/experiments/long.js';

describe('experiment 6: T = 1000 at initialization (Arjovsky et al. 2016)', () => {
  it('the tanh RNN\'s log-norm falls on a line (R² > 0.9); the LSTM\'s cell-state gradient decays far more slowly', () => {
    const r = longSequences();
    expect(r.rnn).toHaveLength(1000);
    expect(r.rnnFit.r2).toBeGreaterThan(0.9);
    expect(r.rnnFit.slope).toBeLessThan(0);
    // "Far more slowly": under half the RNN's rate of decay, per step.
    expect(Math.abs(r.lstmFit.slope)).toBeLessThan(0.5 * Math.abs(r.rnnFit.slope));
    expect(r.lstmCell[0]).toBeGreaterThan(r.rnn[0]);
  });
});
