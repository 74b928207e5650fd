// The [stats] service: every stats-interval, Kapacitor's internal statistics (the `kapacitor`
// totals, ingress, nodes, edges, topics, alert handlers, runtime memory) become points in the
// configured database and retention policy, written into the server's own stream so tasks on
// _kapacitor.autogen see them. Persisting them in InfluxDB is a task's job (influxDBOut), as in
// Kapacitor. Never throws out of its timer.

import type { Logger } from 'pino';
import type { FieldValue, Fields, Point } from '../../models/point.js';
import type { StatsConfig } from '../../config/index.js';

/** One statistic as /debug/vars lists it. */
export interface Statistic {
  name: string;
  tags: Record<string, string>;
  values: Record<string, unknown>;
}

export interface StatsSources {
  /** The keyed statistics map of /debug/vars (its `kapacitor` member). */
  statistics(): Record<string, unknown>;
  /** The `kapacitor` measurement's counts. */
  counts(): { tasks: number; enabled: number; subscriptions: number };
  /** Tags every statistic carries (host, cluster_id, server_id). */
  identity: Record<string, string>;
  /** Where the points go: the server's write path. */
  writePoints(points: Point[]): void | Promise<void>;
}

/** Fields that are floats in Kapacitor even when the value happens to be whole. */
const FLOAT_FIELDS = new Set(['uptime']);

export class StatsService {
  private timer: NodeJS.Timeout | undefined;
  private readonly started = Date.now();

  constructor(
    private readonly config: StatsConfig,
    private readonly sources: StatsSources,
    private readonly logger: Logger,
  ) {}

  open(): void {
    if (!this.config.enabled || this.config.statsInterval <= 0) return;
    this.timer = setInterval(() => this.report(), this.config.statsInterval);
    this.timer.unref();
  }

  close(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Writes one round of statistics now (the timer calls this). */
  report(now: number = Date.now()): void {
    try {
      const written = this.sources.writePoints(this.points(now));
      if (written instanceof Promise) {
        written.catch((error: unknown) => this.logger.error({ err: (error as Error).message }, 'error writing stats data'));
      }
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'error getting stats data');
    }
  }

  /** The points of one round, all stamped `now`. */
  points(now: number): Point[] {
    const time = BigInt(now) * 1_000_000n;
    const point = (name: string, tags: Record<string, string>, values: Record<string, unknown>): Point => ({
      name,
      tags,
      fields: toFields(values),
      time,
      database: this.config.database,
      retentionPolicy: this.config.retentionPolicy,
    });
    const counts = this.sources.counts();
    const points = [
      point(
        'kapacitor',
        {},
        {
          num_tasks: counts.tasks,
          num_enabled_tasks: counts.enabled,
          num_subscriptions: counts.subscriptions,
          uptime: (now - this.started) / 1000,
        },
      ),
    ];
    for (const raw of Object.values(this.sources.statistics())) {
      const stat = raw as Statistic;
      const fields = toFields(stat.values);
      if (Object.keys(fields).length === 0) continue;
      points.push({ ...point(stat.name, { ...this.sources.identity, ...stat.tags }, {}), fields });
    }
    points.push(point('runtime', {}, runtimeValues()));
    return points;
  }
}

function toFields(values: Record<string, unknown>): Fields {
  const fields: Fields = {};
  for (const [name, value] of Object.entries(values)) {
    const field = toField(name, value);
    if (field !== undefined) fields[name] = field;
  }
  return fields;
}

function toField(name: string, value: unknown): FieldValue | undefined {
  if (typeof value === 'bigint' || typeof value === 'boolean') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return Number.isInteger(value) && !FLOAT_FIELDS.has(name) ? BigInt(value) : value;
}

/** Node's memory figures under the names of Go's runtime statistics Kapacitor reports. */
function runtimeValues(): Record<string, number> {
  const usage = process.memoryUsage();
  return {
    Alloc: usage.heapUsed,
    Sys: usage.rss,
    HeapAlloc: usage.heapUsed,
    HeapSys: usage.heapTotal,
    HeapIdle: Math.max(0, usage.heapTotal - usage.heapUsed),
    HeapInUse: usage.heapUsed,
    External: usage.external,
  };
}
