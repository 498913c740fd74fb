/** A perceptually uniform colour ramp (matplotlib's viridis, sampled at 9 stops) for heatmaps. */

const STOPS = [
  [68, 1, 84],
  [71, 45, 123],
  [59, 82, 139],
  [44, 114, 142],
  [33, 145, 140],
  [40, 174, 128],
  [94, 201, 98],
  [173, 220, 48],
  [253, 231, 37],
] as const;

/** The colour at fraction f ∈ [0, 1] (clamped) as "#rrggbb". */
export function viridis(f: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(f) ? f : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const t = x - i;
  const channel = (c: 0 | 1 | 2): string =>
    Math.round(STOPS[i][c] + (STOPS[i + 1][c] - STOPS[i][c]) * t)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/** Colours for what the log scale cannot place. */
export const UNDER_COLOR = '#d4d4d4';
export const OVER_COLOR = '#d62728';
export const MISSING_COLOR = '#ffffff';
