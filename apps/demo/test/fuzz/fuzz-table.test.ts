// The fuzz table, in-process: about a thousand bad flags, files and output paths run through
// main() on the real commands (no child processes), each checked for its exact outcome: one clean
// line and exit 2, or a correct run; no crash, no silent acceptance, no file changed. `pnpm fuzz`
// runs the same table as real processes, with the slow cases (scale, a real FIFO, a real disk).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/commands/index.js';
import { main } from '../../src/framework/main.js';
import { fakeIo } from '../helpers.js';
import { allCases, argsIn, classify, fullDiskFs, lostFiles, prepare, type FuzzCase } from './cases.js';

const root = mkdtempSync(join(tmpdir(), 'chainrule-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cases = allCases(registry.commands).filter((c) => c.slow === undefined);
let fifoAvailable = true;
const mkfifo = (path: string) => {
  try {
    execFileSync('mkfifo', [path]);
  } catch {
    fifoAvailable = false;
  }
};

async function run(c: FuzzCase, index: number) {
  const dir = join(root, String(index));
  mkdirSync(dir);
  const kept = prepare(c, dir, mkfifo);
  const merged = { ...fakeIo(), ...(c.fullDisk === true ? { fs: fullDiskFs() } : {}) };
  const code = await main(argsIn(c, dir), merged, registry, '0.0.0');
  return classify(c, { code, stdout: merged.out(), stderr: merged.err(), lostFiles: lostFiles(dir, kept) });
}

describe('the fuzz table, in-process', () => {
  it('has the cases of the issue and about a thousand more', () => {
    expect(cases.length).toBeGreaterThan(800);
    for (const name of ['a full disk', 'ragged weight_hh', 'NaN literal', 'a FIFO', 'vanish --steps 5000 --hidden 1024', '--html /proc/y.html']) {
      expect(cases.some((c) => c.name.includes(name)), name).toBe(true);
    }
  });

  it('every case ends as it must: a clean error or a correct run, never a crash, a wrong answer or a lost file', async () => {
    const problems: string[] = [];
    const counts = new Map<string, number>();
    for (const [i, c] of cases.entries()) {
      if (c.fifo !== undefined && !fifoAvailable) continue;
      const { outcome, why } = await run(c, i);
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      if (outcome !== 'clean error' && outcome !== 'correct run') problems.push(`${c.name}: ${outcome}: ${why}`);
    }
    expect(problems).toEqual([]);
    expect((counts.get('clean error') ?? 0) + (counts.get('correct run') ?? 0)).toBeGreaterThan(800);
  }, 120_000);
});
