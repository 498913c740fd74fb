#!/usr/bin/env node
/**
 * The `chainrule` command. Everything happens in main() (framework/main.ts); this file only wires
 * it to the real process: arguments, streams, exit code.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useFastPath } from '@chainrule/autodiff/fast';
import { processIo } from './framework/io.js';
import { main, reportInternalError } from './framework/main.js';

// `chainrule … | head` closes stdout early: stop quietly instead of throwing EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// The tuned path of @chainrule/autodiff (WebAssembly products, the in-place backward pass): the
// same gradients as the textbook engine (its property tests), in less time on big runs.
useFastPath();

const io = processIo();
try {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  // Loaded here, not imported at the top, so a command that fails to load is reported in one line too.
  const { registry } = await import('./commands/index.js');
  process.exitCode = await main(process.argv.slice(2), io, registry, version, {
    examples: examplesFolder(),
    // Run by tsx from src/cli.ts (`pnpm demo`), or built to dist/cli.js (the installed `chainrule`).
    fromSource: import.meta.url.endsWith('.ts'),
  });
} catch (error) {
  process.exitCode = reportInternalError(error, io);
}

/** The example model files shipped beside src/ and dist/: relative to the current folder when inside it. */
function examplesFolder(): string {
  const folder = fileURLToPath(new URL('../examples', import.meta.url));
  const fromHere = relative(process.cwd(), folder);
  return fromHere !== '' && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? fromHere : folder;
}
