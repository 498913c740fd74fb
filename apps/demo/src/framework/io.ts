/** Where the CLI reads and writes: the real process, or a fake in tests. */
import type { OutputFs } from './output-files.js';

export interface OutStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** Terminal width, when a terminal. */
  readonly columns?: number;
}

export interface Io {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The file operations --svg / --html use (node:fs unless a test passes a fake, a full disk say). */
  readonly fs?: OutputFs;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
