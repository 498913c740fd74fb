// The two chainrule S1 cases run the same training, one on `Value`, one on a `Tape`:
// step for step they must report the same loss and accuracy.
import { describe, expect, it } from 'vitest';
import valueCase from '../src/chainrule/s1-mlp.js';
import tapeCase from '../src/chainrule/s1-mlp-tape.js';

describe('S1 on Value and on Tape', () => {
  it('give the same loss and accuracy for 5 SGD steps', async () => {
    const onValue = await valueCase();
    const onTape = await tapeCase();
    for (let step = 0; step < 5; step++) {
      const a = await onValue.step();
      const b = await onTape.step();
      expect(Math.abs(a.check - b.check)).toBeLessThanOrEqual(1e-12 * Math.abs(a.check));
      expect(b.metrics?.accuracy).toBe(a.metrics?.accuracy);
    }
  });
});
