// Runs one job: opens its sinks and sources, moves row batches from each source through its
// transforms into its sinks, takes checkpoints of source positions at batch boundaries
// (streaming), and ends in FINISHED, CANCELED, SAVEPOINT_DONE or FAILED with the cause.
// Hot path (pushBatch): plain loops over precomputed child lists; no per-row allocation.

import type { JobDefinition } from './job-config.js';
import type { RunnableDag, SinkVertex, TransformVertex } from './dag.js';
import { canTransition, isEndState, type JobStatus } from './job-status.js';
import { JobMetrics, type SerializedMetrics } from './metrics.js';
import type { JobLog, JobPorts, PluginContext, SinkWriter, SourceReader } from './plugin.js';
import { rowBytes } from './row-type.js';
import type { RowBatch } from './rows.js';

export interface CheckpointState {
  /** Source positions by source index (Source[i]). */
  positions: Record<string, unknown>;
  metrics: SerializedMetrics;
  takenAt: number;
}

export interface ExecutorHooks {
  log: JobLog;
  onStatus(status: JobStatus): void;
  /** Stores a checkpoint (streaming, every checkpoint.interval) or the savepoint. */
  saveCheckpoint(state: CheckpointState, savepoint: boolean): Promise<void>;
}

interface Children {
  transforms: TransformVertex[];
  sinks: Array<{ vertex: SinkVertex; writer: () => SinkWriter; table: string }>;
}

type StopMode = 'cancel' | 'savepoint' | undefined;

export class JobExecutor {
  status: JobStatus = 'CREATED';
  errorMsg: string | null = null;
  readonly metrics: JobMetrics;
  private readonly abort = new AbortController();
  private stopMode: StopMode;
  private readonly writers = new Map<number, SinkWriter>();
  private readonly readers = new Map<number, SourceReader>();
  private readonly children = new Map<number, Children>();
  private readonly delivered: Record<string, unknown> = {};
  private inFlight = 0;
  private pause: Promise<void> | undefined;
  private idle: (() => void) | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private checkpointing = false;
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor(
    readonly jobId: string,
    readonly definition: JobDefinition,
    readonly dag: RunnableDag,
    private readonly ports: JobPorts,
    private readonly hooks: ExecutorHooks,
    private readonly restored?: CheckpointState,
  ) {
    this.metrics = new JobMetrics(restored?.metrics);
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
    for (const source of dag.sources) this.children.set(source.id, { transforms: [], sinks: [] });
    for (const transform of dag.transforms) this.children.set(transform.id, { transforms: [], sinks: [] });
    for (const transform of dag.transforms) this.children.get(transform.input)!.transforms.push(transform);
    for (const sink of dag.sinks) {
      sink.inputs.forEach((input, i) => {
        this.children.get(input)!.sinks.push({ vertex: sink, writer: () => this.writers.get(sink.id)!, table: sink.config.inputs[i]! });
      });
    }
  }

  private setStatus(status: JobStatus): void {
    if (this.status === status || isEndState(this.status)) return;
    if (!canTransition(this.status, status)) return;
    this.status = status;
    this.hooks.log.info(`job ${this.jobId} status changed to ${status}`);
    this.hooks.onStatus(status);
  }

  /** Runs the job to its end; never rejects (a failure ends in FAILED with errorMsg). */
  async run(): Promise<void> {
    const context: PluginContext = { jobId: this.jobId, mode: this.definition.mode, ports: this.ports, log: this.hooks.log };
    try {
      this.setStatus('SCHEDULED');
      for (const sink of this.dag.sinks) this.writers.set(sink.id, await sink.plugin.open(context));
      for (const source of this.dag.sources) {
        const restored = this.restored?.positions[String(source.config.index)];
        this.readers.set(source.id, await source.plugin.open(context, restored));
      }
      if (this.stopMode === undefined) {
        this.setStatus('RUNNING');
        if (this.restored === undefined) this.metrics.start();
        if (this.definition.mode === 'STREAMING' && this.definition.checkpointIntervalMs > 0) {
          this.checkpointTimer = setInterval(() => void this.checkpoint(false), this.definition.checkpointIntervalMs);
        }
        await Promise.all(this.dag.sources.map((source) => this.readLoop(source.id, source.config.index, source.config.output)));
      }
      clearInterval(this.checkpointTimer);
      await this.finish();
    } catch (error) {
      clearInterval(this.checkpointTimer);
      this.abort.abort();
      await this.fail(error);
    } finally {
      this.metrics.end();
      await this.closeAll();
      this.resolveDone();
    }
  }

