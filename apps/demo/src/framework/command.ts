/**
 * What a command is. Each command lives in one file under src/commands/ and is listed once in
 * src/commands/index.ts:
 *
 *   export const linear = defineCommand({
 *     name: 'linear',
 *     summary: 'the exact linear case: ‖dE/dh_t‖ = ρ^(T−t)·‖dE/dh_T‖',
 *     flags: { steps: positiveInt({ description: 'sequence length T', default: 100 }) },
 *     run: ({ steps }, { seed }) => {
 *       const data = linearCase({ steps, seed });          // a pure experiment function
 *       return { data, figures: [linePlotOf(data)] };       // plain data for the renderers
 *     },
 *   });
 *
 * `run` gets its flags parsed, validated and typed; it returns data and never prints. The
 * framework prints the figures (terminal), or --json / --csv, and writes --svg / --html files.
 */
import type { Figure } from '../render/figures.js';
import type { JsonValue } from '../render/json.js';
import type { Progress } from '../render/progress.js';
import { cliName, type FlagSpecs, type FlagValues } from './flags.js';
import { COMMON_FLAG_NAMES, OUTPUT_FLAGS, type OutputFlag } from './common-flags.js';
import { UsageError } from './errors.js';

export interface RunContext {
  /** --seed: every random choice of the run derives from it. */
  readonly seed: number;
  /**
   * A progress bar on stderr for long loops (training). It draws nothing when stderr is not a
   * terminal or with --json / --csv, so calling it is always safe.
   */
  progress(label: string, total: number): Progress;
  /**
   * For work in stages: an experiments' Report (experiments/report.ts). Draws one line on stderr
   * under the same conditions as `progress`, erased when the command returns.
   */
  report(stage: string, done: number, total: number): void;
}

export interface CommandResult {
  /**
   * What --json prints: plain numbers and strings, keys in snake_case like the model files' and
   * PyTorch's (each command's keys are listed in docs/experiments.md).
   */
  readonly data: JsonValue;
  /**
   * What the terminal shows, in order; also the HTML page's content. The first line plot or heatmap
   * is what --csv prints and --svg draws (further plots go to FILE-2.svg, FILE-3.svg, …).
   */
  readonly figures: readonly Figure[];
  /** Page title for --html; default "chainrule NAME — SUMMARY". */
  readonly title?: string;
}

export interface CommandDefinition<F extends FlagSpecs> {
  /** What is typed after `chainrule`: lowercase words joined by '-'. */
  readonly name: string;
  /** One line for `chainrule --help`. */
  readonly summary: string;
  /** More lines for `chainrule NAME --help`. */
  readonly description?: readonly string[];
  /** True while the command is a stand-in for a real experiment (shown in help). */
  readonly placeholder?: boolean;
  /** The command's own flags (the common ones — --seed, --json, --csv, --svg, --html — come free). */
  readonly flags: F;
  /**
   * The output flags this command's result can honour; default all four. --csv needs a plot or a
   * table, --svg a plot or a diagram. Help lists only these; any other is refused in one line.
   */
  readonly outputs?: readonly OutputFlag[];
  /** Example invocations for help, without the leading "chainrule ". */
  readonly examples?: readonly string[];
  /**
   * Flags that mean nothing together, or nothing without another flag's value: each given flag
   * that does not apply is an error naming both flags (see FlagRule), never a silent no-op.
   */
  readonly rules?: readonly FlagRule<keyof F & string>[];
  /**
   * Checks on the parsed flags before any work: the cost of the run (src/cost/), ordered ranges.
   * Throws a UsageError; `given` holds the keys of the flags on the command line.
   */
  readonly preflight?: (flags: FlagValues<F>, given: ReadonlySet<string>) => void;
  run(flags: FlagValues<F>, context: RunContext): CommandResult | Promise<CommandResult>;
}

