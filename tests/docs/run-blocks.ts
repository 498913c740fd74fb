// Runs code blocks the way a reader runs them, one page at a time: each file given on the
// command line is imported in turn, in this one process (so a page's blocks share nothing but
// what a reader's session would: the process), and what each prints with console.log is kept.
// Prints one JSON array: { file, output, error } per block.
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

interface BlockRun {
  readonly file: string;
  readonly output: string;
  readonly error: string | null;
}

const runs: BlockRun[] = [];
const print = console.log;
for (const file of process.argv.slice(2)) {
  const lines: string[] = [];
  console.log = (...args: unknown[]) => {
    lines.push(format(...args));
  };
  let error: string | null = null;
  try {
    await import(pathToFileURL(file).href);
  } catch (thrown) {
    error = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
  } finally {
    console.log = print;
  }
  runs.push({ file, output: lines.map((line) => `${line}\n`).join(''), error });
}
process.stdout.write(JSON.stringify(runs));
