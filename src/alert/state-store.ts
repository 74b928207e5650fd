// Persists topic event states and handler specs in the store with batched writes: changes
// are coalesced per key and written in one transaction per turn of the event loop, so the
// pipeline never waits for the disk and a busy alert is written once per batch, not per event.

import { createHash } from 'node:crypto';
import { keyFits, type Store } from '../storage/store.js';
import type { EventState } from './event.js';
import type { Level } from './levels.js';
import type { HandlerSpec } from './topic.js';

export const EVENTS_BUCKET = 'alert_events';
export const HANDLERS_BUCKET = 'alert_handlers';
export const TOPICS_BUCKET = 'alert_topics';
const SEPARATOR = '\u001f';

interface StoredEvent {
  /** Set when the key is a digest (topic + id too long for a store key). */
  topic?: string;
  id?: string;
  message: string;
  details: string;
  time: string;
  duration: string;
  level: Level;
}

const DIGEST_PREFIX = '\u0000sha256:';

/** topic + id, or a digest of them when that is too long to be a store key. */
export function entryKey(topic: string, id: string): string {
  const key = topic + SEPARATOR + id;
  return keyFits(key) ? key : digestKey(key);
}

function digestKey(key: string): string {
  return DIGEST_PREFIX + createHash('sha256').update(key).digest('hex');
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(SEPARATOR);
  return [key.slice(0, at), key.slice(at + 1)];
}

function topicKey(topic: string): string {
  return keyFits(topic) ? topic : digestKey(topic);
}

type Pending = { bucket: string; key: string; value: unknown };

export class AlertStateStore {
  private pending = new Map<string, Pending>();
  private flushing: Promise<void> | undefined;
  private scheduled = false;
  private failures = 0;

  constructor(
    private readonly store: Store,
    private readonly onError: (err: Error) => void,
  ) {}

  /** Every stored topic id, event state and handler spec. */
  load(): { topics: string[]; events: Array<{ topic: string; id: string; state: EventState }>; handlers: Array<{ topic: string; spec: HandlerSpec }> } {
    const topics = this.store.list<true | string>(TOPICS_BUCKET).map((entry) => (typeof entry.value === 'string' ? entry.value : entry.key));
    const events = this.store.list<StoredEvent>(EVENTS_BUCKET).map((entry) => {
      const stored = entry.value;
      const [topic, id] = stored.topic !== undefined && stored.id !== undefined ? [stored.topic, stored.id] : splitKey(entry.key);
      return {
        topic,
        id,
        state: { message: stored.message, details: stored.details, time: BigInt(stored.time), duration: BigInt(stored.duration), level: stored.level },
      };
    });
    const handlers = this.store.list<HandlerSpec & { topic?: string }>(HANDLERS_BUCKET).map((entry) => {
      const { topic, ...spec } = entry.value;
      return { topic: topic ?? splitKey(entry.key)[0], spec: spec };
    });
    return { topics, events, handlers };
  }

  putTopic(topic: string): void {
    const key = topicKey(topic);
    this.queue(TOPICS_BUCKET, key, key === topic ? true : topic);
  }

  deleteTopic(topic: string): void {
    this.queue(TOPICS_BUCKET, topicKey(topic), undefined);
  }

  putEvent(topic: string, id: string, state: EventState): void {
    const stored: StoredEvent = {
      message: state.message,
      details: state.details,
      time: state.time.toString(),
      duration: state.duration.toString(),
      level: state.level,
    };
    const key = entryKey(topic, id);
    if (key.startsWith(DIGEST_PREFIX)) {
      stored.topic = topic;
      stored.id = id;
    }
    this.queue(EVENTS_BUCKET, key, stored);
  }

  deleteEvent(topic: string, id: string): void {
    this.queue(EVENTS_BUCKET, entryKey(topic, id), undefined);
  }

  putHandler(topic: string, spec: HandlerSpec): void {
    const key = entryKey(topic, spec.id);
    this.queue(HANDLERS_BUCKET, key, key.startsWith(DIGEST_PREFIX) ? { ...spec, topic } : spec);
  }

  deleteHandler(topic: string, id: string): void {
    this.queue(HANDLERS_BUCKET, entryKey(topic, id), undefined);
  }

  /** Writes that failed (each also reported through onError). */
  get errors(): number {
    return this.failures;
  }

  private queue(bucket: string, key: string, value: unknown): void {
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
    const write = (items: Iterable<Pending>) =>
      this.store.batch((writes) => {
        for (const { bucket, key, value } of items) {
          if (value === undefined) writes.delete(bucket, key);
          else writes.put(bucket, key, value);
        }
      });
    // One bad item must never drop the others: when the batch fails, each item is retried alone.
    this.flushing = write(batch.values())
      .catch(async () => {
        for (const item of batch.values()) {
          try {
            await write([item]);
          } catch (err) {
            this.failures++;
            this.onError(err as Error);
          }
        }
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
