// One running task: its runtime nodes built from the pipeline through the registry, wired
// parent → child, opened and closed together; the entry point for routed points; statistics.

import type { Logger } from 'pino';
import type { Point } from '../models/point.js';
import { nowNs } from '../models/time.js';
import type { DBRP, NodeStatsSnapshot, Pipeline, PipelineNode, TaskStatsSnapshot } from '../pipeline/types.js';
import { DEFAULT_TIMING, type TimingSettings } from './exec-timer.js';
import type { EngineNode, EngineServices, GroupClock, TaskContext } from './node.js';
import { HttpOutNode } from './nodes/http-out-node.js';
import { StreamNode } from './nodes/stream-node.js';
import { nodeFactory } from './registry.js';

export class ExecutingTask {
  readonly nodes: EngineNode[] = [];
  private readonly byName = new Map<string, EngineNode>();
  private readonly httpOuts = new Map<string, HttpOutNode>();
  readonly stream: StreamNode | undefined;
  private throughput = 0;
  private lastCount = 0;
  private lastSample = Date.now();
  /** `<node>: <error>` of the first node that failed, once one did. */
  failure: string | undefined;
  /** Told (once) when a node fails; the task master stops the task then. */
  onFailure: ((message: string) => void) | undefined;

  constructor(
    readonly id: string,
    readonly pipeline: Pipeline,
    readonly dbrps: readonly DBRP[],
    logger: Logger,
    services: EngineServices,
    /** The task master's idle-group clock; a task of its own (a replay copy) gets its own. */
    clock: GroupClock = { now: 0 },
    /** [stats] timing settings for avg_exec_time_ns. */
    timing: TimingSettings = DEFAULT_TIMING,
  ) {
    const ctx: TaskContext = {
      taskId: id,
      logger,
      services,
      clock,
      timing,
      now: nowNs,
      node: (name) => this.byName.get(name),
      fail: (node, error) => {
        if (this.failure !== undefined) return;
        // node.go: errors.Wrap(err, n.Name())
        this.failure = `${node}: ${error.message}`;
        logger.error({ node, err: error.message }, 'node failed');
        this.onFailure?.(this.failure);
      },
    };
    const runtime = new Map<PipelineNode, EngineNode>();
    for (const spec of pipeline.nodes) {
      const factory = nodeFactory(spec.kind);
      if (factory === undefined) throw new Error(`unsupported node type ${spec.kind} (${spec.name}): this server has no runtime for it yet`);
      const node = factory(spec, ctx);
      runtime.set(spec, node);
      this.nodes.push(node);
      this.byName.set(node.name, node);
      if (node instanceof HttpOutNode && !this.httpOuts.has(node.endpoint)) this.httpOuts.set(node.endpoint, node);
    }
    for (const spec of pipeline.nodes) {
      const parent = runtime.get(spec)!;
      for (const child of spec.children) parent.addChild(runtime.get(child)!, child.parents.indexOf(spec));
    }
    const source = this.nodes[0];
    this.stream = source instanceof StreamNode ? source : undefined;
  }

  open(): void {
    const opened: EngineNode[] = [];
    try {
      for (const node of this.nodes) {
        node.open();
        opened.push(node);
      }
    } catch (error) {
      for (const node of opened) node.close();
      throw error;
    }
  }

  close(): void {
    for (const node of this.nodes) {
      try {
        node.close();
      } catch {
        /* closing must not stop the others */
      }
    }
  }

  write(point: Point): void {
    this.stream!.write(point);
  }

  httpOut(name: string): HttpOutNode | undefined {
    return this.httpOuts.get(name);
  }

  /** Idle-group expiry of this task (ms; 0 keeps groups forever). */
  groupIdleTimeoutMs = 0;
  private lastExpiry = 0;

  /** Drops groups idle longer than the task's timeout (called about once a second). */
  expireIdleGroups(now: number): void {
    const timeout = this.groupIdleTimeoutMs;
    if (timeout <= 0 || now - this.lastExpiry < Math.min(timeout / 4, 10_000)) return;
    this.lastExpiry = now;
    for (const node of this.nodes) node.expireIdle(now - timeout);
  }

  /** Updates points/s entering the task (called about once a second). */
  sampleThroughput(): void {
    const now = Date.now();
    const count = this.nodes[0]?.collected ?? 0;
    const elapsed = (now - this.lastSample) / 1000;
    if (elapsed <= 0) return;
    this.throughput = (count - this.lastCount) / elapsed;
    this.lastCount = count;
    this.lastSample = now;
  }

  stats(): TaskStatsSnapshot {
    const nodes: Record<string, NodeStatsSnapshot> = {};
    for (const node of this.nodes) nodes[node.name] = nodeStats(node);
    return { throughput: this.throughput, nodes };
  }
}

export function nodeStats(node: EngineNode): NodeStatsSnapshot {
  node.refreshCounters();
  const processed: Record<string, number> = {};
  node.children.forEach((child, i) => {
    processed[child.name] = (processed[child.name] ?? 0) + node.processed[i]!;
  });
  return {
    avgExecTimeNs: node.avgExecTimeNs(),
    counters: { ...node.counters, errors: node.errors, working_cardinality: node.cardinality() },
    processed,
    collected: node.collected,
    emitted: node.emitted,
  };
}
