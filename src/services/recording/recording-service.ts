// Recordings: stream (a fork of the task master's incoming stream until a point after `stop`), batch (a batch
// task's queries over [start, stop]) and query (one InfluxQL query, as stream or batch data).
// Metadata lives in the store, data in Kapacitor's file formats in the [replay] dir; running
// recordings answer `running`, then `finished` or `failed` with the error. At startup, files
// dropped in the dir are picked up and recordings left running are marked failed.

import { checkIdLength } from '../id-check.js';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { nowNs, parseRFC3339 } from '../../models/time.js';
import type { DBRP, Pipeline } from '../../pipeline/types.js';
import type { StreamForking } from '../../engine/stream-fork.js';
import type { InfluxDBService } from '../influxdb/service.js';
import { recordingErrors, requestErrors } from '../../errors/catalogue.js';
import type { Store } from '../../storage/store.js';
import type { TaskCompiler } from '../tasks/task-compiler.js';
import type { TaskRecord } from '../tasks/task-record.js';
import { queryBatches, queryPoints, queryTaskBatches } from './batch-source.js';
import { BATCH_EXT, encodeBatchRecording, encodeStreamRecording, STREAM_EXT, ZERO_TIME } from '../../recording/recording-files.js';
import {
  listFields,
  listRecords,
  nowDate,
  RECORDING_FIELDS,
  RECORDINGS_BUCKET,
  recordingView,
  VALID_ID,
  type ListParams,
  type RecordingRecord,
  type RecordingType,
} from './recording-store.js';
import { StreamRecorder } from './stream-recorder.js';

export interface TaskLookup {
  find(id: string): TaskRecord | undefined;
  /** The server's task compiler (the same one tasks and templates go through). */
  readonly compiler: TaskCompiler;
}

