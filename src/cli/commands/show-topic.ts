// `kapacitor show-topic <topic ID>` (level, collected count, handlers and events table) and
// `kapacitor show-topic-handler <topic ID> <handler ID>`, in Kapacitor's layout.

import type { CliIO, Command, CommandContext } from './context.js';
import { byteLength, goJsonMarshal, padRight, rfc822Local } from './go-format.js';
import { apiPath } from './http-client.js';
import { handlersHref, listHandlers, type Listed } from './listing.js';
import { printUsage, usageExit } from './usage.js';
import { parseRFC3339 } from '../../models/time.js';

const SHOW_TOPIC_USAGE = `Usage: kapacitor show-topic [topic ID]

	Shows an alert topic: its level, how many events it collected, its handlers and its events.
`;

const SHOW_HANDLER_USAGE = `Usage: kapacitor show-topic-handler [topic ID] [handler ID]

	Shows an alert handler of a topic: its kind, match expression and options.
`;

interface TopicEvent {
  id: string;
  state?: { level?: string; message?: string; time?: string };
}

function eventTime(event: TopicEvent): bigint {
  return parseRFC3339(event.state?.time ?? '') ?? 0n;
}

export const showTopicCommand: Command = {
  name: 'show-topic',
  usage(io: CliIO) {
    printUsage(io, SHOW_TOPIC_USAGE);
  },
  async run(args: string[], { io, client }: CommandContext) {
    if (args.length !== 1) usageExit(io, 'Must specify one topic ID', () => this.usage(io));
    const topic = await client.json<Listed>('GET', apiPath('alerts', 'topics', args[0]!));
    const eventsHref = topic['events-link']?.href ?? `${apiPath('alerts', 'topics', args[0]!)}/events`;
    const answer = await client.json<{ events?: TopicEvent[] }>('GET', eventsHref);
    const events = [...(answer?.events ?? [])].sort((a, b) => {
      const [ta, tb] = [eventTime(a), eventTime(b)];
      return ta < tb ? -1 : ta > tb ? 1 : 0;
    });
    let eventWidth = 5;
    let messageWidth = 7;
    for (const event of events) {
      eventWidth = Math.max(eventWidth, byteLength(event.id));
      messageWidth = Math.max(messageWidth, byteLength(event.state?.message ?? ''));
    }
    const handlers = await listHandlers(client, handlersHref(topic), '');

    const row = (event: string, level: string, message: string, date: string) =>
      `${padRight(event, eventWidth + 1)}${padRight(level, 9)}${padRight(message, messageWidth + 1)}${padRight(date, 23)}\n`;
    io.out(`ID: ${topic.id}\n`);
    io.out(`Level: ${topic.level ?? ''}\n`);
    io.out(`Collected: ${topic.collected ?? 0}\n`);
    io.out(`Handlers: [${handlers.map((handler) => handler.id).join(', ')}]\n`);
    io.out('Events:\n');
    io.out(row('Event', 'Level', 'Message', 'Date'));
    for (const event of events) {
      io.out(row(event.id, event.state?.level ?? '', event.state?.message ?? '', rfc822Local(event.state?.time)));
    }
  },
};

export const showTopicHandlerCommand: Command = {
  name: 'show-topic-handler',
  usage(io: CliIO) {
    printUsage(io, SHOW_HANDLER_USAGE);
  },
  async run(args: string[], { io, client }: CommandContext) {
    if (args.length !== 2) usageExit(io, 'Must specify both topic and handler IDs', () => this.usage(io));
    const [topic, id] = args as [string, string];
    const handler = await client.json('GET', apiPath('alerts', 'topics', topic, 'handlers', id));
    io.out(`ID: ${handler.id}\n`);
    io.out(`Topic: ${topic}\n`);
    io.out(`Kind: ${handler.kind ?? ''}\n`);
    io.out(`Match: ${handler.match ?? ''}\n`);
    io.out(`Options: ${goJsonMarshal(handler.options ?? null)}\n`);
  },
};
