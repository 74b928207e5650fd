// influxDBOut(): writes the task's points and batches to InfluxDB (database, retentionPolicy,
// measurement, extra tags, precision, writeConsistency, cluster), as Kapacitor's
// influxdb_out.go: a point without .database()/.retentionPolicy() goes to its own db/rp;
// .tag() values override the point's tags; the measurement defaults to the point's or batch's
// name. Lines are buffered per db/rp (written when `buffer` are pending and every
// flushInterval) and sent through an OutputQueue, one attempt each, so the pipeline never
// waits; writes, errors and drops are counted. create() creates the database once, at start.
// Without InfluxDB, or with an unknown cluster, the task does not start.

import type { Fields, Tags, TimeNs } from '../../models/point.js';
import { allCalls, durationNs, hasProperty, intValue, lastCall, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { formatLine, precisionDivisor } from '../../lineprotocol/format.js';
import type { BatchMessage, PointMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';
import { OutputQueue } from '../output-queue.js';

const DEFAULT_BUFFER = 1000;
const DEFAULT_FLUSH_MS = 10_000;

interface WriteJob {
  database: string;
  retentionPolicy: string;
  lines: string;
  count: number;
}

interface Pending {
  database: string;
  retentionPolicy: string;
  lines: string[];
}

export class InfluxDBOutNode extends EngineNode {
  private readonly database: string;
  private readonly retentionPolicy: string;
  private readonly measurement: string;
  private readonly precision: string;
  private readonly divisor: bigint;
  private readonly consistency: string;
  private readonly cluster: string;
  private readonly extraTags: Tags;
  private readonly create: boolean;
  private readonly bufferSize: number;
  private readonly flushMs: number;
  private readonly queue: OutputQueue<WriteJob>;
  /** Pending lines by db/rp (Kapacitor's writeBuffer keyed by BatchPointsConfig). */
  private readonly pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;
  private created: Promise<void> | undefined;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.database = stringValue(spec, 'database');
    this.retentionPolicy = stringValue(spec, 'retentionPolicy');
    this.measurement = stringValue(spec, 'measurement');
    this.precision = stringValue(spec, 'precision');
    this.divisor = precisionDivisor(this.precision);
    this.consistency = stringValue(spec, 'writeConsistency');
    this.cluster = stringValue(spec, 'cluster');
    this.create = hasProperty(spec, 'create');
    this.extraTags = {};
    for (const call of allCalls(spec, 'tag')) this.extraTags[String(call.args[0])] = String(call.args[1]);
    this.bufferSize = lastCall(spec, 'buffer') !== undefined ? Math.max(1, Number(intValue(spec, 'buffer'))) : DEFAULT_BUFFER;
    this.flushMs = lastCall(spec, 'flushInterval') !== undefined ? Number(durationNs(spec, 'flushInterval') / 1_000_000n) : DEFAULT_FLUSH_MS;
    // influxdb_out.go newInfluxDBOutNode
    const influx = ctx.services.influxdb;
    if (influx === undefined) throw new Error('no InfluxDB cluster configured cannot use the InfluxDBOutNode');
    if (!influx.hasClusters()) throw new Error(`failed to get InfluxDB client: no such InfluxDB config ${this.cluster}`);
    try {
      influx.client(this.cluster);
    } catch (error) {
      throw new Error(`failed to get InfluxDB client: ${(error as Error).message}`, { cause: error });
    }
    this.counters.points_written = 0;
    this.counters.write_errors = 0;
    this.queue = new OutputQueue<WriteJob>({
      capacity: 1000,
      send: (job) => this.write(job),
      onError: (error, job) => {
        // node.go nodeDiagnostic.Error: every logged error is a node error too.
        this.errors++;
        this.counters.write_errors!++;
        this.ctx.logger.error(
          { task: this.ctx.taskId, node: this.name, points: job.count, err: (error as Error).message },
          'failed to write points to InfluxDB',
        );
      },
    });
  }

  override open(): void {
    if (this.create) {
      // influxdb_out.go runOut: once, before the first write; a failure is only logged.
      this.created = this.ctx.services
        .influxdb!.client(this.cluster)
        .createDatabase(this.database, this.retentionPolicy)
        .catch((error: Error) => {
          this.errors++;
          this.ctx.logger.error(
            { task: this.ctx.taskId, node: this.name, database: this.database, cluster: this.cluster, err: error.message },
            'failed to create database',
          );
        });
    }
    if (this.flushMs > 0) {
      this.timer = setInterval(() => this.flush(), this.flushMs);
      this.timer.unref?.();
    }
  }

  override close(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
  }

  /** Resolves once every buffered and queued write has been sent (or failed). */
  override async drain(): Promise<void> {
    this.flush();
    await this.queue.idle();
  }

  protected override point(message: PointMessage): void {
    const pending = this.pendingFor(message.database, message.retentionPolicy);
    this.add(pending, message.name, message.tags, message.fields, message.time);
  }

  protected override batch(message: BatchMessage): void {
    // influxdb_out.go BufferedBatch: batches carry no db/rp of their own.
    const pending = this.pendingFor('', '');
    for (const point of message.points) this.add(pending, message.name, point.tags, point.fields, point.time);
  }

  private pendingFor(pointDb: string, pointRp: string): Pending {
    const database = this.database !== '' ? this.database : pointDb;
    const retentionPolicy = this.retentionPolicy !== '' ? this.retentionPolicy : pointRp;
    const key = `${database}\n${retentionPolicy}`;
    let pending = this.pending.get(key);
    if (pending === undefined) {
      pending = { database, retentionPolicy, lines: [] };
      this.pending.set(key, pending);
    }
    return pending;
  }

  private add(pending: Pending, name: string, tags: Readonly<Tags>, fields: Fields, time: TimeNs): void {
    if (Object.keys(fields).length === 0) return;
    const allTags = Object.keys(this.extraTags).length > 0 ? { ...tags, ...this.extraTags } : tags;
    pending.lines.push(formatLine(this.measurement || name, allTags, fields, time, this.divisor));
    if (pending.lines.length >= this.bufferSize) this.flushOne(pending);
  }

  private flush(): void {
    for (const pending of this.pending.values()) this.flushOne(pending);
  }

  private flushOne(pending: Pending): void {
    if (pending.lines.length === 0) return;
    const job: WriteJob = {
      database: pending.database,
      retentionPolicy: pending.retentionPolicy,
      lines: pending.lines.join('\n') + '\n',
      count: pending.lines.length,
    };
    pending.lines = [];
    this.queue.push(job);
  }

  private async write(job: WriteJob): Promise<void> {
    const client = this.ctx.services.influxdb!.client(this.cluster);
    await this.created;
    // influxdb_out.go writeBuffer.write: one attempt; a failure counts a write error.
    await client.write(job.lines, {
      database: job.database,
      retentionPolicy: job.retentionPolicy,
      precision: this.precision,
      consistency: this.consistency,
    });
    this.counters.points_written! += job.count;
  }
}
