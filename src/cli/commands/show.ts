// `kapacitor show [-replay ID] <task ID>` and `kapacitor show-template <template ID>`: a task's
// or template's details, vars, formatted TICKscript and DOT graph (with the node statistics of
// an executing task), line for line as Kapacitor prints them.

import { FlagSet } from '../flags.js';
import type { CliIO, Command, CommandContext } from './context.js';
import { formatDbrps, formatVarValue, padRight, rfc822, type VarView } from './go-format.js';
import { apiPath } from './http-client.js';
import { parseFlags, printUsage, usageExit } from './usage.js';

const SHOW_USAGE = `Usage: kapacitor show [-replay] [task ID]

	Shows a task's details: status, times, databases, vars, TICKscript and the DOT graph
	of its pipeline with the statistics of each node.

Options:
`;

const SHOW_TEMPLATE_USAGE = `Usage: kapacitor show-template [template ID]

	Shows a template's details: type, times, vars with their defaults, TICKscript and DOT graph.
`;

function showFlags() {
  const flags = new FlagSet('show');
  return {
    flags,
    replay: flags.string('replay', '', 'ID of a running replay: show the task as that replay runs it'),
  };
}

type Vars = Record<string, VarView> | undefined | null;

function sortedVarNames(vars: Vars): string[] {
  return Object.keys(vars ?? {}).sort();
}

export const showCommand: Command = {
  name: 'show',
  usage(io: CliIO) {
    printUsage(io, SHOW_USAGE, showFlags().flags);
  },
  async run(args: string[], { io, client }: CommandContext) {
    const usage = () => this.usage(io);
    const options = showFlags();
    const rest = parseFlags(io, options.flags, args, usage);
    if (rest.length !== 1) usageExit(io, 'Must specify one task ID', usage);
    const query: Array<[string, string]> = [
      ['dot-view', 'attributes'],
      ['script-format', 'formatted'],
    ];
    if (options.replay.value !== '') query.push(['replay-id', options.replay.value]);
    const task = await client.json('GET', apiPath('tasks', rest[0]!), { query });

    io.out(`ID: ${task.id}\n`);
    io.out(`Error: ${task.error ?? ''}\n`);
    io.out(`Template: ${task['template-id'] ?? ''}\n`);
    io.out(`Type: ${task.type}\n`);
    io.out(`Status: ${task.status}\n`);
    io.out(`Executing: ${task.executing === true}\n`);
    io.out(`Created: ${rfc822(task.created)}\n`);
    io.out(`Modified: ${rfc822(task.modified)}\n`);
    io.out(`LastEnabled: ${rfc822(task['last-enabled'])}\n`);
    io.out(`Databases Retention Policies: ${formatDbrps(task.dbrps)}\n`);
    io.out(`TICKscript:\n${task.script ?? ''}\n`);
    const names = sortedVarNames(task.vars);
    if (names.length > 0) {
      io.out('Vars:\n');
      io.out(`${padRight('Name', 30)}${padRight('Type', 10)}${padRight('Value', 40)}\n`);
      for (const name of names) {
        const variable = task.vars[name] as VarView;
        io.out(`${padRight(name, 30)}${padRight(String(variable.type ?? ''), 10)}${padRight(formatVarValue(variable), 40)}\n`);
      }
    }
    io.out(`DOT:\n${task.dot ?? ''}\n`);
  },
};

export const showTemplateCommand: Command = {
  name: 'show-template',
  usage(io: CliIO) {
    printUsage(io, SHOW_TEMPLATE_USAGE);
  },
  async run(args: string[], { io, client }: CommandContext) {
    if (args.length !== 1) usageExit(io, 'Must specify one template ID', () => this.usage(io));
    const template = await client.json('GET', apiPath('templates', args[0]!), { query: [['script-format', 'formatted']] });

    io.out(`ID: ${template.id}\n`);
    io.out(`Error: ${template.error ?? ''}\n`);
    io.out(`Type: ${template.type}\n`);
    io.out(`Created: ${rfc822(template.created)}\n`);
    io.out(`Modified: ${rfc822(template.modified)}\n`);
    io.out(`TICKscript:\n${template.script ?? ''}\n`);
    io.out('Vars:\n');
    const row = (name: string, type: string, value: string, description: string) =>
      `${padRight(name, 30)}${padRight(type, 10)}${padRight(value, 40)}${padRight(description, 40)}\n`;
    io.out(row('Name', 'Type', 'Default Value', 'Description'));
    for (const name of sortedVarNames(template.vars)) {
      const variable = template.vars[name] as VarView;
      const value = variable.value === undefined || variable.value === null ? '<required>' : formatVarValue(variable);
      io.out(row(name, String(variable.type ?? ''), value, String(variable.description ?? '')));
    }
    io.out(`DOT:\n${template.dot ?? ''}\n`);
  },
};
