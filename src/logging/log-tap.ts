// An in-memory tap on the log stream: listeners subscribe with a field filter (e.g.
// {task: 'cpu_alert'}) and receive matching records, for /kapacitor/v1preview/logs. With no
// subscribers a write costs one size check; lines are parsed only when someone listens.

export type LogRecord = Record<string, unknown>;
export type LogListener = (record: LogRecord, line: string) => void;

interface Subscription {
  /** Exact field matches, plus `lvl=info+` style minimum levels. */
  filter: Array<[string, string]>;
  minimumLevel: number;
  listener: LogListener;
}

const LEVEL_ORDER: Record<string, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, fatal: 5 };

export class LogTap {
  private readonly subscriptions = new Set<Subscription>();

  /** Calls listener for every record whose fields equal every filter entry; returns unsubscribe. */
  subscribe(filter: Record<string, string>, listener: LogListener): () => void {
    let minimumLevel = -1;
    const exact = Object.entries(filter).filter(([name, value]) => {
      if (name !== 'lvl' || !value.endsWith('+')) return true;
      minimumLevel = LEVEL_ORDER[value.slice(0, -1).toLowerCase()] ?? Infinity;
      return false;
    });
    const subscription: Subscription = { filter: exact, minimumLevel, listener };
    this.subscriptions.add(subscription);
    return () => {
      this.subscriptions.delete(subscription);
    };
  }

  get subscriberCount(): number {
    return this.subscriptions.size;
  }

  /** A pino destination stream: one JSON line per write. */
  write(line: string): void {
    if (this.subscriptions.size === 0) return;
    let record: LogRecord;
    try {
      record = JSON.parse(line) as LogRecord;
    } catch {
      return;
    }
    const text = line.endsWith('\n') ? line.slice(0, -1) : line;
    for (const subscription of this.subscriptions) {
      if (subscription.minimumLevel >= 0 && (LEVEL_ORDER[String(record.lvl)] ?? -1) < subscription.minimumLevel) continue;
      if (subscription.filter.every(([name, value]) => String(record[name]) === value)) {
        subscription.listener(record, text);
      }
    }
  }
}
