// `kapacitor list (tasks|templates|recordings|replays|topics|topic-handlers|service-tests)
// [ID or pattern]...`: one table per kind, in Kapacitor's column layout (columns as wide as
// their longest value plus one).

import { type CliIO, type Command, type CommandContext } from './context.js';
import { CommandError } from './errors.js';
import { byteLength, formatDbrps, humanizeBytes, padLeft, padRight, rfc822Local } from './go-format.js';
import { handlersHref, listAll, listHandlers, listTopics, type Listed } from './listing.js';
import { printUsage, usageExit } from './usage.js';

const USAGE = `Usage: kapacitor list (tasks|templates|recordings|replays|topics|topic-handlers|service-tests) [ID or pattern]...

	Lists tasks, templates, recordings, replays, alert topics, topic handlers or the services
	that can be tested, with their state.

	Each argument is an ID or a glob pattern of IDs; without one everything is listed.

	Handlers belong to topics: the first argument selects the topics, the rest the handlers.

		$ kapacitor list topic-handlers [topic ID or pattern] [handler ID or pattern]...

Examples:

		$ kapacitor list tasks *_alert

		$ kapacitor list topic-handlers cpu

		$ kapacitor list topic-handlers * slack*
`;

type Row = string[];

/** Prints rows with each column padded to `widths` (a negative width right-aligns, the last may be 0). */
function printTable(io: CliIO, widths: number[], rows: Row[]): void {
  for (const row of rows) {
    io.out(`${row.map((cell, i) => (widths[i]! < 0 ? padLeft(cell, -widths[i]!) : padRight(cell, widths[i]!))).join('')}\n`);
  }
}

function widest(items: Listed[], field: (item: Listed) => string, minimum: number): number {
  let max = minimum;
  for (const item of items) max = Math.max(max, byteLength(field(item)));
  return max;
}

const byId = (a: Listed, b: Listed) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function listPaged(context: CommandContext, collection: string, patterns: string[], fields: string[]): Promise<Listed[]> {
  const all: Listed[] = [];
  for (const pattern of patterns) all.push(...(await listAll(context.client, collection, pattern, fields)));
  return all;
}

const LISTERS: Record<string, (context: CommandContext, patterns: string[]) => Promise<void>> = {
  async tasks(context, patterns) {
    const tasks = (await listPaged(context, 'tasks', patterns, ['type', 'status', 'executing', 'dbrps'])).sort(byId);
    const idWidth = widest(tasks, (task) => task.id, 2) + 1;
    printTable(
      context.io,
      [idWidth, 10, 10, 10, 0],
      [
        ['ID', 'Type', 'Status', 'Executing', 'Databases and Retention Policies'],
        ...tasks.map((task) => [task.id, String(task.type), String(task.status), String(task.executing), formatDbrps(task.dbrps)]),
      ],
    );
  },

  async templates(context, patterns) {
    const templates = (await listPaged(context, 'templates', patterns, ['type', 'vars'])).sort(byId);
    const idWidth = widest(templates, (template) => template.id, 2) + 1;
    printTable(
      context.io,
      [idWidth, 10, 40],
      [
        ['ID', 'Type', 'Vars'],
        ...templates.map((template) => [
          template.id,
          String(template.type),
          Object.keys(template.vars ?? {})
            .sort()
            .join(','),
        ]),
      ],
    );
  },

  async recordings(context, patterns) {
    const recordings = await listPaged(context, 'recordings', patterns, ['type', 'size', 'date', 'status']);
    const idWidth = widest(recordings, (recording) => recording.id, 2) + 1;
    printTable(
      context.io,
      [idWidth, 8, 10, 10, 23],
      [
        ['ID', 'Type', 'Status', 'Size', 'Date'],
        ...recordings.map((recording) => [
          recording.id,
          String(recording.type),
          String(recording.status),
          humanizeBytes(Number(recording.size ?? 0)),
          rfc822Local(recording.date),
        ]),
      ],
    );
  },

  async replays(context, patterns) {
    const replays = await listPaged(context, 'replays', patterns, ['task', 'recording', 'status', 'clock', 'date']);
    const widths = [
      widest(replays, (replay) => replay.id, 2) + 1,
      widest(replays, (replay) => String(replay.task ?? ''), 4) + 1,
      widest(replays, (replay) => String(replay.recording ?? ''), 9) + 1,
      9,
      8,
      23,
    ];
    printTable(context.io, widths, [
      ['ID', 'Task', 'Recording', 'Status', 'Clock', 'Date'],
      ...replays.map((replay) => [
        replay.id,
        String(replay.task ?? ''),
        String(replay.recording ?? ''),
        String(replay.status),
        String(replay.clock),
        rfc822Local(replay.date),
      ]),
    ]);
  },

  async 'service-tests'(context, patterns) {
    context.io.out('Service Name\n');
    for (const pattern of patterns) {
      const answer = await context.client.json<{ services?: Array<{ name: string }> }>('GET', '/kapacitor/v1/service-tests', { query: [['pattern', pattern]] });
      for (const service of answer?.services ?? []) context.io.out(`${service.name}\n`);
    }
  },

  async 'topic-handlers'(context, patterns) {
    const topics = await listTopics(context.client, patterns[0]!);
    const handlerPatterns = patterns.length > 1 ? patterns.slice(1) : [''];
    const rows: Row[] = [];
    for (const topic of topics) {
      for (const pattern of handlerPatterns) {
        for (const handler of await listHandlers(context.client, handlersHref(topic), pattern)) {
          rows.push([topic.id, handler.id, String(handler.kind ?? '')]);
        }
      }
    }
    const width = (column: number) => rows.reduce((max, row) => Math.max(max, byteLength(row[column]!)), 10) + 1;
    printTable(context.io, [width(0), width(1), width(2)], [['Topic', 'ID', 'Kind'], ...rows]);
  },

  async topics(context, patterns) {
    const topics: Listed[] = [];
    for (const pattern of patterns) topics.push(...(await listTopics(context.client, pattern)));
    const widths = [widest(topics, (topic) => topic.id, 2) + 1, widest(topics, (topic) => String(topic.level ?? ''), 8) + 1, -10];
    printTable(context.io, widths, [
      ['ID', 'Level', 'Collected'],
      ...topics.map((topic) => [topic.id, String(topic.level ?? ''), String(topic.collected ?? 0)]),
    ]);
  },
};

export const listCommand: Command = {
  name: 'list',
  usage(io: CliIO) {
    printUsage(io, USAGE);
  },
  async run(args: string[], context: CommandContext) {
    if (args.length === 0) {
      usageExit(context.io, "Must specify 'tasks', 'recordings', 'replays', 'topics', or 'topic-handlers'", () => this.usage(context.io));
    }
    const [kind, ...rest] = args as [string, ...string[]];
    const lister = LISTERS[kind];
    if (lister === undefined) {
      throw new CommandError(
        `cannot list '${kind}' did you mean 'tasks', 'templates', 'recordings', 'replays', 'topics', 'topic-handlers' or 'service-tests'?`,
      );
    }
    await lister(context, rest.length > 0 ? rest : ['']);
  },
};
