// `kapacitor record stream|batch|query [options]`: starts a recording of the live stream of a
// task's databases, of a batch task's queries over a time range, or of one InfluxQL query;
// waits for it (unless -no-wait), showing a stream recording's data time recorded on a
// terminal, and prints its ID.

import { FlagSet } from '../flags.js';
import { type CliIO, type Command, type CommandContext } from './context.js';
import { CliExit, CommandError } from './errors.js';
import { formatGoDuration } from '../../gofmt/duration.js';
import { fromNow, parseInfluxDuration, queryWindow } from './time-flags.js';
import { parseFlags, printUsage, requireFlags } from './usage.js';
import { finishJob, type Job, type ProgressText } from './wait.js';

const USAGE = `Usage: kapacitor record [batch|stream|query] [options]

	Records data to replay later against a task: a slice of the live stream, the results of a
	batch task's queries, or the result of one InfluxDB query.

	Prints the ID of the recording once it is done.

	A stream recording's -duration is data time, not wall-clock time: it ends at the first
	point whose timestamp is later than now + duration ('kapacitor record stream -h').

	'kapacitor help replay' tells how to replay a recording.
`;

const STREAM_USAGE = `Usage: kapacitor record stream [options]

	Records the live data stream of a task's databases and retention policies for a while.

	The duration is data time, not wall-clock time: the recording ends at the first point
	whose timestamp is later than now + duration, so it waits for as long as it takes such a
	point to be written. While it waits on a terminal, it shows how much data time is
	recorded against the duration, or that it is waiting for points.

	Prints the ID of the recording once it is done.

Example:

	$ kapacitor record stream -task cpu_alert -duration 1m

		Records one minute of data time of the points written to the databases of task
		cpu_alert.

Options:
`;

const BATCH_USAGE = `Usage: kapacitor record batch [options]

	Records the results of a batch task's queries, run on the task's schedule over a past
	time range.

	Prints the ID of the recording once it is done.

Examples:

	$ kapacitor record batch -task cpu_idle -start 2015-09-01T00:00:00Z -stop 2015-09-02T00:00:00Z

		Runs the queries of task cpu_idle for every scheduled time from -start to -stop.

	$ kapacitor record batch -task cpu_idle -past 10h

		The same over the last ten hours.

Options:
`;

const QUERY_USAGE = `Usage: kapacitor record query [options]

	Records the result of an InfluxDB query, stored as a stream or a batch recording (-type):
	a recording replays only to tasks of its type.

	Prints the ID of the recording once it is done.

Example:

	$ kapacitor record query -query 'SELECT value FROM "telegraf"."autogen"."cpu_idle" WHERE time > now() - 1h' -type stream

Options:
`;

/** -recording-id, and -id, its short form. */
function idFlags(flags: FlagSet): () => string {
  const long = flags.string('recording-id', '', 'ID to give the recording (a random one when empty)');
  const short = flags.string('id', '', 'Same as -recording-id');
  return () => long.value || short.value;
}

function streamFlags() {
  const flags = new FlagSet('record-stream');
  return {
    flags,
    task: flags.string('task', '', 'ID of the task whose databases and retention policies are recorded'),
    duration: flags.string('duration', '', 'How much data time to record, e.g. 30s, 5m, 1h: the recording ends at the first point later than now + duration'),
    noWait: flags.bool('no-wait', false, 'Print the ID at once instead of waiting for the recording to finish'),
    id: idFlags(flags),
  };
}

function batchFlags() {
  const flags = new FlagSet('record-batch');
  return {
    flags,
    task: flags.string('task', '', 'ID of the batch task whose queries are recorded'),
    start: flags.string('start', '', 'Start of the time range, RFC 3339'),
    stop: flags.string('stop', '', 'End of the time range, RFC 3339 (default now)'),
    past: flags.string('past', '', 'Start the time range this long before the stop, e.g. 10h'),
    cluster: flags.string('cluster', '', 'Name of the InfluxDB cluster of the configuration to query (default the default one)'),
    noWait: flags.bool('no-wait', false, 'Print the ID at once instead of waiting for the recording to finish'),
    id: idFlags(flags),
  };
}

