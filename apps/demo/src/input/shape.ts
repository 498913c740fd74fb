/**
 * Checking the shape of parsed JSON, with messages that name the place and what was expected:
 *   "state_dict.weight_hh[2] must be an array of 4 numbers, got an array of 3"
 * A Shape<T> takes an unknown value and its path, and returns it typed as T or throws ShapeError.
 */

export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

export type Shape<T> = (value: unknown, path: string) => T;

/** A short description of a value, for "got …". */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 24 ? `${value.slice(0, 21)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new ShapeError(`${path === '' ? 'the top level' : path} must be ${expected}, got ${describe(value)}`);
}

export const finiteNumber: Shape<number> = (value, path) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fail(path, 'a number', value);

export function integer(options: { readonly min?: number; readonly max?: number } = {}): Shape<number> {
  const { min, max } = options;
  const expected = `an integer${min !== undefined ? ` ≥ ${min}` : ''}${max !== undefined ? ` ≤ ${max}` : ''}`;
  return (value, path) =>
    typeof value === 'number' && Number.isSafeInteger(value) && (min === undefined || value >= min) && (max === undefined || value <= max)
      ? value
      : fail(path, expected, value);
}

export const boolean: Shape<boolean> = (value, path) => (typeof value === 'boolean' ? value : fail(path, 'true or false', value));

export const string: Shape<string> = (value, path) => (typeof value === 'string' ? value : fail(path, 'a string', value));

export function oneOf<const C extends readonly string[]>(choices: C): Shape<C[number]> {
  return (value, path) => {
    const found = choices.find((c) => c === value);
    return found ?? fail(path, `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`, value);
  };
}

/** An array of items, optionally of an exact length or a minimum length. */
export function arrayOf<T>(
  item: Shape<T>,
  options: { readonly length?: number; readonly minLength?: number; readonly maxLength?: number; readonly why?: string; readonly what?: string } = {},
): Shape<T[]> {
  return (value, path) => {
    const what = options.what ?? 'items';
    if (!Array.isArray(value)) return fail(path, `an array of ${what}`, value);
    if (options.length !== undefined && value.length !== options.length) {
      return fail(path, `an array of ${options.length} ${what}`, value);
    }
    if (options.minLength !== undefined && value.length < options.minLength) {
      return fail(path, `an array of at least ${options.minLength} ${what}`, value);
    }
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      return fail(path, `an array of at most ${options.maxLength.toLocaleString('en-US')} ${what}${options.why === undefined ? '' : ` (${options.why})`}`, value);
    }
    return value.map((v: unknown, i) => item(v, `${path}[${i}]`));
  };
}

/** A vector of numbers, of a given length if given. */
export function vector(length?: number): Shape<number[]> {
  return arrayOf(finiteNumber, { length, what: 'numbers' });
}

/** A rows × cols matrix of numbers (nested arrays, row-major), each given size checked. */
export function matrix(rows?: number, cols?: number): Shape<number[][]> {
  return arrayOf(vector(cols), { length: rows, what: cols === undefined ? 'rows' : `rows of ${cols} numbers` });
}

type ShapeMap = { readonly [key: string]: Shape<unknown> };
type Out<S extends ShapeMap> = { [K in keyof S]: S[K] extends Shape<infer T> ? T : never };

export interface ObjectOptions {
  /** Other keys that may appear and are ignored (e.g. a model file's keys in an input file). */
  readonly alsoAllowed?: readonly string[];
}

/**
 * An object with required and optional keys. Any other key is an error (a typo like "weight_hh_l0"
 * should not pass silently) unless listed in `alsoAllowed`.
 */
export function object<R extends ShapeMap, O extends ShapeMap = Record<never, never>>(
  required: R,
  optional?: O,
  options: ObjectOptions = {},
): Shape<Out<R> & Partial<Out<O>>> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(path, 'an object', value);
    const record = value as Record<string, unknown>;
    const at = (key: string): string => (path === '' ? key : `${path}.${key}`);
    const out: Record<string, unknown> = {};
    for (const [key, shape] of Object.entries(required)) {
      if (!(key in record)) throw new ShapeError(`${path === '' ? 'the top level' : path} is missing "${key}"`);
      out[key] = shape(record[key], at(key));
    }
    for (const [key, shape] of Object.entries(optional ?? {})) {
      if (key in record) out[key] = shape(record[key], at(key));
    }
    const known = [...Object.keys(required), ...Object.keys(optional ?? {}), ...(options.alsoAllowed ?? [])];
    const extra = Object.keys(record).find((key) => !known.includes(key));
    if (extra !== undefined) {
      const expected = [...Object.keys(required), ...Object.keys(optional ?? {})].join(', ');
      const shown = JSON.stringify(extra.length > 40 ? `${extra.slice(0, 37)}...` : extra);
      throw new ShapeError(`${path === '' ? 'the top level' : path} has an unknown key ${shown} (expected ${expected})`);
    }
    return out as Out<R> & Partial<Out<O>>;
  };
}
