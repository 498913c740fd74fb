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
    for (const key of Object.keys(COMMON_FLAGS)) expect(readme).toContain(`| \`--${cliName(key)}`);
    for (const command of registry.commands) {
      for (const key of Object.keys(command.flags)) expect(commandRows.get(command.name)).toContain(`\`--${cliName(key)}\``);
    }
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
