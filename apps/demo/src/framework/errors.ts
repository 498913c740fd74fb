/**
 * Exit codes and the one error type commands throw for bad input.
 *   0  done
 *   1  a bug (an unexpected exception): one line, the stack only with CHAINRULE_DEBUG=1
 *   2  bad input: unknown command or flag, bad value, missing or malformed file; one line naming it
 */

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;

/** Bad input from the user. Its message is printed as is, on one line, and the exit code is 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Folds a message onto one line (error output is always a single line). */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
