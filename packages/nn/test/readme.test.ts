/**
 * The README's training example is test/examples/readme-example.ts, character for character;
 * this runs it and checks that it does what the README says: the loss falls from about 0.1
 * (the variance of a mean of 10 standard normals, what predicting 0 costs) to under 0.001.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as fromPackageName from '@chainrule/nn';
import * as fromSource from '../src/index.js';
import * as autodiff from '@chainrule/autodiff';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('./examples/readme-example.ts', import.meta.url), 'utf8');

/** The fenced ```ts blocks of the README. */
const codeBlocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('README', () => {
  it('shows the training example exactly as test/examples/readme-example.ts has it', () => {
    expect(codeBlocks).toContain(example);
  });

  it("'@chainrule/nn' in the example resolves to this package's source", () => {
    expect(fromPackageName.GRUCell).toBe(fromSource.GRUCell);
  });

  it('the example trains: the loss falls from about 0.1 to below 0.001', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      await import('./examples/readme-example.js');
    } finally {
      log.mockRestore();
    }
    const losses = lines.map((line) => Number(/loss ([\d.]+)/.exec(line)![1]));
    expect(lines[0]).toMatch(/^step 1: loss /);
    expect(lines).toHaveLength(5); // steps 1, 50, 100, 150, 200
    expect(losses[0]).toBeGreaterThan(0.03);
    expect(losses.at(-1)!).toBeLessThan(0.001);
  });

  it('calls only functions and classes that @chainrule/nn or @chainrule/autodiff export', () => {
    const fenced = [...readme.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]);
    const inline = [...readme.replace(/```\w*\n[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
    const code = [...fenced, ...inline].join('\n').replace(/\/\/.*$/gm, ''); // without comments
    const called = new Set([...code.matchAll(/(?<![.\w])([A-Za-z_]\w*)\(/g)].map((m) => m[1])); // f( but not x.f(
    const known = new Set([...Object.keys(fromSource), ...Object.keys(autodiff)]);
    expect(called.size).toBeGreaterThan(15); // the scan does find the calls
    expect([...called].filter((name) => !known.has(name))).toEqual([]);
  });
});
