// The topics API: what the HTTP routes (and the [load] directory) do with topics, their events
// and handler specs: listing and lookups with Kapacitor's not-found errors, handler spec
// validation, create / replace / delete of bound handlers. Goes through the topic runtime
// (alert-service.ts) for every change; never collects or sends an event itself.

import { idTooLong } from '../util/id-limit.js';
import { compileGlob } from '../util/glob.js';
import { AlertServiceError, type AlertService } from './alert-service.js';
import type { EventState } from './event.js';
import type { Level } from './levels.js';
import type { HandlerSpec, Topic } from './topic.js';

export class TopicsApi {
  constructor(private readonly runtime: AlertService) {}

  /** Resolves when every state change so far is durable. */
  flush(): Promise<void> {
    return this.runtime.flush();
  }

  listTopics(pattern: string | undefined, minLevel: Level): Topic[] {
    const match = pattern === undefined || pattern === '' ? () => true : compileGlob(pattern);
    return [...this.runtime.allTopics()]
      .filter((topic) => match(topic.id) && topic.level() >= minLevel)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  topic(id: string): Topic {
    const topic = this.runtime.findTopic(id);
    if (topic === undefined) throw new AlertServiceError(`topic "${id}" does not exist`, 404);
    return topic;
  }

  deleteTopic(id: string): Promise<void> {
    return this.runtime.deleteTopic(id);
  }

  events(topicId: string, minLevel: Level): Array<{ id: string; state: EventState }> {
    const topic = this.topic(topicId);
    return [...topic.events.entries()]
      .filter(([, state]) => state.level >= minLevel)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, state]) => ({ id, state }));
  }

  event(topicId: string, id: string): EventState {
    const state = this.topic(topicId).events.get(id);
    if (state === undefined) throw new AlertServiceError(`event "${id}" does not exist for topic "${topicId}"`, 404);
    return state;
  }

  // ---- handler specs ----------------------------------------------------------------------

  handlers(topicId: string): HandlerSpec[] {
    const topic = this.runtime.findTopic(topicId);
    return topic === undefined ? [] : topic.sortedHandlers().map((bound) => bound.spec);
  }

  handler(topicId: string, id: string): HandlerSpec {
    const bound = this.runtime.findTopic(topicId)?.handlers.get(id);
    if (bound === undefined) throw new AlertServiceError(`handler "${id}" does not exist for topic "${topicId}"`, 404);
    return bound.spec;
  }

  /** Validates a spec as the API receives it. */
  static validateSpec(body: unknown): HandlerSpec {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AlertServiceError('invalid handler spec: expected a JSON object', 400);
    const raw = body as Record<string, unknown>;
    const id = raw['id'];
    const kind = raw['kind'];
    if (typeof id !== 'string' || id === '') throw new AlertServiceError('must provide handler ID', 400);
    const tooLong = idTooLong('handler ID', id);
    if (tooLong !== undefined) throw new AlertServiceError(tooLong, 400);
    if (!/^[-\w.]+$/.test(id)) throw new AlertServiceError(`handler ID must contain only letters, numbers, '-', '.' and '_'. ${JSON.stringify(id)}`, 400);
    if (typeof kind !== 'string' || kind === '') throw new AlertServiceError('must provide handler kind', 400);
    const options = raw['options'] ?? {};
    if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new AlertServiceError('handler options must be an object', 400);
    const match = raw['match'] ?? '';
    if (typeof match !== 'string') throw new AlertServiceError('handler match must be a string', 400);
    return { id, kind, options: options as Record<string, unknown>, match };
  }

  async createHandler(topicId: string, body: unknown): Promise<HandlerSpec> {
    const spec = TopicsApi.validateSpec(body);
    if (this.runtime.findTopic(topicId)?.handlers.has(spec.id)) throw new AlertServiceError(`handler "${spec.id}" already exists`, 400);
    this.runtime.bindHandler(topicId, spec);
    await this.runtime.flush();
    return spec;
  }

  async replaceHandler(topicId: string, id: string, body: unknown): Promise<HandlerSpec> {
    this.handler(topicId, id);
    const spec = TopicsApi.validateSpec(body);
    this.topic(topicId);
    this.runtime.bindHandler(topicId, spec);
    if (spec.id !== id) this.runtime.unbindHandler(topicId, id);
    await this.runtime.flush();
    return spec;
  }

  async deleteHandler(topicId: string, id: string): Promise<void> {
    if (!this.runtime.unbindHandler(topicId, id)) throw new AlertServiceError(`handler "${id}" does not exist for topic "${topicId}"`, 404);
    await this.runtime.flush();
  }
}
