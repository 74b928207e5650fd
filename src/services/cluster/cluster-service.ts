// The cluster service: joins the NATS cluster, keeps the shared definitions store, publishes
// writes to the ingest stream, and runs here exactly the enabled tasks that rendezvous
// placement gives this node over the live members (each reading its durable consumers). It
// reconciles on every change of members or tasks; a task moving from a node that is still
// alive waits a handover delay so its old owner stops (and checkpoints) first.
// Never changes a task's definition: it only starts and stops tasks.

import type { Logger } from 'pino';
import { connectNats, type NatsPeer } from '../../integrations/nats/connection.js';
import { consumerName, ensureIngestStream, IngestPublisher, TaskConsumer } from '../../integrations/nats/ingest.js';
import { KvStore } from '../../integrations/nats/kv-store.js';
import type { Point } from '../../models/point.js';
import type { DBRP, Pipeline, TaskStatsSnapshot } from '../../pipeline/types.js';
import type { TaskEngine } from '../tasks/task-engine.js';
import { TASKS_BUCKET, type TaskRecord } from '../tasks/task-record.js';
import { Membership, type Member } from './membership.js';
import { placeTask } from './placement.js';

export const DEFINITIONS_BUCKET = 'kapacitor_definitions';
export const OFFSETS_BUCKET = 'cluster_offsets';
const INGEST_MAX_AGE_MS = 24 * 3600_000;

export interface ClusterSettings {
  nodeId: string;
  advertiseUrl: string;
  natsUrls: string[];
  streamReplicas: number;
  partitions: number;
  heartbeatInterval: number;
  nodeTimeout: number;
}

/** What the service drives: the local engine and the alert state. */
export interface ClusterEngine {
  /** Compiles a stored task (throws when it cannot). */
  compile(task: TaskRecord): Pipeline;
  startTask(id: string, pipeline: Pipeline, dbrps: DBRP[]): void;
  stopTask(id: string): void;
  executing(id: string): boolean;
  stats(id: string): TaskStatsSnapshot | undefined;
  routeTask(id: string, points: readonly Point[]): void;
  /** Loads alert states stored by other nodes. */
  refreshAlerts(): void;
  /** Resolves once alert state changes so far are stored. */
  flushAlerts(): Promise<void>;
}

interface Running {
  modified: string;
  consumers: TaskConsumer[];
}

export class ClusterService {
  private engine: ClusterEngine | undefined;
  private membership: Membership | undefined;
  private readonly running = new Map<string, Running>();
  private previousLive: string[] = [];
  private live: string[] = [];
  private readonly handoverAt = new Map<string, number>();
  /** Tasks stopping here: their consumers' last checkpoint, awaited before they start again. */
  private readonly stopping = new Map<string, Promise<void>>();
  /** Consumers of tasks stopped without removal, removed once the task is disabled or deleted. */
  private readonly parked = new Map<string, string[]>();
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  readonly publisher: IngestPublisher;

  private constructor(
    private readonly peer: NatsPeer,
    readonly store: KvStore,
    readonly settings: ClusterSettings,
    private readonly logger: Logger,
  ) {
    this.publisher = new IngestPublisher(peer, settings.partitions);
  }

  static async open(settings: ClusterSettings, logger: Logger): Promise<ClusterService> {
    const peer = await connectNats(settings.natsUrls, `kapacitor ${settings.nodeId}`);
    try {
      const store = await KvStore.open(peer, DEFINITIONS_BUCKET, settings.streamReplicas);
      await ensureIngestStream(peer, settings.streamReplicas, INGEST_MAX_AGE_MS);
      return new ClusterService(peer, store, settings, logger);
    } catch (err) {
      await peer.close();
      throw err;
    }
  }

  get nodeId(): string {
    return this.settings.nodeId;
  }

  /** Joins: heartbeats start and tasks placed here start. */
  async start(engine: ClusterEngine): Promise<void> {
    this.engine = engine;
    this.store.onChange((bucket) => {
      if (bucket === TASKS_BUCKET) this.schedule();
    });
    this.membership = new Membership(
      this.peer,
      () => ({ id: this.nodeId, url: this.settings.advertiseUrl, tasks: [...this.running.keys()].sort() }),
      { heartbeatMs: this.settings.heartbeatInterval, timeoutMs: this.settings.nodeTimeout, replicas: this.settings.streamReplicas },
      (live) => {
        this.previousLive = this.live;
        this.live = live;
        this.logger.info({ live }, 'cluster members changed');
        this.schedule();
      },
    );
    await this.membership.open();
    this.schedule();
    await this.settled();
  }

  /** The live member a task is placed on. */
  owner(taskId: string): string | undefined {
    return placeTask(taskId, this.live);
  }

  /** The URL of the live node that runs a task, when it is not this one. */
  remoteOwnerUrl(taskId: string): string | undefined {
    const task = this.store.get<TaskRecord>(TASKS_BUCKET, taskId);
    if (task === undefined || task.status !== 'enabled') return undefined;
    const owner = this.owner(taskId);
    if (owner === undefined || owner === this.nodeId) return undefined;
    const url = this.membership?.member(owner)?.url;
    return url === '' ? undefined : url;
  }

  nodes(): Member[] {
    return this.membership?.list() ?? [];
  }

  async publish(points: readonly Point[]): Promise<void> {
    await this.publisher.publish(points);
  }

