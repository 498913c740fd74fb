/**
 * What a command hands to the renderers: plain data, no functions, no formatting decisions.
 * Every renderer (terminal, JSON, CSV, SVG, HTML) takes these and nothing else.
 */

/** How a series is drawn: a measured curve (solid, markers) or a bound/reference line (dashed). */
export const SERIES_STYLES = ['measured', 'bound'] as const;
export type SeriesStyle = (typeof SERIES_STYLES)[number];

/**
 * Why some of a series' values are exactly 0, by index into `values`: `structural` ones are 0 by
 * construction (`why` says how, e.g. "h_0 = 0"); `underflow` ones have a true value above 0 but
 * below float64's smallest positive number, 4.9e-324. A 0 listed in neither is shown as just "0".
 */
export interface Zeros {
  readonly structural?: readonly number[];
  readonly why?: string;
  readonly underflow?: readonly number[];
}

/** One named curve: one value per entry of the plot's `x`. Values are ≥ 0 (norms). */
export interface Series {
  readonly name: string;
  readonly values: readonly number[];
  /** What its exact zeros are (default: not stated, shown as "0"). */
  readonly zeros?: Zeros;
  /** Default 'measured'. */
  readonly style?: SeriesStyle;
  /**
   * Series that belong together (a full gradient and its direct path; a cell's training and
   * held-out loss; a curve and its bound) name the same group: they share a colour and differ in
   * glyph and dash. Default: a group of its own.
   */
  readonly group?: string;
}

/**
 * Several named series over one x axis (usually t = 1..T), drawn on a log10 y axis that reaches
 * down to the subnormals (4.9e-324). Exact zeros are drawn in bands below it, one per kind
 * (structural, underflow, unstated: see `Zeros`); +Infinity (overflow) in a band labelled
 * "> 1.8e308"; NaN and negative values are gaps.
 */
export interface LinePlot {
  readonly kind: 'line';
  readonly title: string;
  /** e.g. 't' */
  readonly xLabel: string;
  /** The quantity, e.g. '‖dE/dh_t‖'; renderers add "(log scale)". */
  readonly yLabel: string;
  readonly x: readonly number[];
  readonly series: readonly Series[];
}

/**
 * A 2-D grid of non-negative values on a log colour scale: `values[j][i]` is the value at (x[i], y[j]).
 * x and y ascend; y is drawn upwards.
 */
export interface Heatmap {
  readonly kind: 'heatmap';
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** The quantity coloured, e.g. '‖dE/dw‖'. */
  readonly valueLabel: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly values: readonly (readonly number[])[];
}

/**
 * How a table column shows numbers: 'norm' (formatNorm: a subnormal is marked so), 'number' (formatNumber),
 * 'integer' (as is). Strings are always shown as given.
 */
export const NUMBER_FORMATS = ['norm', 'number', 'integer'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

export interface Column {
  readonly header: string;
  /** Default: right for numbers, left for text. */
  readonly align?: 'left' | 'right';
  /** Default 'number'. */
  readonly format?: NumberFormat;
}

export type Cell = string | number;

export interface Table {
  readonly kind: 'table';
  readonly title?: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
}

/** Plain sentences (a heading, findings, "how to go further"). */
export interface Text {
  readonly kind: 'text';
  readonly lines: readonly string[];
}

/**
 * A graph for Graphviz: `dot` is what the picture (--svg, --html) is drawn from; `text` is what the
 * terminal shows, in `language` (the same DOT, or Mermaid). HTML shows the text too, whitespace kept.
 */
export interface Diagram {
  readonly kind: 'diagram';
  readonly title: string;
  readonly dot: string;
  readonly text: string;
  readonly language: 'dot' | 'mermaid';
}

export type Figure = LinePlot | Heatmap | Diagram | Table | Text;
export type Plot = LinePlot | Heatmap;
/** What --svg draws: a plot or a diagram. */
export type Picture = Plot | Diagram;

export function isPlot(figure: Figure): figure is Plot {
  return figure.kind === 'line' || figure.kind === 'heatmap';
}

export function isPicture(figure: Figure): figure is Picture {
  return isPlot(figure) || figure.kind === 'diagram';
}
