/**
 * Flags the framework handles for every command: --seed, --strict, and the output flags --json, --csv, --svg,
 * --html. A command takes the output flags its result can honour (CommandDefinition.outputs);
 * help lists exactly those. Their values reach a command through RunContext or the renderers.
 */
import { boolean, file, integer, type FlagSpecs, type FlagValues } from './flags.js';

export const COMMON_FLAGS = {
  seed: integer({ description: 'random seed: the same seed gives the same numbers', default: 0, min: 0, max: 2 ** 32 - 1 }),
  json: boolean({ description: 'print the results as JSON instead of the charts and tables' }),
  csv: boolean({ description: 'print the first chart’s (or table’s) numbers as CSV instead: a header, then one row per point' }),
  svg: file({ description: 'also write the chart (graph: the picture) as an SVG image to FILE; more charts to FILE-2.svg, …' }),
  html: file({ description: 'also write a web page with every chart, table and their numbers to FILE' }),
  strict: boolean({ description: 'exit 3 when a reported number is NaN or infinite (it is always named on stderr)' }),
} as const satisfies FlagSpecs;

/** The output flags, in the order help lists them. */
export const OUTPUT_FLAGS = ['json', 'csv', 'svg', 'html'] as const;
export type OutputFlag = (typeof OUTPUT_FLAGS)[number];

export type CommonFlagValues = FlagValues<typeof COMMON_FLAGS>;

/** Names a command may not use for its own flags. */
export const COMMON_FLAG_NAMES: readonly string[] = [...Object.keys(COMMON_FLAGS), 'help', 'version'];
