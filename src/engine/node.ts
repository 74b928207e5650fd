// The runtime node base every processing node extends: receiving messages from parents,
// emitting to children, per-node statistics and per-group state (GroupStates).
//
// How to add a node kind:
//   1. Create src/engine/nodes/<kind>-node.ts with a class extending EngineNode. Override the
//      handlers it needs: point(msg), batch(msg), barrier(msg), deleteGroup(msg). A handler
//      forwards with this.emit(message); the defaults pass messages through unchanged.
//      Read properties from this.spec with the helpers of src/pipeline/properties.ts in the
//      constructor (never per message); compile lambdas once there (src/tick/lambda).
//      Keep per-group state in `this.groups((group, message) => new State())`: it counts
//      working_cardinality and drops state on delete-group. Throwing from a handler counts an
//      error, logs it and drops the message (as Kapacitor does).
//      Node-specific counters: put them in `this.counters` (e.g. this.counters.alerts_triggered++),
//      or copy them there in refreshCounters() (called before stats are read).
//      Timers / I/O: start them in open(), stop them in close(); I/O goes through OutputQueue
//      (output-queue.ts) so the pipeline never waits.
//   2. Add one line to src/engine/registry.ts: `kind: (spec, ctx) => new MyNode(spec, ctx)`.

import type { Logger } from 'pino';
import type { PipelineNode } from '../pipeline/types.js';
import type { BarrierMessage, BatchMessage, DeleteGroupMessage, Dimensions, GroupId, Message, PointMessage } from './messages.js';
import { ExecTimer, type TimingSettings } from './exec-timer.js';
import type { EnginePorts } from './ports.js';

/** The ports a node may use (engine/ports.ts); wired by the server, read-only. */
export type EngineServices = EnginePorts;
export type { HttpPostEndpoint } from './ports.js';

/** What a node knows about the task it runs in. */
export interface TaskContext {
  readonly taskId: string;
  readonly logger: Logger;
  readonly services: EngineServices;
  /** Wall clock, epoch ns. */
  now(): bigint;
  /** The task master's coarse clock (ms) that per-group state is stamped with. */
  readonly clock: GroupClock;
  /** Another runtime node of the same task by its name (`window2`), e.g. for stats nodes. */
  node(name: string): EngineNode | undefined;
  /**
   * A node cannot go on (Kapacitor: its run function returned an error): the task stops and
   * records `<node>: <message>` as its error. Only the first failure counts.
   */
  fail(node: string, error: Error): void;
  /** How nodes time their messages for avg_exec_time_ns ([stats] timing settings). */
  readonly timing: TimingSettings;
}

/**
 * Coarse wall clock (ms) for idle-group expiry, one per TaskMaster: the task master advances
 * it about once a second while some task expires idle groups, so the hot path never reads the
 * clock.
 */
export interface GroupClock {
  now: number;
}

interface Entry<S> {
  state: S;
  seen: number;
}

/** Per-group state of a node; counted as the node's working_cardinality. */
export class GroupStates<S> {
  private readonly states = new Map<GroupId, Entry<S>>();

  constructor(
    private readonly create: (group: GroupId, message: Message) => S,
    private readonly clock: GroupClock,
  ) {}

  /** The group's state, created on first use. */
  get(message: Message): S {
    let entry = this.states.get(message.group);
    if (entry === undefined) {
      entry = { state: this.create(message.group, message), seen: this.clock.now };
      this.states.set(message.group, entry);
    } else {
      entry.seen = this.clock.now;
    }
    return entry.state;
  }

  peek(group: GroupId): S | undefined {
    return this.states.get(group)?.state;
  }

  delete(group: GroupId): boolean {
    return this.states.delete(group);
  }

  get size(): number {
    return this.states.size;
  }

  *entries(): IterableIterator<[GroupId, S]> {
    for (const [group, entry] of this.states) yield [group, entry.state];
  }

  /** Drops groups not used since `cutoff` (GroupClock ms); returns how many. */
  expire(cutoff: number): number {
    let dropped = 0;
    for (const [group, entry] of this.states) {
      if (entry.seen < cutoff) {
        this.states.delete(group);
        dropped++;
      }
    }
    return dropped;
  }

  clear(): void {
    this.states.clear();
  }
}

export abstract class EngineNode {
  readonly name: string;
  readonly kind: string;
  /** Runtime children in pipeline order. */
  readonly children: EngineNode[] = [];
  /** For each child: the index of this node among the child's parents (join/union edges). */
  private readonly childEdges: number[] = [];

  // statistics
  collected = 0;
  emitted = 0;
  errors = 0;
  /** Messages sent on each outgoing edge (same order as children). */
  readonly processed: number[] = [];
  /** Node-specific counters by Kapacitor's name. */
  readonly counters: Record<string, number> = {};
  private readonly execTimer: ExecTimer;
  private readonly groupStates: Array<GroupStates<unknown>> = [];
  private lastErrorLog = 0;
  /** Messages emitted per group, kept only while a stats node observes this node. */
  groupEmitted: Map<GroupId, GroupEmitted> | undefined;

  constructor(
    readonly spec: PipelineNode,
    protected readonly ctx: TaskContext,
  ) {
    this.name = spec.name;
    this.kind = spec.kind;
    this.execTimer = new ExecTimer(ctx.timing);
  }

