/**
 * Point markers for SVG line plots: one shape per group of series (circle, triangle, square, …),
 * filled for a group's first series and hollow for the others; and which points of a series carry
 * one. Markers are spread so that no two series put one at the same x: curves that lie on top of
 * each other still each show their own marks.
 */
import type { MarkerShape } from './series-looks.js';
import { el } from './svg.js';

/** Markers on one series at most; fewer when a plot has many series, so that they never crowd. */
const MOST_PER_SERIES = 12;
const LEAST_PER_SERIES = 4;
/** All markers of a plot together, at most (about one per 10 px of a 600 px plot). */
const MOST_IN_ALL = 60;
/** Series with at most this many points: a marker on every point its turn allows. */
export const EVERY_POINT_LIMIT = 40;

/**
 * The indices of the points of series `s` (of `count`) that carry a marker, among `n` points:
 * with few points, every count-th point from the s-th; with many, a few evenly spread, shifted by
 * s/count of their spacing. Never the same index for two series while n ≥ count.
 */
export function markerIndices(n: number, s: number, count: number): number[] {
  if (n === 0) return [];
  if (n <= EVERY_POINT_LIMIT) {
    const own = Array.from({ length: n }, (_, i) => i).filter((i) => i % count === s % count);
    return own.length > 0 ? own : [Math.min(s, n - 1)];
  }
  // At most n/count per series: then the series' shifts are at least one point apart.
  const wanted = Math.max(LEAST_PER_SERIES, Math.min(MOST_PER_SERIES, Math.floor(MOST_IN_ALL / count)));
  const perSeries = Math.max(1, Math.min(wanted, Math.floor(n / count)));
  const spacing = n / perSeries;
  return Array.from({ length: perSeries }, (_, k) => Math.min(n - 1, Math.floor((k + (s + 0.5) / count) * spacing)));
}

export interface MarkerStyle {
  readonly shape: MarkerShape;
  readonly color: string;
  readonly hollow: boolean;
}

/** One marker centred on (x, y), about 10 px across. */
export function marker(x: number, y: number, style: MarkerStyle): string {
  const paint = style.hollow
    ? { fill: '#ffffff', stroke: style.color, 'stroke-width': 1.6 }
    : { fill: style.color, stroke: '#ffffff', 'stroke-width': 0.8 };
  const polygon = (points: readonly (readonly [number, number])[]): string =>
    el('path', { d: `M${points.map(([dx, dy]) => `${round(x + dx)},${round(y + dy)}`).join('L')}Z`, ...paint });
  switch (style.shape) {
    case 'circle':
      return el('circle', { cx: x, cy: y, r: 4.2, ...paint });
    case 'square':
      return el('rect', { x: x - 3.8, y: y - 3.8, width: 7.6, height: 7.6, ...paint });
    case 'triangle':
      return polygon([[0, -5.2], [4.6, 3.4], [-4.6, 3.4]]);
    case 'triangle-down':
      return polygon([[0, 5.2], [4.6, -3.4], [-4.6, -3.4]]);
    case 'diamond':
      return polygon([[0, -5.4], [4.4, 0], [0, 5.4], [-4.4, 0]]);
    case 'star':
      return polygon(
        Array.from({ length: 10 }, (_, k) => {
          const radius = k % 2 === 0 ? 5.6 : 2.4;
          const angle = (Math.PI * k) / 5 - Math.PI / 2;
          return [radius * Math.cos(angle), radius * Math.sin(angle)] as const;
        }),
      );
  }
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
