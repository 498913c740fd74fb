/**
 * A line plot as a standalone SVG: log10 y axis with decade ticks (minor ticks when few decades),
 * linear x axis, axis titles, a legend, bound lines dashed, a title. The axis reaches the
 * subnormals (their region is shaded and noted); exact zeros are drawn in bands below it, one per
 * kind (underflow, structural, unstated: zeros.ts); +Infinity in an overflow band; NaN and
 * negatives are gaps.
 */
import type { LinePlot } from './figures.js';
import { formatNorm, formatTick, MIN_NORMAL, OVERFLOW_LABEL, ZERO_LABELS } from './format.js';
import { axisFraction, logAxis, logPosition, logTickLabel } from './log-scale.js';
import { kindNotes, legendName, pointKinds, pointText, zeroBands } from './zeros.js';
import { seriesLooks } from './series-looks.js';
import { coord, el, powerOfTen, text, textWidth, XML_PROLOG } from './svg.js';
import { marker, markerIndices } from './svg-markers.js';
import { extent, niceTicks } from './ticks.js';

export interface SvgOptions {
  /** Width of the plotting area in px (the image is wider: labels, legend); default 600. */
  readonly plotWidth?: number;
  /** Height of the plotting area in px; default 360. */
  readonly plotHeight?: number;
  /** Include the <?xml?> prolog (for a standalone file; not inside HTML); default true. */
  readonly prolog?: boolean;
}

const FONT = 13;
const BAND = 26;
const BAND_GAP = 10;
const BAND_FILL = '#eeeeee';
const SUBNORMAL_FILL = '#f6f0e0';

/** Where the plot area and its log region are: exported so tests can check positions. */
export interface LinePlotLayout {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export function svgLinePlot(plot: LinePlot, options: SvgOptions = {}): string {
  const plotW = options.plotWidth ?? 600;
  const plotH = options.plotHeight ?? 360;
  const axis = logAxis(plot.series.flatMap((s) => s.values), 9, { zoom: true });
  const kinds = pointKinds(plot.series);
  const bands = zeroBands(kinds);
  const notes = kindNotes(plot.series, kinds);

  const legendText = Math.max(...plot.series.map((s, i) => textWidth(legendName(s, kinds[i]), FONT)), ...notes.map((note) => textWidth(note.text, 11)), 40);
  const legendW = 16 + 30 + 12 + legendText + 12;
  // Room on the left for the tick labels and the bands' labels ("0 (structural)").
  const bandLabels = [...bands.map((kind) => ZERO_LABELS[kind]), ...(axis.hasOver ? [OVERFLOW_LABEL] : [])];
  const left = Math.max(90, 16 + Math.max(0, ...bandLabels.map((label) => textWidth(label, FONT))));
  const top = 56;
  const width = left + plotW + 24 + legendW + 16;
  const height = top + plotH + 62;
  const plotRight = left + plotW;
  const plotBottom = top + plotH;
  // The log region, minus the overflow band above and the bands of zeros below (nearest the axis:
  // underflow, then unstated zeros, then structural ones).
  const logTop = top + (axis.hasOver ? BAND + BAND_GAP : 0);
  const logBottom = plotBottom - (bands.length > 0 ? bands.length * BAND + BAND_GAP : 0);
  const overY = top + BAND / 2;
  const bandY = (b: number) => logBottom + BAND_GAP + BAND / 2 + b * BAND;
  const yOfLog = (log: number): number => logBottom - axisFraction(axis, log) * (logBottom - logTop);
  const yOf = (value: number, series: number, i: number): number | null => {
    const p = logPosition(value);
    if (p.kind === 'value') return yOfLog(p.log);
    if (p.kind === 'under') {
      const kind = kinds[series][i];
      return bandY(bands.indexOf(kind === 'structural' || kind === 'underflow' ? kind : 'zero'));
    }
    if (p.kind === 'over') return overY;
    return null;
  };

  const xRange = extent(plot.x);
  let xMin = xRange?.min ?? 0;
  let xMax = xRange?.max ?? 1;
  if (xMin === xMax) [xMin, xMax] = [xMin - 1, xMax + 1];
  const xOf = (x: number): number => left + ((x - xMin) / (xMax - xMin)) * plotW;

