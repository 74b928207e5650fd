// The alert service: the topic runtime. Topics, their event states and handlers. Alert nodes
// hand it events (collect), it records each id's state, fills in the previous level, and fans
// events out to the bound handlers through their queues; state is persisted in batches
// (state-store.ts). The HTTP-facing topics and handlers API (listing, lookups with their
// errors, handler spec validation) is topics-api.ts; this module never parses a request.

import type { Logger } from 'pino';
import { alertErrors } from '../errors/catalogue.js';
import type { Store } from '../storage/store.js';
import { AggregateHandler } from './aggregate.js';
import type { AlertEvent, EventState } from './event.js';
import { HandlerQueue, type AlertHandler } from './handler.js';
import type { Inhibitor } from './inhibitor.js';
import type { GlobalHandler } from './global-handlers.js';
import { OK, type Level } from './levels.js';
import { compileMatch } from './match.js';
import { AlertStateStore } from './state-store.js';
import { Topic, type BoundHandler, type HandlerSpec } from './topic.js';

/** Builds handlers of a kind from options (topic handler specs and alert node handlers). */
export interface HandlerFactory {
  /** Throws an Error with a user-facing message for an unknown kind or invalid options. */
  create(kind: string, options: Record<string, unknown>): AlertHandler;
}

const INTERNAL_KINDS = new Set(['publish']);

export class AlertService {
  private readonly topics = new Map<string, Topic>();
  private readonly inhibitors = new Set<Inhibitor>();
  private readonly stateStore: AlertStateStore;

  private readonly globalQueues = new Map<string, HandlerQueue>();
  /** The global handler list, re-read from the configuration at most once a second. */
  private globalCache: { at: number; list: GlobalHandler[] } = { at: -Infinity, list: [] };

  constructor(
    store: Store,
    private readonly factory: HandlerFactory,
    private readonly logger: Logger,
    /** Services configured to receive every alert (`global = true`). */
    private readonly globals: () => GlobalHandler[] = () => [],
    /** [alert] persist-topics (event states kept across restarts) and topic-buffer-length. */
    private readonly options: { persistTopics: boolean; bufferLength: number } = { persistTopics: true, bufferLength: 100_000 },
  ) {
    this.stateStore = new AlertStateStore(store, (err) => this.logger.error({ err: err.message }, 'failed to persist alert state'));
  }

  /** Loads persisted topics, event states and handler specs. */
  open(): void {
    const { topics, events, handlers } = this.stateStore.load();
    for (const id of topics) this.topicOrCreate(id, false);
    if (this.options.persistTopics) {
      for (const { topic, id, state } of events) this.topicOrCreate(topic, false).events.set(id, state);
    }
    for (const { topic, spec } of handlers) {
      try {
        this.bind(this.topicOrCreate(topic, false), spec);
      } catch (err) {
        this.logger.error({ topic, handler: spec.id, err: (err as Error).message }, 'failed to restore topic handler');
      }
    }
  }

  /**
   * Cluster mode: takes the event states other nodes stored (a task moving here continues
   * from the level it had there). Topics and handlers already known keep their bindings.
   */
  refreshEvents(): void {
    if (!this.options.persistTopics) return;
    const { events } = this.stateStore.load();
    for (const { topic, id, state } of events) this.topicOrCreate(topic, false).events.set(id, state);
  }

  async close(): Promise<void> {
    for (const queue of this.globalQueues.values()) await queue.close();
    for (const topic of this.topics.values()) {
      for (const bound of topic.handlers.values()) await bound.queue?.close();
    }
    await this.stateStore.flush();
  }

  /** Resolves when every state change so far is durable. */
  flush(): Promise<void> {
    return this.stateStore.flush();
  }

  private topicOrCreate(id: string, persist = true): Topic {
    let topic = this.topics.get(id);
    if (topic === undefined) {
      topic = new Topic(id);
      this.topics.set(id, topic);
      if (persist) this.stateStore.putTopic(id);
    }
    return topic;
  }

  // ---- events ---------------------------------------------------------------------------

  addInhibitor(inhibitor: Inhibitor): void {
    this.inhibitors.add(inhibitor);
  }

