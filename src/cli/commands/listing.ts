// Listing API resources by pattern, page by page (offset/limit 100) as Kapacitor's CLI does, for
// tasks, templates, recordings and replays; topics and handlers come in one answer.

import { compileGlob } from '../../util/glob.js';
import { CommandError } from './errors.js';
import type { KapacitorClient, Query } from './http-client.js';

export const PAGE_LIMIT = 100;

export interface Listed {
  id: string;
  link: { rel: string; href: string };
  [field: string]: any;
}

/** Every resource of `collection` (tasks, templates, recordings, replays) matching `pattern`. */
export async function listAll(client: KapacitorClient, collection: string, pattern: string, fields: string[]): Promise<Listed[]> {
  const all: Listed[] = [];
  for (let offset = 0; ; offset += PAGE_LIMIT) {
    const page = await listPage(client, collection, pattern, fields, offset);
    all.push(...page);
    if (page.length !== PAGE_LIMIT) return all;
  }
}

/** One page of `collection` matching `pattern`. */
export async function listPage(client: KapacitorClient, collection: string, pattern: string, fields: string[], offset = 0): Promise<Listed[]> {
  const query: Array<[string, string]> = [['pattern', pattern]];
  for (const field of fields) query.push(['fields', field]);
  query.push(['offset', String(offset)], ['limit', String(PAGE_LIMIT)]);
  const answer = await client.json<Record<string, Listed[] | undefined>>('GET', `/kapacitor/v1/${collection}`, { query });
  return answer?.[collection] ?? [];
}

/** Topics matching `pattern` (all when empty). */
export async function listTopics(client: KapacitorClient, pattern: string): Promise<Listed[]> {
  const query: Query = pattern === '' ? [] : [['pattern', pattern]];
  const answer = await client.json<{ topics?: Listed[] }>('GET', '/kapacitor/v1/alerts/topics', { query });
  return answer?.topics ?? [];
}

/** Handlers of the topic whose handlers link is `href`, matching `pattern` (checked here too). */
export async function listHandlers(client: KapacitorClient, href: string, pattern: string): Promise<Listed[]> {
  const query: Query = pattern === '' ? [] : [['pattern', pattern]];
  const answer = await client.json<{ handlers?: Listed[] }>('GET', href, { query });
  const handlers = answer?.handlers ?? [];
  if (pattern === '') return handlers;
  let matches: (id: string) => boolean;
  try {
    matches = compileGlob(pattern);
  } catch {
    throw new CommandError(`invalid pattern ${JSON.stringify(pattern)}: syntax error in pattern`);
  }
  return handlers.filter((handler) => matches(handler.id));
}

/** The handlers link of a topic: the one the server gave, or the conventional path. */
export function handlersHref(topic: Listed): string {
  return topic['handlers-link']?.href ?? `/kapacitor/v1/alerts/topics/${encodeURIComponent(topic.id)}/handlers`;
}
