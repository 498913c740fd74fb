// Rewrites the line counts of packages/autodiff/README.md's reading-order table from the files
// themselves (a folder counts all its .ts files). packages/autodiff/test/readme.test.ts fails
// when they are stale; run `node scripts/update-reading-order.mjs` after editing the engine.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../packages/autodiff/', import.meta.url).pathname;
const lines = (path) =>
  statSync(path).isDirectory()
    ? readdirSync(path).reduce((sum, name) => {
        const child = join(path, name);
        return sum + (statSync(child).isDirectory() || name.endsWith('.ts') ? lines(child) : 0);
      }, 0)
    : readFileSync(path, 'utf8').split('\n').length - 1;

const readme = join(root, 'README.md');
const text = readFileSync(readme, 'utf8');
const updated = text.replace(/^(\| \[`(src\/[^`]+)`\]\([^)]*\) \| )([\d,]+)( \|)/gm, (_, before, path, _count, after) =>
  `${before}${lines(join(root, path)).toLocaleString('en-US')}${after}`,
);
writeFileSync(readme, updated);
console.log(updated === text ? 'reading order: up to date' : 'reading order: line counts updated');
