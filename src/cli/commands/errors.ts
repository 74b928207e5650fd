// How a kapacitor command ends early: a usage exit with a code, or a failed command whose message
// goes to stderr (exit 3). Plain error classes; this module imports nothing.

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
