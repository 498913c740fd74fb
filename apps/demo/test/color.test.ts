import { describe, expect, it } from 'vitest';
import { canRedraw, colorWanted } from '../src/render/color.js';

describe('colorWanted: Node’s FORCE_COLOR / NO_COLOR / TERM conventions', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, false],
    [true, { NODE_DISABLE_COLORS: '1' }, false],
    [true, { TERM: 'dumb' }, false],
    [true, { TERM: 'xterm-256color' }, true],
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '' }, true],
    [false, { FORCE_COLOR: 'true' }, true],
    [false, { FORCE_COLOR: '3' }, true],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { FORCE_COLOR: 'false' }, false],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '1', TERM: 'dumb' }, true],
  ] as const)('tty %s, env %j → %s', (tty, env, expected) => {
    expect(colorWanted(tty, env)).toBe(expected);
  });

  it('progress bars redraw only on a terminal that is not TERM=dumb', () => {
    expect(canRedraw(true, {})).toBe(true);
    expect(canRedraw(true, { TERM: 'dumb' })).toBe(false);
    expect(canRedraw(false, {})).toBe(false);
  });
});
