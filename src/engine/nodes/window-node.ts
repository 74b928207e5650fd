// window(): buffers each group's points and emits them as batches, by time (period, every,
// align, fillPeriod; every 0 emits on every point) or by count (periodCount, everyCount).
// A barrier closes a time window as a point of its time would (without being added); time
// windows consume barriers, count windows pass them on.

import { durationNs, hasProperty, intValue } from '../../pipeline/properties.js';
import type { PipelineNode } from '../../pipeline/types.js';
import { groupTags, type BarrierMessage, type BatchPoint, type GroupId, type Message, type PointMessage } from '../messages.js';
import { EngineNode, type GroupStates, type TaskContext } from '../node.js';
import { truncateTime } from '../time-ops.js';

interface Window {
  name: string;
  tags: Readonly<Record<string, string>>;
  points: BatchPoint[];
  nextEmit: bigint;
  /** count windows */
  count: number;
  nextCount: number;
}

function batchPoint(p: PointMessage): BatchPoint {
  return { time: p.time, fields: p.fields, tags: p.tags };
}

export class WindowNode extends EngineNode {
  private readonly period: bigint;
  private readonly every: bigint;
  private readonly align: boolean;
  private readonly fillPeriod: boolean;
  private readonly periodCount: number;
  private readonly everyCount: number;
  private readonly windows: GroupStates<Window>;

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
    return {
      name: p.name, tags, points: [], nextEmit, count: 0,
      nextCount: this.fillPeriod ? this.periodCount : this.everyCount,
    };
  }

  protected override point(p: PointMessage): void {
    const w = this.windows.get(p);
    if (this.periodCount > 0) this.countPoint(w, p);
    else if (this.every === 0n) this.everyPoint(w, p);
    else this.timePoint(w, p);
  }

  private timePoint(w: Window, p: PointMessage): void {
    if (p.time >= w.nextEmit) {
      const tmax = w.nextEmit;
      const oldest = tmax - this.period;
      w.nextEmit = p.time + this.every;
      if (this.align) w.nextEmit = truncateTime(w.nextEmit, this.every);
      // Points older than the next window's start are never emitted again: drop them now
      // (a tumbling window then keeps one period of points, not two).
      const nextOldest = w.nextEmit - this.period;
      const buffered = w.points;
      const points: BatchPoint[] = [];
      const kept: BatchPoint[] = [];
      for (let i = 0; i < buffered.length; i++) {
        const q = buffered[i]!;
        if (q.time >= oldest) points.push(q);
        if (q.time >= nextOldest) kept.push(q);
      }
      kept.push(batchPoint(p));
      w.points = kept;
      this.emitBatch(w, p, tmax, points);
      return;
    }
    w.points.push(batchPoint(p));
  }

  private everyPoint(w: Window, p: PointMessage): void {
    w.points.push(batchPoint(p));
    if (p.time >= w.nextEmit) {
      const oldest = p.time - this.period;
      let start = 0;
      while (start < w.points.length && w.points[start]!.time <= oldest) start++;
      if (start > 0) w.points = w.points.slice(start);
      w.nextEmit = p.time;
      this.emitBatch(w, p, p.time, w.points.slice());
    }
  }

  private countPoint(w: Window, p: PointMessage): void {
    w.points.push(batchPoint(p));
    if (w.points.length > this.periodCount) w.points.shift();
    w.count++;
    if (w.count === w.nextCount) {
      w.nextCount += this.everyCount;
      const points = w.points.slice();
      this.emitBatch(w, p, points[points.length - 1]!.time, points);
    }
  }

  protected override barrier(b: BarrierMessage): void {
    if (this.periodCount > 0) { this.emit(b); return; }
    const w = this.windows.peek(b.group);
    if (w === undefined || b.time < w.nextEmit) return;
    if (this.every === 0n) {
      const oldest = b.time - this.period;
      w.points = w.points.filter((q) => q.time > oldest);
      w.nextEmit = b.time;
      this.emitBatch(w, b, b.time, w.points.slice());
      return;
    }
    const oldest = w.nextEmit - this.period;
    w.points = w.points.filter((q) => q.time >= oldest);
    const tmax = w.nextEmit;
    w.nextEmit = b.time + this.every;
    if (this.align) w.nextEmit = truncateTime(w.nextEmit, this.every);
    this.emitBatch(w, b, tmax, w.points.slice());
  }

  private emitBatch(w: Window, p: PointMessage | BarrierMessage, tmax: bigint, points: BatchPoint[]): void {
    this.emit({ type: 'batch', name: w.name, tags: w.tags, tmax, points, group: p.group, dimensions: p.dimensions });
  }
}
