/**
 * ANSI colours for the terminal, used only when stdout is a terminal and NO_COLOR is unset
 * (https://no-color.org; any value of NO_COLOR, even empty, turns colour off here).
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

export function colorWanted(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTTY && env.NO_COLOR === undefined;
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
