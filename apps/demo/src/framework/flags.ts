/**
 * Flag declarations: each constructor returns a Flag<T> that knows its help text, its default and
 * how to parse and validate a raw command-line string. A command declares its flags as an object
 * of these; the parser turns `--forget-bias 1.5` into `{ forgetBias: 1.5 }`, typed.
 */

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

export interface Flag<T> {
  /** 'boolean' flags take no value (`--json`); 'value' flags take one (`--steps 50`, `--steps=50`). */
  readonly type: 'boolean' | 'value';
  readonly description: string;
  /** What the value looks like in help: N, X, LIST, NAME, FILE. */
  readonly placeholder: string;
  /** What is accepted, completing "--steps must be …": "a positive integer", "one of rnn, lstm". */
  readonly accepts: string;
  /** Used when the flag is not given. */
  readonly default: T;
  /** The default as shown in help; undefined shows none. */
  readonly defaultText: string | undefined;
  /** Set for an old name kept working: what to use instead (help and a warning on stderr say it). */
  readonly deprecated?: string;
  parse(raw: string): ParseResult<T>;
}

/** An old flag kept as an alias: it still works, help marks it, and using it prints a warning. */
export function deprecated<T>(flag: Flag<T>, instead: string): Flag<T> {
  return { ...flag, deprecated: instead };
}

export interface FlagSpecs {
  readonly [name: string]: Flag<unknown>;
}

/** The parsed values of a set of flags, typed from their declarations. */
export type FlagValues<F extends FlagSpecs> = { readonly [K in keyof F]: F[K] extends Flag<infer T> ? T : never };

/** `forgetBias` → `forget-bias`: the name on the command line. */
export function cliName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number ("0.5", "-3", "1e-3"); not "", "0x10", "Infinity" or "1,5". */
export function parseNumberText(raw: string): number | undefined {
  return NUMBER.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` in [${min}, ${max}]`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return '';
}

const inRange = (v: number, min: number | undefined, max: number | undefined): boolean =>
  (min === undefined || v >= min) && (max === undefined || v <= max);

export interface NumberFlagOptions {
  readonly description: string;
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
}

/** An integer, optionally bounded. "1e3" is accepted as 1000. */
export function integer(options: NumberFlagOptions): Flag<number> {
  const { min, max } = options;
  const accepts =
    min === 1 && max === undefined ? 'a positive integer' : min === 0 && max === undefined ? 'an integer ≥ 0' : `an integer${rangeText(min, max)}`;
  return {
    type: 'value',
    description: options.description,
    placeholder: 'N',
    accepts,
    default: options.default,
    defaultText: String(options.default),
    parse(raw) {
      const value = parseNumberText(raw);
      return value !== undefined && Number.isSafeInteger(value) && inRange(value, min, max) ? { ok: true, value } : { ok: false };
    },
  };
}

/** An integer ≥ 1 (sizes, lengths, counts). */
export function positiveInt(options: Omit<NumberFlagOptions, 'min'>): Flag<number> {
  return integer({ ...options, min: 1 });
}

/** A finite number, optionally within [min, max]. */
export function number(options: NumberFlagOptions): Flag<number> {
  const { min, max } = options;
  return {
    type: 'value',
    description: options.description,
    placeholder: 'X',
    accepts: `a number${rangeText(min, max)}`,
    default: options.default,
    defaultText: String(options.default),
    parse(raw) {
      const value = parseNumberText(raw);
      return value !== undefined && Number.isFinite(value) && inRange(value, min, max) ? { ok: true, value } : { ok: false };
    },
  };
}

export interface NumberListOptions {
  readonly description: string;
  readonly default: readonly number[];
  readonly min?: number;
  readonly max?: number;
}

/** Comma-separated numbers, each within [min, max]: `--rho 0.9,1,1.1`. At least one. */
export function numberList(options: NumberListOptions): Flag<readonly number[]> {
  const { min, max } = options;
  return {
    type: 'value',
    description: options.description,
    placeholder: 'LIST',
    accepts: `comma-separated numbers${rangeText(min, max)}`,
    default: options.default,
    defaultText: options.default.join(','),
    parse(raw) {
      const values = raw.split(',').map(parseNumberText);
      const ok = values.every((v): v is number => v !== undefined && Number.isFinite(v) && inRange(v, min, max));
      return ok ? { ok: true, value: values } : { ok: false };
    },
  };
}

export interface ChoiceOptions<C extends string> {
  readonly description: string;
  readonly default: C;
}

/** One of a fixed set of words: `oneOf(['rnn', 'lstm', 'gru'] as const, { default: 'rnn', … })`. */
export function oneOf<const C extends readonly string[]>(choices: C, options: ChoiceOptions<C[number]>): Flag<C[number]> {
  return {
    type: 'value',
    description: options.description,
    placeholder: 'NAME',
    accepts: `one of ${choices.join(', ')}`,
    default: options.default,
    defaultText: options.default,
    parse(raw) {
      const value = choices.find((c) => c === raw);
      return value === undefined ? { ok: false } : { ok: true, value };
    },
  };
}

/** An on/off switch, off unless given. */
export function boolean(options: { readonly description: string }): Flag<boolean> {
  return {
    type: 'boolean',
    description: options.description,
    placeholder: '',
    accepts: 'no value',
    default: false,
    defaultText: undefined,
    parse: () => ({ ok: true, value: true }),
  };
}

/**
 * A file path, undefined unless given. The flag only checks it is not empty: read it with
 * loadJsonFile (input/json-file.ts), which reports a missing or malformed file as bad input.
 */
export function file(options: { readonly description: string }): Flag<string | undefined> {
  return {
    type: 'value',
    description: options.description,
    placeholder: 'FILE',
    accepts: 'a file path',
    default: undefined,
    defaultText: undefined,
    parse: (raw) => (raw.trim() === '' ? { ok: false } : { ok: true, value: raw }),
  };
}

/** Free text (a label, a task name that any string may be). */
export function text(options: { readonly description: string; readonly default: string }): Flag<string> {
  return {
    type: 'value',
    description: options.description,
    placeholder: 'TEXT',
    accepts: 'some text',
    default: options.default,
    defaultText: JSON.stringify(options.default),
    parse: (raw) => ({ ok: true, value: raw }),
  };
}
