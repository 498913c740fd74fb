// `pnpm test`: every package's tests through turbo, each package's output in one block (not
// interleaved), no colour codes when the output is not a terminal, and one closing line
// "N passed, N failed" added up from the packages' vitest reports. Exits non-zero on any failure.
// Extra arguments go to turbo, e.g. `pnpm test --filter @chainrule/demo`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { countTests, removeReports } from './count-tests.mjs';

const env = { ...process.env };
// vitest colours its output whenever TERM is not "dumb", terminal or not; NO_COLOR stops it.
if (!process.stdout.isTTY && env.FORCE_COLOR === undefined) env.NO_COLOR = '1';

removeReports();
const turboBin = fileURLToPath(new URL('../node_modules/.bin/turbo', import.meta.url));
const turbo = spawnSync(turboBin, ['run', 'test', '--continue', '--log-order=grouped', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
if (turbo.error) {
  console.error(`pnpm test: cannot run turbo (${turbo.error.message})`);
  process.exit(1);
}
const { passed, failed } = countTests();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || turbo.status !== 0 ? 1 : 0);