  /** Wires a child; called by the task before open(). */
  addChild(child: EngineNode, edge: number): void {
    this.children.push(child);
    this.childEdges.push(edge);
    this.processed.push(0);
  }

  /** Starts timing this message when it is sampled ([stats] timing-sample-rate). */
  protected sampleTiming(): boolean {
    return this.execTimer.start();
  }

  /** Ends the timing of a sampled message (avg_exec_time_ns). */
  protected recordTiming(): void {
    this.execTimer.stop();
  }

  /** Entry point: a parent hands over a message on incoming edge `edge` (index among parents). */
  receive(message: Message, edge = 0): void {
    const type = message.type;
    if (type === 'point' || type === 'batch') this.collected++;
    const sample = this.execTimer.start();
    try {
      switch (type) {
        case 'point':
          this.point(message, edge);
          break;
        case 'batch':
          this.batch(message, edge);
          break;
        case 'barrier':
          this.barrier(message, edge);
          break;
        case 'deleteGroup':
          this.deleteGroup(message, edge);
          break;
      }
    } catch (error) {
      this.error(error);
    }
    if (sample) this.execTimer.stop();
  }

  /** Ends the task with this node's error (task.go: a node error stops the task and sets its error). */
  protected fatal(error: Error): void {
    this.ctx.fail(this.name, error);
  }

  /** Counts and logs a processing error (logs are rate limited per node). */
  protected error(error: unknown): void {
    this.errors++;
    const now = Date.now();
    if (now - this.lastErrorLog >= 100) {
      this.lastErrorLog = now;
      this.ctx.logger.error({ node: this.name, err: (error as Error)?.message ?? String(error) }, 'error processing message');
    }
  }

  protected point(message: PointMessage, _edge: number): void {
    this.emit(message);
  }
  protected batch(message: BatchMessage, _edge: number): void {
    this.emit(message);
  }
  protected barrier(message: BarrierMessage, _edge: number): void {
    this.emit(message);
  }
  protected deleteGroup(message: DeleteGroupMessage, _edge: number): void {
    for (const states of this.groupStates) states.delete(message.group);
    this.emit(message);
  }

  /** Sends a message to every child. */
  protected emit(message: Message): void {
    const type = message.type;
    const counted = type === 'point' || type === 'batch';
    if (counted) {
      this.emitted++;
      if (this.groupEmitted !== undefined) this.countGroup(message);
    }
    // the children's time is not this node's (Kapacitor's nodes hand messages on through edges)
    const timing = this.execTimer.pause();
    const children = this.children;
    for (let i = 0; i < children.length; i++) {
      if (counted) this.processed[i]!++;
      children[i]!.receive(message, this.childEdges[i]);
    }
    if (timing) this.execTimer.resume();
  }

  private countGroup(message: PointMessage | BatchMessage): void {
    let entry = this.groupEmitted!.get(message.group);
    if (entry === undefined) {
      const tags: Record<string, string> = {};
      for (const tag of message.dimensions.tagNames) tags[tag] = message.tags[tag] ?? '';
      entry = { emitted: 0, tags, dimensions: message.dimensions };
      this.groupEmitted!.set(message.group, entry);
    }
    entry.emitted++;
  }

  /** Starts counting emitted messages per group (for stats nodes). */
  trackGroupEmitted(): void {
    this.groupEmitted ??= new Map();
  }

  /** Registers per-group state (counted in working_cardinality, dropped on delete-group). */
  protected groups<S>(create: (group: GroupId, message: Message) => S): GroupStates<S> {
    const states = new GroupStates<S>(create, this.ctx.clock);
    this.groupStates.push(states);
    return states;
  }

  /** Drops the state of groups idle since `cutoff` (GroupClock ms). Counted in groups_expired. */
  expireIdle(cutoff: number): void {
    let dropped = 0;
    for (const states of this.groupStates) dropped += states.expire(cutoff);
    if (dropped > 0) this.counters.groups_expired = (this.counters.groups_expired ?? 0) + dropped;
  }

  /**
   * Called before statistics are read: nodes whose counters live elsewhere (an OutputQueue)
   * copy them into `this.counters` here.
   */
  refreshCounters(): void {}

  /**
   * Resolves once everything this node queued for sending (writes, posts, alert events) has
   * been sent or has failed. Nodes with output queues override it; a replay awaits every node's.
   */
  async drain(): Promise<void> {}

  /** Number of groups the node keeps state for. */
  cardinality(): number {
    let max = 0;
    for (const states of this.groupStates) if (states.size > max) max = states.size;
    return max;
  }

  /** Kapacitor's avg_exec_time_ns: the largest moving average of sampled timings so far. */
  avgExecTimeNs(): number {
    return this.execTimer.maxAverageNs;
  }

  /** Starts timers / connections. Called once the whole task graph is wired. */
  open(): void {}

  /** Stops timers and flushes what can be flushed. */
  close(): void {}
}

export interface GroupEmitted {
  emitted: number;
  tags: Readonly<Record<string, string>>;
  dimensions: Dimensions;
}

export type NodeFactory = (spec: PipelineNode, ctx: TaskContext) => EngineNode;
