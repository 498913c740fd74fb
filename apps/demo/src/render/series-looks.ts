/**
 * How each series of a line plot looks, in the terminal and in SVG. Series of one group share a
 * colour; within a group they differ in glyph and dash (the first measured series: filled glyph,
 * solid line; the next: small glyph, dashed; and so on). Every series of a plot gets a glyph and a
 * marker of its own, so a plot reads without colour too. A plot has at most MAX_GROUPS groups:
 * larger ones are split into several plots first (split-plot.ts).
 */
import type { Color } from './color.js';
import type { Series } from './figures.js';

export const MAX_GROUPS = 6;

/** Terminal glyphs per group: [filled, small]; one column wide in every monospace font. */
const GLYPH_PAIRS = [
  ['●', '∘'],
  ['▲', '▵'],
  ['■', '▫'],
  ['◆', '◇'],
  ['▼', '▿'],
  ['✱', '∗'],
] as const;
/** For a third and later member of a group: letters, never used by the pairs. */
const EXTRA_GLYPHS = 'ABCDEFGHJKMNPQRSTUVWXYZ';
const TERMINAL_COLORS: readonly Color[] = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'];

/** Okabe & Ito's colour-blind-safe colours, one per group. */
const SVG_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;
/** Dash patterns by place in the group: solid, dashed, dotted, dash-dot, long dash. */
const DASHES = [undefined, '8 5', '2 4', '10 4 2 4', '16 6'] as const;
export const MARKER_SHAPES = ['circle', 'triangle', 'square', 'diamond', 'triangle-down', 'star'] as const;
export type MarkerShape = (typeof MARKER_SHAPES)[number];

export interface SeriesLook {
  /** Which group (0-based, in order of first appearance) and which look within it (0: filled, solid). */
  readonly group: number;
  readonly member: number;
  readonly glyph: string;
  readonly terminalColor: Color;
  readonly svgColor: string;
  /** SVG stroke-dasharray; undefined: solid. */
  readonly dash: string | undefined;
  readonly marker: MarkerShape;
  /** Markers of the first member are filled; the others hollow (white inside). */
  readonly hollow: boolean;
}

/** Series keys: the group name, or a key of the series' own. */
function groupKeys(series: readonly Series[]): string[] {
  return series.map((s, i) => (s.group === undefined ? `\u0000${i}` : `group:${s.group}`));
}

export function groupCount(series: readonly Series[]): number {
  return new Set(groupKeys(series)).size;
}

export function seriesLooks(series: readonly Series[]): SeriesLook[] {
  const keys = groupKeys(series);
  const groups = [...new Set(keys)];
  if (groups.length > MAX_GROUPS) throw new Error(`a plot of ${groups.length} groups of series: split it first (split-plot.ts)`);
  // Within a group, measured series come before bounds: they get the filled glyph and the solid line.
  const members = new Map<string, number[]>();
  const rank = (i: number) => (series[i].style === 'bound' ? 1 : 0);
  series.forEach((_, i) => members.set(keys[i], [...(members.get(keys[i]) ?? []), i]));
  for (const list of members.values()) list.sort((a, b) => rank(a) - rank(b) || a - b);
  let extra = 0;
  return series.map((_, i) => {
    const group = groups.indexOf(keys[i]);
    const list = members.get(keys[i]) ?? [i];
    // A bound is never drawn like a measured curve: in a group of bounds only, they start at the dashed look.
    const member = list.indexOf(i) + (series[list[0]].style === 'bound' ? 1 : 0);
    const glyph = member < 2 ? GLYPH_PAIRS[group][member] : EXTRA_GLYPHS[extra++ % EXTRA_GLYPHS.length];
    return {
      group,
      member,
      glyph,
      terminalColor: TERMINAL_COLORS[group],
      svgColor: SVG_COLORS[group],
      dash: DASHES[member % DASHES.length],
      marker: MARKER_SHAPES[group],
      hollow: member > 0,
    };
  });
}
