/**
 * The import rules of scripts/check-imports.mjs hold for this repository: no import cycle in
 * packages/*\/src but the Tensor class and its ops, and src/fast/ importing nothing from the
 * textbook side at run time. And the check can fail: it finds a cycle and a boundary crossing
 * planted in a copy.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Report {
  readonly files: number;
  readonly problems: readonly string[];
  readonly allowed: readonly string[];
}
const scriptUrl = new URL('../../../scripts/check-imports.mjs', import.meta.url).href;
const { checkImports } = (await import(scriptUrl)) as { checkImports: (root: string) => Report };
const repositoryRoot = new URL('../../../', import.meta.url).pathname;

describe('import rules', () => {
  it('hold: no cycle but tensor.ts ↔ ops.ts; fast/ imports only itself, the seam and types', () => {
    const report = checkImports(repositoryRoot);
    expect(report.problems).toEqual([]);
    expect(report.allowed).toHaveLength(1);
    expect(report.allowed[0]).toMatch(/^packages\/autodiff\/src\/tensor\/ops\.ts ↔ packages\/autodiff\/src\/tensor\/tensor\.ts/);
    expect(report.files).toBeGreaterThan(50);
  });

  it('catch a planted cycle and a planted runtime import of the textbook side from fast/', () => {
    const copy = mkdtempSync(join(tmpdir(), 'imports-'));
    try {
      cpSync(join(repositoryRoot, 'packages/autodiff/src'), join(copy, 'packages/autodiff/src'), { recursive: true });
      writeFileSync(join(copy, 'packages/autodiff/src/tensor/broadcast.ts'), "import { vjpRules } from './vjp.js';\nexport const x = vjpRules;\n", { flag: 'a' });
      writeFileSync(join(copy, 'packages/autodiff/src/fast/planted.ts'), "import { sizeOf } from '../tensor/shape.js';\nimport type { Tensor } from '../tensor/tensor.js';\nexport const y = sizeOf;\nexport type T = Tensor;\n");
      const { problems } = checkImports(copy);
      expect(problems).toEqual([
        'import cycle: packages/autodiff/src/tensor/broadcast.ts → packages/autodiff/src/tensor/vjp.ts',
        'packages/autodiff/src/fast/planted.ts imports packages/autodiff/src/tensor/shape.ts at run time: src/fast/ may import only its own files, src/seam.ts, and types',
      ]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
