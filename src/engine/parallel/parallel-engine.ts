// The engine spread over worker threads ([engine] workers > 1): the same surface as the
// TaskMaster (start/stop tasks, route points, stats, httpOut, statistics), with worker-safe
// stream tasks (worker-safe.ts) placed on the least-loaded worker and every other task on the
// main thread's own TaskMaster. Written points are parsed on the main thread, counted there
// (ingress), and handed to each worker holding a task of their db/rp as encoded blocks
// (point-codec.ts), the blocks of one turn in one message; each task lives on exactly one
// thread and gets its points in write order. When one worker alone reads a db/rp and has
// little queued, a write's slices of line protocol go to it raw instead (`offload`), and it
// parses them itself: the parsing is then shared by how busy each thread is.
// Task statistics are cached from the workers' answers; `settled()` waits until the workers
// have processed (and reported on) everything routed so far (reads wait for it), and
// `backpressure()` only while a worker is far behind (writes wait for it). Never blocks on a
// worker.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import pino from 'pino';
import type { ParseOptions } from '../../lineprotocol/parse.js';
import type { Point } from '../../models/point.js';
import type { DBRP, Pipeline, TaskStatsSnapshot } from '../../pipeline/types.js';
import { spawnWithWorkerSemiSpace } from '../../util/worker-semi-space.js';
import { ExecutingTask } from '../executing-task.js';
import type { EngineServices } from '../node.js';
import type { ServerInfoPort } from '../ports.js';
import { dbrpKey, dbrpRunEnd, TaskMaster, type PlacedTaskStats, type StartOptions, type TaskMasterOptions } from '../task-master.js';
import { BlockRing } from './block-ring.js';
import { pointBlock, PointEncoder } from './point-codec.js';
import type { BlockMessage, FromWorker, ToWorker, WorkerSetup } from './protocol.js';
import { workerSafe, workerWorthy } from './worker-safe.js';

export interface ParallelEngineOptions extends TaskMasterOptions {
  /** Worker threads to spread tasks over, besides the main thread. */
  workers: number;
  /**
   * The main thread takes a task that could run on a worker while it holds fewer such tasks
   * than this share of the least-loaded worker's (0: never). It also parses every write, so
   * its share is smaller than a worker's.
   */
  mainShare?: number;
}

/** The main thread's share of worker-safe tasks, against a worker's (it parses every write too). */
export const MAIN_THREAD_SHARE = 0.2;

const NO_SERIES: string[] = [];

/** Shared memory per worker for point blocks in flight (blocks beyond it go in buffers of their own). */
const RING_BYTES = 4 * 1024 * 1024;

/**
 * A worker is handed raw lines to parse only while less than this is queued in its ring:
 * enough to keep it busy while the main thread parses a slice itself.
 */
const OFFLOAD_BACKLOG = 256 * 1024;

interface Placement {
  readonly worker: WorkerHandle;
  readonly gen: number;
  readonly pipeline: Pipeline;
  readonly dbrps: DBRP[];
  readonly options: StartOptions;
  readonly keys: string[];
  stats: TaskStatsSnapshot;
}

class WorkerHandle {
  readonly thread: Worker;
  /** Stream tasks placed here per db/rp key. */
  readonly dbrps = new Map<string, number>();
  tasks = 0;
  /** How many of the encoder's series this worker has been told, and of which generation. */
  knownSeries = 0;
  knownGeneration = 0;
  /** Points were posted since the last sync. */
  dirty = false;
  /** A block went in a buffer of its own (the ring was full) since the last sync. */
  overflowed = false;
  /** The latest sync, resolved once the worker answered it. */
  lastSync: Promise<void> = Promise.resolve();
  readonly waiting = new Map<number, (value: unknown) => void>();
  dead = false;

  readonly ring = new BlockRing(RING_BYTES);

