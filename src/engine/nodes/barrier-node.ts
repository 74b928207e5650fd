// barrier(): emits barrier messages per group on the wall clock (Kapacitor barrier.go).
//   .idle(d): once a group has received nothing for d, a barrier at the group's last point
//     time plus d; while the group stays idle, another every d, each d later in data time.
//   .period(d): every d of wall clock from the group's first message, a barrier at the wall
//     clock time.
// Points (and batch points) older than the group's last barrier are dropped. With
// .delete(TRUE) each barrier is followed by a delete-group message and the group's barrier
// stops (a later point starts a new one).

import { nowNs } from '../../models/time.js';
import { durationNs, propertyValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { BarrierMessage, BatchMessage, DeleteGroupMessage, Dimensions, GroupId, PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';

/** Go's zero time: no barrier yet, so nothing is too old. */
const NO_BARRIER = -(2n ** 63n);

interface GroupBarrier {
  group: GroupId;
  tags: Readonly<Record<string, string>>;
  dimensions: Dimensions;
  /** idle: the time the next barrier builds on (last point time, then each barrier's). */
  lastPointT: bigint;
  /** Time of the last barrier (emitted or passed through). */
  lastBarrierT: bigint;
  /** Wall clock (ms) when the group's timer fires next. */
  dueMs: number;
}

export class BarrierNode extends EngineNode {
  private readonly idleMs: number;
  private readonly periodMs: number;
  private readonly idle: bigint;
  private readonly deleteGroups: boolean;
  private readonly barriers: GroupStates<GroupBarrier>;
  private timer: NodeJS.Timeout | undefined;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.idle = durationNs(spec, 'idle');
    const period = durationNs(spec, 'period');
    if (this.idle > 0n && period > 0n) throw new Error('cannot specify both idle and period');
    if (this.idle <= 0n && period <= 0n) throw new Error('unreachable code, barrier node should have positive idle or positive period');
    this.idleMs = Number(this.idle / 1_000_000n);
    this.periodMs = Number(period / 1_000_000n);
    this.deleteGroups = propertyValue(spec, 'delete') === true;
    this.barriers = this.groups((group, message) => {
      const m = message as PointMessage | BatchMessage;
      const tags = m.type === 'point' ? Object.fromEntries(m.dimensions.tagNames.map((t) => [t, m.tags[t] ?? ''])) : m.tags;
      const now = Date.now();
      return {
        group,
        tags,
        dimensions: m.dimensions,
        lastPointT: nowNs(),
        lastBarrierT: NO_BARRIER,
        dueMs: now + (this.idleMs > 0 ? this.idleMs : this.periodMs),
      };
    });
  }

  /** Accepts a point time unless older than the last barrier; idle barriers restart their timer. */
  private accept(state: GroupBarrier, time: bigint): boolean {
    if (time < state.lastBarrierT) return false;
    if (this.idleMs > 0) {
      state.lastPointT = time;
      state.dueMs = Date.now() + this.idleMs;
    }
    return true;
  }

  protected override point(p: PointMessage): void {
    if (this.accept(this.barriers.get(p), p.time)) this.emit(p);
  }

  protected override batch(b: BatchMessage): void {
    const state = this.barriers.get(b);
    const points = b.points.filter((p) => this.accept(state, p.time));
    this.emit(points.length === b.points.length ? b : { ...b, points });
  }

  protected override barrier(m: BarrierMessage): void {
    const state = this.barriers.peek(m.group);
    if (state !== undefined) {
      if (m.time < state.lastBarrierT) return;
      if (this.idleMs > 0) {
        state.lastPointT = m.time;
        state.lastBarrierT = m.time;
        state.dueMs = Date.now() + this.idleMs;
      }
    }
    this.emit(m);
  }

  override open(): void {
    const every = Math.max(10, Math.min(this.idleMs || this.periodMs, 1000) / 4);
    this.timer = setInterval(() => this.tick(), every);
    this.timer.unref();
  }

  override close(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  private tick(): void {
    const now = Date.now();
    const due: GroupBarrier[] = [];
    for (const [, state] of this.barriers.entries()) if (now >= state.dueMs) due.push(state);
    for (const state of due) {
      let time: bigint;
      if (this.idleMs > 0) {
        // barrier.go idleBarrier.emitBarrier
        time = state.lastPointT + this.idle;
        state.lastPointT = time;
        state.dueMs = now + this.idleMs;
      } else {
        // barrier.go periodicBarrier.emitBarrier: the wall clock
        time = nowNs();
        state.dueMs += this.periodMs;
        if (state.dueMs <= now) state.dueMs = now + this.periodMs;
      }
      state.lastBarrierT = time;
      try {
        this.emit({ type: 'barrier', time, tags: state.tags, group: state.group, dimensions: state.dimensions });
        if (this.deleteGroups) {
          this.barriers.delete(state.group);
          const message: DeleteGroupMessage = { type: 'deleteGroup', tags: state.tags, group: state.group, dimensions: state.dimensions };
          this.emit(message);
        }
      } catch (error) {
        this.error(error);
      }
    }
  }
}
