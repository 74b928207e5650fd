// `kapacitor replay` (a recording against a task) and `kapacitor replay-live batch|query` (a
// batch task's queries or one query replayed at once, without saving a recording); both wait
// for the replay (unless -no-wait) and print its ID.

import { FlagSet } from '../flags.js';
import { type CliIO, type Command, type CommandContext } from './context.js';
import { CliExit, CommandError } from './errors.js';
import { queryWindow } from './time-flags.js';
import { parseFlags, printUsage, requireFlags } from './usage.js';
import { finishJob, type Job } from './wait.js';

const REPLAY_USAGE = `Usage: kapacitor replay [options]

Replays a recording against a task and prints the ID of the replay.

Points keep their spacing in time; their times are shifted to the present unless -rec-time
keeps the recorded ones.

'kapacitor help record' tells how to make a recording, 'kapacitor help define' how to define a task.

Options:
`;

const LIVE_USAGE = `Usage: kapacitor replay-live <batch|query> [options]

Replays data against a task straight from InfluxDB, without saving a recording: what
'kapacitor record batch|query' followed by 'kapacitor replay' would do.

'kapacitor help replay-live batch' and 'kapacitor help replay-live query' tell more.
`;

const LIVE_BATCH_USAGE = `Usage: kapacitor replay-live batch [options]

Runs a batch task's queries over a past time range and replays the results against the task.

Examples:

	$ kapacitor replay-live batch -task cpu_idle -start 2015-09-01T00:00:00Z -stop 2015-09-02T00:00:00Z

		Runs the queries of task cpu_idle for every scheduled time from -start to -stop.

	$ kapacitor replay-live batch -task cpu_idle -past 10h

		The same over the last ten hours.

Options:
`;

const LIVE_QUERY_USAGE = `Usage: kapacitor replay-live query [options]

Runs one InfluxDB query and replays its result against a task.

Example:

	$ kapacitor replay-live query -task cpu_alert -rec-time -query 'SELECT value FROM "telegraf"."autogen"."cpu_idle" WHERE time > now() - 1h'

Options:
`;

/** The flags every replay has: task, clocks, waiting and the replay's ID. */
function commonFlags(flags: FlagSet) {
  const longId = flags.string('replay-id', '', 'ID to give the replay (a random one when empty)');
  const shortId = flags.string('id', '', 'Same as -replay-id');
  return {
    task: flags.string('task', '', 'ID of the task to replay against'),
    realClock: flags.bool('real-clock', false, 'Replay at the pace the data was recorded at, instead of as fast as possible'),
    recTime: flags.bool('rec-time', false, 'Keep the recorded times of the points instead of shifting them to the present'),
    noWait: flags.bool('no-wait', false, 'Print the ID at once instead of waiting for the replay to finish'),
    id: () => longId.value || shortId.value,
  };
}

function replayFlags() {
  const flags = new FlagSet('replay');
  return { flags, ...commonFlags(flags), recording: flags.string('recording', '', 'ID of the recording to replay') };
}

function liveBatchFlags() {
  const flags = new FlagSet('replay-live-batch');
  return {
    flags,
    ...commonFlags(flags),
    start: flags.string('start', '', 'Start of the time range, RFC 3339'),
    stop: flags.string('stop', '', 'End of the time range, RFC 3339 (default now)'),
    past: flags.string('past', '', 'Start the time range this long before the stop, e.g. 10h'),
    cluster: flags.string('cluster', '', 'Name of the InfluxDB cluster of the configuration to query (default the default one)'),
  };
}

function liveQueryFlags() {
  const flags = new FlagSet('replay-live-query');
  return {
    flags,
    ...commonFlags(flags),
    query: flags.string('query', '', 'The InfluxQL query whose result is replayed'),
    cluster: flags.string('cluster', '', 'Name of the InfluxDB cluster of the configuration to query (default the default one)'),
  };
}

/** The body fields of every replay request. */
function replayBody(options: ReturnType<typeof commonFlags>, fields: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (options.id() !== '') body.id = options.id();
  return { ...body, task: options.task.value, ...fields, 'recording-time': options.recTime.value, clock: options.realClock.value ? 'real' : 'fast' };
}

export const replayCommand: Command = {
  name: 'replay',
  usage(io: CliIO) {
    printUsage(io, REPLAY_USAGE, replayFlags().flags);
  },
  async run(args: string[], context: CommandContext) {
    const options = replayFlags();
    const usage = () => printUsage(context.io, REPLAY_USAGE, options.flags);
    parseFlags(context.io, options.flags, args, usage);
    requireFlags(usage, 'must pass recording ID', options.recording.value !== '');
    requireFlags(usage, 'must pass task ID', options.task.value !== '');
    const job = await context.client.json<Job>('POST', '/kapacitor/v1/replays', { json: replayBody(options, { recording: options.recording.value }) });
    await finishJob(context, 'replay', job, options.noWait.value);
  },
};

async function replayLiveBatch(args: string[], context: CommandContext): Promise<void> {
  const options = liveBatchFlags();
  const usage = () => printUsage(context.io, LIVE_BATCH_USAGE, options.flags);
  parseFlags(context.io, options.flags, args, usage);
  requireFlags(usage, 'task is required', options.task.value !== '');
  requireFlags(usage, 'must set one of start or past flags.', options.start.value !== '' || options.past.value !== '');
  requireFlags(usage, 'cannot set both start and past flags.', options.start.value === '' || options.past.value === '');
  const window = queryWindow(options.start.value, options.stop.value, options.past.value);
  const fields: Record<string, unknown> = { start: window.start, stop: window.stop };
  if (options.cluster.value !== '') fields.cluster = options.cluster.value;
  const job = await context.client.json<Job>('POST', '/kapacitor/v1/replays/batch', { json: replayBody(options, fields) });
  await finishJob(context, 'replay', job, options.noWait.value);
}

async function replayLiveQuery(args: string[], context: CommandContext): Promise<void> {
  const options = liveQueryFlags();
  const usage = () => printUsage(context.io, LIVE_QUERY_USAGE, options.flags);
  parseFlags(context.io, options.flags, args, usage);
  requireFlags(usage, 'both query and task are required', options.query.value !== '' && options.task.value !== '');
  const fields: Record<string, unknown> = { query: options.query.value };
  if (options.cluster.value !== '') fields.cluster = options.cluster.value;
  const job = await context.client.json<Job>('POST', '/kapacitor/v1/replays/query', { json: replayBody(options, fields) });
  await finishJob(context, 'replay', job, options.noWait.value);
}

/** Usage of `replay-live` or of one of its methods (`help replay-live batch`). */
export function replayLiveUsage(io: CliIO, method?: string): void {
  if (method === 'batch') printUsage(io, LIVE_BATCH_USAGE, liveBatchFlags().flags);
  else if (method === 'query') printUsage(io, LIVE_QUERY_USAGE, liveQueryFlags().flags);
  else printUsage(io, LIVE_USAGE);
}

export const replayLiveCommand: Command = {
  name: 'replay-live',
  usage(io: CliIO) {
    replayLiveUsage(io);
  },
  async run(args: string[], context: CommandContext) {
    if (args.length === 0) {
      replayLiveUsage(context.io);
      throw new CliExit(2);
    }
    if (args[0] === 'batch') return replayLiveBatch(args.slice(1), context);
    if (args[0] === 'query') return replayLiveQuery(args.slice(1), context);
    throw new CommandError(`Unknown replay-live type ${JSON.stringify(args[0])}, expected 'batch' or 'query'`);
  },
};
