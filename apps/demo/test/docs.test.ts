// docs/ describes the demo's commands and the files that test them: keep those names true.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../src/commands/index.js';

const root = resolve(import.meta.dirname, '../../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const experiments = read('docs/experiments.md');

/** The relative link targets of a Markdown file, without their #anchors. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1].split('#')[0])
    .filter((target) => target !== '' && !/^[a-z]+:/.test(target));
}

describe('docs/experiments.md', () => {
  it('has a section for every command', () => {
    for (const command of registry.commands) expect(experiments, command.name).toMatch(new RegExp(`^## \`${command.name}\``, 'm'));
  });

  it('names only test files that exist', () => {
    const named = [...experiments.matchAll(/`([\w/.-]+\.test\.ts)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(10);
    // A name is a path from the repository root or from a test folder the page talks about.
    const folders = ['', 'apps/demo/test', 'packages/autodiff/test'];
    for (const name of new Set(named)) expect(folders.some((folder) => existsSync(join(root, folder, name))), name).toBe(true);
  });
});

describe('Markdown links', () => {
  it.each([
    'README.md',
    'apps/demo/README.md',
    'apps/demo/examples/README.md',
    'apps/bench/README.md',
    'docs/README.md',
    'docs/experiments.md',
    'docs/benchmarks.md',
    'packages/autodiff/README.md',
    'packages/autodiff/src/fast/README.md',
    'packages/autodiff/src/fast/wasm/README.md',
    'packages/nn/README.md',
    'packages/nn/fixtures/README.md',
  ])(
    '%s links only to files in the repository',
    (file) => {
      for (const target of relativeLinks(read(file))) {
        const path = resolve(dirname(join(root, file)), target);
        expect(path.startsWith(`${root}/`) && existsSync(path), `${file} → ${target}`).toBe(true);
      }
    },
  );
});
