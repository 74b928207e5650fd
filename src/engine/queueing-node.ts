// Base of the nodes that hand their output to a bounded background queue (httpPost,
// kapacitorLoopback): their counters mirror the queue's, a drain waits for it to empty, and
// closing the node closes it. Never blocks the pipeline on the queue.

import { EngineNode } from './node.js';
import type { OutputQueue } from './output-queue.js';

export abstract class QueueingNode<T> extends EngineNode {
  protected abstract readonly queue: OutputQueue<T>;

  override refreshCounters(): void {
    this.counters.queued = this.queue.queued;
    this.counters.sent = this.queue.sent;
    this.counters.dropped = this.queue.dropped;
  }

  override drain(): Promise<void> {
    return this.queue.idle();
  }

  override close(): void {
    this.queue.close();
  }
}
