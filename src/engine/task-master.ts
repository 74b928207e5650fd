// The task master: starts and stops executing tasks and routes written points to the stream
// tasks subscribed to their database/retention policy (an index keyed by db/rp, then by tag
// value for tasks selecting one, see dbrp-route.ts) and to its stream forks (stream-fork.ts).
// Also the source of httpOut results and engine statistics. fork() makes an isolated task
// master (Kapacitor's TaskMaster.New): same services, its own tasks and inputs.

import type { Logger } from 'pino';
import type { Point } from '../models/point.js';
import type { DBRP, NodeStatsSnapshot, Pipeline, TaskStatsSnapshot } from '../pipeline/types.js';
import { DbrpRoute } from './dbrp-route.js';
import { DEFAULT_TIMING, type TimingSettings } from './exec-timer.js';
import { ExecutingTask, nodeStats } from './executing-task.js';
import type { EngineServices, GroupClock } from './node.js';
import { BatchNode } from './nodes/batch-node.js';
import type { QueryNode } from './nodes/query-node.js';
import { StreamForks, type ForkSink, type StreamFork, type StreamForking } from './stream-fork.js';

export interface TaskMasterOptions {
  logger: Logger;
  services?: EngineServices;
  /**
   * Drop the state of groups idle longer than this (ms of wall clock; [engine]
   * group-idle-timeout). 0, the default, keeps groups forever as Kapacitor does.
   */
  groupIdleTimeoutMs?: number;
  /**
   * Called once a running task has stopped because one of its nodes failed, with Kapacitor's
   * `<node>: <error>` text (the task service records it as the task's error).
   */
  onTaskFailed?: (id: string, message: string) => void;
  /**
   * How nodes time messages for avg_exec_time_ns ([stats] timing-sample-rate and
   * timing-movavg-size; a rate of 0 when statistics are disabled). Kapacitor's defaults when absent.
   */
  timing?: TimingSettings;
  /** Run the once-a-second throughput sampling and idle-group sweep (default true). */
  timers?: boolean;
}

export interface ForkOptions {
  /** The fork's logger (default: this master's). */
  logger?: Logger;
  /** Batch tasks of the fork query on their schedules (default true; replays feed them instead). */
  batchScheduling?: boolean;
}

export interface StartOptions {
  /** Per-task override of the idle-group timeout (ms; 0 disables it for the task). */
  groupIdleTimeoutMs?: number;
}

/** Statistics of a task executing outside this task master (on an engine worker). */
export interface PlacedTaskStats {
  readonly id: string;
  readonly type: string;
  readonly stats: TaskStatsSnapshot;
}

/** The end (exclusive) of the run of points from `start` sharing its database and retention policy. */
export function dbrpRunEnd(points: readonly Point[], start: number): number {
  const db = points[start]!.database;
  const rp = points[start]!.retentionPolicy;
  const length = points.length;
  let end = start + 1;
  while (end < length && points[end]!.database === db && points[end]!.retentionPolicy === rp) end++;
  return end;
}

/** Calls `each` with the measurement and length of every run of points[start, end) sharing one, in order. */
export function measurementRuns(points: readonly Point[], start: number, end: number, each: (name: string, count: number) => void): void {
  let index = start;
  while (index < end) {
    const name = points[index]!.name;
    let runEnd = index + 1;
    while (runEnd < end && points[runEnd]!.name === name) runEnd++;
    each(name, runEnd - index);
    index = runEnd;
  }
}

export function dbrpKey(db: string, rp: string): string {
  return `${db}\n${rp}`;
}

export class TaskMaster implements StreamForking {
  private readonly tasks = new Map<string, ExecutingTask>();
  private index = new Map<string, DbrpRoute>();
  private readonly logger: Logger;
  readonly services: EngineServices;
  /** Coarse ms clock the tasks' group state is stamped with (advanced by the expiry timer). */
  private readonly clock: GroupClock = { now: 0 };
  private timer: NodeJS.Timeout | undefined;
  /** Points received per db/rp (key as dbrpKey) and measurement: Kapacitor's ingress statistics. */
  private readonly ingress = new Map<string, Map<string, number>>();
  private readonly groupIdleTimeoutMs: number;
  private readonly onTaskFailed: ((id: string, message: string) => void) | undefined;
  readonly timing: TimingSettings;
  private readonly timers: boolean;
  private readonly forks = new StreamForks();

  constructor(options: TaskMasterOptions) {
    this.onTaskFailed = options.onTaskFailed;
    this.logger = options.logger;
    this.services = { ...options.services, loopback: options.services?.loopback ?? ((points) => this.route(points)) };
    this.groupIdleTimeoutMs = options.groupIdleTimeoutMs ?? 0;
    this.timing = options.timing ?? DEFAULT_TIMING;
    this.timers = options.timers ?? true;
  }