/**
 * A rule between flags (keys in camelCase):
 *   { flag: 'cell', excludes: 'model', why: 'the model file sets the cell' }
 *       both given → "--cell does not apply with --model: the model file sets the cell"
 *   { flag: 'forgetBias', onlyWith: 'cell', values: ['lstm'] }
 *       --forget-bias given while --cell is not lstm → "--forget-bias applies only with --cell lstm (here --cell rnn)"
 *   { flag: 'delay', onlyWith: 'task', values: ['copy'] } and without values: only when the other is given.
 */
export type FlagRule<K extends string = string> =
  | { readonly flag: K; readonly excludes: K; readonly why: string }
  | { readonly flag: K; readonly onlyWith: K; readonly values?: readonly string[]; readonly why?: string };

/** Throws a UsageError for the first rule the given flags break. */
export function checkFlagRules(rules: readonly FlagRule[], values: Readonly<Record<string, unknown>>, given: ReadonlySet<string>): void {
  for (const rule of rules) {
    if (!given.has(rule.flag)) continue;
    const flag = `--${cliName(rule.flag)}`;
    if ('excludes' in rule) {
      if (given.has(rule.excludes)) throw new UsageError(`${flag} does not apply with --${cliName(rule.excludes)}: ${rule.why}`);
      continue;
    }
    const other = `--${cliName(rule.onlyWith)}`;
    const why = rule.why === undefined ? '' : `: ${rule.why}`;
    if (rule.values === undefined) {
      if (!given.has(rule.onlyWith)) throw new UsageError(`${flag} applies only with ${other}${why}`);
      continue;
    }
    const value = values[rule.onlyWith];
    const shown = Array.isArray(value) ? value.join(',') : String(value);
    if (!rule.values.includes(shown)) {
      const wanted = rule.values.map((v) => `${other} ${v}`).join(' or ');
      throw new UsageError(`${flag} applies only with ${wanted} (here ${other} ${shown}${given.has(rule.onlyWith) ? '' : ', the default'})${why}`);
    }
  }
}

/** A command with its flag types erased, as the registry holds it. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly description: readonly string[];
  readonly placeholder: boolean;
  readonly flags: FlagSpecs;
  readonly outputs: readonly OutputFlag[];
  readonly examples: readonly string[];
  readonly rules: readonly FlagRule[];
  /** The flag rules and the definition's preflight, in that order. */
  preflight(flags: Readonly<Record<string, unknown>>, given: ReadonlySet<string>): void;
  run(flags: Readonly<Record<string, unknown>>, context: RunContext): CommandResult | Promise<CommandResult>;
}

export function defineCommand<const F extends FlagSpecs>(definition: CommandDefinition<F>): Command {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(definition.name)) {
    throw new Error(`command name "${definition.name}" must be lowercase words joined by '-'`);
  }
  for (const key of Object.keys(definition.flags)) {
    if (!/^[a-z][a-zA-Z0-9]*$/.test(key)) throw new Error(`${definition.name}: flag key "${key}" must be camelCase`);
    if (COMMON_FLAG_NAMES.includes(cliName(key))) {
      throw new Error(`${definition.name}: --${cliName(key)} is a common flag; commands get it in their context`);
    }
  }
  for (const rule of definition.rules ?? []) {
    const other = 'excludes' in rule ? rule.excludes : rule.onlyWith;
    for (const key of [rule.flag, other]) {
      if (!(key in definition.flags)) throw new Error(`${definition.name}: a flag rule names "${key}", which is not one of its flags`);
    }
  }
  return {
    name: definition.name,
    summary: definition.summary,
    description: definition.description ?? [],
    placeholder: definition.placeholder ?? false,
    flags: definition.flags,
    outputs: OUTPUT_FLAGS.filter((o) => (definition.outputs ?? OUTPUT_FLAGS).includes(o)),
    examples: definition.examples ?? [],
    rules: definition.rules ?? [],
    preflight: (flags, given) => {
      checkFlagRules(definition.rules ?? [], flags, given);
      definition.preflight?.(flags as FlagValues<F>, given);
    },
    // The parser builds exactly FlagValues<F> from these flags (see parse-flags.ts).
    run: (flags, context) => definition.run(flags as FlagValues<F>, context),
  };
}
