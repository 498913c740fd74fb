/**
 * Shrinking a heatmap grid to fit a screen: each shown cell is the LARGEST value of its block, so a
 * narrow cliff of huge gradients never disappears. NaN is ignored unless a block holds nothing else.
 */
import type { Heatmap } from './figures.js';

export interface PooledGrid {
  /** Coordinates of each shown column/row: the centre of its block. */
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly values: readonly (readonly number[])[];
  readonly pooled: boolean;
}

export function poolGrid(map: Heatmap, maxCols: number, maxRows: number): PooledGrid {
  const cols = blocks(map.x.length, maxCols);
  const rows = blocks(map.y.length, maxRows);
  const centre = (coords: readonly number[], [start, end]: readonly [number, number]): number =>
    (coords[start] + coords[end - 1]) / 2;
  const values = rows.map(([r0, r1]) =>
    cols.map(([c0, c1]) => {
      let best = NaN;
      for (let j = r0; j < r1; j++) {
        for (let i = c0; i < c1; i++) {
          const v = map.values[j]?.[i] ?? NaN;
          if (!Number.isNaN(v) && !(v <= best)) best = v;
        }
      }
      return best;
    }),
  );
  return {
    x: cols.map((b) => centre(map.x, b)),
    y: rows.map((b) => centre(map.y, b)),
    values,
    pooled: cols.length < map.x.length || rows.length < map.y.length,
  };
}

/** Splits 0..n into at most `max` contiguous blocks of near-equal size. */
function blocks(n: number, max: number): [number, number][] {
  const count = Math.max(1, Math.min(n, Math.floor(max)));
  const out: [number, number][] = [];
  for (let b = 0; b < count; b++) out.push([Math.floor((b * n) / count), Math.floor(((b + 1) * n) / count)]);
  return n === 0 ? [] : out;
}