  /**
   * An isolated task master (Kapacitor's TaskMaster.New): the same services (a loopback still
   * writes into this master), its own tasks, its own inputs (nothing routed here reaches it),
   * no group expiry and no background timers. Its tasks are served nowhere; stop them with
   * stopAll() when done.
   */
  fork(id: string, options: ForkOptions = {}): TaskMaster {
    const services: EngineServices = options.batchScheduling === false ? { ...this.services, batchScheduling: false } : this.services;
    return new TaskMaster({ logger: options.logger ?? this.logger.child({ task_master: id }), services, timers: false, timing: this.timing });
  }

  /**
   * A tap on this master's incoming stream (Kapacitor's NewFork): `sink` gets every point routed
   * here of `dbrps` (and of `measurements`, when given), synchronously, until the fork is closed.
   */
  forkStream(name: string, dbrps: readonly DBRP[], measurements: readonly string[] | undefined, sink: ForkSink): StreamFork {
    return this.forks.add(
      name,
      dbrps.map((d) => dbrpKey(d.db, d.rp)),
      measurements,
      sink,
    );
  }

  /** Starts (or restarts, when already executing) a task; throws when it cannot start. */
  startTask(id: string, pipeline: Pipeline, dbrps: DBRP[], options: StartOptions = {}): void {
    if (this.tasks.has(id)) this.stopTask(id);
    const task = new ExecutingTask(id, pipeline, dbrps, this.logger.child({ task: id }), this.services, this.clock, this.timing);
    task.groupIdleTimeoutMs = options.groupIdleTimeoutMs ?? this.groupIdleTimeoutMs;
    if (task.groupIdleTimeoutMs > 0) this.clock.now = Date.now();
    // task_store startTask: when the executing task ends with an error, it is stopped and the
    // error saved. Deferred, so a node never closes its own task from inside its handler.
    task.onFailure = (message) =>
      setImmediate(() => {
        if (this.tasks.get(id) !== task) return;
        this.logger.error({ task: id, err: message }, 'task finished with error');
        this.stopTask(id);
        this.onTaskFailed?.(id, message);
      });
    task.open();
    this.tasks.set(id, task);
    this.rebuildIndex();
    this.ensureTimer();
    this.logger.debug({ task: id }, 'started task');
  }