export class RecordingService {
  private readonly recorders = new Map<string, StreamRecorder>();
  /** Running recordings: settles once the recording is marked finished or failed. */
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly store: Store,
    readonly dir: string,
    private readonly tasks: TaskLookup,
    /** The task master whose incoming stream the stream recordings fork. */
    private readonly streams: StreamForking,
    private readonly influx: InfluxDBService | undefined,
    private readonly logger: Logger,
  ) {}

  /** Creates the dir, syncs files found there and fails recordings left running. */
  async open(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    for (const name of readdirSync(this.dir)) {
      const dot = name.lastIndexOf('.');
      const ext = dot >= 0 ? name.slice(dot) : '';
      const type: RecordingType | undefined = ext === STREAM_EXT ? 'stream' : ext === BATCH_EXT ? 'batch' : undefined;
      if (type === undefined) continue;
      const id = name.slice(0, dot);
      if (this.store.get(RECORDINGS_BUCKET, id) !== undefined) continue;
      const path = join(this.dir, name);
      const info = statSync(path);
      await this.store.put(RECORDINGS_BUCKET, id, {
        id,
        type,
        dataPath: path,
        size: info.size,
        date: info.mtime.toISOString(),
        error: '',
        status: 'finished',
        progress: 1,
      } satisfies RecordingRecord);
    }
    for (const { value } of this.store.list<RecordingRecord>(RECORDINGS_BUCKET)) {
      if (value.status === 'running') {
        await this.store.put(RECORDINGS_BUCKET, value.id, { ...value, status: 'failed', error: 'unexpected Kapacitor shutdown' });
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.recorders.values()].map((r) => r.close()));
  }

  get(id: string): RecordingRecord {
    const record = this.store.get<RecordingRecord>(RECORDINGS_BUCKET, id);
    if (record === undefined) throw recordingErrors.notFound();
    return record;
  }

  find(id: string): RecordingRecord | undefined {
    return this.store.get<RecordingRecord>(RECORDINGS_BUCKET, id);
  }

  list(params: ListParams): Record<string, unknown>[] {
    const fields = listFields(params.fields, RECORDING_FIELDS);
    return listRecords<RecordingRecord>(this.store, RECORDINGS_BUCKET, params).map((r) => recordingView(this.live(r), fields));
  }

  view(record: RecordingRecord): Record<string, unknown> {
    return recordingView(this.live(record));
  }

  /** A running stream recording's progress: the data time recorded so far against its span. */
  private live(record: RecordingRecord): RecordingRecord {
    const recorder = record.status === 'running' ? this.recorders.get(record.id) : undefined;
    return recorder === undefined ? record : { ...record, progress: recorder.progress() };
  }

  async delete(id: string): Promise<void> {
    const record = this.find(id);
    if (record === undefined) return;
    const recorder = this.recorders.get(id);
    if (recorder !== undefined) await recorder.close();
    await this.store.delete(RECORDINGS_BUCKET, id);
    rmSync(record.dataPath, { force: true });
  }

  async recordStream(options: Record<string, unknown>): Promise<RecordingRecord> {
    const id = this.newId(options.id);
    const task = this.loadTask(options.task);
    // Without stop, the first point ends the recording, as in Kapacitor (its zero time).
    const stop = parseTimeOption(options.stop, 'stop') ?? ZERO_TIME;
    const pipeline = compiledPipeline(this.tasks, task);
    const record = await this.create(id, 'stream');
    this.track(id, new StreamRecorder(record.dataPath, stop), task.dbrps, pipeline);
    return record;
  }

  /** Feeds the recorder from a stream fork until it is done, then finishes the recording. */
  private track(id: string, recorder: StreamRecorder, dbrps: DBRP[], pipeline: Pipeline): void {
    this.recorders.set(id, recorder);
    const fork = this.streams.forkStream(id, dbrps, taskMeasurements(pipeline), (point) => recorder.write(point));
    this.settle(
      id,
      recorder.done.then(async () => {
        fork.close();
        this.recorders.delete(id);
        await this.finish(id);
      }),
    );
  }

  /** Remembers a running recording's completion until it settles. */
  private settle(id: string, completion: Promise<void>): void {
    const tracked = completion
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        if (this.running.get(id) === tracked) this.running.delete(id);
      });
    this.running.set(id, tracked);
  }

  /**
   * Resolves once the recording is no longer running (at once when it is not running), with
   * its record then (undefined when it was deleted meanwhile).
   */
  async finished(id: string): Promise<RecordingRecord | undefined> {
    await this.running.get(id);
    return this.find(id);
  }

  /** The stream recording of the pre-1.0 API: a duration of point time from the first point. */
  async recordStreamFor(taskId: string, durationNs: bigint): Promise<RecordingRecord> {
    const task = this.loadTask(taskId);
    const pipeline = compiledPipeline(this.tasks, task);
    const id = randomUUID();
    const record = await this.create(id, 'stream');
    this.track(id, new StreamRecorder(record.dataPath, undefined, durationNs), task.dbrps, pipeline);
    return record;
  }

  async recordBatch(options: Record<string, unknown>): Promise<RecordingRecord> {
    const id = this.newId(options.id);
    const start = parseTimeOption(options.start, 'start');
    if (start === undefined) throw recordingErrors.mustProvideStart();
    const stop = parseTimeOption(options.stop, 'stop') ?? nowNs();
    const task = this.loadTask(options.task);
    const pipeline = compiledPipeline(this.tasks, task);
    const record = await this.create(id, 'batch');
    this.runInBackground(record, async () => {
      const sources = await queryTaskBatches(this.influx, pipeline, start, stop, nowNs());
      writeFileSync(record.dataPath, encodeBatchRecording(sources));
    });
    return record;
  }

  async recordQuery(options: Record<string, unknown>): Promise<RecordingRecord> {
    const id = this.newId(options.id);
    const query = typeof options.query === 'string' ? options.query : '';
    if (query === '') throw requestErrors.mustProvideQuery();
    const type = options.type;
    if (type !== 'stream' && type !== 'batch') throw recordingErrors.invalidType(type ?? '');
    const cluster = typeof options.cluster === 'string' ? options.cluster : '';
    const record = await this.create(id, type);
    this.runInBackground(record, async () => {
      if (type === 'stream') {
        writeFileSync(record.dataPath, encodeStreamRecording(await queryPoints(this.influx, query, cluster)));
      } else {
        writeFileSync(record.dataPath, encodeBatchRecording([await queryBatches(this.influx, query, cluster)]));
      }
    });
    return record;
  }

  private newId(value: unknown): string {
    if (value !== undefined && value !== null && typeof value !== 'string') throw requestErrors.notString('id');
    const id = (value as string | undefined) || randomUUID();
    checkIdLength('recording ID', id);
    if (!VALID_ID.test(id)) {
      throw requestErrors.invalidId('recording', id);
    }
    return id;
  }

  private loadTask(value: unknown): TaskRecord {
    const task = typeof value === 'string' ? this.tasks.find(value) : undefined;
    if (task === undefined) throw recordingErrors.taskNotFound();
    return task;
  }

  private async create(id: string, type: RecordingType): Promise<RecordingRecord> {
    const existing = this.find(id);
    if (existing !== undefined) throw recordingErrors.exists(id);
    const record: RecordingRecord = {
      id,
      type,
      dataPath: join(this.dir, id + (type === 'stream' ? STREAM_EXT : BATCH_EXT)),
      size: 0,
      date: nowDate(),
      error: '',
      status: 'running',
      progress: 0,
    };
    await this.store.put(RECORDINGS_BUCKET, id, record);
    return record;
  }

  private runInBackground(record: RecordingRecord, work: () => Promise<void>): void {
    this.settle(
      record.id,
      work().then(
        () => this.finish(record.id, undefined, record.dataPath),
        (error: Error) => this.finish(record.id, error, record.dataPath),
      ),
    );
  }

  private async finish(id: string, error?: Error, dataPath?: string): Promise<void> {
    const record = this.find(id);
    if (record === undefined) {
      // Deleted while running: drop what was written meanwhile.
      if (dataPath !== undefined) rmSync(dataPath, { force: true });
      return;
    }
    if (error) this.logger.error({ recording: id, err: error.message }, 'recording failed');
    let size = 0;
    try {
      size = statSync(record.dataPath).size;
    } catch {
      /* no file written */
    }
    await this.store.put(RECORDINGS_BUCKET, id, {
      ...record,
      status: error ? 'failed' : 'finished',
      error: error ? error.message : '',
      progress: 1,
      size,
      date: nowDate(),
    } satisfies RecordingRecord);
  }
}

export function compiledPipeline(tasks: TaskLookup, task: TaskRecord): Pipeline {
  try {
    return tasks.compiler.compile(task.script, task.type, task.vars).pipeline;
  } catch (error) {
    throw requestErrors.invalid((error as Error).message);
  }
}

/** The measurements a stream task reads; undefined when some `from` takes every measurement. */
export function taskMeasurements(pipeline: Pipeline): string[] | undefined {
  const measurements: string[] = [];
  for (const node of pipeline.nodes) {
    if (node.kind !== 'from') continue;
    const call = [...node.properties].reverse().find((p) => p.name === 'measurement');
    if (call === undefined || typeof call.args[0] !== 'string' || call.args[0] === '') return undefined;
    measurements.push(call.args[0]);
  }
  return measurements;
}

function parseTimeOption(value: unknown, name: string): bigint | undefined {
  if (value === undefined || value === null || value === '' || value === '0001-01-01T00:00:00Z') return undefined;
  const time = typeof value === 'string' ? parseRFC3339(value) : undefined;
  if (time === undefined) throw requestErrors.invalidTime(name, value);
  return time;
}
