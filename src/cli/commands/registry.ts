// The kapacitor commands by name, the main usage text listing them, and `kapacitor help`.

import { type CliIO, type Command, type CommandContext } from './context.js';
import { CliExit } from './errors.js';
import { clusterCommand } from './cluster.js';
import { configCommand } from './config.js';
import { backupCommand } from './backup.js';
import { defineCommand } from './define.js';
import { defineTemplateCommand } from './define-template.js';
import { defineTopicHandlerCommand } from './define-topic-handler.js';
import { deleteCommand } from './delete.js';
import { fluxCommand } from './flux.js';
import { levelCommand } from './level.js';
import { listCommand } from './list.js';
import { logsCommand, watchCommand } from './logs.js';
import { recordCommand } from './record.js';
import { replayCommand, replayLiveCommand, replayLiveUsage } from './replay.js';
import { serviceTestsCommand } from './service-tests.js';
import { showCommand, showTemplateCommand } from './show.js';
import { showTopicCommand, showTopicHandlerCommand } from './show-topic.js';
import { statsCommand, varsCommand } from './stats.js';
import { disableCommand, enableCommand, reloadCommand } from './task-status.js';
import { versionCommand } from './version.js';
import { printUsage } from './usage.js';

export const MAIN_USAGE = `
Usage: kapacitor [options] [command] [args]

Commands:

	record                Record the result of a query or a slice of the live data stream.
	define                Create or update a task.
	define-template       Create or update a template.
	define-topic-handler  Create or update an alert handler of a topic.
	replay                Replay a recording against a task.
	replay-live           Replay data against a task without recording it.
	watch                 Follow the logs of a task.
	logs                  Follow the server's logs.
	enable                Enable tasks: they start processing live data.
	disable               Disable tasks: they stop.
	reload                Restart tasks with their current definition.
	delete                Delete tasks, templates, recordings, replays, topics or topic-handlers.
	list                  List tasks, templates, recordings, replays, topics, topic-handlers or service-tests.
	show                  Show the details of a task.
	show-template         Show the details of a template.
	show-topic-handler    Show the details of an alert handler of a topic.
	show-topic            Show the details of an alert topic.
	backup                Save a snapshot of the server's database.
	level                 Set the log level of the server.
	stats                 Print statistics of the server.
	version               Print the version of this client.
	vars                  Print the server's debug vars as JSON.
	service-tests         Test services.
	config                Show the configuration, or override options of a running server.
	flux                  Manage Flux tasks, their runs and logs.
	cluster               Show the nodes of the cluster and the tasks each runs.
	help                  Print the help of a command.

Options:
`;

const HELP_USAGE = 'Usage: kapacitor help [command]\n';

export const helpCommand: Command = {
  name: 'help',
  usage(io: CliIO) {
    printUsage(io, HELP_USAGE);
  },
  async run(args: string[], context: CommandContext) {
    const { io } = context;
    if (args.length === 0 || args.length > 2) {
      this.usage(io);
      throw new MainUsageExit();
    }
    const [name, method] = args as [string, string | undefined];
    if (name === 'replay-live') {
      replayLiveUsage(io, method);
      return;
    }
    const command = COMMANDS.get(name);
    if (command === undefined) {
      io.err(`Unknown command ${name}\n`);
      throw new MainUsageExit();
    }
    command.usage(io);
  },
};

/** Ends with the main usage text and exit code 1. */
export class MainUsageExit extends CliExit {
  constructor() {
    super(1);
  }
}

export const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [
    recordCommand,
    defineCommand,
    defineTemplateCommand,
    defineTopicHandlerCommand,
    replayCommand,
    replayLiveCommand,
    watchCommand,
    logsCommand,
    enableCommand,
    disableCommand,
    reloadCommand,
    deleteCommand,
    listCommand,
    showCommand,
    showTemplateCommand,
    showTopicHandlerCommand,
    showTopicCommand,
    backupCommand,
    levelCommand,
    statsCommand,
    versionCommand,
    varsCommand,
    serviceTestsCommand,
    configCommand,
    fluxCommand,
    clusterCommand,
    helpCommand,
  ].map((command) => [command.name, command]),
);
