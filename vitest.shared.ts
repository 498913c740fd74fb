// Shared vitest settings for every package: tests run on the TypeScript sources
// (the "@chainrule/source" export condition), and each run writes a JSON report
// that .ci/run adds up into "N passed, N failed".
import { defineConfig } from 'vitest/config';

const sourceCondition = ['@chainrule/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions: sourceCondition },
  ssr: { resolve: { conditions: sourceCondition } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    // No tight wall-clock limits: on a busy 2-core laptop a test may take several times as long as
    // on a quiet one. A test that hangs still fails, after 10 minutes.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    passWithNoTests: true,
  },
});
