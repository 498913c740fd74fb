/** --help text for the program and for each command, built from the declarations. */
import type { Command } from './command.js';
import { COMMON_FLAGS } from './common-flags.js';
import { cliName, type FlagSpecs } from './flags.js';

export interface Registry {
  readonly commands: readonly Command[];
  /** Runs when `chainrule` is given no command. */
  readonly defaultCommand: string;
}

function columns(rows: readonly (readonly [string, string])[], indent = '  '): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}   ${right}`.trimEnd());
}

function flagRows(specs: FlagSpecs): [string, string][] {
  return Object.entries(specs).map(([key, flag]) => {
    const name = `--${cliName(key)}${flag.placeholder === '' ? '' : ` ${flag.placeholder}`}`;
    const details = flag.type === 'boolean' ? '' : ` (${flag.accepts}${flag.defaultText === undefined ? '' : `; default ${flag.defaultText}`})`;
    return [name, `${flag.description}${details}`];
  });
}

const COMMON_ROWS: [string, string][] = [...flagRows(COMMON_FLAGS), ['-h, --help', 'show this help']];

export function programHelp(registry: Registry, version: string): string {
  const commandRows = registry.commands.map((c): [string, string] => [
    c.name,
    `${c.summary}${c.placeholder ? ' [placeholder]' : ''}${c.name === registry.defaultCommand ? ' (the default)' : ''}`,
  ]);
  return [
    `chainrule ${version}: reverse-mode autodiff you can read, and why RNN gradients vanish`,
    '',
    'Usage: chainrule [COMMAND] [FLAGS]',
    '       pnpm demo [COMMAND] [FLAGS]       (from the repository root, no build needed)',
    '',
    'Commands:',
    ...columns(commandRows),
    '',
    'Flags every command takes:',
    ...columns(COMMON_ROWS),
    '',
    'Run "chainrule COMMAND --help" for a command\'s own flags, "chainrule --version" for the version.',
    'Exit codes: 0 done, 1 internal error (CHAINRULE_DEBUG=1 shows the stack), 2 bad input.',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const own = flagRows(command.flags);
  return [
    `chainrule ${command.name}: ${command.summary}`,
    ...(command.placeholder ? ['(placeholder: synthetic numbers, to be replaced by a real experiment)'] : []),
    ...(command.description.length > 0 ? ['', ...command.description] : []),
    '',
    `Usage: chainrule ${command.name} [FLAGS]`,
    '',
    ...(own.length > 0 ? ['Flags:', ...columns(own), ''] : []),
    'Common flags:',
    ...columns(COMMON_ROWS),
    ...(command.examples.length > 0 ? ['', 'Examples:', ...command.examples.map((e) => `  chainrule ${e}`)] : []),
    '',
  ].join('\n');
}
