/**
 * docs/second-derivatives.md: its code block runs, and prints exactly the output the page shows.
 * (The numbers themselves are PyTorch's too: the page says so, and test/pascanu.test.ts checks
 * the regularizer against PyTorch fixtures.)
 */
import { readFileSync } from 'node:fs';
import * as autodiff from '@chainrule/autodiff';
import { describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';

const page = readFileSync(new URL('../../../docs/second-derivatives.md', import.meta.url), 'utf8');
const code = /```ts\n([\s\S]*?)```/.exec(page)?.[1] ?? '';
const shown = /<!-- output: start -->\n```text\n([\s\S]*?)```/.exec(page)?.[1] ?? '';

describe('docs/second-derivatives.md', () => {
  it('its code prints the output it shows', () => {
    expect(code).toContain('createGraph: true');
    const printed: string[] = [];
    const body = code.replace(/^import .*$/gm, '').replace(/console\.log\(/g, 'print(');
    const scope = { ...autodiff, ...nn };
    const names = Object.keys(scope);
    const run = new Function('print', ...names, body) as (...args: unknown[]) => void;
    run((...parts: unknown[]) => printed.push(parts.join(' ')), ...names.map((n) => (scope as Record<string, unknown>)[n]));
    expect(printed.join('\n') + '\n').toBe(shown);
  });
});
