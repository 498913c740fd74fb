/**
 * Small multiples: a line plot with more groups of series than one chart can tell apart
 * (MAX_GROUPS) becomes several plots over the same x, each with at most MAX_GROUPS groups and the
 * title marked "(1 of 3)". Bounds that belong to no group (a shared baseline) go into every part.
 */
import type { LinePlot, Series } from './figures.js';
import { groupCount, MAX_GROUPS } from './series-looks.js';

export function splitLinePlot(plot: LinePlot, maxGroups = MAX_GROUPS): LinePlot[] {
  if (groupCount(plot.series) <= maxGroups) return [plot];
  const shared = plot.series.filter((s) => s.style === 'bound' && s.group === undefined);
  const own = plot.series.filter((s) => !shared.includes(s));
  const perPart = Math.max(1, maxGroups - shared.length);
  const groups: Series[][] = [];
  const indexOf = new Map<string, number>();
  own.forEach((s, i) => {
    const key = s.group ?? `\u0000${i}`;
    if (!indexOf.has(key)) {
      indexOf.set(key, groups.length);
      groups.push([]);
    }
    groups[indexOf.get(key) ?? 0].push(s);
  });
  const parts: Series[][] = [];
  for (let g = 0; g < groups.length; g += perPart) parts.push([...groups.slice(g, g + perPart).flat(), ...shared]);
  return parts.map((series, k) => ({ ...plot, title: `${plot.title} (${k + 1} of ${parts.length})`, series }));
}
