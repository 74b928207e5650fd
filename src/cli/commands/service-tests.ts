// `kapacitor service-tests <service name or pattern>...`: runs the test of each matching service
// with its default options and prints whether it succeeded.

import { type CliIO, type Command, type CommandContext } from './context.js';
import { CommandError } from './errors.js';
import { padRight } from './go-format.js';
import { printUsage } from './usage.js';

const USAGE = `Usage: kapacitor service-tests <service name...>

	Tests services (alert handlers, InfluxDB, ...) with their default test options.
	Each argument is a service name or a glob pattern of names;
	'kapacitor list service-tests' lists them.
`;

interface ServiceTest {
  name: string;
  link?: { href: string };
}

export const serviceTestsCommand: Command = {
  name: 'service-tests',
  usage(io: CliIO) {
    printUsage(io, USAGE);
  },
  async run(args: string[], { io, client }: CommandContext) {
    if (args.length === 0) throw new CommandError('must provide at least one service name or pattern.');
    const services: ServiceTest[] = [];
    for (const pattern of args) {
      const answer = await client.json<{ services?: ServiceTest[] }>('GET', '/kapacitor/v1/service-tests', { query: [['pattern', pattern]] });
      services.push(...(answer?.services ?? []));
    }
    const results: Array<{ success?: boolean; message?: string }> = [];
    for (const service of services) {
      const href = service.link?.href ?? `/kapacitor/v1/service-tests/${encodeURIComponent(service.name)}`;
      results.push((await client.json('POST', href, { json: {} })) ?? {});
    }
    io.out(`${padRight('Service', 20)}${padRight('Success', 10)}Message\n`);
    services.forEach((service, i) => {
      io.out(`${padRight(service.name, 20)}${padRight(String(results[i]!.success === true), 10)}${results[i]!.message ?? ''}\n`);
    });
  },
};
