// window(): buffers each group's points and emits them as batches, by time (period, every,
// align, fillPeriod; every 0 emits on every point) or by count (periodCount, everyCount).
// A barrier closes a time window as a point of its time would (without being added); time
// windows consume barriers, count windows pass them on. The buffer keeps arrival order and is
// purged from the front as Kapacitor's windowTimeBuffer is, so a late point can ride along.

import { durationNs, hasProperty, intValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { groupTags, type BarrierMessage, type BatchPoint, type GroupId, type Message, type PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';
import { PointBuffer } from '../point-buffer.js';
import { truncateTime } from '../time-ops.js';

/** A group's window: its own point buffer (one object per group, not two), and when it emits. */
class Window extends PointBuffer {
  /** count windows */
  count = 0;

  constructor(
    readonly name: string,
    readonly tags: Readonly<Record<string, string>>,
    public nextEmit: bigint,
    public nextCount: number,
  ) {
    super();
  }
}

/**
 * Kapacitor's windowTimeBuffer.purge: drops buffered points from the oldest arrival on until
 * the first one still in the window; a late point behind it stays (it is not a filter).
 */
function purge(points: PointBuffer, oldest: bigint, inclusive: boolean): void {
  let start = 0;
  const length = points.length;
  while (start < length && (inclusive ? points.timeAt(start) < oldest : points.timeAt(start) <= oldest)) start++;
  points.dropFirst(start);
}

export class WindowNode extends EngineNode {
  private readonly period: bigint;
  private readonly every: bigint;
  private readonly align: boolean;
  private readonly fillPeriod: boolean;
  private readonly periodCount: number;
  private readonly everyCount: number;
  private readonly windows: GroupStates<Window>;
  /** The float-field layout last buffered, shared by the windows whose points have it. */
  private layout: readonly string[] | undefined;
  /** The emission time last set: windows of many groups due at the same time share one bigint. */
  private dueTime = 0n;

  constructor(spec: PipelineNode, ctx: TaskContext) {
    super(spec, ctx);
    this.period = durationNs(spec, 'period');
    this.every = durationNs(spec, 'every');
    this.align = hasProperty(spec, 'align');
    this.fillPeriod = hasProperty(spec, 'fillPeriod');
    this.periodCount = Number(intValue(spec, 'periodCount'));
    this.everyCount = Number(intValue(spec, 'everyCount'));
    if (this.periodCount !== 0 && this.period !== 0n) throw new Error('cannot specify both period and periodCount');
    if (this.periodCount !== 0 && this.align) throw new Error('can only align windows based off time, not count');
    if (this.periodCount !== 0 && this.everyCount <= 0) throw new Error('everyCount must be greater than zero');
    if (this.periodCount === 0 && this.period === 0n) {
      throw new Error('window node must have either a non zero period or non zero period count');
    }
    this.windows = this.groups((group, message) => this.newWindow(group, message));
  }

  private newWindow(_group: GroupId, message: Message): Window {
    const p = message as PointMessage;
    const tags = groupTags(p.tags, p.dimensions);
    let nextEmit = 0n;
    if (this.periodCount === 0) {
      if (this.fillPeriod) {
        nextEmit = p.time + this.period;
        if (this.align && this.every > 0n) {
          const first = nextEmit;
          nextEmit = truncateTime(nextEmit, this.every);
          if (nextEmit <= first) nextEmit += this.every;
        }
      } else {
        nextEmit = p.time + this.every;
        if (this.align && this.every > 0n) nextEmit = truncateTime(nextEmit, this.every);
      }
    }
    return new Window(p.name, tags, this.shareDue(nextEmit), this.fillPeriod ? this.periodCount : this.everyCount);
  }

  /** A time window's next emission after `time` (every > 0), shared between groups. */
  private dueAfter(time: bigint): bigint {
    const due = time + this.every;
    return this.shareDue(this.align ? truncateTime(due, this.every) : due);
  }

  private shareDue(time: bigint): bigint {
    if (time !== this.dueTime) this.dueTime = time;
    return this.dueTime;
  }

  protected override point(p: PointMessage): void {
    const w = this.windows.get(p);
    if (this.periodCount > 0) this.countPoint(w, p);
    else if (this.every === 0n) this.everyPoint(w, p);
    else this.timePoint(w, p);
  }

  /** Buffers a point, sharing the node's float-field layout between windows. */
  private add(w: Window, p: PointMessage): void {
    w.push(p.time, p.fields, p.tags, this.layout);
    const layout = w.layout;
    if (layout !== undefined) this.layout = layout;
  }

  private timePoint(w: Window, p: PointMessage): void {
    if (p.time >= w.nextEmit) {
      const tmax = w.nextEmit;
      purge(w, tmax - this.period, true);
      const points = w.points();
      w.nextEmit = this.dueAfter(p.time);
      // The next emission purges from the next window's start: doing it now as well gives the
      // same result (the purge stops at the first point kept) and keeps one period buffered.
      purge(w, w.nextEmit - this.period, true);
      this.add(w, p);
      this.emitBatch(w, p, tmax, points);
      return;
    }
    this.add(w, p);
  }

  private everyPoint(w: Window, p: PointMessage): void {
    this.add(w, p);
    if (p.time >= w.nextEmit) {
      purge(w, p.time - this.period, false);
      w.nextEmit = p.time;
      this.emitBatch(w, p, p.time, w.points());
    }
  }

  private countPoint(w: Window, p: PointMessage): void {
    this.add(w, p);
    if (w.length > this.periodCount) w.dropFirst(1);
    w.count++;
    if (w.count === w.nextCount) {
      w.nextCount += this.everyCount;
      const points = w.points();
      this.emitBatch(w, p, points[points.length - 1]!.time, points);
    }
  }

  protected override barrier(b: BarrierMessage): void {
    if (this.periodCount > 0) {
      this.emit(b);
      return;
    }
    const w = this.windows.peek(b.group);
    if (w === undefined || b.time < w.nextEmit) return;
    if (this.every === 0n) {
      purge(w, b.time - this.period, false);
      w.nextEmit = b.time;
      this.emitBatch(w, b, b.time, w.points());
      return;
    }
    purge(w, w.nextEmit - this.period, true);
    const tmax = w.nextEmit;
    w.nextEmit = this.dueAfter(b.time);
    this.emitBatch(w, b, tmax, w.points());
  }

  private emitBatch(w: Window, p: PointMessage | BarrierMessage, tmax: bigint, points: BatchPoint[]): void {
    this.emit({ type: 'batch', name: w.name, tags: w.tags, tmax, points, group: p.group, dimensions: p.dimensions });
  }
}
