// apps/demo/README.md must list every command with its flags, mark any command defined with
// `placeholder: true` (a stand-in for an experiment still to come), and list the common flags.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../src/commands/index.js';
import { COMMON_FLAGS, OUTPUT_FLAGS } from '../src/framework/common-flags.js';
import { cliName } from '../src/framework/flags.js';

const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
const commandRows = new Map(
  readme
    .split('\n')
    .filter((line) => /^\| `[a-z-]+` \|/.test(line))
    .map((line) => [/^\| `([a-z-]+)`/.exec(line)![1], line]),
);

describe('apps/demo/README.md', () => {
  it('has a row for every command, any placeholder command marked as such', () => {
    for (const command of registry.commands) {
      const row = commandRows.get(command.name);
      expect(row, command.name).toBeDefined();
      expect(row!.includes('**placeholder**'), command.name).toBe(command.placeholder);
    }
    expect(commandRows.get(registry.defaultCommand)).toContain('default');
  });

  it('documents every common flag and every flag of every command', () => {
    // All the missing ones at once, each named with its command, rather than the first only.
    const missing = [
      ...Object.keys(COMMON_FLAGS).filter((key) => !readme.includes(`| \`--${cliName(key)}`)).map((key) => `common flag --${cliName(key)}`),
      ...registry.commands.flatMap((command) =>
        Object.keys(command.flags)
          .filter((key) => !(commandRows.get(command.name) ?? '').includes(`\`--${cliName(key)}\``))
          .map((key) => `${command.name} --${cliName(key)}`),
      ),
    ];
    expect(missing, 'flags missing from apps/demo/README.md (their row of the Commands table, or the Common flags table)').toEqual([]);
  });

  it('says which commands take each output flag, exactly as the commands declare it', () => {
    for (const flag of OUTPUT_FLAGS) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`--${flag}`));
      expect(row, flag).toBeDefined();
      const takenBy = row!.split('|').at(-2)!;
      const refusing = registry.commands.filter((c) => !c.outputs.includes(flag)).map((c) => c.name);
      if (refusing.length === 0) expect(takenBy.trim()).toBe('every command');
      else expect([...takenBy.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]).sort()).toEqual(refusing.sort());
    }
  });
});
