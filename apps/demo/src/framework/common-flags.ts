/** Flags every command takes. Their values reach a command through RunContext or the renderers. */
import { boolean, file, integer, type FlagSpecs, type FlagValues } from './flags.js';

export const COMMON_FLAGS = {
  seed: integer({ description: 'random seed: the same seed gives the same numbers', default: 0, min: 0, max: 2 ** 32 - 1 }),
  json: boolean({ description: 'print the numbers as JSON instead of the chart' }),
  csv: boolean({ description: 'print the numbers as CSV (a header, then one row per t) instead of the chart' }),
  svg: file({ description: 'also write the plot as an SVG image to FILE' }),
  html: file({ description: 'also write a web page with the plots and their numbers to FILE' }),
} as const satisfies FlagSpecs;

export type CommonFlagValues = FlagValues<typeof COMMON_FLAGS>;

/** Names a command may not use for its own flags. */
export const COMMON_FLAG_NAMES: readonly string[] = [...Object.keys(COMMON_FLAGS), 'help', 'version'];