  removeInhibitor(inhibitor: Inhibitor): void {
    this.inhibitors.delete(inhibitor);
  }

  /** Whether an alert of this category and tags is inhibited by a non-OK inhibiting alert. */
  isInhibited(category: string, tags: Readonly<Record<string, string>>): boolean {
    if (category === '' || this.inhibitors.size === 0) return false;
    for (const inhibitor of this.inhibitors) if (inhibitor.inhibits(category, tags)) return true;
    return false;
  }

  /**
   * Records an event in its topic and hands it to the topic's handlers (unless inhibited:
   * then only its state is recorded). Never waits.
   */
  collect(event: AlertEvent, inhibited = false): void {
    const topic = this.topicOrCreate(event.topic);
    const previous = topic.events.get(event.id);
    const previousLevel: Level = previous?.level ?? OK;
    event.previousLevel = previousLevel;
    topic.events.set(event.id, event.state);
    topic.collected++;
    if (this.options.persistTopics) this.stateStore.putEvent(topic.id, event.id, event.state);
    if (inhibited) return;
    const changed = previousLevel !== event.state.level;
    for (const queue of topic.anonymous) queue.push(event);
    this.pushGlobal(event, changed);
    if (topic.handlers.size === 0) return;
    for (const bound of topic.handlers.values()) {
      if (!bound.match.matches(event, changed)) continue;
      if (bound.queue !== undefined) bound.queue.push(event);
      else if (bound.spec.kind === 'publish') this.publish(event, bound.spec);
    }
  }

  private pushGlobal(event: AlertEvent, changed: boolean): void {
    // Anonymous topics only: an event published to a named topic too is one alert, sent once.
    if (!event.topic.startsWith('main:')) return;
    const now = Date.now();
    if (now - this.globalCache.at >= 1000) this.globalCache = { at: now, list: this.globals() };
    for (const global of this.globalCache.list) {
      if (global.stateChangesOnly && !changed) continue;
      let queue = this.globalQueues.get(global.key);
      if (queue === undefined) {
        try {
          queue = this.queue(global.kind, this.factory.create(global.kind, global.options));
        } catch (err) {
          this.logger.error({ handler: global.kind, err: (err as Error).message }, 'cannot create global alert handler');
          continue;
        }
        this.globalQueues.set(global.key, queue);
      }
      queue.push(event);
    }
  }

  private publish(event: AlertEvent, spec: HandlerSpec): void {
    const targets = spec.options['topics'];
    if (!Array.isArray(targets)) return;
    for (const target of targets) {
      if (typeof target !== 'string' || target === event.topic) continue;
      this.collect({ ...event, topic: target, dataJSON: undefined });
    }
  }

  /** The stored state of an event id in a topic (used to restore alert levels on start). */
  eventState(topicId: string, id: string): EventState | undefined {
    return this.topics.get(topicId)?.events.get(id);
  }

  private queue(kind: string, handler: AlertHandler): HandlerQueue {
    return new HandlerQueue(kind, handler, this.logger, this.options.bufferLength);
  }

  // ---- anonymous (alert node) handlers ----------------------------------------------------

  registerAnonymous(topicId: string, queue: HandlerQueue): void {
    this.topicOrCreate(topicId).anonymous.add(queue);
  }

  deregisterAnonymous(topicId: string, queue: HandlerQueue): void {
    this.topics.get(topicId)?.anonymous.delete(queue);
  }

  /** Builds a handler queue for an alert node's own handler. */
  anonymousQueue(kind: string, options: Record<string, unknown>): HandlerQueue {
    return this.queue(kind, this.factory.create(kind, options));
  }

  /** Deletes a task's anonymous topics ("main:<task>:<node>"). */
  deleteTaskTopics(taskId: string): void {
    const prefix = `main:${taskId}:`;
    for (const id of [...this.topics.keys()]) if (id.startsWith(prefix)) void this.deleteTopic(id).catch(() => undefined);
  }

  // ---- topics and handler bindings (the topics API, topics-api.ts, goes through these) ---

  /** The topic of this id, if it exists. */
  findTopic(id: string): Topic | undefined {
    return this.topics.get(id);
  }

