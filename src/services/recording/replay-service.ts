// Replays: run a task in an isolated copy (its own task master, batch schedules off) and feed
// it a recording (POST /replays), a batch task's own queries over a past range
// (/replays/batch) or one query's answer (/replays/query). Clock fast (no waiting) or real
// (waits out the data's time gaps); recording-time keeps the data's times, otherwise they are
// shifted to start now. The replay record goes running → finished | failed (+ error).

import { checkIdLength } from '../id-check.js';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Point, TimeNs } from '../../models/point.js';
import { nowNs, parseRFC3339 } from '../../models/time.js';
import type { DBRP, Pipeline, TaskStatsSnapshot } from '../../pipeline/types.js';
import type { InfluxDBService } from '../influxdb/service.js';
import { replayErrors, requestErrors } from '../../errors/catalogue.js';
import type { Store } from '../../storage/store.js';
import type { TaskRecord } from '../tasks/task-record.js';
import { queryBatches, queryPoints, queryTaskBatches } from './batch-source.js';
import { decodeBatchRecording, decodeStreamRecording, ZERO_TIME, type RecordedBatch } from '../../recording/recording-files.js';
import { compiledPipeline, type RecordingService, type TaskLookup } from './recording-service.js';
import {
  listFields,
  listRecords,
  nowDate,
  REPLAY_FIELDS,
  REPLAYS_BUCKET,
  replayView,
  VALID_ID,
  type ListParams,
  type ReplayRecord,
} from './recording-store.js';

/** A task running in an isolated task master for one replay. */
export interface IsolatedTask {
  /** Stream tasks: points routed as if written. */
  writePoints(points: Point[]): void;
  /** Batch tasks: one collector per query node, in pipeline order. */
  batchCollectors(): Array<{ collect(batch: RecordedBatch): void }>;
  /** Resolves once queued outputs (handlers, influxDBOut) are sent. */
  drain(): Promise<void>;
  stats(): TaskStatsSnapshot | undefined;
  stop(): void;
}

/** Starts a task in a new isolated task master (batch schedules off). */
export type IsolatedTaskStarter = (replayId: string, taskId: string, pipeline: Pipeline, dbrps: DBRP[]) => IsolatedTask;

type Feed = (task: IsolatedTask, replay: ReplayRecord) => Promise<void>;

const BATCH_CHUNK = 1000;

