// The tests Stryker runs against each mutant (stryker.config.mjs): only the semantic tests of the
// code it mutates, never the README snapshots (apps/demo/test/root-readme.test.ts,
// demo-readme.test.ts, docs.test.ts), so that a killed mutant was killed by a test of the science.
//
// Stryker copies the repository into a sandbox. The demo imports @chainrule/nn through a
// workspace symlink that would lead back to the original, unmutated sources; the alias below
// points it at the sandbox's own copy, so mutants of packages/nn/src/gate-paths.ts reach the demo.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import shared from './vitest.shared.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Built by hand rather than with mergeConfig, which would append to the shared `include` and
// `reporters` instead of replacing them.
export default defineConfig({
  ...shared,
  resolve: {
    ...shared.resolve,
    alias: [{ find: /^@chainrule\/nn$/, replacement: here('./packages/nn/src/index.ts') }],
  },
  test: {
    ...shared.test,
    include: ['apps/demo/test/experiments/**/*.test.ts', 'packages/nn/test/gate-paths.test.ts'],
    // The runs at full size take seconds each and would be rerun for every mutant they cover; the
    // same code is covered by small runs (linear-long.test.ts for long.ts). They stay in `pnpm test`.
    exclude: ['apps/demo/test/experiments/long.test.ts'],
    env: { CHAINRULE_MUTATE: '1' },
    reporters: ['default'],
    // Each test file in its own module graph (vitest's default). Not `isolate: false` as in
    // apps/demo's own config: with a shared graph Stryker's per-test coverage is attributed to the
    // wrong tests and mutants that a test kills are reported as survivors.
    isolate: true,
  },
});
