/**
 * ANSI colours for the terminal. Whether to use them follows Node's own rules (its FORCE_COLOR,
 * NO_COLOR and TERM documentation, as in tty.WriteStream#getColorDepth): see colorWanted.
 */

export const COLORS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red', 'gray', 'bold'] as const;
export type Color = (typeof COLORS)[number];

const CODES: Readonly<Record<Color, readonly [number, number]>> = {
  cyan: [36, 39],
  magenta: [35, 39],
  yellow: [33, 39],
  green: [32, 39],
  blue: [34, 39],
  red: [31, 39],
  gray: [90, 39],
  bold: [1, 22],
};

export interface Paint {
  readonly enabled: boolean;
  (text: string, color: Color): string;
}

export function makePaint(enabled: boolean): Paint {
  const paint = (text: string, color: Color): string => {
    if (!enabled || text === '') return text;
    const [open, close] = CODES[color];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  };
  return Object.assign(paint, { enabled });
}

/**
 * Colour or not, in this order:
 *   FORCE_COLOR = '', '1', 'true', '2' or '3': colour, even when piped (and whatever NO_COLOR says);
 *   FORCE_COLOR = anything else ('0', 'false'): no colour;
 *   NO_COLOR or NODE_DISABLE_COLORS set (any value, even empty): no colour;
 *   TERM = 'dumb': no colour;
 *   otherwise colour only on a terminal.
 */
export function colorWanted(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', 'true', '2', '3'].includes(force);
  if (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined) return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** A terminal that understands cursor movement (\r with erase-to-end-of-line): not TERM=dumb. */
export function canRedraw(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTTY && env.TERM !== 'dumb';
}

/** Removes ANSI colour codes (for measuring widths and for tests). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Columns a string takes in a terminal (colour codes take none). */
export function displayWidth(text: string): number {
  return [...stripAnsi(text)].length;
}
