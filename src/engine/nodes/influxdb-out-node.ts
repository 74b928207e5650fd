// influxDBOut(): writes the task's points and batches to InfluxDB (database, retentionPolicy,
// measurement, extra tags, precision, writeConsistency, cluster). Points are buffered (buffer
// size, flushInterval) and sent through an OutputQueue with retries, so the pipeline never
// waits; writes, errors and drops are counted. create() creates the database first.

import type { Fields, Tags, TimeNs } from '../../models/point.js';
import { allCalls, durationNs, hasProperty, intValue, lastCall, stringValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { formatLine, precisionDivisor } from '../../lineprotocol/format.js';
import type { BatchMessage, PointMessage } from '../messages.js';
import { EngineNode, type TaskContext } from '../node.js';
import { OutputQueue } from '../output-queue.js';

const DEFAULT_BUFFER = 1000;
const DEFAULT_FLUSH_MS = 10_000;
const RETRIES = 3;

interface WriteJob {
  lines: string;
  count: number;
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
  private lines: string[] = [];
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
    this.counters.points_written = 0;
    this.counters.write_errors = 0;
    this.queue = new OutputQueue<WriteJob>({
      capacity: 1000,
      send: (job) => this.write(job),
      onError: (error, job) => {
        this.counters.write_errors!++;
        this.ctx.logger.error({ task: this.ctx.taskId, node: this.name, points: job.count, err: (error as Error).message }, 'failed to write points to InfluxDB');
      },
    });
  }

  override open(): void {
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
    this.add(message.name, message.tags, message.fields, message.time);
  }

  protected override batch(message: BatchMessage): void {
    for (const point of message.points) this.add(message.name, point.tags, point.fields, point.time);
  }

  private add(name: string, tags: Readonly<Tags>, fields: Fields, time: TimeNs): void {
    if (Object.keys(fields).length === 0) return;
    const allTags = Object.keys(this.extraTags).length > 0 ? { ...tags, ...this.extraTags } : tags;
    this.lines.push(formatLine(this.measurement || name, allTags, fields, time, this.divisor));
    if (this.lines.length >= this.bufferSize) this.flush();
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    const job = { lines: this.lines.join('\n') + '\n', count: this.lines.length };
    this.lines = [];
    this.queue.push(job);
  }

  private async write(job: WriteJob): Promise<void> {
    const influx = this.ctx.services.influxdb;
    if (influx === undefined || !influx.hasClusters()) throw new Error('InfluxDB not configured, cannot write points');
    const client = influx.client(this.cluster);
    if (this.create && this.created === undefined) {
      this.created = client.createDatabase(this.database, this.retentionPolicy).catch((error: Error) => {
        this.created = undefined;
        throw error;
      });
    }
    await this.created;
    let lastError: unknown;
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      try {
        await client.write(job.lines, {
          database: this.database, retentionPolicy: this.retentionPolicy,
          precision: this.precision, consistency: this.consistency,
        });
        this.counters.points_written! += job.count;
        return;
      } catch (error) {
        lastError = error;
        if ((error as { status?: number }).status === 400) break;
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
    throw lastError;
  }
}
