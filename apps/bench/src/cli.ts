/**
 * `pnpm bench`: runs the workloads on chainrule and its peers and prints a table (or JSON).
 * Progress goes to stderr, the result to stdout. A wrong flag: one line on stderr, exit code 2.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs, USAGE, UsageError, type Options } from './args.js';
import { runBench } from './harness.js';
import { installPeers, peersInstalled } from './peers.js';
import { WORKLOADS } from './registry.js';
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
  const log = (line: string): void => {
    process.stderr.write(`  ${line}\n`);
  };
  // The other engines live apart (peers.ts): install them the first time a run needs one.
  const needsPeers = WORKLOADS.some(
    (w) => options.only.includes(w.id) && w.entries.some((e) => e.peer === true && (options.engines.length === 0 || options.engines.includes(e.engine))),
  );
  if (needsPeers && !peersInstalled()) installPeers(log);
  const result = await runBench(options, log);
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (options.save !== null) writeFileSync(options.save, json);
  process.stdout.write(options.json ? json : `${formatReport(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
