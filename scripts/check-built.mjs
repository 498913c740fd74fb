// Imports each package from its built output (dist/), as a user's Node.js program would,
// and runs one line through it. Fails if the exports map or the emitted JavaScript is broken.
import { execFileSync } from 'node:child_process';

const checks = [
  [
    '@chainrule/autodiff',
    "import { Value } from '@chainrule/autodiff'; const x = new Value(3); const y = x.mul(x); y.backward(); if (x.grad !== 6) throw new Error('autodiff: wrong grad ' + x.grad); console.log('@chainrule/autodiff dist: ok');",
  ],
];
for (const [name, code] of checks) {
  // Run from the demo app, which depends on every package, so the workspace links resolve.
  execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: 'apps/demo', stdio: 'inherit' });
  void name;
}