  allTopics(): IterableIterator<Topic> {
    return this.topics.values();
  }

  /** Removes a topic: its events and bound handlers; alert nodes still publishing keep a fresh one. */
  async deleteTopic(id: string): Promise<void> {
    const topic = this.topics.get(id);
    if (topic === undefined) return;
    this.topics.delete(id);
    for (const eventId of topic.events.keys()) this.stateStore.deleteEvent(id, eventId);
    for (const bound of topic.handlers.values()) {
      this.stateStore.deleteHandler(id, bound.spec.id);
      void bound.queue?.close();
    }
    // Alert nodes still running keep publishing here: their handlers move to a fresh topic.
    if (topic.anonymous.size > 0) {
      const fresh = new Topic(id);
      for (const queue of topic.anonymous) fresh.anonymous.add(queue);
      this.topics.set(id, fresh);
    } else {
      this.stateStore.deleteTopic(id);
    }
    await this.stateStore.flush();
  }

  /** Binds a (valid) handler spec to a topic, made when absent, replacing one of the same id; stores it. */
  bindHandler(topicId: string, spec: HandlerSpec): void {
    this.bind(this.topicOrCreate(topicId), spec);
    this.stateStore.putHandler(topicId, spec);
  }

  /** Unbinds and forgets a bound handler; false when the topic has no handler of this id. */
  unbindHandler(topicId: string, id: string): boolean {
    const topic = this.topics.get(topicId);
    const bound = topic?.handlers.get(id);
    if (topic === undefined || bound === undefined) return false;
    topic.handlers.delete(id);
    void bound.queue?.close();
    this.stateStore.deleteHandler(topicId, id);
    return true;
  }

  private bind(topic: Topic, spec: HandlerSpec): BoundHandler {
    let match;
    try {
      match = compileMatch(spec.match);
    } catch (err) {
      throw alertErrors.invalidMatch((err as Error).message);
    }
    let queue: HandlerQueue | undefined;
    if (!INTERNAL_KINDS.has(spec.kind)) {
      let handler: AlertHandler;
      try {
        handler =
          spec.kind === 'aggregate'
            ? new AggregateHandler(topic.id, spec.options, (event) => this.collect(event))
            : this.factory.create(spec.kind, spec.options);
      } catch (err) {
        throw alertErrors.invalidHandler((err as Error).message);
      }
      queue = this.queue(spec.kind, handler);
    }
    const bound: BoundHandler = { spec, match, queue };
    const existing = topic.handlers.get(spec.id);
    topic.handlers.set(spec.id, bound);
    if (existing !== undefined) void existing.queue?.close();
    return bound;
  }

  /** Handler statistics as /debug/vars entries ("alert_handlers:kind=post" → {name, tags, values}). */
  statistics(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [kind, values] of Object.entries(this.handlerStats())) {
      out[`alert_handlers:kind=${kind}`] = { name: 'alert_handlers', tags: { kind }, values };
    }
    out['alert_store:'] = { name: 'alert_store', tags: {}, values: { write_errors: this.stateStore.errors } };
    for (const topic of this.topics.values()) {
      out[`topics:id=${topic.id}`] = { name: 'topics', tags: { id: topic.id }, values: { collected: topic.collected } };
    }
    return out;
  }

  /** Handler queue statistics for debug output: kind → totals. */
  handlerStats(): Record<string, { queued: number; sent: number; dropped: number; errors: number }> {
    const totals: Record<string, { queued: number; sent: number; dropped: number; errors: number }> = {};
    const add = (queue: HandlerQueue) => {
      const total = (totals[queue.kind] ??= { queued: 0, sent: 0, dropped: 0, errors: 0 });
      total.queued += queue.stats.queued;
      total.sent += queue.stats.sent;
      total.dropped += queue.stats.dropped;
      total.errors += queue.stats.errors;
    };
    for (const queue of this.globalQueues.values()) add(queue);
    for (const topic of this.topics.values()) {
      for (const queue of topic.anonymous) add(queue);
      for (const bound of topic.handlers.values()) if (bound.queue !== undefined) add(bound.queue);
    }
    return totals;
  }
}
