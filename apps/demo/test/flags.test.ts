import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/framework/errors.js';
import { boolean, deprecated, file, integer, number, numberList, oneOf, positiveInt } from '../src/framework/flags.js';
import { parseFlags } from '../src/framework/parse-flags.js';
import { closest } from '../src/framework/suggest.js';

const specs = {
  steps: positiveInt({ description: 'T', default: 100 }),
  forgetBias: number({ description: 'b_f', default: 1, min: -10, max: 10 }),
  cell: oneOf(['rnn', 'lstm', 'gru'] as const, { description: 'cell', default: 'rnn' }),
  rho: numberList({ description: 'ρ', default: [0.9, 1.1], min: 0, max: 10 }),
  model: file({ description: 'model' }),
  quick: boolean({ description: 'quick' }),
};

function usageError(args: string[]): string {
  try {
    parseFlags(args, specs);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`no error for ${args.join(' ')}`);
}

describe('parseFlags', () => {
  it('fills defaults and types values; kebab-case on the command line, camelCase in code', () => {
    expect(parseFlags([], specs)).toEqual({
      help: false,
      values: { steps: 100, forgetBias: 1, cell: 'rnn', rho: [0.9, 1.1], model: undefined, quick: false },
      warnings: [],
      given: new Set(),
    });
    const { values } = parseFlags(['--steps', '1e3', '--forget-bias=-2.5', '--cell', 'lstm', '--rho', '0.5,1', '--model', 'm.json', '--quick'], specs);
    expect(values).toEqual({ steps: 1000, forgetBias: -2.5, cell: 'lstm', rho: [0.5, 1], model: 'm.json', quick: true });
  });

  it('a deprecated flag still works and warns once, naming what to use instead', () => {
    const old = { ...specs, length: deprecated(positiveInt({ description: 'T', default: 100 }), 'use --steps') };
    const parsed = parseFlags(['--length', '7'], old);
    expect(parsed.values.length).toBe(7);
    expect(parsed.warnings).toEqual(['--length is deprecated: use --steps']);
    expect(parseFlags(['--steps', '7'], old).warnings).toEqual([]);
  });

  it('accepts a negative number as a separate value', () => {
    expect(parseFlags(['--forget-bias', '-3'], specs).values.forgetBias).toBe(-3);
  });

  it('sees --help / -h anywhere, even beside bad flags', () => {
    expect(parseFlags(['--steps', 'x', '-h'], specs).help).toBe(true);
    expect(parseFlags(['--nope', '--help'], specs).help).toBe(true);
  });

  it('names the flag and what it accepts in every error', () => {
    expect(usageError(['--steps', '0'])).toBe('--steps must be a positive integer, got "0"');
    expect(usageError(['--steps', '2.5'])).toBe('--steps must be a positive integer, got "2.5"');
    expect(usageError(['--forget-bias', '11'])).toBe('--forget-bias must be a number in [-10, 10], got "11"');
    expect(usageError(['--forget-bias', 'Infinity'])).toBe('--forget-bias must be a number in [-10, 10], got "Infinity"');
    expect(usageError(['--cell', 'cnn'])).toBe('--cell must be one of rnn, lstm, gru, got "cnn"');
    expect(usageError(['--rho', '0.9,,1'])).toBe('--rho must be comma-separated numbers in [0, 10], got "0.9,,1"');
    expect(usageError(['--steps'])).toBe('--steps needs a value: a positive integer');
    expect(usageError(['--steps', '--quick'])).toBe('--steps needs a value: a positive integer');
    expect(usageError(['--quick=yes'])).toBe('--quick takes no value, got "yes"');
    expect(usageError(['--steps', '3', '--steps', '4'])).toBe('--steps is given twice');
    expect(usageError(['extra'])).toBe('unexpected argument "extra" (flags start with --; see --help)');
    expect(usageError(['--stpes', '3'])).toBe('unknown flag --stpes (did you mean --steps?); see --help');
    expect(usageError(['--zzz'])).toBe('unknown flag --zzz; see --help');
    expect(usageError(['-x'])).toBe('unknown flag -x; see --help');
  });
});

describe('flag constructors', () => {
  it('describe their range for help and errors', () => {
    expect(integer({ description: '', default: 0, min: 0 }).accepts).toBe('an integer ≥ 0');
    expect(integer({ description: '', default: 2, min: 2, max: 9 }).accepts).toBe('an integer in [2, 9]');
    expect(number({ description: '', default: 0 }).accepts).toBe('a number');
  });
  it('reject what is not a plain decimal number', () => {
    const n = number({ description: '', default: 0 });
    for (const raw of ['', ' ', '0x10', '1,5', 'NaN', '1e', '--1']) expect(n.parse(raw).ok).toBe(false);
    for (const raw of ['0', '-0.5', '.5', '1e-3', '+2']) expect(n.parse(raw).ok).toBe(true);
  });
});

describe('closest', () => {
  it('suggests near misses and prefixes only', () => {
    expect(closest('lstn', ['rnn', 'lstm', 'gru'])).toBe('lstm');
    expect(closest('ste', ['steps', 'seed'])).toBe('steps');
    expect(closest('banana', ['rnn', 'lstm'])).toBeUndefined();
  });
});