  const parts: string[] = [];
  parts.push(el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  parts.push(el('title', {}, text(plot.title)));
  parts.push(
    el('text', { x: left + plotW / 2, y: 28, 'text-anchor': 'middle', 'font-size': 17, 'font-weight': 'bold' }, text(plot.title)),
  );
  parts.push(el('rect', { class: 'log-region', x: left, y: logTop, width: plotW, height: logBottom - logTop, fill: '#ffffff' }));

  // Bands for values the log axis cannot hold.
  const band = (y: number, label: string, cls: string): string =>
    el(
      'g',
      { class: cls },
      el('rect', { x: left, y: y - BAND / 2 + 1, width: plotW, height: BAND - 2, fill: BAND_FILL }),
      el('text', { x: left - 8, y: y + 4, 'text-anchor': 'end' }, text(label)),
    );
  if (axis.hasOver) parts.push(band(overY, OVERFLOW_LABEL, 'overflow-band'));
  bands.forEach((kind, b) => parts.push(band(bandY(b), ZERO_LABELS[kind], `zero-band ${kind}`)));
  // The subnormal region, if the axis reaches below 2.2e-308: shaded, its values still on the scale.
  if (kinds.flat().includes('subnormal')) {
    const yTop = yOfLog(Math.log10(MIN_NORMAL));
    parts.push(el('rect', { class: 'subnormal-region', x: left, y: yTop, width: plotW, height: logBottom - yTop, fill: SUBNORMAL_FILL }));
  }

  // y axis: a grid line and label per labelled decade, minor ticks when the decades are few.
  for (const k of axis.ticks) {
    const y = yOfLog(k);
    parts.push(
      el(
        'g',
        axis.step === 0 ? { class: 'y-tick', 'data-value': logTickLabel(axis, k) } : { class: 'y-tick', 'data-decade': String(k) },
        el('line', { x1: left, x2: plotRight, y1: y, y2: y, stroke: '#e4e4e4' }),
        el('line', { x1: left - 5, x2: left, y1: y, y2: y, stroke: '#333333' }),
        el('text', { x: left - 8, y: y + 4, 'text-anchor': 'end' }, axis.step === 0 ? text(logTickLabel(axis, k)) : powerOfTen(k)),
      ),
    );
  }
  if (axis.step === 1 && axis.hi - axis.lo <= 6) {
    for (let k = axis.lo; k < axis.hi; k++) {
      for (let m = 2; m <= 9; m++) {
        const y = yOfLog(k + Math.log10(m));
        parts.push(el('line', { class: 'y-minor', x1: left - 3, x2: left, y1: y, y2: y, stroke: '#333333' }));
      }
    }
  }

  // x axis.
  for (const tick of xRange === undefined ? [] : niceTicks(xMin, xMax, Math.max(2, Math.floor(plotW / 80)))) {
    const x = xOf(tick);
    parts.push(
      el(
        'g',
        { class: 'x-tick', 'data-value': String(tick) },
        el('line', { x1: x, x2: x, y1: top, y2: plotBottom, stroke: '#f0f0f0' }),
        el('line', { x1: x, x2: x, y1: plotBottom, y2: plotBottom + 5, stroke: '#333333' }),
        el('text', { x, y: plotBottom + 20, 'text-anchor': 'middle' }, text(formatTick(tick))),
      ),
    );
  }
  parts.push(el('path', { d: `M${coord(left)},${coord(top)}V${coord(plotBottom)}H${coord(plotRight)}`, fill: 'none', stroke: '#333333' }));
  parts.push(el('text', { x: left + plotW / 2, y: plotBottom + 46, 'text-anchor': 'middle' }, text(plot.xLabel)));
  const yTitleX = 18;
  const yTitleY = top + plotH / 2;
  parts.push(
    el(
      'text',
      { x: yTitleX, y: yTitleY, 'text-anchor': 'middle', transform: `rotate(-90 ${coord(yTitleX)} ${coord(yTitleY)})` },
      text(`${plot.yLabel} (log scale)`),
    ),
  );

  // Series: every line first (bounds underneath), then every marker on top of all lines, spread so
  // that no two series mark the same x: curves lying on top of each other each keep visible marks.
  const looks = seriesLooks(plot.series);
  const order = plot.series.map((_, i) => i).sort((a, b) => Number(plot.series[a].style !== 'bound') - Number(plot.series[b].style !== 'bound'));
  const markerLayers: string[] = [];
  for (const index of order) {
    const series = plot.series[index];
    const look = looks[index];
    const points: ([number, number] | null)[] = plot.x.map((xv, i) => {
      const y = i < series.values.length ? yOf(series.values[i], index, i) : null;
      return y === null || !Number.isFinite(xv) ? null : [xOf(xv), y];
    });
    // A line joins neighbouring points on the axis, or in the same band; never an axis point and a
    // band (a band is not on the scale).
    const segments: [number, number][][] = [];
    let current: [number, number][] = [];
    points.forEach((point, i) => {
      const region = (k: number) => (logPosition(series.values[k]).kind === 'value' ? 'axis' : kinds[index][k]);
      if (point === null || (current.length > 0 && region(i) !== region(i - 1))) {
        if (current.length > 0) segments.push(current);
        current = [];
      }
      if (point !== null) current.push(point);
    });
    if (current.length > 0) segments.push(current);
    const d = segments.map((seg) => seg.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${coord(x)},${coord(y)}`).join('')).join('');
    const children: string[] = [el('title', {}, text(series.name))];
    if (d !== '') {
      const widthPx = series.style === 'bound' ? 1.6 : 2;
      children.push(el('path', { d, fill: 'none', stroke: look.svgColor, 'stroke-width': widthPx, 'stroke-dasharray': look.dash, 'stroke-linejoin': 'round' }));
    }
    parts.push(el('g', { class: series.style === 'bound' ? 'series bound' : 'series', 'data-name': series.name }, ...children));
    const style = { shape: look.marker, color: look.svgColor, hollow: look.hollow };
    // A point alone in a band (say step 1's structural zero) has no line to show it: it always gets a marker.
    const alone = segments.length === 0 ? [] : points.flatMap((point, i) => {
      if (point === null || logPosition(series.values[i]).kind === 'value') return [];
      const same = (k: number) => k >= 0 && k < points.length && points[k] !== null && kinds[index][k] === kinds[index][i];
      return same(i - 1) || same(i + 1) ? [] : [i];
    });
    const indices = [...new Set([...markerIndices(points.length, index, plot.series.length), ...alone])];
    const marks = indices.flatMap((i) => {
      const point = points[i];
      return point === null ? [] : [marker(point[0], point[1], style)];
    });
    markerLayers.push(el('g', { class: 'markers', 'data-name': series.name }, el('title', {}, text(series.name)), ...marks));
  }
  parts.push(...markerLayers);

  // Legend, right of the plot.
  const legendX = plotRight + 24;
  const legendH = 12 + (plot.series.length + notes.length) * 22;
  const legend: string[] = [
    el('rect', { x: legendX, y: top, width: legendW, height: legendH, fill: '#ffffff', stroke: '#cccccc', rx: 4 }),
  ];
  plot.series.forEach((series, i) => {
    const y = top + 17 + i * 22;
    const look = looks[i];
    const widthPx = series.style === 'bound' ? 1.6 : 2;
    legend.push(
      el('line', { x1: legendX + 8, x2: legendX + 46, y1: y, y2: y, stroke: look.svgColor, 'stroke-width': widthPx, 'stroke-dasharray': look.dash }),
      marker(legendX + 27, y, { shape: look.marker, color: look.svgColor, hollow: look.hollow }),
      el('text', { x: legendX + 54, y: y + 4 }, text(legendName(series, kinds[i]))),
    );
  });
  notes.forEach((note, i) => {
    const y = top + 17 + (plot.series.length + i) * 22;
    // The swatch is what the note explains: the shaded subnormal region, or a band's grey.
    legend.push(el('rect', { x: legendX + 12, y: y - 8, width: 30, height: 16, fill: note.kind === 'subnormal' ? SUBNORMAL_FILL : BAND_FILL }));
    legend.push(el('text', { class: 'kind-note', 'data-kind': note.kind, x: legendX + 54, y: y + 4, 'font-size': 11 }, text(note.text)));
  });
  parts.push(el('g', { class: 'legend' }, ...legend));

  const svg = el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${coord(width)} ${coord(height)}`,
      'font-family': 'system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif',
      'font-size': FONT,
      role: 'img',
      'aria-label': plot.title,
    },
    ...parts,
  );
  return (options.prolog === false ? '' : XML_PROLOG) + svg + '\n';
}

/** The numbers behind a line plot as rows of display text (for HTML tables). */
export function linePlotRows(plot: LinePlot): string[][] {
  return plot.x.map((x, i) => [formatTick(x), ...plot.series.map((s) => pointText(s, i, formatNorm))]);
}
