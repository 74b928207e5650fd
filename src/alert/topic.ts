// One alert topic: the current state of each event id, the handlers bound to it (specs from
// the API and the anonymous handlers of alert nodes) and how many events it collected.

import type { EventState } from './event.js';
import type { HandlerQueue } from './handler.js';
import { OK, type Level } from './levels.js';
import type { MatchExpression } from './match.js';

/** A handler bound to a topic through the API. */
export interface HandlerSpec {
  id: string;
  kind: string;
  options: Record<string, unknown>;
  match: string;
}

export interface BoundHandler {
  spec: HandlerSpec;
  match: MatchExpression;
  /** Undefined for kinds handled by the topic service itself (publish, aggregate). */
  queue: HandlerQueue | undefined;
}

export class Topic {
  readonly events = new Map<string, EventState>();
  readonly handlers = new Map<string, BoundHandler>();
  readonly anonymous = new Set<HandlerQueue>();
  collected = 0;

  constructor(readonly id: string) {}

  /** The highest level among the topic's events. */
  level(): Level {
    let level: Level = OK;
    for (const state of this.events.values()) if (state.level > level) level = state.level;
    return level;
  }

  sortedHandlers(): BoundHandler[] {
    return [...this.handlers.values()].sort((a, b) => (a.spec.id < b.spec.id ? -1 : a.spec.id > b.spec.id ? 1 : 0));
  }
}
