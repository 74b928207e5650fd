// The `aggregate` topic handler: gathers the events of an interval and publishes one summary
// event to another topic (Kapacitor's "Received N events in the last INTERVAL." by default).

import { parseGoDuration } from '../gofmt/duration.js';
import type { AlertEvent } from './event.js';
import type { AlertHandler } from './handler.js';
import { OK, type Level } from './levels.js';
import { formatGoDuration } from '../gofmt/duration.js';

export class AggregateHandler implements AlertHandler {
  private readonly buffer: AlertEvent[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly target: string;
  private readonly interval: bigint;
  private readonly message: string;

  constructor(
    private readonly sourceTopic: string,
    options: Record<string, unknown>,
    private readonly publish: (event: AlertEvent) => void,
  ) {
    const interval = options['interval'];
    this.interval = typeof interval === 'number' ? BigInt(Math.trunc(interval)) : typeof interval === 'string' ? parseGoDuration(interval) : 0n;
    if (this.interval <= 0n) throw new Error('aggregate handler: interval must be positive');
    const topic = options['topic'];
    if (typeof topic !== 'string' || topic === '') throw new Error('aggregate handler: topic must be provided');
    this.target = topic;
    this.message = typeof options['message'] === 'string' ? options['message'] : '';
    this.timer = setInterval(() => this.emit(), Number(this.interval / 1_000_000n));
    this.timer.unref();
  }

  handle(event: AlertEvent): void {
    this.buffer.push(event);
  }

  private emit(): void {
    if (this.buffer.length === 0) return;
    const events = this.buffer.splice(0);
    let level: Level = OK;
    for (const event of events) if (event.state.level > level) level = event.state.level;
    const last = events[events.length - 1]!;
    const message = this.message !== '' ? this.message : `Received ${events.length} events in the last ${formatGoDuration(this.interval)}.`;
    this.publish({
      ...last,
      topic: this.target,
      id: `aggregate:${this.sourceTopic}`,
      state: { message, details: events.map((event) => event.state.message).join('\n'), time: last.state.time, duration: 0n, level },
      dataJSON: undefined,
    });
  }

  close(): void {
    clearInterval(this.timer);
    this.emit();
  }
}
