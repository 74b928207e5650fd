// `kapacitor enable|disable|reload <task ID or pattern>...`: sets the status of every task whose
// ID matches; reload disables then enables them (so they restart with their definition).

import { type CliIO, type Command, type CommandContext } from './context.js';
import { wrapError } from './errors.js';
import { listAll } from './listing.js';
import { printUsage, usageExit } from './usage.js';

function usageText(verb: string, summary: string): string {
  return `Usage: kapacitor ${verb} [task ID...]

	${summary}

	Each argument is a task ID or a glob pattern of task IDs.

Examples:

		$ kapacitor ${verb} cpu_alert

		$ kapacitor ${verb} *_alert
`;
}

async function setStatus(context: CommandContext, patterns: string[], status: 'enabled' | 'disabled'): Promise<void> {
  const verb = status === 'enabled' ? 'enabling' : 'disabling';
  for (const pattern of patterns) {
    let tasks;
    try {
      tasks = await listAll(context.client, 'tasks', pattern, ['link']);
    } catch (error) {
      throw wrapError('listing tasks', error);
    }
    for (const task of tasks) {
      try {
        await context.client.json('PATCH', task.link.href, { json: { status } });
      } catch (error) {
        throw wrapError(`${verb} task ${task.id}`, error);
      }
    }
  }
}

function statusCommand(name: string, summary: string, apply: (context: CommandContext, patterns: string[]) => Promise<void>): Command {
  return {
    name,
    usage(io: CliIO) {
      printUsage(io, usageText(name, summary));
    },
    async run(args: string[], context: CommandContext) {
      if (args.length === 0) usageExit(context.io, 'Must pass at least one task ID', () => this.usage(context.io));
      await apply(context, args);
    },
  };
}

export const enableCommand = statusCommand('enable', 'Enables tasks: they start processing live data.', (context, patterns) =>
  setStatus(context, patterns, 'enabled'),
);

export const disableCommand = statusCommand('disable', 'Disables tasks: they stop processing.', (context, patterns) =>
  setStatus(context, patterns, 'disabled'),
);

export const reloadCommand = statusCommand('reload', 'Restarts tasks with their current definition (disable, then enable).', async (context, patterns) => {
  await setStatus(context, patterns, 'disabled');
  await setStatus(context, patterns, 'enabled');
});
