/**
 * From argv to typed flag values. Node's util.parseArgs splits the arguments into tokens (it knows
 * `--name value`, `--name=value`, `-h`); this file checks each token against the declared flags so
 * every mistake gets one clear line: unknown flag (with a suggestion), missing value, bad value,
 * a value given to a switch, a flag given twice, a stray argument.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { cliName, type FlagSpecs } from './flags.js';
import { closest } from './suggest.js';

export interface ParsedFlags {
  /** True when -h/--help was given: show help, ignore everything else. */
  readonly help: boolean;
  /** Every declared flag, by its key (camelCase), with defaults filled in. */
  readonly values: Readonly<Record<string, unknown>>;
  /** One line per deprecated flag given: "--steps is deprecated: use …". */
  readonly warnings: readonly string[];
  /** The keys of the flags given on the command line (the others hold their defaults). */
  readonly given: ReadonlySet<string>;
}

export function parseFlags(args: readonly string[], specs: FlagSpecs): ParsedFlags {
  const byName = new Map(Object.entries(specs).map(([key, flag]) => [cliName(key), { key, flag }]));
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, { flag }] of byName) options[name] = { type: flag.type === 'boolean' ? 'boolean' : 'string' };

  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { help: true, values: {}, warnings: [], given: new Set() };

  const values: Record<string, unknown> = {};
  const seen = new Set<string>();
  const warnings: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      throw new UsageError(`unexpected argument "${token.value}" (flags start with --; see --help)`);
    }
    const entry = byName.get(token.name);
    if (entry === undefined) {
      const guess = closest(token.name, [...byName.keys()]);
      throw new UsageError(`unknown flag ${token.rawName}${guess === undefined ? '' : ` (did you mean --${guess}?)`}; see --help`);
    }
    const { key, flag } = entry;
    const display = `--${token.name}`;
    if (seen.has(key)) throw new UsageError(`${display} is given twice`);
    seen.add(key);
    if (flag.deprecated !== undefined) warnings.push(`${display} is deprecated: ${flag.deprecated}`);
    if (flag.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${display} takes no value, got "${token.value}"`);
      values[key] = true;
      continue;
    }
    // parseArgs takes the next argument as the value even when it is another flag: `--steps --json`.
    const raw = token.value;
    if (raw === undefined || (!token.inlineValue && /^--?[A-Za-z]/.test(raw))) {
      throw new UsageError(`${display} needs a value: ${flag.accepts}`);
    }
    const parsed = flag.parse(raw);
    if (!parsed.ok) throw new UsageError(`${display} must be ${flag.accepts}, got "${raw}"`);
    values[key] = parsed.value;
  }
  for (const [key, flag] of Object.entries(specs)) if (!(key in values)) values[key] = flag.default;
  return { help: false, values, warnings, given: seen };
}
