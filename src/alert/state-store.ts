// Persists topic event states and handler specs in the store with batched writes: changes
// are coalesced per key and written in one transaction per turn of the event loop, so the
// pipeline never waits for the disk and a busy alert is written once per batch, not per event.

import type { Store } from '../storage/store.js';
import type { EventState } from './event.js';
import type { Level } from './levels.js';
import type { HandlerSpec } from './topic.js';

export const EVENTS_BUCKET = 'alert_events';
export const HANDLERS_BUCKET = 'alert_handlers';
export const TOPICS_BUCKET = 'alert_topics';
const SEPARATOR = '\u001f';

interface StoredEvent {
  message: string;
  details: string;
  time: string;
  duration: string;
  level: Level;
}

export function entryKey(topic: string, id: string): string {
  return topic + SEPARATOR + id;
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(SEPARATOR);
  return [key.slice(0, at), key.slice(at + 1)];
}

type Pending = { bucket: string; key: string; value: unknown | undefined };

export class AlertStateStore {
  private pending = new Map<string, Pending>();
  private flushing: Promise<void> | undefined;
  private scheduled = false;
  private failures = 0;

  constructor(private readonly store: Store, private readonly onError: (err: Error) => void) {}

  /** Every stored topic id, event state and handler spec. */
  load(): { topics: string[]; events: Array<{ topic: string; id: string; state: EventState }>; handlers: Array<{ topic: string; spec: HandlerSpec }> } {
    const topics = this.store.list<true>(TOPICS_BUCKET).map((entry) => entry.key);
    const events = this.store.list<StoredEvent>(EVENTS_BUCKET).map((entry) => {
      const [topic, id] = splitKey(entry.key);
      const stored = entry.value;
      return {
        topic,
        id,
        state: { message: stored.message, details: stored.details, time: BigInt(stored.time), duration: BigInt(stored.duration), level: stored.level },
      };
    });
    const handlers = this.store.list<HandlerSpec>(HANDLERS_BUCKET).map((entry) => ({ topic: splitKey(entry.key)[0], spec: entry.value }));
    return { topics, events, handlers };
  }

  putTopic(topic: string): void {
    this.queue(TOPICS_BUCKET, topic, true);
  }

  deleteTopic(topic: string): void {
    this.queue(TOPICS_BUCKET, topic, undefined);
  }

  putEvent(topic: string, id: string, state: EventState): void {
    const stored: StoredEvent = {
      message: state.message,
      details: state.details,
      time: state.time.toString(),
      duration: state.duration.toString(),
      level: state.level,
    };
    this.queue(EVENTS_BUCKET, entryKey(topic, id), stored);
  }

  deleteEvent(topic: string, id: string): void {
    this.queue(EVENTS_BUCKET, entryKey(topic, id), undefined);
  }

  putHandler(topic: string, spec: HandlerSpec): void {
    this.queue(HANDLERS_BUCKET, entryKey(topic, spec.id), spec);
  }

  deleteHandler(topic: string, id: string): void {
    this.queue(HANDLERS_BUCKET, entryKey(topic, id), undefined);
  }

  /** Writes that failed (each also reported through onError). */
  get errors(): number {
    return this.failures;
  }

  private queue(bucket: string, key: string, value: unknown | undefined): void {
    this.pending.set(bucket + '\u0000' + key, { bucket, key, value });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flushLoop());
    }
  }

  private async flushLoop(): Promise<void> {
    if (this.flushing !== undefined) await this.flushing;
    this.scheduled = false;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.store
      .batch((writes) => {
        for (const { bucket, key, value } of batch.values()) {
          if (value === undefined) writes.delete(bucket, key);
          else writes.put(bucket, key, value);
        }
      })
      .catch((err: Error) => {
        this.failures++;
        this.onError(err);
      })
      .finally(() => {
        this.flushing = undefined;
      });
    await this.flushing;
  }

  /** Resolves when every change made so far is durable. */
  async flush(): Promise<void> {
    while (this.pending.size > 0 || this.flushing !== undefined || this.scheduled) {
      if (this.flushing !== undefined) await this.flushing;
      else if (this.pending.size > 0) await this.flushLoop();
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
