// Usage texts and flag parsing the way Kapacitor's commands do them: the text and the flag
// defaults go to stderr; a bad flag prints Go's message and the usage and exits 2, -h exits 0.

import type { FlagSet } from '../flags.js';
import { type CliIO } from './context.js';
import { CliExit, CommandError } from './errors.js';

/** Writes a usage text as Go's fmt.Fprintln does (one newline added), then the flag defaults. */
export function printUsage(io: CliIO, text: string, flags?: FlagSet): void {
  io.err(`${text}\n`);
  if (flags !== undefined) io.err(flags.defaults());
}

/** Parses `args` with `flags`; returns the remaining arguments or ends the command. */
export function parseFlags(io: CliIO, flags: FlagSet, args: string[], usage: () => void): string[] {
  const result = flags.parse(args);
  if (result.help) {
    usage();
    throw new CliExit(0);
  }
  if (result.error !== undefined) {
    io.err(`${result.error}\n`);
    usage();
    throw new CliExit(2);
  }
  return result.args;
}

/** Prints a complaint and the usage, then exits 2 (a command called without what it needs). */
export function usageExit(io: CliIO, complaint: string, usage: () => void): never {
  io.err(`${complaint}\n`);
  usage();
  throw new CliExit(2);
}

/** A required flag is missing: the usage, then `message` as the command's error (exit 3). */
export function requireFlags(usage: () => void, message: string, ok: boolean): void {
  if (ok) return;
  usage();
  throw new CommandError(message);
}
