// What every kapacitor command is handed: where its output goes, the environment, the HTTP
// client of the server, and the two ways a command ends early (a usage exit, an error exit).
// Commands never touch process.* directly, so they run the same in tests and in the binary.

import type { KapacitorClient } from './http-client.js';

export interface CliIO {
  /** Standard output (results). */
  out(text: string): void;
  /** Standard error (usage texts, errors, progress). */
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Show the progress of recordings and replays on stderr (a terminal is watching). */
  progress: boolean;
  /** How often a waiting record/replay polls the server. */
  pollIntervalMs: number;
  /** Aborts when the user interrupts a following command (watch, logs). */
  interrupted(): AbortSignal;
}

export interface CommandContext {
  io: CliIO;
  client: KapacitorClient;
}

export interface Command {
  readonly name: string;
  /** Prints the command's usage text (to stderr, as Kapacitor does). */
  usage(io: CliIO): void;
  run(args: string[], context: CommandContext): Promise<void>;
}

/** Ends the command with an exit code; whatever it had to say was already written. */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = 'CliExit';
  }
}

/** A failed command: the message goes to stderr and the exit code is 3, as Kapacitor's. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** The server could not be reached at all: said in one line, never wrapped in context. */
export class UnreachableError extends CommandError {
  constructor(message: string) {
    super(message);
    this.name = 'UnreachableError';
  }
}

/** Go's errors.Wrap: "context: cause" (an unreachable server stays its one line). */
export function wrapError(context: string, error: unknown): CommandError {
  if (error instanceof UnreachableError) return error;
  return new CommandError(`${context}: ${(error as Error).message}`);
}
