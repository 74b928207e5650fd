// The kapacitor command-line client: `kapacitor [-url URL] [-skipVerify] <command> [args]`, with
// Kapacitor's commands, flags, output and exit codes (1 usage, 2 bad arguments, 3 a failed
// command, 4 a bad URL). The server is KAPACITOR_URL or http://localhost:9092 unless -url.

import { parseGoBool } from '../gofmt/strconv.js';
import { type CliIO } from './commands/context.js';
import { CliExit, CommandError } from './commands/errors.js';
import { BadUrlError, KapacitorClient } from './commands/http-client.js';
import { loadCommand, MAIN_USAGE, MainUsageExit } from './commands/registry.js';
import { FlagSet } from './flags.js';

const DEFAULT_URL = 'http://localhost:9092';

function mainFlags() {
  const flags = new FlagSet('main');
  return {
    flags,
    url: flags.string(
      'url',
      '',
      `The URL http(s)://host:port of the kapacitord server. Defaults to the KAPACITOR_URL environment variable or ${DEFAULT_URL} if not set.`,
    ),
    skipVerify: flags.bool(
      'skipVerify',
      false,
      "Skip the verification of the server's TLS certificate (insecure). Defaults to the KAPACITOR_UNSAFE_SSL environment variable or false if not set.",
    ),
  };
}

/** The process's terminal: stdout, stderr, environment, Ctrl-C. */
export function processIO(): CliIO {
  // A reader that goes away (`kapacitor logs | head`) ends the command quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    out: (text) => {
      process.stdout.write(text);
    },
    err: (text) => {
      process.stderr.write(text);
    },
    env: process.env,
    progress: process.stderr.isTTY === true,
    pollIntervalMs: 500,
    interrupted() {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return controller.signal;
    },
  };
}

/** Runs one kapacitor command line; resolves to the exit code. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const options = mainFlags();
  const mainUsage = () => io.err(`${MAIN_USAGE}\n${options.flags.defaults()}`);
  const parsed = options.flags.parse(argv);
  if (parsed.help) {
    mainUsage();
    return 0;
  }
  if (parsed.error !== undefined) {
    io.err(`${parsed.error}\n`);
    mainUsage();
    return 2;
  }

  let skipVerify = false;
  const unsafeSsl = io.env.KAPACITOR_UNSAFE_SSL ?? '';
  if (unsafeSsl !== '') {
    try {
      skipVerify = parseGoBool(unsafeSsl);
    } catch {
      io.err(`strconv.ParseBool: parsing ${JSON.stringify(unsafeSsl)}: invalid syntax\n`);
      return 1;
    }
  }
  if (options.skipVerify.value) skipVerify = true;
  const url = options.url.value || io.env.KAPACITOR_URL || DEFAULT_URL;

  let client: KapacitorClient;
  try {
    client = new KapacitorClient(url, { skipVerify });
  } catch (error) {
    if (!(error instanceof BadUrlError)) throw error;
    io.err(`${error.message}\n`);
    return 4;
  }

  try {
    const [name, ...args] = parsed.args;
    if (name === undefined) {
      io.err('Error: Must pass a command.\n');
      mainUsage();
      return 1;
    }
    const command = await loadCommand(name);
    if (command === undefined) {
      io.err(`Unknown command ${name}\n`);
      mainUsage();
      return 1;
    }
    await command.run(args, { io, client });
    return 0;
  } catch (error) {
    if (error instanceof MainUsageExit) mainUsage();
    if (error instanceof CliExit) return error.code;
    io.err(`${error instanceof CommandError ? error.message : String((error as Error)?.message ?? error)}\n`);
    return 3;
  } finally {
    await client.close();
  }
}
