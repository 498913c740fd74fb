/**
 * The program: pick the command, parse its flags, run it, print. Returns the exit code instead of
 * exiting, so tests can call it in-process with a fake Io.
 */
import { canRedraw } from '../render/color.js';
import { createProgress, createStages } from '../render/progress.js';
import type { Command, CommandResult } from './command.js';
import { COMMON_FLAGS, type CommonFlagValues } from './common-flags.js';
import { EXIT_INTERNAL, EXIT_NON_FINITE, EXIT_OK, EXIT_USAGE, oneLine, UsageError } from './errors.js';
import { commandHelp, DEFAULT_HELP_CONTEXT, programHelp, type HelpContext, type Registry } from './help.js';
import type { Io } from './io.js';
import { describeNonFinite, findNonFinite } from './non-finite.js';
import { checkOutputFlags, writeOutput, type InputPath } from './output.js';
import { parseFlags } from './parse-flags.js';
import { closest } from './suggest.js';
import { cliName } from './flags.js';

export async function main(
  argv: readonly string[],
  io: Io,
  registry: Registry,
  version = '0.0.0',
  helpContext: HelpContext = DEFAULT_HELP_CONTEXT,
): Promise<number> {
  let prefix = 'chainrule';
  try {
    const [first, ...rest] = argv;
    if (first === '-h' || first === '--help' || (first === 'help' && rest.length === 0)) {
      io.stdout.write(programHelp(registry, version, helpContext));
      return EXIT_OK;
    }
    if (first === '--version' || first === '-V') {
      io.stdout.write(`${version}\n`);
      return EXIT_OK;
    }
    if (first === 'help') {
      const command = findCommand(registry, rest[0]);
      io.stdout.write(commandHelp(command, helpContext));
      return EXIT_OK;
    }
    const hasCommand = first !== undefined && !first.startsWith('-');
    const command = hasCommand ? findCommand(registry, first) : findCommand(registry, registry.defaultCommand);
    prefix = `chainrule ${command.name}`;
    const args = hasCommand ? rest : argv;

    const parsed = parseFlags(args, { ...command.flags, ...COMMON_FLAGS });
    if (parsed.help) {
      io.stdout.write(commandHelp(command, helpContext));
      return EXIT_OK;
    }
    const common = commonValues(parsed.values);
    // Flags that clash, and what the run would cost, before any file is touched.
    command.preflight(parsed.values, parsed.given);
    const inputs: InputPath[] = Object.entries(command.flags)
      .filter(([key, flag]) => flag.placeholder === 'FILE' && typeof parsed.values[key] === 'string')
      .map(([key]) => ({ flag: `--${cliName(key)}`, path: parsed.values[key] as string }));
    const outputPaths = checkOutputFlags(common, command, inputs, io);
    // Progress only for a person watching: stderr a terminal that can redraw a line, not --json/--csv.
    const drawProgress = !(common.json || common.csv) && canRedraw(io.stderr.isTTY === true, io.env);
    const stages = createStages(io.stderr, { prefix: command.name, enabled: drawProgress });
    let result: CommandResult;
    try {
      result = await command.run(parsed.values, {
        seed: common.seed,
        progress: (label, total) => createProgress(io.stderr, { label, total, enabled: drawProgress }),
        report: (stage, done, total) => stages.report(stage, done, total),
      });
    } finally {
      stages.finish();
    }
    // After the run, so that bad input still gets exactly one line.
    for (const warning of parsed.warnings) io.stderr.write(`${prefix}: warning: ${warning}\n`);
    await writeOutput(
      result,
      common,
      {
        commandLine: ['chainrule', command.name, ...args].join(' '),
        title: result.title ?? `chainrule ${command.name}: ${command.summary}`,
      },
      io,
      outputPaths,
      inputs,
    );
    // A number that overflowed is always named; with --strict it is an error.
    const nonFinite = findNonFinite(result.data);
    if (nonFinite.length > 0) {
      const line = describeNonFinite(nonFinite);
      if (common.strict) {
        io.stderr.write(`${prefix}: --strict: ${line}\n`);
        return EXIT_NON_FINITE;
      }
      io.stderr.write(`${prefix}: warning: ${line} (--strict makes this an error)\n`);
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${prefix}: ${oneLine(error.message)}\n`);
      return EXIT_USAGE;
    }
    return reportInternalError(error, io, prefix);
  }
}

/** A bug: one line on stderr (the stack only with CHAINRULE_DEBUG=1); returns exit code 1. */
export function reportInternalError(error: unknown, io: Io, prefix = 'chainrule'): number {
  const debug = io.env.CHAINRULE_DEBUG !== undefined && io.env.CHAINRULE_DEBUG !== '' && io.env.CHAINRULE_DEBUG !== '0';
  if (debug && error instanceof Error && error.stack !== undefined) {
    io.stderr.write(`${prefix}: internal error\n${error.stack}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${prefix}: internal error: ${oneLine(message)} (this is a bug; CHAINRULE_DEBUG=1 shows the stack)\n`);
  }
  return EXIT_INTERNAL;
}

function findCommand(registry: Registry, name: string | undefined): Command {
  const command = registry.commands.find((c) => c.name === name);
  if (command !== undefined) return command;
  const names = registry.commands.map((c) => c.name);
  const guess = name === undefined ? undefined : closest(name, names);
  throw new UsageError(
    `unknown command "${name ?? ''}"${guess === undefined ? '' : ` (did you mean ${guess}?)`}; commands: ${names.join(', ')}`,
  );
}

function commonValues(values: Readonly<Record<string, unknown>>): CommonFlagValues {
  // parseFlags filled every common flag with a value of its declared type.
  return {
    seed: values.seed as number,
    json: values.json as boolean,
    csv: values.csv as boolean,
    svg: values.svg as string | undefined,
    html: values.html as string | undefined,
    strict: values.strict as boolean,
  };
}
