/**
 * Which series shows in each cell of a terminal chart. Each series claims the cells its points fall
 * in and the cells joining neighbouring points. Where several claim one cell, measured series go
 * before bounds, and the cells claimed by the same set of series go to them in turn from left to
 * right, so curves that run together show as alternating glyphs rather than one hiding the other. Then every series left with fewer than MIN_VISIBLE cells takes back some of the cells it
 * claimed from series that have plenty: every series in the legend has marks on the chart.
 */

/** A series' claim: the cells [row, col] it would draw, in x order. */
export type Claims = readonly (readonly [number, number])[];

export const MIN_VISIBLE = 3;

/** grid[row][col]: the index of the series shown there, or -1 for blank. */
export function resolveCells(claims: readonly Claims[], bound: readonly boolean[], rows: number, cols: number): number[][] {
  const claimants: number[][][] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => []));
  claims.forEach((cells, s) => {
    for (const [r, c] of cells) if (!claimants[r][c].includes(s)) claimants[r][c].push(s);
  });
  const grid = claimants.map((row) => row.map(() => -1));
  const turns = new Map<string, number>();
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) {
      const who = claimants[r][c];
      if (who.length === 0) continue;
      const measured = who.filter((s) => !bound[s]);
      const pool = measured.length > 0 ? measured : who;
      const key = pool.join(',');
      const turn = turns.get(key) ?? 0;
      turns.set(key, turn + 1);
      grid[r][c] = pool[turn % pool.length];
    }
  }
  const visible = claims.map(() => 0);
  for (const row of grid) for (const s of row) if (s >= 0) visible[s] += 1;
  claims.forEach((cells, s) => {
    const unique = [...new Map(cells.map(([r, c]) => [`${r},${c}`, [r, c] as const])).values()];
    const want = Math.min(MIN_VISIBLE, unique.length);
    if (visible[s] >= want) return;
    // Take cells spread along the series (then any), from owners that keep more than MIN_VISIBLE.
    const spread = Array.from({ length: want }, (_, k) => unique[Math.floor(((k + 0.5) * unique.length) / want)]);
    for (const [r, c] of [...spread, ...unique]) {
      if (visible[s] >= want) break;
      const owner = grid[r][c];
      if (owner === s || owner < 0 || visible[owner] <= MIN_VISIBLE) continue;
      grid[r][c] = s;
      visible[owner] -= 1;
      visible[s] += 1;
    }
  });
  return grid;
}
