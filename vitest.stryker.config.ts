// The tests Stryker runs against each mutant (stryker.config.mjs): only the semantic tests of the
// code it mutates, never the README snapshots (apps/demo/test/root-readme.test.ts,
// demo-readme.test.ts, docs.test.ts), so that a killed mutant was killed by a test of the science.
//
// Stryker copies the repository into a sandbox. The demo imports @chainrule/nn through a
// workspace symlink that would lead back to the original, unmutated sources; the alias below
// points it at the sandbox's own copy, so mutants of packages/nn/src/gate-paths.ts reach the demo.
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import shared from './vitest.shared.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default mergeConfig(
  shared,
  defineConfig({
    resolve: {
      alias: {
        '@chainrule/nn': here('./packages/nn/src/index.ts'),
        '@chainrule/autodiff': here('./packages/autodiff/src/index.ts'),
      },
    },
    test: {
      include: ['apps/demo/test/experiments/**/*.test.ts', 'packages/nn/test/gate-paths.test.ts'],
      reporters: ['default'],
    },
  }),
);
