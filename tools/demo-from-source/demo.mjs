#!/usr/bin/env node
// `pnpm demo COMMAND [FLAGS]` from the repository root: apps/demo/src/cli.ts run by Node with tsx,
// on the workspace's TypeScript sources (the "@chainrule/source" export condition); no build needed.
// It is a bin rather than a package.json script because pnpm runs a bin as it is, while around a
// script it echoes the command line and, when the exit code is not 0, adds an ELIFECYCLE line
// after chainrule's own one-line error.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../apps/demo/src/cli.ts', import.meta.url));
const child = spawn(process.execPath, ['--conditions=@chainrule/source', '--import', import.meta.resolve('tsx'), cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
// Ctrl-C reaches chainrule too (same process group): wait for it to stop, then stop the same way.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
child.on('error', (error) => {
  console.error(`pnpm demo: cannot start node (${error.message})`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal === null) process.exit(code ?? 1);
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
});