  constructor(source: WorkerSource, options: Omit<WorkerSetup, 'ring'>) {
    const setup: WorkerSetup = { ...options, ring: this.ring.memory };
    this.thread =
      source.loader === undefined
        ? new Worker(source.file, { workerData: setup })
        : // Sources run through tsx (tests): the worker registers the same loader first.
          new Worker(`import(${JSON.stringify(source.loader)}).then((api) => { api.register(); return import(${JSON.stringify(source.file.href)}); })`, {
            eval: true,
            workerData: setup,
          });
    this.thread.unref();
  }

  /** Blocks routed and not yet posted, and the buffers of their own to transfer with them. */
  private blocks: BlockMessage[] = [];
  private transfer: ArrayBuffer[] = [];
  private flushQueued = false;

  post(message: ToWorker, transfer?: ArrayBuffer[]): void {
    this.flushBlocks();
    if (!this.dead) this.thread.postMessage(message, transfer);
  }

  /**
   * Queues a block: the blocks routed in one turn (a write's runs of points) go in one message,
   * posted at the end of the turn or before any other message to this worker, so order holds.
   */
  postBlock(block: BlockMessage, transfer?: ArrayBuffer): void {
    this.blocks.push(block);
    if (transfer !== undefined) this.transfer.push(transfer);
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flushBlocks());
    }
  }

  flushBlocks(): void {
    this.flushQueued = false;
    if (this.blocks.length === 0) return;
    const blocks = this.blocks;
    const transfer = this.transfer;
    this.blocks = [];
    this.transfer = [];
    if (!this.dead) this.thread.postMessage({ t: 'points', blocks } satisfies ToWorker, transfer);
  }
}

/** The configured [engine] workers as a thread count: 0 is one per CPU core. */
export function engineWorkers(configured: number): number {
  return configured === 0 ? availableParallelism() : configured;
}

interface WorkerSource {
  readonly file: URL;
  /** The TypeScript loader's registration module, when running from the sources. */
  readonly loader?: string;
}

/** The worker's entry file; undefined when the sources run without a loader a worker can use. */
function workerSource(): WorkerSource | undefined {
  if (!import.meta.url.endsWith('.ts')) return { file: new URL('./engine-worker.js', import.meta.url) };
  try {
    return { file: new URL('./engine-worker.ts', import.meta.url), loader: import.meta.resolve('tsx/esm/api') };
  } catch {
    return undefined;
  }
}

export class ParallelEngine {
  /** The main thread's tasks: those not worker-safe. */
  readonly main: TaskMaster;
  private readonly workers: WorkerHandle[] = [];
  private readonly placed = new Map<string, Placement>();
  private readonly logger: Logger;
  private readonly groupIdleTimeoutMs: number;
  private readonly serverInfo: ServerInfoPort | undefined;
  private readonly size: number;
  private readonly mainShare: number;
  /** Tasks that could run on a worker and were placed on the main thread. */
  private readonly onMain = new Set<string>();
  private closed = false;
  private readonly encoder = new PointEncoder();
  private gen = 0;
  private seq = 0;

  constructor(options: ParallelEngineOptions) {
    this.main = new TaskMaster(options);
    this.logger = options.logger;
    this.groupIdleTimeoutMs = options.groupIdleTimeoutMs ?? 0;
    this.serverInfo = options.services?.serverInfo;
    this.size = options.workers;
    this.mainShare = options.mainShare ?? 0;
    // Started now, so they are ready when the first task is placed (a worker takes a few hundred
    // milliseconds to load the engine; a first write should not wait for that).
    this.spawn();
  }

