// The root README shows the tour's output: it must be exactly what `pnpm demo` prints today.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../src/commands/index.js';
import { main } from '../src/framework/main.js';
import { fakeIo } from './helpers.js';

const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');

describe('root README', () => {
  it('shows the tour exactly as `pnpm demo` prints it (regenerate the block if the tour changes)', async () => {
    const block = /<!-- tour-output[^\n]*\n```text\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const io = fakeIo();
    expect(await main([], io, registry)).toBe(0);
    expect(block).toBe(io.out());
  });

  it('lists every command of the registry', () => {
    for (const command of registry.commands) {
      if (['first-gradient', 'check-files', 'tour'].includes(command.name)) continue;
      expect(readme).toContain(`pnpm demo ${command.name}`);
    }
  });
});
