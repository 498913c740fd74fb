/**
 * Bounds from cost: before a command starts, what it would need, in time and memory, is estimated
 * from its flags (estimates.ts) and checked against the limits here. A run past a limit is refused
 * in one line that names the flags, the estimate, the limit and what drives it:
 *
 *   chainrule tour: --steps 5000 and --hidden 512 would need about 42 GB of memory (every step keeps
 *   its own 4·H×H weight gradient: T·4H²·8 bytes); the limit is 4 GB: lower --steps or --hidden
 *
 * The limits are for a laptop: 4 GB of memory (a quarter of a 16 GB machine, and what a run can
 * take without the rest of the machine slowing to a crawl), 30 minutes (a run a person waits for,
 * with a progress line). The estimates are measured on this project's 2-core machine (AMD EPYC, Node
 * 20) and erring on the high side; a faster machine finishes sooner, never later by much.
 */
import { UsageError } from '../framework/errors.js';

export const LIMITS = {
  /** Peak resident memory a run may need, in bytes. */
  bytes: 4 * 2 ** 30,
  /** Wall time a run may need, in seconds. */
  seconds: 30 * 60,
} as const;

/** What a run would need, and the words to explain it. */
export interface Cost {
  /** Estimated wall time, seconds. */
  readonly seconds: number;
  /** Estimated peak memory, bytes. */
  readonly bytes: number;
  /** The flags as given, e.g. "--steps 5000 and --hidden 512". */
  readonly flags: string;
  /** Why the time grows: "3 cells × T steps × 4H² multiply-adds". */
  readonly timeWhy: string;
  /** Why the memory grows: "every step keeps its own H×H weight gradient: T·H²·8 bytes". */
  readonly memoryWhy: string;
  /** Which flags to lower, e.g. "--steps or --hidden". */
  readonly lower: string;
}

/** Throws a UsageError when `cost` is past a limit (memory first: it is the one that crashes). */
export function checkCost(cost: Cost, limits: { readonly bytes: number; readonly seconds: number } = LIMITS): void {
  if (cost.bytes > limits.bytes) {
    throw new UsageError(
      `${cost.flags} would need about ${formatBytes(cost.bytes)} of memory (${cost.memoryWhy}); the limit is ${formatBytes(limits.bytes)}: lower ${cost.lower}`,
    );
  }
  if (cost.seconds > limits.seconds) {
    throw new UsageError(
      `${cost.flags} would take about ${formatSeconds(cost.seconds)} here (${cost.timeWhy}); the limit is ${formatSeconds(limits.seconds)}: lower ${cost.lower}`,
    );
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 40) return `${(bytes / 2 ** 40).toPrecision(2)} TB`;
  if (bytes >= 10 * 2 ** 30) return `${Math.round(bytes / 2 ** 30)} GB`;
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GB`;
  return `${Math.max(1, Math.round(bytes / 2 ** 20))} MB`;
}

export function formatSeconds(seconds: number): string {
  if (seconds >= 2 * 86_400) return `${Math.round(seconds / 86_400)} days`;
  if (seconds >= 2 * 3600) return `${Math.round(seconds / 3600)} h`;
  if (seconds >= 90 * 60) return `${(seconds / 3600).toFixed(1)} h`;
  if (seconds >= 90) return `${Math.round(seconds / 60)} min`;
  return `${Math.max(1, Math.round(seconds))} s`;
}
