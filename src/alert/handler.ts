// The alert handler interface and the bounded queue every handler runs behind: events are
// handed over without waiting, sent in order one at a time, and failures are logged and
// counted. A slow or dead peer drops events (counted), it never blocks a task.

import type { Logger } from 'pino';
import type { AlertEvent } from './event.js';

export interface AlertHandler {
  /** Sends one event; a rejection is logged and counted by the queue. */
  handle(event: AlertEvent): Promise<void> | void;
  /** Optional: sends several queued events at once, in order (e.g. one file write). */
  handleBatch?(events: AlertEvent[]): Promise<void>;
  /**
   * Optional: how many events may be in flight at once when the queue is backlogged (events
   * of one alert id always go one after the other, in order). Default 1.
   */
  readonly concurrency?: number;
  /** Releases connections, files and timers. */
  close?(): Promise<void> | void;
}

export interface HandlerStats {
  queued: number;
  sent: number;
  dropped: number;
  errors: number;
}

const DEFAULT_CAPACITY = 100_000;
/** Most events handed to handleBatch at once. */
const MAX_BATCH = 5_000;
/** Below this backlog events go strictly one at a time, in arrival order. */
const CONCURRENT_BACKLOG = 256;

export class HandlerQueue {
  readonly stats: HandlerStats = { queued: 0, sent: 0, dropped: 0, errors: 0 };
  private readonly pending: AlertEvent[] = [];
  private head = 0;
  private running = false;
  private idleWaiters: Array<() => void> = [];
  private closed = false;
  private lastDropLog = 0;

  constructor(
    readonly kind: string,
    private readonly handler: AlertHandler,
    private readonly logger: Logger | undefined,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  /** Queues an event; returns immediately. */
  push(event: AlertEvent): void {
    if (this.closed) return;
    if (this.pending.length - this.head >= this.capacity) {
      this.stats.dropped++;
      const now = Date.now();
      if (now - this.lastDropLog >= 1000) {
        this.lastDropLog = now;
        this.logger?.warn({ handler: this.kind, id: event.id, dropped: this.stats.dropped }, 'alert handler queue full, dropping events');
      }
      return;
    }
    this.pending.push(event);
    this.stats.queued++;
    if (!this.running) {
      this.running = true;
      queueMicrotask(() => void this.drain());
    }
  }

  private async drain(): Promise<void> {
    while (this.head < this.pending.length) {
      if (this.handler.handleBatch !== undefined) {
        const end = Math.min(this.pending.length, this.head + MAX_BATCH);
        const events = this.pending.slice(this.head, end);
        // Handed over: the queue keeps no reference, so sent events are not kept alive by it.
        this.pending.fill(undefined as unknown as AlertEvent, this.head, end);
        this.head = end;
        this.compact();
        // Only the count is used after the handler's promise: the events may go as soon as
        // the handler is done with them.
        const count = events.length;
        try {
          await this.handler.handleBatch(events);
          this.stats.sent += count;
        } catch (err) {
          this.stats.errors += count;
          this.logger?.error({ handler: this.kind, events: count, err: (err as Error).message }, 'alert handler failed');
        }
        continue;
      }
      const concurrency = this.handler.concurrency ?? 1;
      if (concurrency > 1 && this.pending.length - this.head > CONCURRENT_BACKLOG) {
        await this.sendConcurrently(concurrency);
        continue;
      }
      const event = this.pending[this.head]!;
      this.pending[this.head++] = undefined as unknown as AlertEvent;
      this.compact();
      await this.deliver(event);
    }
    this.pending.length = 0;
    this.head = 0;
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Sends one event; a failure is counted and logged, never thrown. */
  private async deliver(event: AlertEvent): Promise<void> {
    try {
      await this.handler.handle(event);
      this.stats.sent++;
    } catch (err) {
      this.stats.errors++;
      this.logger?.error({ handler: this.kind, id: event.id, err: (err as Error).message }, 'alert handler failed');
    }
  }

  /** Sends the next chunk with one sequential lane per alert id, `concurrency` lanes at once. */
  private async sendConcurrently(concurrency: number): Promise<void> {
    const end = Math.min(this.pending.length, this.head + concurrency * 8);
    const lanes = new Map<string, AlertEvent[]>();
    for (let i = this.head; i < end; i++) {
      const event = this.pending[i]!;
      const lane = lanes.get(event.id);
      if (lane === undefined) lanes.set(event.id, [event]);
      else lane.push(event);
    }
    this.pending.fill(undefined as unknown as AlertEvent, this.head, end);
    this.head = end;
    this.compact();
    const queue = [...lanes.values()];
    const worker = async () => {
      for (let lane = queue.shift(); lane !== undefined; lane = queue.shift()) {
        for (const event of lane) await this.deliver(event);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Resolves once every queued event has been handled. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.idle();
    this.closed = true;
    await this.handler.close?.();
  }

  /** Stops now: queued events are dropped (counted) and the handler closed while busy. */
  async abort(): Promise<void> {
    this.closed = true;
    this.stats.dropped += this.pending.length - this.head;
    this.pending.length = 0;
    this.head = 0;
    await this.handler.close?.();
  }
}
