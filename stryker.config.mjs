// Mutation testing of the demo's science (issue 11): `pnpm mutate`. Stryker changes the code of
// the files in `mutate` one small edit at a time (a mutant: + for −, < for <=, a branch removed …)
// and runs the tests that cover each edit (vitest.stryker.config.ts: the semantic tests only).
// A mutant that no test notices "survives". The score is killed / (killed + survived + no coverage).
// pnpm keeps each package's dependencies private, so Stryker's default plugin glob
// ("@stryker-mutator/*" next to core) does not see the vitest runner: name it by its resolved path.
const vitestRunner = import.meta.resolve('@stryker-mutator/vitest-runner');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  plugins: [vitestRunner],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  mutate: ['apps/demo/src/experiments/**/*.ts', 'packages/nn/src/gate-paths.ts'],
  coverageAnalysis: 'perTest',
  // Module-level constants (static mutants) would need every test rerun for each: skipped.
  ignoreStatic: true,
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  timeoutMS: 5000,
  ignorePatterns: ['apps/bench', 'docs/api', 'out', '**/dist', 'reports'],
};
