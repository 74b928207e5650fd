// `kapacitor level <level>`: sets the server's log level (POST /kapacitor/v1/loglevel).

import type { CliIO, Command, CommandContext } from './context.js';
import { printUsage, usageExit } from './usage.js';

const USAGE = `Usage: kapacitor level (debug|info|warn|error)

	Sets the log level of the running server.
`;

export const levelCommand: Command = {
  name: 'level',
  usage(io: CliIO) {
    printUsage(io, USAGE);
  },
  async run(args: string[], { io, client }: CommandContext) {
    if (args.length === 0) usageExit(io, 'Must pass a log level', () => this.usage(io));
    await client.json('POST', '/kapacitor/v1/loglevel', { json: { level: args[0] } });
  },
};
