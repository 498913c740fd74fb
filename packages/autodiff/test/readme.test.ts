// The package README's op table: every example must give the result it claims.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as autodiff from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const table = readme.slice(readme.indexOf('<!-- ops-table: start -->'), readme.indexOf('<!-- ops-table: end -->'));
const rows = table
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .map((line) => {
    const cells = line.split(' | ').map((c) => c.replace(/^\|? ?`?|`? ?\|?$/g, ''));
    return { op: cells[0], example: cells[1], result: cells[2] };
  });

/** Evaluates one example with every export of the package in scope. */
function run(example: string): unknown {
  const names = Object.keys(autodiff);
  const evaluate = new Function(...names, `return (${example});`) as (...args: unknown[]) => unknown;
  const value = evaluate(...names.map((n) => (autodiff as Record<string, unknown>)[n]));
  return value instanceof autodiff.Tensor ? value.toArray() : value;
}

/** Numbers in the README are rounded to 4 decimals; "-Infinity" stands for the number. */
function close(actual: unknown, expected: unknown): boolean {
  if (expected === '-Infinity') return actual === -Infinity;
  if (typeof expected === 'number') return typeof actual === 'number' && Math.abs(actual - expected) <= 5e-5 * Math.max(1, Math.abs(expected));
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => close(actual[i], e));
  return actual === expected;
}

describe('README op table', () => {
  it('lists every op of the API contract', () => {
    const ops = new Set(rows.map((r) => r.op.replace(/` .*/, '')));
    for (const op of ['add', 'sub', 'mul', 'div', 'matmul', 'sum', 'mean', 'max', 'neg', 'exp', 'log', 'tanh', 'sigmoid', 'relu', 'pow', 'transpose', 'reshape', 'slice', 'split', 'concat', 'logSumExp', 'logSoftmax']) {
      expect(ops.has(op), op).toBe(true);
    }
  });
  it.each(rows)('$op: $example', ({ example, result }) => {
    const actual = run(example);
    expect(close(actual, JSON.parse(result)), `${JSON.stringify(actual)} vs ${result}`).toBe(true);
  });
});

describe('README custom gradient example', () => {
  const block = /### Custom gradients[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

  it('runs and prints the gradient its comment claims', () => {
    expect(block).toContain('customVjp');
    const claimed = JSON.parse(/console\.log\(x\.grad\?\.toArray\(\)\); \/\/ (\[.*\])/.exec(block)![1]) as number[];
    const printed: unknown[] = [];
    const code = block.replace(/^import .*$/m, '').replace('console.log(', 'print(');
    const names = Object.keys(autodiff);
    const evaluate = new Function('print', ...names, code) as (...args: unknown[]) => void;
    evaluate((value: unknown) => printed.push(value), ...names.map((n) => (autodiff as Record<string, unknown>)[n]));
    expect(printed).toEqual([claimed]);
    expect(claimed).toEqual([2, 4, 6]); // d x²/dx = 2x at 1, 2, 3
  });
});

describe('README Tape example', () => {
  const start = readme.indexOf('<!-- tape-example: start -->');
  const block = readme.slice(readme.indexOf('```ts', start) + 5, readme.indexOf('```', readme.indexOf('```ts', start) + 5));

  it('runs, and its gradient is the one its comment derives by hand', () => {
    const body = block.replace(/^import .*$/m, '') + '\nreturn { grad: tape.grad(w), w: tape.value(w), length: tape.length };';
    const result = new Function('Tape', body)(autodiff.Tape) as { grad: number; w: number; length: number };
    // d/dw tanh(w·x)² = 2·tanh(w·x)·(1 − tanh²(w·x))·x at w = 0.5, x = 2
    const t = Math.tanh(1);
    expect(result.grad).toBeCloseTo(2 * t * (1 - t * t) * 2, 12);
    expect(block).toContain(`≈ ${(2 * t * (1 - t * t) * 2).toFixed(4)}`);
    expect(result.w).toBeCloseTo(0.5 - 0.1 * result.grad, 15);
    expect(result.length).toBe(1);
  });
});

describe('README reading order', () => {
  const section = readme.slice(readme.indexOf('<!-- reading-order: start -->'), readme.indexOf('<!-- reading-order: end -->'));
  const listed = [...section.matchAll(/^\| \[`(src\/[^`]+)`\]\([^)]*\) \| ([\d,]+) \|/gm)].map((m) => ({ path: m[1], lines: Number(m[2].replace(',', '')) }));
  const packageRoot = new URL('../', import.meta.url);

  /** Lines of a file, or of every .ts file under a folder. */
  function linesOf(path: string): number {
    const url = new URL(path, packageRoot);
    if (statSync(url).isDirectory()) {
      const dir = path.endsWith('/') ? path : `${path}/`;
      return readdirSync(url).reduce((sum, name) => (name.endsWith('.ts') || statSync(new URL(dir + name, packageRoot)).isDirectory() ? sum + linesOf(dir + name) : sum), 0);
    }
    return readFileSync(url, 'utf8').split('\n').length - 1;
  }

  it('lists every source file of the textbook side, and the fast folder', () => {
    expect(listed.length).toBeGreaterThan(15);
    const covered = (file: string) => listed.some(({ path }) => file === path || file.startsWith(path.endsWith('/') ? path : `${path}/`));
    const textbook = ['src/scalar', 'src/tensor', 'src/custom', 'src/forward', 'src/check', 'src/viz'].flatMap((dir) => readdirSync(new URL(dir, packageRoot)).map((name) => `${dir}/${name}`));
    expect(textbook.filter((file) => !covered(file))).toEqual([]);
    expect(covered('src/fast/backward.ts')).toBe(true);
  });

  it.each(listed)('$path has the $lines lines the README says (node scripts/update-reading-order.mjs)', ({ path, lines }) => {
    expect(linesOf(path)).toBe(lines);
  });
});
