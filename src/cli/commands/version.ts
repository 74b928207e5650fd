// `kapacitor version`: the client's version line in Kapacitor's format, the Kapacitor version it
// speaks and, where Kapacitor puts its git branch and commit, this project's name and version.

import { readFileSync } from 'node:fs';
import { KAPACITOR_VERSION } from '../../models/version.js';
import type { CliIO, Command, CommandContext } from './context.js';
import { printUsage } from './usage.js';

const USAGE = `Usage: kapacitor version

	Prints the version of this client.
`;

export const versionCommand: Command = {
  name: 'version',
  usage(io: CliIO) {
    printUsage(io, USAGE);
  },
  async run(_args: string[], { io }: CommandContext) {
    const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    io.out(`Kapacitor OSS ${KAPACITOR_VERSION} (git: kapacitor-ts ${version})\n`);
  },
};
