import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config.js';
import { MigrationError } from '../db/migrator.js';
import { PACKAGE_VERSION } from '../shared/project.js';
import { type CliIo, ReportedFailure, UsageError } from './cli-io.js';
import { registerDbCommands } from './db.command.js';
import { registerServeCommand } from './serve.command.js';
import { registerUserCommands } from './user.command.js';

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/**
 * Runs one `monsters` command and returns its exit code (docs/requirements.md §2):
 * 0 success, 1 runtime failure, 2 usage or configuration error.
 * Errors are one line on stderr; the stack only with --debug.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return reportError(error, io, argv.includes('--debug'));
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command('monsters')
    .description('Monster Shop: the Halloween monster catalogue and shop of the Web / BD course')
    .version(`monsters ${PACKAGE_VERSION}`, '-V, --version', 'print the version')
    .showSuggestionAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  registerServeCommand(program, io);
  registerDbCommands(program, io);
  registerUserCommands(program, io);
  for (const command of program.commands) inheritExitOverride(command);
  return program;
}

function inheritExitOverride(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) inheritExitOverride(sub);
}

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof ReportedFailure) return error.exitCode;
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help/version text).
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof ConfigError || error instanceof UsageError) {
    io.stderr(`monsters: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`monsters: ${error instanceof MigrationError ? message : `error: ${message}`}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT_FAILURE;
}
