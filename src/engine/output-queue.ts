// A bounded async queue for the node outputs that do I/O (httpPost, loopback, influxDBOut):
// the pipeline enqueues and returns at once; a sender drains the queue with a fixed
// concurrency. When full, new items are dropped and counted. Counters: queued, sent, dropped,
// errors — nodes copy them into their stats. Alert handlers do not use it: they run behind
// alert/handler.ts's HandlerQueue, which adds batches and per-alert-id ordering.

export interface OutputQueueOptions<T> {
  /** Most items waiting (default 10000). */
  capacity?: number;
  /** Sends in flight at once (default 1, which keeps order). */
  concurrency?: number;
  send(item: T): Promise<void>;
  /** Called with each failed send (after it is counted). */
  onError?(error: unknown, item: T): void;
}

export class OutputQueue<T> {
  queued = 0;
  sent = 0;
  dropped = 0;
  errors = 0;
  private readonly items: T[] = [];
  private head = 0;
  private inFlight = 0;
  private closed = false;
  private readonly capacity: number;
  private readonly concurrency: number;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: OutputQueueOptions<T>) {
    this.capacity = options.capacity ?? 10000;
    this.concurrency = options.concurrency ?? 1;
  }

  /** Enqueues an item; false when it was dropped (queue full or closed). */
  push(item: T): boolean {
    if (this.closed || this.items.length - this.head >= this.capacity) {
      this.dropped++;
      return false;
    }
    this.items.push(item);
    this.queued++;
    this.pump();
    return true;
  }

  get length(): number {
    return this.items.length - this.head;
  }

  /** Resolves once nothing is waiting or in flight. */
  idle(): Promise<void> {
    if (this.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops accepting items; waiting items are dropped. */
  close(): void {
    this.closed = true;
    this.dropped += this.length;
    this.items.length = 0;
    this.head = 0;
    this.notifyIdle();
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.head < this.items.length) {
      const item = this.items[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items.splice(0, this.head);
        this.head = 0;
      }
      this.inFlight++;
      this.options
        .send(item)
        .then(
          () => {
            this.sent++;
          },
          (error: unknown) => {
            this.errors++;
            this.options.onError?.(error, item);
          },
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
          this.notifyIdle();
        });
    }
  }

  private notifyIdle(): void {
    if (this.length !== 0 || this.inFlight !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
