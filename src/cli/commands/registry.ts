// The kapacitor commands by name, the main usage text listing them, and `kapacitor help`. A
// command's module is read only when that command runs (or its help is asked for), so a call
// such as `kapacitor version` does not load the other twenty-odd commands.

import { type CliIO, type Command, type CommandContext } from './context.js';
import { CliExit } from './errors.js';
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
      (await import('./replay.js')).replayLiveUsage(io, method);
      return;
    }
    const command = await loadCommand(name);
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

/** Each command's module, loaded on first use. */
const LOADERS: Readonly<Record<string, () => Promise<Command>>> = {
  record: async () => (await import('./record.js')).recordCommand,
  define: async () => (await import('./define.js')).defineCommand,
  'define-template': async () => (await import('./define-template.js')).defineTemplateCommand,
  'define-topic-handler': async () => (await import('./define-topic-handler.js')).defineTopicHandlerCommand,
  replay: async () => (await import('./replay.js')).replayCommand,
  'replay-live': async () => (await import('./replay.js')).replayLiveCommand,
  watch: async () => (await import('./logs.js')).watchCommand,
  logs: async () => (await import('./logs.js')).logsCommand,
  enable: async () => (await import('./task-status.js')).enableCommand,
  disable: async () => (await import('./task-status.js')).disableCommand,
  reload: async () => (await import('./task-status.js')).reloadCommand,
  delete: async () => (await import('./delete.js')).deleteCommand,
  list: async () => (await import('./list.js')).listCommand,
  show: async () => (await import('./show.js')).showCommand,
  'show-template': async () => (await import('./show.js')).showTemplateCommand,
  'show-topic-handler': async () => (await import('./show-topic.js')).showTopicHandlerCommand,
  'show-topic': async () => (await import('./show-topic.js')).showTopicCommand,
  backup: async () => (await import('./backup.js')).backupCommand,
  level: async () => (await import('./level.js')).levelCommand,
  stats: async () => (await import('./stats.js')).statsCommand,
  version: async () => (await import('./version.js')).versionCommand,
  vars: async () => (await import('./stats.js')).varsCommand,
  'service-tests': async () => (await import('./service-tests.js')).serviceTestsCommand,
  config: async () => (await import('./config.js')).configCommand,
  flux: async () => (await import('./flux.js')).fluxCommand,
  cluster: async () => (await import('./cluster.js')).clusterCommand,
  help: async () => helpCommand,
};

/** The command of that name (its module read now), or undefined when there is none. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  const load = Object.prototype.hasOwnProperty.call(LOADERS, name) ? LOADERS[name] : undefined;
  return load === undefined ? undefined : load();
}
