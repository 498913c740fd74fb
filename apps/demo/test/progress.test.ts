import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/render/progress.js';

function stream(isTTY = true) {
  const writes: string[] = [];
  return { writes, isTTY, columns: 200, write: (t: string) => writes.push(t) };
}

describe('createProgress', () => {
  it('draws nothing when disabled (not a terminal, --json, --csv)', () => {
    const s = stream(false);
    const bar = createProgress(s, { label: 'train', total: 10, enabled: false });
    bar.tick();
    bar.update(5, 'loss 1');
    bar.stop();
    expect(s.writes).toEqual([]);
  });

  it('redraws one line in place, at most every 100 ms, and ends the line when stopped', () => {
    let now = 0;
    const s = stream();
    const bar = createProgress(s, { label: 'train', total: 4, enabled: true, now: () => now, barWidth: 4 });
    bar.tick(1, 'loss 0.5'); // first draw
    bar.tick(); // within 100 ms: no draw
    now = 150;
    bar.tick(1, 'loss 0.2');
    expect(s.writes).toHaveLength(2);
    expect(s.writes[0]).toMatch(/^\rtrain █░░░  25% 1\/4  loss 0.5 eta /);
    expect(s.writes[1]).toMatch(/^\rtrain ███░  75% 3\/4  loss 0.2 eta /);
    expect(s.writes.every((w) => w.endsWith('\u001b[K') && !w.includes('\n'))).toBe(true);
    now = 300;
    bar.tick(); // done: always drawn
    bar.stop();
    bar.stop(); // idempotent
    expect(s.writes.at(-3)).toMatch(/^\rtrain ████ 100% 4\/4  loss 0.2 0.3s/);
    expect(s.writes.at(-1)).toBe('\n');
    expect(s.writes.filter((w) => w === '\n')).toHaveLength(1);
  });
});
