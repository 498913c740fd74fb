/**
 * `pnpm bench`: runs the workloads on chainrule and its peers and prints a table (or JSON).
 * Progress goes to stderr, the result to stdout. A wrong flag: one line on stderr, exit code 2.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs, USAGE, UsageError, type Options } from './args.js';
import { runBench } from './harness.js';
import { formatReport } from './table.js';

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`bench: ${error.message} (see --help)\n`);
      process.exit(2);
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const result = await runBench(options, (line) => process.stderr.write(`  ${line}\n`));
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (options.save !== null) writeFileSync(options.save, json);
  process.stdout.write(options.json ? json : `${formatReport(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
