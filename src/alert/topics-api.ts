// The topics API: what the HTTP routes (and the [load] directory) do with topics, their events
// and handler specs: listing and lookups with Kapacitor's not-found errors, handler spec
// validation, create / replace / delete of bound handlers. Goes through the topic runtime
// (alert-service.ts) for every change; never collects or sends an event itself.

import { idTooLong } from '../util/id-limit.js';
import { compileGlob } from '../util/glob.js';
import type { AlertService } from './alert-service.js';
import { alertErrors, requestErrors } from '../errors/catalogue.js';
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
    if (topic === undefined) throw alertErrors.topicNotFound(id);
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
    if (state === undefined) throw alertErrors.eventNotFound(id, topicId);
    return state;
  }

  // ---- handler specs ----------------------------------------------------------------------

  handlers(topicId: string): HandlerSpec[] {
    const topic = this.runtime.findTopic(topicId);
    return topic === undefined ? [] : topic.sortedHandlers().map((bound) => bound.spec);
  }

  handler(topicId: string, id: string): HandlerSpec {
    const bound = this.runtime.findTopic(topicId)?.handlers.get(id);
    if (bound === undefined) throw alertErrors.handlerNotFound(id, topicId);
    return bound.spec;
  }

  /** Validates a spec as the API receives it. */
  static validateSpec(body: unknown): HandlerSpec {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw alertErrors.specNotObject();
    const raw = body as Record<string, unknown>;
    const id = raw['id'];
    const kind = raw['kind'];
    if (typeof id !== 'string' || id === '') throw alertErrors.mustProvideHandlerId();
    const tooLong = idTooLong('handler ID', id);
    if (tooLong !== undefined) throw requestErrors.invalid(tooLong);
    if (!/^[-\w.]+$/.test(id)) throw requestErrors.invalidId('handler', id);
    if (typeof kind !== 'string' || kind === '') throw alertErrors.mustProvideHandlerKind();
    const options = raw['options'] ?? {};
    if (options === null || typeof options !== 'object' || Array.isArray(options)) throw alertErrors.optionsNotObject();
    const match = raw['match'] ?? '';
    if (typeof match !== 'string') throw alertErrors.matchNotString();
    return { id, kind, options: options as Record<string, unknown>, match };
  }

  async createHandler(topicId: string, body: unknown): Promise<HandlerSpec> {
    const spec = TopicsApi.validateSpec(body);
    if (this.runtime.findTopic(topicId)?.handlers.has(spec.id)) throw alertErrors.handlerExists(spec.id);
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
    if (!this.runtime.unbindHandler(topicId, id)) throw alertErrors.handlerNotFound(id, topicId);
    await this.runtime.flush();
  }
}
