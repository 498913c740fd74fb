// Adds up the vitest JSON reports of every package and prints "N passed, N failed" (CI reads it).
// A package whose report is missing counts as one failure, so a crashed run cannot look green.
// Run on its own (`node scripts/count-tests.mjs`, as .ci/run does) or imported by scripts/test.mjs.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The folders of the packages that have a test script. */
export function testedPackages() {
  const dirs = [];
  for (const group of ['packages', 'apps', 'tests']) {
    if (!existsSync(group)) continue;
    for (const name of readdirSync(group).sort()) {
      const manifest = join(group, name, 'package.json');
      if (!existsSync(manifest)) continue;
      if (JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test) dirs.push(join(group, name));
    }
  }
  return dirs;
}

/** Deletes the reports, so that a report found later was written by this run. */
export function removeReports() {
  for (const dir of testedPackages()) rmSync(join(dir, 'test-results.json'), { force: true });
}

/** { passed, failed } over every package's report. */
export function countTests() {
  let passed = 0;
  let failed = 0;
  for (const dir of testedPackages()) {
    const report = join(dir, 'test-results.json');
    if (!existsSync(report)) {
      console.error(`count-tests: ${report} is missing (did ${dir}'s tests crash?)`);
      failed += 1;
      continue;
    }
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(r);
  }
  return { passed, failed };
}

// A suite that fails to load has no tests; count it once. Suites whose tests failed are already counted.
function countSuitesWithFailedTests(r) {
  return r.testResults.filter((s) => s.assertionResults.some((a) => a.status === 'failed')).length;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { passed, failed } = countTests();
  console.log(`${passed} passed, ${failed} failed`);
}