  /** Starts the worker threads. */
  private spawn(): void {
    const source = workerSource();
    if (source === undefined) {
      this.logger.warn('engine workers unavailable: every task runs on the main thread');
      return;
    }
    // The workers' young generations are larger than the main thread's (worker-semi-space.ts):
    // the flag goes back once every worker's isolate exists.
    let starting = this.size;
    const restoreFlag = spawnWithWorkerSemiSpace(() => {
      for (let index = 0; index < this.size; index++) {
        const handle = new WorkerHandle(source, { index, groupIdleTimeoutMs: this.groupIdleTimeoutMs, serverInfo: this.serverInfo, timing: this.main.timing });
        let counted = false;
        const started = (): void => {
          if (counted) return;
          counted = true;
          if (--starting === 0) restoreFlag();
        };
        handle.thread.once('online', started);
        handle.thread.on('message', (message: FromWorker) => this.receive(handle, message));
        handle.thread.on('error', (error) => {
          this.logger.error({ err: error.message, worker: index }, 'engine worker failed; its tasks restart on the main thread');
          this.retire(handle);
        });
        handle.thread.on('exit', () => {
          started();
          this.retire(handle);
        });
        this.workers.push(handle);
      }
    });
    if (starting === 0) restoreFlag();
  }

  get services(): EngineServices {
    return this.main.services;
  }

  /** Where a task runs: 'main' or the index of its worker (undefined when not executing). */
  placement(id: string): 'main' | number | undefined {
    const placed = this.placed.get(id);
    if (placed !== undefined) return this.workers.indexOf(placed.worker);
    return this.main.executing(id) ? 'main' : undefined;
  }

  startTask(id: string, pipeline: Pipeline, dbrps: DBRP[], options: StartOptions = {}): void {
    this.stopTask(id);
    const movable = workerSafe(pipeline) && workerWorthy(pipeline);
    const worker = !this.closed && movable ? this.leastLoaded() : undefined;
    if (worker === undefined || this.onMain.size < worker.tasks * this.mainShare) {
      this.main.startTask(id, pipeline, dbrps, options);
      if (worker !== undefined) this.onMain.add(id);
      return;
    }
    // Built (not opened) here first, so a task that cannot be built fails as it does on main.
    const probe = new ExecutingTask(id, pipeline, dbrps, this.logger.child({ task: id }), this.main.services);
    const gen = ++this.gen;
    try {
      worker.post({ t: 'start', id, gen, pipeline, dbrps, groupIdleTimeoutMs: options.groupIdleTimeoutMs ?? this.groupIdleTimeoutMs });
    } catch {
      // A pipeline that cannot be copied to a worker runs on the main thread.
      this.main.startTask(id, pipeline, dbrps, options);
      return;
    }
    const keys = [...new Set(dbrps.map((d) => dbrpKey(d.db, d.rp)))];
    for (const key of keys) worker.dbrps.set(key, (worker.dbrps.get(key) ?? 0) + 1);
    worker.tasks++;
    this.placed.set(id, { worker, gen, pipeline, dbrps, options, keys, stats: probe.stats() });
  }

  stopTask(id: string): void {
    const placed = this.placed.get(id);
    if (placed === undefined) {
      this.onMain.delete(id);
      this.main.stopTask(id);
      return;
    }
    this.placed.delete(id);
    const worker = placed.worker;
    worker.post({ t: 'stop', id });
    worker.tasks--;
    for (const key of placed.keys) {
      const left = (worker.dbrps.get(key) ?? 1) - 1;
      if (left > 0) worker.dbrps.set(key, left);
      else worker.dbrps.delete(key);
    }
  }

  stopAll(): void {
    for (const id of [...this.placed.keys()]) this.stopTask(id);
    this.main.stopAll();
  }

  executing(id: string): boolean {
    return this.placed.has(id) || this.main.executing(id);
  }

  /** A worker task's statistics as of the worker's latest report. */
  stats(id: string): TaskStatsSnapshot | undefined {
    return this.placed.get(id)?.stats ?? this.main.stats(id);
  }