export class ReplayService {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly tasks: TaskLookup,
    private readonly recordings: RecordingService,
    private readonly influx: InfluxDBService | undefined,
    private readonly startIsolated: IsolatedTaskStarter,
    private readonly logger: Logger,
  ) {}

  async open(): Promise<void> {
    for (const { value } of this.store.list<ReplayRecord>(REPLAYS_BUCKET)) {
      if (value.status === 'running') {
        await this.store.put(REPLAYS_BUCKET, value.id, { ...value, status: 'failed', error: 'unexpected Kapacitor shutdown' });
      }
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  find(id: string): ReplayRecord | undefined {
    return this.store.get<ReplayRecord>(REPLAYS_BUCKET, id);
  }

  list(params: ListParams): Record<string, unknown>[] {
    const fields = listFields(params.fields, REPLAY_FIELDS);
    return listRecords<ReplayRecord>(this.store, REPLAYS_BUCKET, params).map((r) => replayView(r, fields, params.fields.length === 0));
  }

  view(record: ReplayRecord): Record<string, unknown> {
    return replayView(record);
  }

  async delete(id: string): Promise<void> {
    await this.store.delete(REPLAYS_BUCKET, id);
  }

  /** Resolves with the replay once it is no longer running. */
  async wait(id: string): Promise<ReplayRecord> {
    await this.running.get(id);
    const record = this.find(id);
    if (record === undefined) throw replayErrors.notFound();
    return record;
  }

  async replayRecording(options: Record<string, unknown>): Promise<ReplayRecord> {
    const id = newId(options.id, 'replay');
    const task = this.loadTask(options.task);
    const recordingId = typeof options.recording === 'string' ? options.recording : '';
    const recording = this.recordings.find(recordingId);
    if (recording === undefined) throw replayErrors.recordingNotFound();
    const clock = parseClock(options.clock);
    const recTime = options['recording-time'] === true;
    return this.start(id, task, recordingId, clock, recTime, async (isolated) => {
      if (recording.status !== 'finished') throw new Error(`recording ${recordingId} is ${recording.status}, cannot replay it`);
      if (recording.type !== task.type) {
        throw new Error(
          `found recording of wrong type, check task type matches recording: recording ${recordingId} is a ${recording.type} recording, task ${task.id} is a ${task.type} task`,
        );
      }
      const data = readFileSync(recording.dataPath);
      if (task.type === 'stream') await feedPoints(isolated, decodeStreamRecording(data), clock, recTime);
      else await feedBatches(isolated, decodeBatchRecording(data), clock, recTime);
    });
  }

  async replayBatch(options: Record<string, unknown>): Promise<ReplayRecord> {
    const id = newId(options.id, 'replay');
    const task = this.loadTask(options.task);
    const clock = parseClock(options.clock);
    if (task.type === 'stream') throw replayErrors.batchAgainstStream(task.id);
    const start = parseTime(options.start, 'start') ?? ZERO_TIME;
    const stop = parseTime(options.stop, 'stop') ?? nowNs();
    const recTime = options['recording-time'] === true;
    const pipeline = compiledPipeline(this.tasks, task);
    return this.start(id, task, '', clock, recTime, async (isolated) => {
      const sources = await queryTaskBatches(this.influx, pipeline, start, stop, nowNs());
      await feedBatches(isolated, sources, clock, recTime);
    });
  }

  async replayQuery(options: Record<string, unknown>): Promise<ReplayRecord> {
    const id = newId(options.id, 'replay');
    const query = typeof options.query === 'string' ? options.query : '';
    if (query === '') throw requestErrors.mustProvideQuery();
    const task = this.loadTask(options.task);
    const clock = parseClock(options.clock);
    const recTime = options['recording-time'] === true;
    const cluster = typeof options.cluster === 'string' ? options.cluster : '';
    return this.start(id, task, '', clock, recTime, async (isolated) => {
      if (task.type === 'stream') {
        await feedPoints(isolated, await queryPoints(this.influx, query, cluster), clock, recTime);
      } else {
        const collectors = isolated.batchCollectors();
        const batches = await queryBatches(this.influx, query, cluster);
        await feedBatches(isolated, [batches, ...collectors.slice(1).map(() => [])], clock, recTime);
      }
    });
  }

  private async start(id: string, task: TaskRecord, recording: string, clock: 'fast' | 'real', recTime: boolean, feed: Feed): Promise<ReplayRecord> {
    if (this.find(id) !== undefined) throw replayErrors.exists(id);
    const record: ReplayRecord = {
      id,
      task: task.id,
      recording,
      recordingTime: recTime,
      clock,
      date: nowDate(),
      error: '',
      status: 'running',
      progress: 0,
      stats: { 'task-stats': {}, 'node-stats': {} },
    };
    await this.store.put(REPLAYS_BUCKET, id, record);
    const run = this.run(record, task, feed).finally(() => this.running.delete(id));
    this.running.set(id, run);
    return record;
  }

  private async run(record: ReplayRecord, task: TaskRecord, feed: Feed): Promise<void> {
    let error: Error | undefined;
    let stats: TaskStatsSnapshot | undefined;
    try {
      const pipeline = compiledPipeline(this.tasks, task);
      let isolated: IsolatedTask;
      try {
        isolated = this.startIsolated(record.id, task.id, pipeline, task.dbrps);
      } catch (startError) {
        throw new Error(`task start: ${(startError as Error).message}`, { cause: startError });
      }
      try {
        await feed(isolated, record);
        await isolated.drain();
        stats = isolated.stats();
      } finally {
        isolated.stop();
      }
    } catch (failure) {
      error = failure as Error;
      this.logger.error({ replay: record.id, task: task.id, err: error.message }, 'replay failed');
    }
    if (this.find(record.id) === undefined) return;
    await this.store.put(REPLAYS_BUCKET, record.id, {
      ...record,
      status: error ? 'failed' : 'finished',
      error: error ? `running replay: ${error.message}` : '',
      progress: 1,
      date: nowDate(),
      stats: statsView(stats),
    } satisfies ReplayRecord);
  }

  private loadTask(value: unknown): TaskRecord {
    const task = typeof value === 'string' ? this.tasks.find(value) : undefined;
    if (task === undefined) throw replayErrors.taskNotFound();
    return task;
  }
}

/** Feeds stream points in order; shifts times unless recTime; waits out gaps on the real clock. */
export async function feedPoints(isolated: IsolatedTask, points: Point[], clock: 'fast' | 'real', recTime: boolean): Promise<void> {
  if (points.length === 0) return;
  const zero = nowNs();
  const first = points[0]!.time;
  const diff = zero - first;
  const startedAt = Date.now();
  let chunk: Point[] = [];
  for (const point of points) {
    const shifted = point.time + diff;
    const fed = recTime ? point : { ...point, time: shifted };
    if (clock === 'real') {
      const waitMs = Number((shifted - zero) / 1_000_000n) - (Date.now() - startedAt);
      if (waitMs > 0) {
        if (chunk.length > 0) isolated.writePoints(chunk);
        chunk = [];
        await sleep(waitMs);
      }
    }
    chunk.push(fed);
    if (chunk.length >= BATCH_CHUNK) {
      isolated.writePoints(chunk);
      chunk = [];
      await yieldToEventLoop();
    }
  }
  if (chunk.length > 0) isolated.writePoints(chunk);
}

/**
 * Feeds each source's batches to its query node, merged across sources in time order (last
 * point time). Empty batches take the previous batch's time; a batch's tmax is at least its
 * last point's time.
 */
export async function feedBatches(isolated: IsolatedTask, sources: RecordedBatch[][], clock: 'fast' | 'real', recTime: boolean): Promise<void> {
  const collectors = isolated.batchCollectors();
  if (sources.length !== collectors.length) {
    throw new Error(`unexpected number of batch collectors. exp ${sources.length} got ${collectors.length}`);
  }
  const zero = nowNs();
  let start: TimeNs | undefined;
  const tmaxBySource = sources.map(() => ZERO_TIME);
  const cursor = sources.map(() => 0);
  const startedAt = Date.now();
  let fed = 0;
  for (;;) {
    let pick = -1;
    let pickTime = 0n;
    for (let s = 0; s < sources.length; s++) {
      const batch = sources[s]![cursor[s]!];
      if (batch === undefined) continue;
      const time = batch.points.length > 0 ? batch.points[batch.points.length - 1]!.time : batch.tmax === ZERO_TIME ? tmaxBySource[s]! : batch.tmax;
      if (pick < 0 || time < pickTime) {
        pick = s;
        pickTime = time;
      }
    }
    if (pick < 0) break;
    const original = sources[pick]![cursor[pick]!++]!;
    let batch: RecordedBatch;
    if (original.points.length === 0) {
      const tmax = original.tmax === ZERO_TIME ? tmaxBySource[pick]! : original.tmax;
      tmaxBySource[pick] = tmax;
      batch = { ...original, tmax };
    } else {
      if (start === undefined) start = original.points[0]!.time;
      const diff = zero - start;
      const points = recTime ? original.points : original.points.map((p) => ({ ...p, time: p.time + diff }));
      const last = points[points.length - 1]!.time;
      if (clock === 'real') {
        const waitMs = Number((original.points[original.points.length - 1]!.time + diff - zero) / 1_000_000n) - (Date.now() - startedAt);
        if (waitMs > 0) await sleep(waitMs);
      }
      const tmax = original.tmax < last ? last : original.tmax;
      tmaxBySource[pick] = tmax;
      batch = { ...original, points, tmax };
    }
    collectors[pick]!.collect(batch);
    if (++fed % 100 === 0) await yieldToEventLoop();
  }
}

function statsView(stats: TaskStatsSnapshot | undefined): ReplayRecord['stats'] {
  if (stats === undefined) return { 'task-stats': {}, 'node-stats': {} };
  const nodeStats: Record<string, unknown> = {};
  for (const [name, node] of Object.entries(stats.nodes)) {
    nodeStats[name] = { avg_exec_time_ns: node.avgExecTimeNs, collected: node.collected, emitted: node.emitted, ...node.counters };
  }
  return { 'task-stats': { throughput: stats.throughput }, 'node-stats': nodeStats };
}

function newId(value: unknown, what: string): string {
  if (value !== undefined && value !== null && typeof value !== 'string') throw requestErrors.notString('id');
  const id = (value as string | undefined) || randomUUID();
  checkIdLength(`${what} ID`, id);
  if (!VALID_ID.test(id)) throw requestErrors.invalidId(what, id);
  return id;
}

function parseClock(value: unknown): 'fast' | 'real' {
  if (value === undefined || value === null || value === '' || value === 'fast') return 'fast';
  if (value === 'real') return 'real';
  throw replayErrors.invalidClock(value);
}

function parseTime(value: unknown, name: string): TimeNs | undefined {
  if (value === undefined || value === null || value === '' || value === '0001-01-01T00:00:00Z') return undefined;
  const time = typeof value === 'string' ? parseRFC3339(value) : undefined;
  if (time === undefined) throw requestErrors.invalidTime(name, value);
  return time;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
