// `kapacitor delete (tasks|templates|recordings|replays|topics|topic-handlers) <ID or pattern>...`:
// deletes every matching item; IDs that match nothing are not an error, as in Kapacitor.

import { type CliIO, type Command, type CommandContext } from './context.js';
import { CommandError } from './errors.js';
import { apiPath } from './http-client.js';
import { listHandlers, listPage, listTopics, PAGE_LIMIT } from './listing.js';
import { printUsage, usageExit } from './usage.js';

const USAGE = `Usage: kapacitor delete (tasks|templates|recordings|replays|topics|topic-handlers) [ID or pattern]...

	Deletes tasks, templates, recordings, replays, alert topics or topic handlers.

	Each argument is an ID or a glob pattern of IDs. An enabled task is stopped first.

	Handlers belong to a topic, which comes first:

		$ kapacitor delete topic-handlers [topic ID] [handler ID or pattern]...

Examples:

		$ kapacitor delete tasks cpu_alert

		$ kapacitor delete tasks *_alert

		$ kapacitor delete recordings 2c5d6b1e-5f4a-4f0b-9d55-1a0e7c3f9b21

		$ kapacitor delete topic-handlers cpu slack
`;

const PAGED = new Set(['tasks', 'templates', 'recordings', 'replays']);

export const deleteCommand: Command = {
  name: 'delete',
  usage(io: CliIO) {
    printUsage(io, USAGE);
  },
  async run(args: string[], { io, client }: CommandContext) {
    if (args.length < 2) usageExit(io, 'Must pass at least one ID', () => this.usage(io));
    const [kind, ...patterns] = args as [string, ...string[]];
    if (PAGED.has(kind)) {
      for (const pattern of patterns) {
        // Deleting shifts the pages: list the first page again until it comes back short.
        for (;;) {
          const items = await listPage(client, kind, pattern, ['link']);
          for (const item of items) await client.json('DELETE', item.link.href);
          if (items.length !== PAGE_LIMIT) break;
        }
      }
      return;
    }
    if (kind === 'topics') {
      for (const pattern of patterns) {
        for (const topic of await listTopics(client, pattern)) {
          await client.json('DELETE', topic.link?.href ?? apiPath('alerts', 'topics', topic.id));
        }
      }
      return;
    }
    if (kind === 'topic-handlers') {
      const [topic, ...handlerPatterns] = patterns as [string, ...string[]];
      for (const pattern of handlerPatterns) {
        for (const handler of await listHandlers(client, apiPath('alerts', 'topics', topic, 'handlers'), pattern)) {
          await client.json('DELETE', handler.link?.href ?? apiPath('alerts', 'topics', topic, 'handlers', handler.id));
        }
      }
      return;
    }
    throw new CommandError(`cannot delete '${kind}' did you mean 'tasks', 'templates', 'recordings', 'replays', 'topics' or 'topic-handlers'?`);
  },
};
