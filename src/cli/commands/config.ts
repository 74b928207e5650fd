// `kapacitor config`: reads the running configuration (GET /kapacitor/v1/config[/section
// [/element]]) and, where the server takes overrides, sets or resets options of a section
// (POST with {"set": {...}} or {"delete": [...]}).

import { type CliIO, type Command, type CommandContext } from './context.js';
import { CommandError } from './errors.js';
import { apiPath } from './http-client.js';
import { printUsage, usageExit } from './usage.js';

const USAGE = `Usage: kapacitor config [<section> [<element>]]
       kapacitor config set <section>[/<element>] <option>=<value>...
       kapacitor config reset <section>[/<element>] <option>...

	Shows the server's configuration as JSON: every section, one section, or one element
	of a section that has several (such as an [[influxdb]] cluster by name).

	'set' overrides options of a running server; a value is read as JSON when it is JSON
	(true, 10, "text", ["a","b"]) and as text otherwise. 'reset' drops overrides, so the
	options go back to the configuration file's values.

Examples:

		$ kapacitor config smtp

		$ kapacitor config set smtp enabled=true host=mail.example.com port=587

		$ kapacitor config set influxdb/default urls='["http://influxdb:8086"]'

		$ kapacitor config reset smtp host
`;

/** `section` or `section/element` → the config path; a plain section keeps the trailing '/' the server requires. */
function sectionPath(target: string): string {
  const [section, ...element] = target.split('/');
  if (section === undefined || section === '') throw new CommandError(`invalid section ${JSON.stringify(target)}`);
  return element.length > 0 && element.join('/') !== '' ? apiPath('config', section, element.join('/')) : `${apiPath('config', section)}/`;
}

function optionValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function setBody(pairs: string[]): { set: Record<string, unknown> } {
  const set: Record<string, unknown> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new CommandError(`bad option ${JSON.stringify(pair)}, expected <option>=<value>`);
    set[pair.slice(0, equals)] = optionValue(pair.slice(equals + 1));
  }
  return { set };
}

export const configCommand: Command = {
  name: 'config',
  usage(io: CliIO) {
    printUsage(io, USAGE);
  },
  async run(args: string[], { io, client }: CommandContext) {
    const usage = () => this.usage(io);
    const [action, target, ...rest] = args;
    if (action === 'set' || action === 'reset') {
      if (target === undefined || rest.length === 0) usageExit(io, `Must pass a section and at least one option to ${action}`, usage);
      const body = action === 'set' ? setBody(rest) : { delete: rest };
      await client.json('POST', sectionPath(target), { json: body });
      return;
    }
    if (args.length > 2) usageExit(io, 'Too many arguments', usage);
    const path = args.length === 0 ? '/kapacitor/v1/config' : apiPath('config', ...args);
    const config = await client.json('GET', path);
    io.out(`${JSON.stringify(config, null, 2)}\n`);
  },
};
