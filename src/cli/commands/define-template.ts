// `kapacitor define-template <template ID>`: creates a template or updates its TICKscript and
// type; the server redefines every task made from it.

import { FlagSet } from '../flags.js';
import type { CliIO, Command, CommandContext } from './context.js';
import { readTextFile } from './files.js';
import { apiPath, ServerError } from './http-client.js';
import { parseFlags, printUsage, usageExit } from './usage.js';

const USAGE = `Usage: kapacitor define-template <template ID> [options]

	Creates a template, or changes an existing one.

	A template is a TICKscript with typed vars that tasks fill in (see 'kapacitor help define').

	Options left out keep their current values when the template exists.

	Changing a template redefines and reloads every task made from it.

Examples:

	Define a template the first time with every option:

		$ kapacitor define-template mean_alert -tick mean_alert.tick -type stream

	Then change one property at a time:

		$ kapacitor define-template mean_alert -tick mean_alert.tick

Options:
`;

function templateFlags() {
  const flags = new FlagSet('define-template');
  return {
    flags,
    tick: flags.string('tick', '', 'Path of the TICKscript file'),
    type: flags.string('type', '', 'Template type: stream or batch'),
  };
}

export const defineTemplateCommand: Command = {
  name: 'define-template',
  usage(io: CliIO) {
    printUsage(io, USAGE, templateFlags().flags);
  },
  async run(args: string[], { io, client }: CommandContext) {
    const usage = () => this.usage(io);
    if (args.length === 0 || args[0]!.startsWith('-')) usageExit(io, 'Must provide a template ID.', usage);
    const id = args[0]!;
    const options = templateFlags();
    parseFlags(io, options.flags, args.slice(1), usage);

    const body: Record<string, unknown> = {};
    if (options.type.value !== '') body.type = options.type.value;
    if (options.tick.value !== '') body.script = readTextFile(options.tick.value);

    const path = apiPath('templates', id);
    let exists = true;
    try {
      await client.json('GET', path, { query: [['script-format', 'raw']] });
    } catch (error) {
      if (!(error instanceof ServerError)) throw error;
      exists = false;
    }
    if (exists) await client.json('PATCH', path, { json: body });
    else await client.json('POST', '/kapacitor/v1/templates', { json: { id, ...body } });
  },
};
