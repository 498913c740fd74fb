/** Command-line flags of `pnpm bench`; a wrong flag is a `UsageError` (the CLI prints it and exits 2). */
import { WORKLOAD_IDS, WORKLOADS, type WorkloadId } from './registry.js';

export interface Options {
  readonly only: readonly WorkloadId[];
  /** Engine names to keep (empty: all). */
  readonly engines: readonly string[];
  readonly runs: number;
  readonly warmup: number;
  readonly json: boolean;
  /** Also write the JSON results to this file (the table still prints). */
  readonly save: string | null;
  readonly help: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `usage: pnpm bench [-- options]
  --only S1,T1       workloads to run (${WORKLOAD_IDS.join(', ')}); default: all
  --engines a,b      engines to run (e.g. chainrule,tfjs-wasm); default: all
  --runs N           timed runs per engine, after the warm-up (default 5; the median is reported)
  --warmup N         warm-up steps per engine before timing (default 1)
  --json             print the results as JSON instead of a table
  --save FILE        also write the JSON results to FILE
  --help             this text`;

const DEFAULTS: Options = { only: WORKLOAD_IDS, engines: [], runs: 5, warmup: 1, json: false, save: null, help: false };

export function parseArgs(argv: readonly string[]): Options {
  let options: Options = { ...DEFAULTS };
  const args = [...argv];
  while (args.length > 0) {
    const arg = args.shift() as string;
    if (arg === '--') continue; // pnpm passes its separator through
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? args.shift();
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--only':
        options = { ...options, only: parseWorkloads(value()) };
        break;
      case '--engines':
        options = { ...options, engines: parseEngines(value()) };
        break;
      case '--runs':
        options = { ...options, runs: parseCount(flag, value(), 1) };
        break;
      case '--warmup':
        options = { ...options, warmup: parseCount(flag, value(), 1) };
        break;
      case '--json':
        if (inline !== undefined) throw new UsageError('--json takes no value');
        options = { ...options, json: true };
        break;
      case '--save':
        options = { ...options, save: value() };
        break;
      case '--help':
      case '-h':
        options = { ...options, help: true };
        break;
      default:
        throw new UsageError(arg.startsWith('-') ? `unknown flag ${flag}` : `unexpected argument ${arg}`);
    }
  }
  return options;
}

/** "s1,T1" → ['S1', 'T1'], in the order given, without repeats. */
export function parseWorkloads(list: string): WorkloadId[] {
  const out: WorkloadId[] = [];
  for (const name of splitList(list)) {
    const id = name.toUpperCase();
    if (!(WORKLOAD_IDS as readonly string[]).includes(id)) {
      throw new UsageError(`unknown workload ${name} (known: ${WORKLOAD_IDS.join(', ')})`);
    }
    if (!out.includes(id as WorkloadId)) out.push(id as WorkloadId);
  }
  if (out.length === 0) throw new UsageError('--only needs at least one workload');
  return out;
}

/** Engine names, each of which must run at least one workload. */
export function parseEngines(list: string): string[] {
  const known = [...new Set(WORKLOADS.flatMap((w) => w.entries.map((e) => e.engine)))];
  const names = splitList(list);
  for (const name of names) {
    if (!known.includes(name)) throw new UsageError(`unknown engine ${name} (known: ${known.join(', ')})`);
  }
  if (names.length === 0) throw new UsageError('--engines needs at least one engine');
  return names;
}

function splitList(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function parseCount(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${flag} needs a whole number ≥ ${min}, got ${text}`);
  }
  return n;
}