  stopTask(id: string): void {
    const task = this.tasks.get(id);
    if (task === undefined) return;
    this.tasks.delete(id);
    this.rebuildIndex();
    task.close();
    if (this.tasks.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  stopAll(): void {
    for (const id of [...this.tasks.keys()]) this.stopTask(id);
  }

  executing(id: string): boolean {
    return this.tasks.has(id);
  }

  stats(id: string): TaskStatsSnapshot | undefined {
    return this.tasks.get(id)?.stats();
  }

  /** Routes written points to the stream tasks of their db/rp. Synchronous. */
  route(points: Point[]): void {
    const length = points.length;
    let start = 0;
    while (start < length) {
      const end = dbrpRunEnd(points, start);
      const key = dbrpKey(points[start]!.database, points[start]!.retentionPolicy);
      this.countIngress(key, points, start, end);
      this.index.get(key)?.write(points, start, end);
      if (this.forks.size > 0) this.forks.write(key, points, start, end);
      start = end;
    }
  }

  /** Hands written points to the stream forks only (cluster mode: the tasks read the ingest stream). */
  routeForks(points: readonly Point[]): void {
    if (this.forks.size === 0) return;
    const length = points.length;
    let start = 0;
    while (start < length) {
      const end = dbrpRunEnd(points, start);
      this.forks.write(dbrpKey(points[start]!.database, points[start]!.retentionPolicy), points, start, end);
      start = end;
    }
  }

  /** Whether the task reads the written stream (false for batch tasks and unknown ids). */
  isStreamTask(id: string): boolean {
    return this.tasks.get(id)?.stream !== undefined;
  }

  /** A batch task's query nodes, in pipeline order, to be fed batches (Kapacitor's BatchCollectors). */
  batchCollectors(id: string): QueryNode[] {
    const source = this.tasks.get(id)?.nodes[0];
    if (!(source instanceof BatchNode)) throw new Error('cannot replay batch data into a stream task');
    return source.queryNodes();
  }

  /** Resolves once the task's queued outputs (handlers, influxDBOut) are sent. */
  async drain(id: string): Promise<void> {
    const task = this.tasks.get(id);
    if (task === undefined) return;
    for (const node of task.nodes) await node.drain();
  }

  /**
   * Whether points of this db/rp (key as dbrpKey) must reach this master: one of its stream
   * tasks reads them, or a fork taps the stream.
   */
  readsStream(key: string): boolean {
    return this.index.has(key) || this.forks.size > 0;
  }

  /** Counts points of this db/rp routed elsewhere (parsed on an engine worker): `names[i]` received `counts[i]`. */
  countIngressOf(key: string, names: readonly string[], counts: readonly number[]): void {
    const received = this.ingressOf(key);
    for (let i = 0; i < names.length; i++) received.set(names[i]!, (received.get(names[i]!) ?? 0) + counts[i]!);
  }

  /** Hot path: one Map update per run of points of the same measurement. */
  private countIngress(key: string, points: readonly Point[], start: number, end: number): void {
    const received = this.ingressOf(key);
    measurementRuns(points, start, end, (name, count) => received.set(name, (received.get(name) ?? 0) + count));
  }

  private ingressOf(key: string): Map<string, number> {
    let received = this.ingress.get(key);
    if (received === undefined) this.ingress.set(key, (received = new Map()));
    return received;
  }

  /**
   * Hands points to one task only (cluster mode: each placed task reads its own durable
   * consumer). The points must be of the task's db/rp.
   */
  routeTask(id: string, points: readonly Point[]): void {
    const task = this.tasks.get(id);
    if (task === undefined) return;
    if (points.length > 0) this.countIngress(dbrpKey(points[0]!.database, points[0]!.retentionPolicy), points, 0, points.length);
    for (let i = 0; i < points.length; i++) task.write(points[i]!);
  }

  httpOutResult(taskId: string, name: string): unknown {
    return this.tasks.get(taskId)?.httpOut(name)?.result();
  }

  /**
   * Kapacitor's statistics map for /debug/vars: "nodes" (tags task, node, type = task type,
   * kind = node kind) and "edges" entries of every executing task, and "ingress" per
   * database / retention policy / measurement (tag task_master=main), each keyed
   * "name:tag=value,..." with the server's host / cluster_id / server_id tags when known.
   * `elsewhere`: tasks executing on engine workers, from their latest statistics.
   */
  statistics(elsewhere: Iterable<PlacedTaskStats> = []): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const info = this.services.serverInfo;
    const common: Record<string, string> = {};
    if (info?.hostname) common.host = info.hostname;
    if (info?.clusterId) common.cluster_id = info.clusterId;
    if (info?.serverId) common.server_id = info.serverId;
    const add = (name: string, own: Record<string, string>, values: Record<string, number>): void => {
      const tags = { ...common, ...own };
      const key = Object.keys(tags)
        .sort()
        .map((k) => `${k}=${tags[k]}`)
        .join(',');
      out[`${name}:${key}`] = { name, tags, values };
    };
    for (const [key, counts] of this.ingress) {
      const [database, retentionPolicy] = key.split('\n') as [string, string];
      for (const [measurement, points] of counts) {
        add('ingress', { task_master: 'main', database, retention_policy: retentionPolicy, measurement }, { points_received: points });
      }
    }
    const addNode = (id: string, type: string, name: string, stats: NodeStatsSnapshot): void => {
      add(
        'nodes',
        { task: id, node: name, type, kind: name.replace(/\d+$/, '') },
        {
          ...stats.counters,
          avg_exec_time_ns: Math.round(stats.avgExecTimeNs),
          collected: stats.collected,
          emitted: stats.emitted,
        },
      );
      for (const [child, processed] of Object.entries(stats.processed)) {
        add('edges', { task: id, parent: name, child, type }, { collected: processed, emitted: processed });
      }
    };
    for (const task of this.tasks.values()) {
      for (const node of task.nodes) addNode(task.id, task.pipeline.type, node.name, nodeStats(node));
    }
    for (const task of elsewhere) {
      for (const [name, stats] of Object.entries(task.stats.nodes)) addNode(task.id, task.type, name, stats);
    }
    return out;
  }

  /** Advances the group clock and drops idle groups of tasks with a timeout (run every second). */
  sweepIdleGroups(now: number): void {
    this.clock.now = now;
    for (const task of this.tasks.values()) task.expireIdleGroups(now);
  }

  private rebuildIndex(): void {
    const index = new Map<string, DbrpRoute>();
    for (const task of this.tasks.values()) {
      if (task.stream === undefined) continue;
      const seen = new Set<string>();
      for (const dbrp of task.dbrps) {
        const key = dbrpKey(dbrp.db, dbrp.rp);
        if (seen.has(key)) continue;
        seen.add(key);
        let route = index.get(key);
        if (route === undefined) index.set(key, (route = new DbrpRoute()));
        route.add(task.stream);
      }
    }
    this.index = index;
  }

  private ensureTimer(): void {
    if (this.timer !== undefined || !this.timers) return;
    this.timer = setInterval(() => {
      for (const task of this.tasks.values()) task.sampleThroughput();
      this.sweepIdleGroups(Date.now());
    }, 1000);
    this.timer.unref();
  }
}