  private async finish(): Promise<void> {
    for (const writer of this.writers.values()) await writer.flush?.();
    if (this.stopMode === 'savepoint') {
      await this.hooks.saveCheckpoint(this.snapshot(), true);
      this.setStatus('SAVEPOINT_DONE');
    } else if (this.stopMode === 'cancel') {
      this.setStatus('CANCELED');
    } else {
      this.setStatus('FINISHED');
    }
  }

  private async fail(error: unknown): Promise<void> {
    this.errorMsg = describeError(error);
    this.hooks.log.error(`job ${this.jobId} failed: ${this.errorMsg}`);
    this.status = this.status === 'CREATED' ? 'SCHEDULED' : this.status;
    this.setStatus('FAILING');
    this.setStatus('FAILED');
  }

  private async closeAll(): Promise<void> {
    for (const reader of this.readers.values()) await reader.close().catch(() => undefined);
    for (const writer of this.writers.values()) await writer.close().catch(() => undefined);
  }

  private async readLoop(sourceId: number, index: number, table: string): Promise<void> {
    const reader = this.readers.get(sourceId)!;
    const signal = this.abort.signal;
    const counters = this.metrics.table('source', table);
    for (;;) {
      const batch = await reader.next(signal);
      if (batch === undefined || signal.aborted) return;
      while (this.pause !== undefined) await this.pause;
      if (signal.aborted) return;
      let bytes = 0;
      for (let i = 0; i < batch.length; i++) bytes += rowBytes(batch[i]!.fields);
      this.metrics.sourceReceivedCount += batch.length;
      this.metrics.sourceReceivedBytes += bytes;
      counters.count += batch.length;
      counters.bytes += bytes;
      this.inFlight++;
      try {
        await this.pushBatch(sourceId, batch);
      } finally {
        this.inFlight--;
        if (this.inFlight === 0) this.idle?.();
      }
      this.delivered[String(index)] = reader.position();
    }
  }

  /** Hot path: one batch through a vertex's transforms and into its sinks. */
  private async pushBatch(vertexId: number, batch: RowBatch): Promise<void> {
    if (batch.length === 0) return;
    const children = this.children.get(vertexId)!;
    const transforms = children.transforms;
    for (let i = 0; i < transforms.length; i++) {
      const transform = transforms[i]!;
      await this.pushBatch(transform.id, transform.plugin.process(batch));
    }
    const sinks = children.sinks;
    for (let i = 0; i < sinks.length; i++) {
      const sink = sinks[i]!;
      const pending = sink.writer().write(batch);
      if (pending !== undefined) await pending;
      let bytes = 0;
      for (let r = 0; r < batch.length; r++) bytes += rowBytes(batch[r]!.fields);
      this.metrics.sinkWriteCount += batch.length;
      this.metrics.sinkWriteBytes += bytes;
      const counters = this.metrics.table('sink', sink.table);
      counters.count += batch.length;
      counters.bytes += bytes;
    }
  }

  private snapshot(): CheckpointState {
    return { positions: { ...this.restored?.positions, ...this.delivered }, metrics: this.metrics.serialize(), takenAt: Date.now() };
  }

  /** A consistent checkpoint: new batches wait, batches in flight finish, sinks flush. */
  private async checkpoint(savepoint: boolean): Promise<void> {
    if (this.checkpointing || this.status !== 'RUNNING') return;
    this.checkpointing = true;
    let release!: () => void;
    this.pause = new Promise((resolve) => {
      release = resolve;
    });
    try {
      if (this.inFlight > 0)
        await new Promise<void>((resolve) => {
          this.idle = resolve;
        });
      this.idle = undefined;
      for (const writer of this.writers.values()) await writer.flush?.();
      await this.hooks.saveCheckpoint(this.snapshot(), savepoint);
    } catch (error) {
      this.hooks.log.warn(`checkpoint of job ${this.jobId} failed: ${describeError(error)}`);
    } finally {
      this.pause = undefined;
      this.checkpointing = false;
      release();
    }
  }

  /** Stops the job: a cancel, or (isStopWithSavePoint) a savepoint the job can resume from. */
  stop(withSavepoint: boolean): void {
    if (isEndState(this.status) || this.stopMode !== undefined) return;
    this.stopMode = withSavepoint ? 'savepoint' : 'cancel';
    this.setStatus(withSavepoint ? 'DOING_SAVEPOINT' : 'CANCELING');
    this.abort.abort();
  }
}

/** SeaTunnel-style error text: the error and each cause, one per line. */
export function describeError(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    lines.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current));
    current = current instanceof Error ? (current as Error & { cause?: unknown }).cause : undefined;
  }
  return lines.join('\nCaused by: ');
}