  /** The task engine the task service drives: only tasks placed here really start. */
  taskEngine(taskDeleted?: (id: string) => void): TaskEngine {
    return {
      startTask: (id, pipeline, dbrps) => {
        if (this.owner(id) !== this.nodeId) return;
        const task = this.store.get<TaskRecord>(TASKS_BUCKET, id);
        if (task === undefined) return;
        this.startLocal(task, pipeline, dbrps);
      },
      stopTask: (id) => {
        if (this.running.has(id)) void this.stopLocal(id, false);
        this.schedule();
      },
      isExecuting: (id) => this.running.has(id) || this.remoteOwnerUrl(id) !== undefined,
      stats: (id) => this.engine?.stats(id),
      taskDeleted: (id) => {
        taskDeleted?.(id);
        this.schedule();
      },
    };
  }

  /** Resolves once the reconciliations scheduled so far are done. */
  async settled(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.chain;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.chain;
    for (const id of [...this.running.keys()]) await this.stopLocal(id, false);
    await this.membership?.close();
    await this.store.close();
    await this.peer.close();
  }

  // ---- reconciliation ------------------------------------------------------------------

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.chain = this.chain
        .then(() => this.reconcile())
        .catch((err: Error) => {
          this.logger.error({ err: err.message }, 'cluster reconciliation failed');
        });
    });
  }

  private async reconcile(): Promise<void> {
    if (this.closed || this.engine === undefined || !this.live.includes(this.nodeId)) return;
    const tasks = new Map(this.store.list<TaskRecord>(TASKS_BUCKET).map((e) => [e.key, e.value]));
    const now = Date.now();
    let retryAt = Infinity;
    for (const [id, running] of [...this.running]) {
      const task = tasks.get(id);
      const gone = task === undefined || task.status !== 'enabled';
      if (gone || this.owner(id) !== this.nodeId || task.modified !== running.modified) await this.stopLocal(id, gone);
    }
    for (const [id, names] of [...this.parked]) {
      const task = tasks.get(id);
      if (this.running.has(id)) {
        this.parked.delete(id);
        continue;
      }
      if (task !== undefined && task.status === 'enabled') continue;
      this.parked.delete(id);
      await this.stopping.get(id);
      await this.removeConsumers(names);
    }
    for (const task of tasks.values()) {
      if (task.status !== 'enabled' || this.running.has(task.id) || this.owner(task.id) !== this.nodeId) {
        this.handoverAt.delete(task.id);
        continue;
      }
      const previous = placeTask(task.id, this.previousLive);
      if (previous !== undefined && previous !== this.nodeId && this.live.includes(previous)) {
        const at = this.handoverAt.get(task.id) ?? now + Math.max(500, this.settings.heartbeatInterval);
        this.handoverAt.set(task.id, at);
        if (now < at) {
          retryAt = Math.min(retryAt, at);
          continue;
        }
      }
      this.handoverAt.delete(task.id);
      try {
        this.startLocal(task, this.engine.compile(task), task.dbrps);
      } catch (err) {
        this.logger.error({ task: task.id, err: (err as Error).message }, 'cannot start placed task');
      }
    }
    if (retryAt !== Infinity) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.schedule(), retryAt - now + 5);
    }
    void this.membership?.heartbeat().catch(() => {});
  }

  private startLocal(task: TaskRecord, pipeline: Pipeline, dbrps: DBRP[]): void {
    const engine = this.engine!;
    const existing = this.running.get(task.id);
    if (existing !== undefined && existing.modified === task.modified && engine.executing(task.id)) return;
    if (existing !== undefined) void this.stopLocal(task.id, false);
    engine.refreshAlerts();
    engine.startTask(task.id, pipeline, dbrps);
    const running: Running = { modified: task.modified, consumers: [] };
    this.running.set(task.id, running);
    this.logger.info({ task: task.id }, 'task placed on this node');
    if (task.type !== 'stream') return;
    const prior = this.stopping.get(task.id) ?? Promise.resolve();
    for (const { db, rp } of dbrps) {
      const name = consumerName(task.id, db, rp);
      const consumer = new TaskConsumer(
        this.peer,
        name,
        db,
        rp,
        () => this.store.get<number>(OFFSETS_BUCKET, name) ?? 0,
        {
          points: (points) => engine.routeTask(task.id, points),
          checkpoint: async (seq) => {
            await engine.flushAlerts();
            await this.store.put(OFFSETS_BUCKET, name, seq);
          },
        },
        (err) => this.logger.error({ task: task.id, err: err.message }, 'task consumer error'),
      );
      running.consumers.push(consumer);
      prior
        .then(() => consumer.start(Math.max(1000, Math.min(4000, this.settings.nodeTimeout))))
        .catch((err: Error) => {
          this.logger.error({ task: task.id, err: err.message }, 'cannot start task consumer');
        });
    }
  }

  /** Stops a task here; its consumers and offsets go too when the task is disabled or deleted. */
  private async stopLocal(id: string, remove: boolean): Promise<void> {
    const running = this.running.get(id);
    if (running === undefined) return;
    this.running.delete(id);
    this.engine?.stopTask(id);
    const previous = this.stopping.get(id) ?? Promise.resolve();
    const done = previous.then(() => Promise.all(running.consumers.map((c) => c.stop()))).then(() => {});
    this.stopping.set(id, done);
    await done;
    if (this.stopping.get(id) === done) this.stopping.delete(id);
    this.logger.info({ task: id }, 'task stopped on this node');
    const names = running.consumers.map((c) => c.name);
    if (remove) await this.removeConsumers(names);
    else if (names.length > 0) this.parked.set(id, names);
  }

  private async removeConsumers(names: string[]): Promise<void> {
    for (const name of names) {
      await TaskConsumer.remove(this.peer, name);
      await this.store.delete(OFFSETS_BUCKET, name).catch(() => {});
    }
  }
}
