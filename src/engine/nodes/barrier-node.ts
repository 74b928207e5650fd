// barrier(): emits barrier messages per group on the wall clock: after a group has been idle
// for .idle, or every .period; with .delete(TRUE) the group is then deleted downstream
// (a delete-group message follows). Barrier times are data times: the group's last point time
// plus the idle time or period.

import { durationNs, propertyValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import type { BatchMessage, DeleteGroupMessage, Dimensions, GroupId, PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';

interface GroupClock {
  group: GroupId;
  tags: Readonly<Record<string, string>>;
  dimensions: Dimensions;
  lastTime: bigint;
  lastSeen: number;
  lastBarrier: number;
}

export class BarrierNode extends EngineNode {
  private readonly idleMs: number;
  private readonly periodMs: number;
  private readonly idle: bigint;
  private readonly period: bigint;
  private readonly deleteGroups: boolean;
  private readonly clocks: GroupStates<GroupClock>;
  private timer: NodeJS.Timeout | undefined;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.idle = durationNs(spec, 'idle');
    this.period = durationNs(spec, 'period');
    if (this.idle > 0n && this.period > 0n) throw new Error('cannot specify both idle and period');
    if (this.idle === 0n && this.period === 0n) throw new Error('either idle or period must be set');
    this.idleMs = Number(this.idle / 1_000_000n);
    this.periodMs = Number(this.period / 1_000_000n);
    this.deleteGroups = propertyValue(spec, 'delete') === true;
    this.clocks = this.groups((group, message) => {
      const m = message as PointMessage | BatchMessage;
      const tags = m.type === 'point'
        ? Object.fromEntries(m.dimensions.tagNames.map((t) => [t, m.tags[t] ?? '']))
        : m.tags;
      return { group, tags, dimensions: m.dimensions, lastTime: 0n, lastSeen: Date.now(), lastBarrier: Date.now() };
    });
  }

  protected override point(p: PointMessage): void {
    const clock = this.clocks.get(p);
    clock.lastTime = p.time;
    clock.lastSeen = Date.now();
    this.emit(p);
  }

  protected override batch(b: BatchMessage): void {
    const clock = this.clocks.get(b);
    clock.lastTime = b.tmax;
    clock.lastSeen = Date.now();
    this.emit(b);
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
    const due: GroupClock[] = [];
    for (const [, clock] of this.clocks.entries()) {
      if (this.idleMs > 0 ? now - clock.lastSeen >= this.idleMs && clock.lastBarrier < clock.lastSeen + this.idleMs
        : now - clock.lastBarrier >= this.periodMs) due.push(clock);
    }
    for (const clock of due) {
      clock.lastBarrier = now;
      try {
        this.emit({
          type: 'barrier', time: clock.lastTime + (this.idle > 0n ? this.idle : this.period),
          tags: clock.tags, group: clock.group, dimensions: clock.dimensions,
        });
        if (this.deleteGroups) {
          this.clocks.delete(clock.group);
          const message: DeleteGroupMessage = { type: 'deleteGroup', tags: clock.tags, group: clock.group, dimensions: clock.dimensions };
          this.emit(message);
        }
      } catch (error) {
        this.error(error);
      }
    }
  }
}
