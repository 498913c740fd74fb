// Adds up the vitest JSON reports of every package and prints "N passed, N failed" (CI reads it).
// A package whose report is missing counts as one failure, so a crashed run cannot look green.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
for (const group of ['packages', 'apps', 'tests']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) {
    const dir = join(group, name);
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const scripts = JSON.parse(readFileSync(manifest, 'utf8')).scripts ?? {};
    if (!scripts.test) continue;
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
}
console.log(`${passed} passed, ${failed} failed`);

// A suite that fails to load has no tests; count it once. Suites whose tests failed are already counted.
function countSuitesWithFailedTests(r) {
  return r.testResults.filter((s) => s.assertionResults.some((a) => a.status === 'failed')).length;
}