  /** Routes points to the main thread's tasks and posts them to the workers that need them. */
  route(points: Point[]): void {
    this.main.route(points);
    const workers = this.workers;
    const length = points.length;
    let start = 0;
    while (start < length) {
      const end = dbrpRunEnd(points, start);
      const key = dbrpKey(points[start]!.database, points[start]!.retentionPolicy);
      let needing = 0;
      for (let w = 0; w < workers.length; w++) if (workers[w]!.dbrps.has(key)) needing++;
      if (needing > 0) {
        const encoder = this.encoder;
        const encoded = encoder.encode(points, start, end);
        for (let w = 0; w < workers.length; w++) {
          const worker = workers[w]!;
          if (!worker.dbrps.has(key)) continue;
          if (worker.knownGeneration !== encoder.generation) {
            worker.knownGeneration = encoder.generation;
            worker.knownSeries = 0;
          }
          const seriesFrom = worker.knownSeries;
          const series = seriesFrom === encoder.series.length ? NO_SERIES : encoder.series.slice(seriesFrom);
          worker.knownSeries = encoder.series.length;
          // Into the worker's ring; when it is full, in a buffer of its own (transferred).
          const placed = worker.ring.put(encoded.data);
          if (placed !== undefined) {
            worker.postBlock({ block: pointBlock(encoded, placed.offset), seriesFrom, series, release: placed.end });
          } else {
            const block = pointBlock(encoded);
            worker.postBlock({ block, seriesFrom, series }, block.bytes as ArrayBuffer);
            worker.overflowed = true;
          }
          worker.dirty = true;
        }
      }
      start = end;
    }
  }

  /**
   * Hands a slice of line protocol (whole lines of one write, all of options' db/rp) to the
   * worker to parse and route itself, when that worker alone reads the db/rp (no task or fork
   * of the main thread, no other worker) and it is keeping up (little queued in its ring);
   * undefined when the slice is to be parsed here. Resolves with the slice's parse errors once
   * the worker has parsed it (or with none if the worker died). So the main thread parses only
   * while the worker is busy, and the two share the parsing by how fast each one goes.
   */
  offload(lines: Uint8Array, options: ParseOptions): Promise<string[]> | undefined {
    const key = dbrpKey(options.database, options.retentionPolicy);
    if (this.main.readsStream(key)) return undefined;
    let reader: WorkerHandle | undefined;
    for (const worker of this.workers) {
      if (worker.dead || !worker.dbrps.has(key)) continue;
      if (reader !== undefined) return undefined;
      reader = worker;
    }
    if (reader === undefined || reader.ring.backlog > OFFLOAD_BACKLOG) return undefined;
    const placed = reader.ring.put(lines);
    if (placed === undefined) return undefined;
    const worker = reader;
    const seq = ++this.seq;
    worker.dirty = true;
    return new Promise<string[]>((resolve) => {
      worker.waiting.set(seq, (answer) => {
        const parsed = answer as Extract<FromWorker, { t: 'parsed' }> | undefined;
        if (parsed === undefined) return resolve([]);
        this.main.countIngressOf(key, parsed.names, parsed.counts);
        resolve(parsed.errors);
      });
      worker.post({
        t: 'lines',
        seq,
        database: options.database,
        retentionPolicy: options.retentionPolicy,
        precision: options.precision,
        defaultTime: options.defaultTime,
        offset: placed.offset,
        length: lines.length,
        release: placed.end,
      });
    });
  }

  /**
   * Resolves once every worker has processed everything routed to it so far (and the task
   * statistics reflect it); undefined when nothing is outstanding.
   */
  settled(): Promise<void> | undefined {
    let pending: Promise<void>[] | undefined;
    for (const worker of this.workers) {
      if (!worker.dead) (pending ??= []).push(this.sync(worker));
    }
    return pending === undefined ? undefined : Promise.all(pending).then(() => undefined);
  }

  /**
   * What a write waits for: undefined while every worker keeps up; otherwise resolves once the
   * workers that are behind (half their ring in use, or blocks beyond it) have caught up. Reads
   * see a write's points anyway: they wait for `settled()` first, or ask the worker on the same
   * ordered channel the points went.
   */
  backpressure(): Promise<void> | undefined {
    let pending: Promise<void>[] | undefined;
    for (const worker of this.workers) {
      if (worker.dead || !worker.dirty || (!worker.overflowed && worker.ring.backlog <= RING_BYTES / 2)) continue;
      (pending ??= []).push(this.sync(worker));
    }
    return pending === undefined ? undefined : Promise.all(pending).then(() => undefined);
  }

