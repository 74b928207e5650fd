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
