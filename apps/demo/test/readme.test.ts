// The root README's "Ten lines of backprop" example must print what the README says it prints.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const demoDir = join(here, '..');
const readme = readFileSync(join(demoDir, '../../README.md'), 'utf8');

describe('README example', () => {
  it('prints exactly the output the README shows', () => {
    const section = readme.slice(readme.indexOf('<!-- readme-example'));
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    const printed = /prints\n\n```text\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toBeDefined();
    expect(printed).toBeDefined();
    // Written inside the demo app so '@chainrule/autodiff' resolves through its workspace link.
    const dir = mkdtempSync(join(demoDir, 'src/.readme-'));
    try {
      const file = join(dir, 'example.ts');
      writeFileSync(file, code!);
      const tsx = join(demoDir, 'node_modules/.bin/tsx');
      const out = execFileSync(tsx, ['--conditions=@chainrule/source', file], { encoding: 'utf8' });
      expect(out).toBe(printed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
