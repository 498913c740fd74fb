/** --help text for the program and for each command, built from the declarations. */
import type { Command } from './command.js';
import { COMMON_FLAGS, OUTPUT_FLAGS, type OutputFlag } from './common-flags.js';
import { cliName, type FlagSpecs } from './flags.js';

export interface Registry {
  readonly commands: readonly Command[];
  /** Runs when `chainrule` is given no command. */
  readonly defaultCommand: string;
}

/** Where help is shown from: it names the example files by a path that works for this install. */
export interface HelpContext {
  /** The folder of the example model files, as the user can type it (relative to the current folder when inside it). */
  readonly examples: string;
  /** True when running from the repository's TypeScript sources (`pnpm demo`), not an installed build. */
  readonly fromSource: boolean;
}

export const DEFAULT_HELP_CONTEXT: HelpContext = { examples: 'apps/demo/examples', fromSource: true };

/** Command texts write `{examples}` for the examples folder. */
export function withExamples(line: string, context: HelpContext): string {
  return line.replaceAll('{examples}', context.examples);
}

function columns(rows: readonly (readonly [string, string])[], indent = '  '): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}   ${right}`.trimEnd());
}

function flagRows(specs: FlagSpecs): [string, string][] {
  return Object.entries(specs).map(([key, flag]) => {
    const name = `--${cliName(key)}${flag.placeholder === '' ? '' : ` ${flag.placeholder}`}`;
    // A FILE flag needs no "(a file path)"; others say what they accept and their default.
    const obvious = flag.type === 'boolean' || (flag.placeholder === 'FILE' && flag.defaultText === undefined);
    const details = obvious ? '' : ` (${flag.accepts}${flag.defaultText === undefined ? '' : `; default ${flag.defaultText}`})`;
    const old = flag.deprecated === undefined ? '' : ` [deprecated: ${flag.deprecated}]`;
    return [name, `${flag.description}${details}${old}`];
  });
}

/** The common flags a command takes: --seed, its output flags, --help. */
function commonRows(outputs: readonly OutputFlag[]): [string, string][] {
  const { seed, strict, ...output } = COMMON_FLAGS;
  const taken = Object.fromEntries(Object.entries(output).filter(([key]) => outputs.some((o) => o === key)));
  return [...flagRows({ seed }), ...flagRows(taken), ...flagRows({ strict }), ['-h, --help', 'show this help']];
}

/** "every command", or "every command but graph", or "tour, vanish". */
function whichCommands(registry: Registry, flag: OutputFlag): string {
  const takers = registry.commands.filter((c) => c.outputs.includes(flag)).map((c) => c.name);
  const others = registry.commands.filter((c) => !c.outputs.includes(flag)).map((c) => c.name);
  if (others.length === 0) return 'every command';
  return takers.length >= others.length ? `every command but ${others.join(', ')}` : takers.join(', ');
}

export function programHelp(registry: Registry, version: string, context: HelpContext = DEFAULT_HELP_CONTEXT): string {
  const commandRows = registry.commands.map((c): [string, string] => [
    c.name,
    `${c.summary}${c.placeholder ? ' [placeholder]' : ''}${c.name === registry.defaultCommand ? ' (the default)' : ''}`,
  ]);
  const outputRows = OUTPUT_FLAGS.map((flag): [string, string] => {
    const [[name, description]] = flagRows({ [flag]: COMMON_FLAGS[flag] });
    return [name, `${description} (${whichCommands(registry, flag)})`];
  });
  return [
    `chainrule ${version}: reverse-mode autodiff you can read, and why RNN gradients vanish`,
    '',
    'Usage: chainrule [COMMAND] [FLAGS]',
    ...(context.fromSource ? ['       pnpm demo [COMMAND] [FLAGS]       (the same, from the repository root, no build needed)'] : []),
    '',
    'Commands:',
    ...columns(commandRows),
    '',
    'Flags:',
    ...columns([...flagRows({ seed: COMMON_FLAGS.seed }), ...outputRows, ...flagRows({ strict: COMMON_FLAGS.strict }), ['-h, --help', 'show this help']]),
    '',
    'Run "chainrule COMMAND --help" for a command\'s own flags, "chainrule --version" for the version.',
    'Exit codes: 0 done, 1 internal error (CHAINRULE_DEBUG=1 shows the stack), 2 bad input, 3 a NaN or infinite result with --strict.',
    '',
  ].join('\n');
}

export function commandHelp(command: Command, context: HelpContext = DEFAULT_HELP_CONTEXT): string {
  const own = flagRows(command.flags);
  return [
    `chainrule ${command.name}: ${command.summary}`,
    ...(command.placeholder ? ['(placeholder: synthetic numbers, to be replaced by a real experiment)'] : []),
    ...(command.description.length > 0 ? ['', ...command.description.map((line) => withExamples(line, context))] : []),
    '',
    `Usage: chainrule ${command.name} [FLAGS]`,
    '',
    ...(own.length > 0 ? ['Flags:', ...columns(own), ''] : []),
    'Common flags:',
    ...columns(commonRows(command.outputs)),
    ...(command.examples.length > 0 ? ['', 'Examples:', ...command.examples.map((e) => `  chainrule ${withExamples(e, context)}`)] : []),
    '',
  ].join('\n');
}
