#!/usr/bin/env node
/**
 * The `chainrule` command. Everything happens in main() (framework/main.ts); this file only wires
 * it to the real process: arguments, streams, exit code.
 */
import { readFileSync } from 'node:fs';
import { processIo } from './framework/io.js';
import { main } from './framework/main.js';
import { registry } from './commands/index.js';

// `chainrule … | head` closes stdout early: stop quietly instead of throwing EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

process.exitCode = await main(process.argv.slice(2), processIo(), registry, version);
