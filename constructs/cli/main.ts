import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { GitLabConfigError } from '../config/errors';
import { CliCommand, CliError, CliExit, CliIO, EXIT, processIO } from './command';
import { diffCommand } from './diff-command';
import { secretsCommand } from './secrets-command';
import { ciCommand } from './ci-command';
import { synthCommand } from './synth-command';
import { upgradePathCommand } from './upgrade-path-command';

/** Every command of the CLI, in help order. A new command is one file exporting a `CliCommand`, listed here. */
export const COMMANDS: readonly CliCommand[] = [
  synthCommand,
  secretsCommand,
  ciCommand,
  upgradePathCommand,
  diffCommand,
];

/** The program with the given commands; errors and help go through `io`, and nothing calls `process.exit`. */
export function buildProgram(io: CliIO = processIO, commands: readonly CliCommand[] = COMMANDS): Command {
  const program = new Command('gitlab-iac')
    .description('GitLab on Kubernetes as plain manifests: synthesize from chart values, generate shared Secrets')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', `\nExit codes: ${EXIT.ok} success, ${EXIT.refused} input refused (nothing written), ${EXIT.usage} wrong command line, ${EXIT.flagged} diff found a change to review, ${EXIT.internal} internal error.`);
  for (const command of commands) command.register(program, io);
  return program;
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: readonly string[] = process.argv, io: CliIO = processIO): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv]);
    return EXIT.ok;
  } catch (e) {
    return reportError(e, io);
  }
}

/** Prints an error for a person: the message of errors they can act on, one line and a hint for bugs. */
export function reportError(e: unknown, io: CliIO): number {
  if (e instanceof CommanderError) {
    // Help and version "errors" are successful exits; commander has already printed usage errors.
    return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (e instanceof CliExit) return e.exitCode;
  if (e instanceof GitLabConfigError || e instanceof CliError) {
    io.stderr(`${e.message}\n`);
    return EXIT.refused;
  }
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  io.stderr(`gitlab-iac: internal error: ${message}\n`
    + 'This is a bug in gitlab-iac: please report it with the command you ran (set GITLAB_IAC_DEBUG=1 to print the stack trace).\n');
  if (process.env.GITLAB_IAC_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return EXIT.internal;
}

/** The package's version, from the package.json above this file (build/cli.js or build/constructs/cli/main.js). */
function packageVersion(): string {
  for (let dir = __dirname, i = 0; i < 4; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'gitlab-iac' && pkg.version) return pkg.version;
    } catch { /* not here: look one level up */ }
  }
  return 'unknown';
}

// Run when executed (the bundled bin, or node on the compiled file), not when imported.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  void main().then((code) => { process.exitCode = code; });
}