function queryFlags() {
  const flags = new FlagSet('record-query');
  return {
    flags,
    query: flags.string('query', '', 'The InfluxQL query whose result is recorded'),
    type: flags.string('type', '', 'Type of the recording: stream or batch'),
    cluster: flags.string('cluster', '', 'Name of the InfluxDB cluster of the configuration to query (default the default one)'),
    noWait: flags.bool('no-wait', false, 'Print the ID at once instead of waiting for the recording to finish'),
    id: idFlags(flags),
  };
}

/** Adds `id` to a request body when set. */
function withId(id: string, body: Record<string, unknown>): Record<string, unknown> {
  return id === '' ? body : { id, ...body };
}

async function recordStream(args: string[], context: CommandContext): Promise<void> {
  const options = streamFlags();
  const usage = () => printUsage(context.io, STREAM_USAGE, options.flags);
  parseFlags(context.io, options.flags, args, usage);
  requireFlags(usage, 'both task and duration are required', options.task.value !== '' && options.duration.value !== '');
  const stop = fromNow(options.duration.value);
  const body = withId(options.id(), { task: options.task.value, stop });
  const job = await context.client.json<Job>('POST', '/kapacitor/v1/recordings/stream', { json: body });
  await finishJob(context, 'recording', job, options.noWait.value, streamProgress(parseInfluxDuration(options.duration.value), stop));
}

async function recordBatch(args: string[], context: CommandContext): Promise<void> {
  const options = batchFlags();
  const usage = () => printUsage(context.io, BATCH_USAGE, options.flags);
  parseFlags(context.io, options.flags, args, usage);
  requireFlags(usage, 'task is required', options.task.value !== '');
  requireFlags(usage, 'must set one of start or past flags.', options.start.value !== '' || options.past.value !== '');
  requireFlags(usage, 'cannot set both start and past flags.', options.start.value === '' || options.past.value === '');
  const window = queryWindow(options.start.value, options.stop.value, options.past.value);
  const body: Record<string, unknown> = withId(options.id(), { task: options.task.value, start: window.start, stop: window.stop });
  if (options.cluster.value !== '') body.cluster = options.cluster.value;
  const job = await context.client.json<Job>('POST', '/kapacitor/v1/recordings/batch', { json: body });
  await finishJob(context, 'recording', job, options.noWait.value);
}

async function recordQuery(args: string[], context: CommandContext): Promise<void> {
  const options = queryFlags();
  const usage = () => printUsage(context.io, QUERY_USAGE, options.flags);
  parseFlags(context.io, options.flags, args, usage);
  requireFlags(usage, 'both query and type are required', options.query.value !== '' && options.type.value !== '');
  const body: Record<string, unknown> = withId(options.id(), { query: options.query.value, type: options.type.value });
  if (options.cluster.value !== '') body.cluster = options.cluster.value;
  const job = await context.client.json<Job>('POST', '/kapacitor/v1/recordings/query', { json: body });
  await finishJob(context, 'recording', job, options.noWait.value);
}

/**
 * The progress line of a stream recording: the data time recorded so far (its progress share
 * of the duration), or that no point has reached it yet.
 */
export function streamProgress(durationNs: bigint, stop: string): ProgressText {
  return (job) => {
    const progress = job.progress ?? 0;
    if (progress <= 0) return `waiting for points (the recording ends at the first point later than ${stop})`;
    const recorded = (durationNs * BigInt(Math.floor(progress * 1000))) / 1000n;
    return `${formatGoDuration(recorded)} of ${formatGoDuration(durationNs)} of data time recorded`;
  };
}

const METHODS: Record<string, (args: string[], context: CommandContext) => Promise<void>> = {
  stream: recordStream,
  batch: recordBatch,
  query: recordQuery,
};

export const recordCommand: Command = {
  name: 'record',
  usage(io: CliIO) {
    printUsage(io, USAGE);
  },
  async run(args: string[], context: CommandContext) {
    if (args.length === 0) {
      this.usage(context.io);
      throw new CliExit(2);
    }
    const method = METHODS[args[0]!];
    if (method === undefined) throw new CommandError(`Unknown record type ${JSON.stringify(args[0])}, expected 'stream', 'batch' or 'query'`);
    await method(args.slice(1), context);
  },
};