  /** The worker's latest sync, after a new one if points were posted since. */
  private sync(worker: WorkerHandle): Promise<void> {
    if (worker.dirty) {
      worker.dirty = false;
      worker.overflowed = false;
      const seq = ++this.seq;
      worker.lastSync = new Promise<void>((resolve) => worker.waiting.set(seq, () => resolve()));
      worker.post({ t: 'sync', seq });
    }
    return worker.lastSync;
  }

  httpOutResult(taskId: string, name: string): unknown {
    const placed = this.placed.get(taskId);
    if (placed === undefined) return this.main.httpOutResult(taskId, name);
    const worker = placed.worker;
    if (worker.dead) return undefined;
    const seq = ++this.seq;
    return new Promise((resolve) => {
      worker.waiting.set(seq, resolve);
      worker.post({ t: 'httpOut', seq, task: taskId, name });
    });
  }

  statistics(): Record<string, unknown> {
    const elsewhere: PlacedTaskStats[] = [];
    for (const [id, placed] of this.placed) elsewhere.push({ id, type: placed.pipeline.type, stats: placed.stats });
    return this.main.statistics(elsewhere);
  }

  /** Stops every task and the worker threads. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopAll();
    await Promise.all(
      this.workers.map(async (worker) => {
        worker.dead = true;
        await worker.thread.terminate();
      }),
    );
  }

  private leastLoaded(): WorkerHandle | undefined {
    let best: WorkerHandle | undefined;
    for (const worker of this.workers) {
      if (!worker.dead && (best === undefined || worker.tasks < best.tasks)) best = worker;
    }
    return best;
  }

  private receive(worker: WorkerHandle, message: FromWorker): void {
    switch (message.t) {
      case 'synced':
        this.applyStats(worker, message.stats);
        this.answer(worker, message.seq, undefined);
        break;
      case 'stats':
        this.applyStats(worker, message.stats);
        break;
      case 'result':
        this.answer(worker, message.seq, message.value);
        break;
      case 'parsed':
        this.answer(worker, message.seq, message);
        break;
      case 'startFailed': {
        const placed = this.placed.get(message.id);
        this.logger.error({ task: message.id, err: message.error }, 'failed to start task on engine worker');
        if (placed !== undefined && placed.worker === worker) this.stopTask(message.id);
        break;
      }
      case 'log':
        this.log(message.line);
        break;
    }
  }

  private applyStats(worker: WorkerHandle, stats: Record<string, { gen: number; stats: TaskStatsSnapshot }>): void {
    for (const id in stats) {
      const placed = this.placed.get(id);
      const entry = stats[id]!;
      if (placed !== undefined && placed.worker === worker && placed.gen === entry.gen) placed.stats = entry.stats;
    }
  }

  private answer(worker: WorkerHandle, seq: number, value: unknown): void {
    const resolve = worker.waiting.get(seq);
    if (resolve === undefined) return;
    worker.waiting.delete(seq);
    resolve(value);
  }

  private log(line: string): void {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const { level, msg, ...rest } = record;
    const label = pino.levels.labels[level as number] as pino.Level | undefined;
    if (label !== undefined) this.logger[label](rest, typeof msg === 'string' ? msg : '');
  }

  /**
   * A worker that failed or exited: nothing waits on it any more and its tasks start again
   * (with fresh state) on another worker or the main thread.
   */
  private retire(worker: WorkerHandle): void {
    if (worker.dead) return;
    worker.dead = true;
    for (const resolve of worker.waiting.values()) resolve(undefined);
    worker.waiting.clear();
    for (const [id, placed] of [...this.placed]) {
      if (placed.worker !== worker) continue;
      this.stopTask(id);
      if (this.closed) continue;
      try {
        this.startTask(id, placed.pipeline, placed.dbrps, placed.options);
      } catch (error) {
        this.logger.error({ task: id, err: (error as Error).message }, 'failed to restart task');
      }
    }
  }
}
