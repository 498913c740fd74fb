// `chainrule remedies`: a small run in-process, its JSON, its table, and a bad flag.
import { describe, expect, it } from 'vitest';
import { remediesCommand } from '../../src/commands/remedies.js';
import type { Registry } from '../../src/framework/help.js';
import { main } from '../../src/framework/main.js';
import { fakeIo } from '../helpers.js';

const registry: Registry = { commands: [remediesCommand], defaultCommand: 'remedies' };
const small = ['remedies', '--lengths', '10', '--seeds', '1', '--iterations', '20', '--hidden', '8', '--eval-every', '10', '--eval-size', '50'];

async function run(args: readonly string[]) {
  const io = fakeIo();
  const code = await main(args, io, registry, '0.0.0');
  return { code, out: io.out(), err: io.err() };
}

describe('chainrule remedies', () => {
  it('--json: one cell per method and length, one run each, with its gradient profile', async () => {
    const r = await run([...small, '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(data.task).toBe('order');
    expect(data.cells.map((c: { method: string }) => c.method)).toEqual(['sgd', 'clip', 'clip+omega']);
    for (const run of data.runs) {
      expect(run.grad_h_norms).toHaveLength(10);
      expect(run.iterations).toBeLessThanOrEqual(20);
    }
  });

  it('the terminal shows the table and findings drawn from the runs', async () => {
    const r = await run(small);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Runs solved (under 1% wrong on 50 fresh sequences), order, at most 20 steps of 20');
    expect(r.out).toMatch(/T = 10: /);
  });

  it('a length under 10 is refused with one line naming the flag', async () => {
    const r = await run(['remedies', '--lengths', '5']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--lengths/);
  });
});
