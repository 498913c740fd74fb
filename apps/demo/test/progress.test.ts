import { describe, expect, it } from 'vitest';
import { createProgress, createStages } from '../src/render/progress.js';

function stream(isTTY = true, columns = 200) {
  const writes: string[] = [];
  return { writes, isTTY, columns, write: (t: string) => writes.push(t) };
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

  it('a terminal that reports 0 columns gets the whole line; a narrow one, the line cut to fit', () => {
    const wide = stream(true, 0);
    const bar = createProgress(wide, { label: 'train', total: 2, enabled: true, now: () => 0, barWidth: 4 });
    bar.update(2, 'rnn 0.25');
    expect(wide.writes[0]).toBe('\rtrain ████ 100% 2/2  rnn 0.25 0.0s\u001b[K');
    const narrow = stream(true, 12);
    createProgress(narrow, { label: 'train', total: 2, enabled: true, now: () => 0, barWidth: 4 }).update(1);
    expect(narrow.writes[0]).toBe('\rtrain ██░░ \u001b[K');
  });
});

describe('createStages', () => {
  it('draws each stage as soon as it starts (a blocking stage shows its name), then erases the line', () => {
    let now = 0;
    const s = stream();
    const stages = createStages(s, { prefix: 'vanish', enabled: true, now: () => now });
    stages.report('forward', 1, 4);
    stages.report('forward', 2, 4); // within 100 ms: not drawn
    now = 500;
    stages.report('backward pass through 4 steps', 0, 1);
    stages.report('backward pass through 4 steps', 1, 1);
    stages.finish();
    expect(s.writes.filter((w) => w.startsWith('\rvanish: forward'))).toHaveLength(1);
    expect(s.writes.some((w) => w.startsWith('\rvanish: backward pass through 4 steps ') && w.includes('  0% 0/1'))).toBe(true);
    expect(s.writes.some((w) => w.includes('100% 1/1'))).toBe(true);
    expect(s.writes.at(-1)).toBe('\r\u001b[K');
    expect(s.writes.join('')).not.toContain('\n');
  });

  it('draws nothing when disabled', () => {
    const s = stream(false);
    const stages = createStages(s, { prefix: 'vanish', enabled: false });
    stages.report('forward', 1, 2);
    stages.finish();
    expect(s.writes).toEqual([]);
  });
});
