// `kapacitor define <task ID>`: creates a task (disabled) or updates the given properties of an
// existing one, from a TICKscript, a template and vars, or a YAML/JSON task file; an enabled
// task is reloaded afterwards unless -no-reload.

import { FlagSet } from '../flags.js';
import { type CliIO, type Command, type CommandContext } from './context.js';
import { CommandError, wrapError } from './errors.js';
import { parseDbrp, type Dbrp } from './dbrp.js';
import { decodeSpecFile, readTextFile } from './files.js';
import { apiPath, ServerError } from './http-client.js';
import { parseFlags, printUsage, usageExit } from './usage.js';

const USAGE = `Usage: kapacitor define <task ID> [options]

	Creates a task, or changes an existing one.

	The task's pipeline is written in TICKscript (-tick), or comes from a template
	(-template with -vars), or from a task file (-file).

	Options left out keep their current values when the task exists.

	An enabled task is reloaded after the change, unless -no-reload is given.

Examples:

	Define a task the first time with every option:

		$ kapacitor define cpu_alert -tick cpu_alert.tick -type stream -dbrp telegraf.autogen

	Then change one property at a time:

		$ kapacitor define cpu_alert -tick cpu_alert.tick

		$ kapacitor define cpu_alert -dbrp telegraf.autogen -dbrp telegraf.long_term

	Giving -dbrp replaces every database/retention policy pair of the task.

Options:
`;

function defineFlags() {
  const flags = new FlagSet('define');
  return {
    flags,
    tick: flags.string('tick', '', 'Path of the TICKscript file'),
    type: flags.string('type', '', 'Task type: stream or batch'),
    template: flags.string('template', '', 'ID of the template to build the task from'),
    vars: flags.string('vars', '', 'Path of a JSON file with the template vars'),
    file: flags.string('file', '', 'Path of a YAML or JSON task file (id, template-id, dbrps, vars); an id in it must match the task ID'),
    noReload: flags.bool('no-reload', false, 'Leave an enabled task running the old definition'),
    dbrp: flags.list<Dbrp>('dbrp', 'A database and retention policy pair, db.rp or "db"."rp". Repeat the flag for several pairs.', parseDbrp),
  };
}

export const defineCommand: Command = {
  name: 'define',
  usage(io: CliIO) {
    printUsage(io, USAGE, defineFlags().flags);
  },
  async run(args: string[], { io, client }: CommandContext) {
    const usage = () => this.usage(io);
    if (args.length === 0 || args[0]!.startsWith('-')) usageExit(io, 'Must provide a task ID.', usage);
    const id = args[0]!;
    const options = defineFlags();
    parseFlags(io, options.flags, args.slice(1), usage);

    const body: Record<string, unknown> = {};
    if (options.file.value !== '') {
      Object.assign(body, taskFileOptions(options.file.value, id));
    } else {
      if (options.template.value !== '') body['template-id'] = options.template.value;
      if (options.type.value !== '') body.type = options.type.value;
      if (options.dbrp.value.length > 0) body.dbrps = options.dbrp.value;
      if (options.tick.value !== '') body.script = readTextFile(options.tick.value);
      if (options.vars.value !== '') body.vars = readVarsFile(options.vars.value);
    }

    const path = apiPath('tasks', id);
    const existing = await findTask(client, path);
    if (existing === undefined) {
      await client.json('POST', '/kapacitor/v1/tasks', { json: { id, ...body, status: 'disabled' } });
      return;
    }
    await client.json('PATCH', path, { json: body });
    if (!options.noReload.value && existing.status === 'enabled') {
      await client.json('PATCH', path, { json: { status: 'disabled' } });
      await client.json('PATCH', path, { json: { status: 'enabled' } });
    }
  },
};

/** The task, or undefined when the server does not have it. */
async function findTask(client: CommandContext['client'], path: string): Promise<{ status?: string } | undefined> {
  try {
    return await client.json('GET', path, {
      query: [
        ['dot-view', 'attributes'],
        ['script-format', 'raw'],
      ],
    });
  } catch (error) {
    if (error instanceof ServerError) return undefined;
    throw error;
  }
}

function readVarsFile(path: string): unknown {
  const text = readTextFile(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw wrapError(`invalid JSON in file ${path}`, error);
  }
}

/** The create/update body of a task file: template-id, dbrps ("db.rp" strings) and vars. */
function taskFileOptions(path: string, id: string): Record<string, unknown> {
  const spec = decodeSpecFile(path, readTextFile(path), 'task vars');
  if (spec === undefined) throw new CommandError('bad file extension. Must be YAML or JSON');
  const fields = (spec ?? {}) as { id?: string; 'template-id'?: string; dbrps?: string[]; vars?: unknown };
  if (fields.id !== undefined && fields.id !== '' && fields.id !== id) {
    throw new CommandError(`Task id given on command line does not match id in ${path}`);
  }
  const body: Record<string, unknown> = {};
  if (fields['template-id']) body['template-id'] = fields['template-id'];
  if (Array.isArray(fields.dbrps) && fields.dbrps.length > 0) {
    body.dbrps = fields.dbrps.map((text) => {
      try {
        return parseDbrp(String(text));
      } catch (error) {
        throw wrapError(`invalid dbrp ${JSON.stringify(text)}`, error);
      }
    });
  }
  if (fields.vars !== undefined && fields.vars !== null) body.vars = fields.vars;
  return body;
}
