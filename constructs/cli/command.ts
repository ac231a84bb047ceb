import { writeSync } from 'node:fs';
import type { Command } from 'commander';
import { DNS_LABEL } from '../config/common/rules';

/** Where a command writes; the bin uses the process streams, tests capture them. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const processIO: CliIO = {
  stdout: (text) => writeAll(1, text),
  stderr: (text) => writeAll(2, text),
};

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to a file descriptor before returning. Not through `process.stdout`: when the output is a
 * pipe (CI, a wrapper, the bench) that stream loads Node's socket and stream modules, 1.7 MiB of a synth's peak
 * memory, to write three lines; and a synchronous write cannot be cut short by the exit.
 */
function writeAll(fd: number, text: string): void {
  const bytes = new TextEncoder().encode(text);
  for (let offset = 0; offset < bytes.length;) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A pipe someone else made non-blocking is full: wait a millisecond for its reader.
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      // The reader is gone (`| head`): nothing more can be said.
      else if (code === 'EPIPE') return;
      else throw e;
    }
  }
}

/**
 * One CLI command. Its file registers the command's name, options and help; the work lives in a separate
 * module loaded by the action, so that `--help` and the other commands never load what this one needs.
 */
export interface CliCommand {
  readonly name: string;
  register(program: Command, io: CliIO): void;
}

/** Exit codes: documented in `--help`. */
export const EXIT = {
  ok: 0,
  /** The input was refused (invalid or unsupported settings, unreadable files); nothing was written. */
  refused: 1,
  /** The command line was wrong (unknown option, missing argument). */
  usage: 2,
  /** `diff`: a change Kubernetes cannot apply in place, or that deletes or replaces data, is present. */
  flagged: 3,
  /** A bug: an unexpected error. */
  internal: 70,
} as const;

/** An error the user can act on, shown as its message alone (no stack trace). */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}


/**
 * Checks a name given on the command line (namespace, release) before any work, naming the flag. Releases are
 * limited to 30 characters, as in the typed props, because object names add suffixes.
 */
export function checkNameFlag(flag: '--namespace' | '--release', value: string | undefined): void {
  if (value === undefined) return;
  const max = flag === '--release' ? 30 : 63;
  if (!DNS_LABEL.test(value) || value.length > max) {
    throw new CliError(`Invalid ${flag} ${JSON.stringify(value)}: use a DNS label (lower-case letters, digits and "-", at most ${max} characters), e.g. "gitlab"`);
  }
}

/** Ends a command with a given exit status after it printed its result (no message of its own). */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CliExit';
  }
}
