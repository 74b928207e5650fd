// `kapacitor watch <task ID> [key=value...]` and `kapacitor logs [key=value...]`: follow the
// server's log stream (GET /kapacitor/v1preview/logs, filtered by tags) until interrupted.

import { type CliIO, type Command, type CommandContext } from './context.js';
import { CommandError, wrapError } from './errors.js';
import { printUsage } from './usage.js';

const WATCH_USAGE = `Usage: kapacitor watch <task id> [<tags> ...]

	Follows the log lines of a task until interrupted; key=value tags narrow them down.

	Examples:

		$ kapacitor watch cpu_alert
		$ kapacitor watch cpu_alert node=alert2
`;

const LOGS_USAGE = `Usage: kapacitor logs [<tags> ...]

	Follows the server's log lines until interrupted; key=value tags narrow them down,
	lvl=LEVEL+ keeps a level and the ones above it.

		$ kapacitor logs service=http lvl=error
		$ kapacitor logs service=http lvl=info+
`;

function tagPairs(args: string[], into: Record<string, string>): Record<string, string> {
  for (const arg of args) {
    const pair = arg.split('=');
    if (pair.length !== 2) throw new CommandError(`bad keyvalue pair: '${arg}'`);
    into[pair[0]!] = pair[1]!;
  }
  return into;
}

/** Copies the log stream to stdout until it ends or the user interrupts. */
async function tailLogs(context: CommandContext, tags: Record<string, string>): Promise<void> {
  const signal = context.io.interrupted();
  const query = Object.keys(tags)
    .sort()
    .map((key) => [key, tags[key]!] as const);
  try {
    const response = await context.client.raw('GET', '/kapacitor/v1preview/logs', { query, signal });
    for await (const chunk of response.body) context.io.out(chunk.toString('utf8'));
  } catch (error) {
    if (signal.aborted) return;
    throw wrapError('failed to retrieve logs', error);
  }
}

export const watchCommand: Command = {
  name: 'watch',
  usage(io: CliIO) {
    printUsage(io, WATCH_USAGE);
  },
  async run(args: string[], context: CommandContext) {
    if (args.length < 1) throw new CommandError('must provide task ID.');
    await tailLogs(context, tagPairs(args.slice(1), { task: args[0]! }));
  },
};

export const logsCommand: Command = {
  name: 'logs',
  usage(io: CliIO) {
    printUsage(io, LOGS_USAGE);
  },
  async run(args: string[], context: CommandContext) {
    await tailLogs(context, tagPairs(args, {}));
  },
};
