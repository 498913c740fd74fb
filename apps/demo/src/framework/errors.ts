/**
 * Exit codes and the one error type commands throw for bad input.
 *   0  done
 *   1  a bug (an unexpected exception): one line, the stack only with CHAINRULE_DEBUG=1
 *   2  bad input: unknown command or flag, bad value, missing or malformed file; one line naming it
 *   3  with --strict: a reported number is NaN or infinite; one line naming it
 */

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;
export const EXIT_NON_FINITE = 3;

/** Bad input from the user. Its message is printed as is, on one line, and the exit code is 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Folds a message onto one line (error output is always a single line) and shows every control
 * character as \u{…}: a message may quote a key or value from a user's file, and an escape
 * sequence in it must not reach the terminal (it could recolour, move the cursor or retitle it).
 */
export function oneLine(message: string): string {
  return escapeControls(message.replace(/\s*\n\s*/g, ' ').trim());
}

/** C0 and C1 control characters, DEL, and the invisible direction overrides, as \u{XX}. */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}
